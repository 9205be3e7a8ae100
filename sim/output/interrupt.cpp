#include "sim/output/interrupt.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstring>
#include <iterator>

namespace iasim::output {
namespace {
// A slot is free, being filled (path not yet complete, so the handler must skip it), or holds a path.
enum SlotState : int { free_slot = 0, filling = 1, ready = 2 };

struct Slot {
  std::atomic<int> state{free_slot};
  char path[max_registered_path_bytes] = {};
};
// The handler may only touch lock-free atomics.
static_assert(std::atomic<int>::is_always_lock_free);

// Process-wide by nature: a signal handler has no context to find a registry through.
std::array<Slot, max_registered_temp_files> registry;

void remove_temp_files() {
  for (auto& slot : registry) {
    if (slot.state.load(std::memory_order_acquire) == ready) ::unlink(slot.path);
  }
}

extern "C" void remove_temp_files_and_exit(int signal_number) {
  remove_temp_files();
  ::_exit(128 + signal_number);  // 130 for SIGINT, 143 for SIGTERM: what a shell reports for such a death
}

// The file the thread is reading (a ReadingFile guard's path), for the crash handler, which runs on the
// faulting thread. An executable's own thread_local is a plain offset from the thread pointer: safe to read
// in a handler.
thread_local const char* reading_path = nullptr;

constexpr int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE};
struct sigaction previous_crash_action[std::size(crash_signals)];

void write_stderr(const char* text) {
  const std::size_t n = std::strlen(text);
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, text, n);
}

extern "C" void on_crash(int signal_number) {
  remove_temp_files();
  if (const char* path = reading_path) {
    // A last resort, not a diagnosis: the reader's own checks (checksums, heap references, UTF-8, layout)
    // found nothing, so this is damage they miss or a bug, in libhdf5 or in iasim. Say so, and die as a crash.
    write_stderr("iasim: crashed (");
    write_stderr(signal_number == SIGSEGV ? "SIGSEGV" : signal_number == SIGBUS ? "SIGBUS" : "SIGFPE");
    write_stderr(") while reading '");
    write_stderr(path);
    write_stderr("'. This is a last-resort report, not a diagnosis: iasim's checks found no damage in the file, so "
                 "either it is damaged in a way they miss (libhdf5 1.10 can crash on some damaged bytes) or this is "
                 "a bug in libhdf5 or iasim. Nothing was written. Please report it, with the file.\n");
  }
  // Hand the fault back: the faulting instruction runs again under the previous action (a sanitizer's report,
  // or the default action and its core dump), so the exit status says "crashed", never "bad input".
  for (std::size_t i = 0; i < std::size(crash_signals); ++i)
    if (crash_signals[i] == signal_number) ::sigaction(signal_number, &previous_crash_action[i], nullptr);
}
}  // namespace

void install_crash_handlers() {
  static std::atomic<bool> installed{false};
  if (installed.exchange(true)) return;
  struct sigaction action {};
  action.sa_handler = on_crash;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_NODEFER;  // the handler re-raises by returning into the fault after restoring
  for (std::size_t i = 0; i < std::size(crash_signals); ++i)
    ::sigaction(crash_signals[i], &action, &previous_crash_action[i]);
}

ReadingFile::ReadingFile(const char* path) noexcept : previous_(reading_path) { reading_path = path; }
ReadingFile::~ReadingFile() { reading_path = previous_; }

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = remove_temp_files_and_exit;
  sigemptyset(&action.sa_mask);
  // Block the other signal while the handler runs, so a SIGTERM during SIGINT cleanup cannot cut it short.
  sigaddset(&action.sa_mask, SIGINT);
  sigaddset(&action.sa_mask, SIGTERM);
  action.sa_flags = 0;
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

int register_temp_file(const char* path) noexcept {
  const std::size_t length = std::strlen(path);
  if (length + 1 > max_registered_path_bytes) return -1;
  for (std::size_t i = 0; i < registry.size(); ++i) {
    int expected = free_slot;
    if (registry[i].state.compare_exchange_strong(expected, filling, std::memory_order_acq_rel)) {
      std::memcpy(registry[i].path, path, length + 1);
      registry[i].state.store(ready, std::memory_order_release);
      return static_cast<int>(i);
    }
  }
  return -1;
}

void deregister_temp_file(int slot) noexcept {
  if (slot < 0 || static_cast<std::size_t>(slot) >= registry.size()) return;
  registry[static_cast<std::size_t>(slot)].state.store(free_slot, std::memory_order_release);
}
}  // namespace iasim::output
