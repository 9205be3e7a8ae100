// A deliberate data race for the ThreadSanitizer step of scripts/test, which must see TSan report it.
// It proves that tests/tsan.supp and the fork-join edges of sim/engine/tsan.hpp hide only TBB's internals:
// here two partitions of the parallel engine write one counter without synchronisation, the mistake the TSan
// step exists to catch in a model. Built only with IASIM_TSAN; not a CTest test.
//
// TSan sees a race only when two threads touch the counter with no happens-before between them. If one thread
// happened to run every partition of every window (a busy host, a worker slow to wake), there would be none to
// see: CI once missed it so. So the first tick of each partition waits, for up to two seconds, until a second
// partition has started on another thread. The rendezvous uses relaxed atomics, which TSan does not count as
// synchronisation, and the writes after it race for certain.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <tbb/task_arena.h>

#include "sim/engine/engine.hpp"

namespace {

struct Tick {
  int n = 0;
};
std::string describe(const Tick&) { return "tick"; }

struct Racy {
  using Payload = Tick;
  long shared_counter = 0;  // every partition writes it: the race
  std::atomic<int> started{0};
  void handle(iasim::engine::Context<Tick>& ctx, const Tick& t) {
    if (t.n == 0) wait_for_a_second_thread();
    ++shared_counter;
    if (t.n < 200) ctx.schedule(ctx.now() + 0.5, Tick{t.n + 1});
  }
  // Two partitions' first ticks are then running at once, on two threads.
  void wait_for_a_second_thread() {
    thread_local bool waited = false;
    if (waited) return;
    waited = true;
    started.fetch_add(1, std::memory_order_relaxed);
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (started.load(std::memory_order_relaxed) < 2 && std::chrono::steady_clock::now() < give_up)
      std::this_thread::yield();
  }
};

}  // namespace

int main() {
  tbb::task_arena arena(4);
  long total = 0;
  arena.execute([&] {
    Racy model;
    iasim::engine::EngineConfig cfg;
    cfg.partitions = 8;
    cfg.lookahead = 1.0;
    cfg.schedule = iasim::engine::Schedule::parallel;
    iasim::engine::Engine<Racy> eng(model, cfg);
    for (std::uint32_t p = 0; p < cfg.partitions; ++p) eng.context(p).schedule(0.0, Tick{});
    eng.run_until(200.0);
    total = model.shared_counter;
  });
  std::printf("tsan_canary: %ld ticks (if TSan reported nothing above, the TSan step is blind)\n", total);
  return 0;
}
