#pragma once
#include <cstddef>

namespace iasim::output {
// SIGINT/SIGTERM safety for files in progress. A fixed-size, lock-free registry of temporary paths; the signal
// handler unlinks every registered path and exits with 128 + signal number (130 for SIGINT, 143 for SIGTERM),
// so an interrupted run leaves neither a partial file nor a damaged target behind. The handler only uses
// async-signal-safe calls (atomic loads, unlink, _exit).

inline constexpr std::size_t max_registered_temp_files = 64;
inline constexpr std::size_t max_registered_path_bytes = 4096;  // including the terminating NUL

// Installs the handlers for SIGINT and SIGTERM. Called once by the CLI before any output is created; calling
// it again is harmless. Libraries never call it (a test runner or embedding program keeps its own handlers).
void install_interrupt_handlers();

// Registers a temporary file to delete on interruption. Returns a slot for deregister_temp_file, or -1 when
// the registry is full or the path too long (the caller then reports an error rather than run unprotected).
int register_temp_file(const char* path) noexcept;

// Forgets a slot returned by register_temp_file (after the file was renamed or deleted). -1 is ignored.
void deregister_temp_file(int slot) noexcept;

// Crash safety. Any SIGSEGV, SIGBUS or SIGFPE deletes the registered temporary files and then dies as before
// (the previous handler, a sanitizer's say, or the default action and its core dump): a crash never exits with
// status 2, the status for bad input. Damaged files are found by the reader's own checks (Fletcher32
// checksums, heap references, UTF-8, layout, and a separate process that reads the file with libhdf5 first;
// detail/probe.hpp), which throw OutputError. If a crash still
// happens while a ReadingFile guard lives on the faulting thread, the handler first names the file and says
// that this is a last-resort report: damage the checks miss, or a bug in libhdf5 or iasim.
void install_crash_handlers();

// Marks the calling thread as reading `path` until destroyed; guards nest (the innermost file is named).
class ReadingFile {
 public:
  explicit ReadingFile(const char* path) noexcept;
  ~ReadingFile();
  ReadingFile(const ReadingFile&) = delete;
  ReadingFile& operator=(const ReadingFile&) = delete;

 private:
  const char* previous_;
};
}  // namespace iasim::output
