#pragma once
// Private to sim/output: libhdf5 1.10 (Debian 12's) trusts much of a file's metadata, and damaged bytes in it can
// crash the library itself: freeing a wild pointer while iterating a group's links (H5G__dense_iterate, found by
// tests/fuzz/fuzz_reader within seconds), following a wild global heap index (H5HG_read). Checks in iasim
// cannot reach every such structure, so before the reader trusts libhdf5 with a file, a separate process
// (reader_probe.hpp: the program itself, started afresh) asks libhdf5 to read every object the reader will read. The child runs libhdf5 and nothing else of iasim's reader
// but the heap reference check (no parsing, no output), so a crash there is the library's on this file, and
// the reader reports the file as damaged (exit 2). A crash in iasim's own reader code happens in the reader itself and is
// a crash, never a report of damage.
#include <filesystem>
#include <optional>
#include <string>

namespace iasim::output::detail {

// nullopt when libhdf5 read every object of `path` (opening, links, object headers, dimension scales,
// attributes, numeric data) in the probe process without dying (or when no probe executable is set); otherwise how the child died ("SIGSEGV", "did
// not finish within 5 s", 5 s + 1 s per MB). Errors libhdf5 reports are not its business: the reader meets and reports them.
// Variable-length strings whose heap references fail the reader's own check (heap_check.hpp) are not followed:
// the reader then reports that check's finding.
// The probe's exit status for a file whose links, indexed by creation order, cannot be listed that way.
inline constexpr int probe_unlistable = 3;

std::optional<std::string> probe_in_child(const std::filesystem::path& path);

// What the probe process runs (reader_probe_main): every object of `path`, then _exit(0).
[[noreturn]] void probe(const char* path);

}  // namespace iasim::output::detail
