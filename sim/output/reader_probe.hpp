#pragma once
// The reader's probe (sim/output/detail/probe.hpp) runs libhdf5 on a file in a separate process first, so that
// a crash of the library on damaged bytes is reported as damage instead of taking the reader down. That process
// is a fresh program, not a fork: a fork of a process whose other threads use libhdf5 (a sweep's tasks) can
// inherit its locks held and hang. The program that reads files names the executable that runs the probe, which
// is itself: iasim's main() calls use_reader_probe(its own path) and answers `iasim __read-probe FILE SECONDS`
// with reader_probe_main. Without use_reader_probe (unit tests), files are read without the probe.
#include <filesystem>

namespace iasim::output {

inline constexpr const char* probe_argument = "__read-probe";

// From now on, every NetcdfReader first runs `executable __read-probe FILE SECONDS`.
void use_reader_probe(const std::filesystem::path& executable);

// The probe itself: reads every object of `path` with libhdf5 and exits 0, or dies trying; gives up (SIGALRM)
// after `seconds`.
[[noreturn]] void reader_probe_main(const char* path, const char* seconds);

}  // namespace iasim::output
