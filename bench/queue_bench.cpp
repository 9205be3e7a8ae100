// Google Benchmark micro-benchmarks of the pending-event queue: the hold model (pop the earliest event,
// push one a random delay later) at the queue sizes the model and PHOLD run with, and bulk fill/drain.
#include <benchmark/benchmark.h>

#include <cstdint>

#include "sim/engine/event_queue.hpp"
#include "sim/engine/random.hpp"

using namespace iasim::engine;

namespace {

struct Payload {
  std::uint32_t target;
};

// The classic "hold" operation: the queue keeps its size, as in a running simulation. Delays are exponential
// with the mean given; `width` is the queue's bucket width (0 = one heap).
void hold(benchmark::State& state, double mean_delay, double width) {
  const auto n = static_cast<std::size_t>(state.range(0));
  EventQueue<Payload> q(width);
  Stream s({1, 0}, 0, 0, 0);
  std::uint64_t seq = 0;
  for (std::size_t i = 0; i < n; ++i) q.push({exponential(s, mean_delay), make_order(0, seq++), {0}});
  for (auto _ : state) {
    auto e = q.pop();
    e.time += exponential(s, mean_delay);
    e.order = make_order(0, seq++);
    q.push(e);
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["bytes_per_event"] = sizeof(Event<Payload>);
  state.counters["in_heap"] = static_cast<double>(q.ready_size());
}
void BM_Hold(benchmark::State& state) { hold(state, 1.0, 0.0); }
BENCHMARK(BM_Hold)->Arg(16)->Arg(1024)->Arg(16 * 1024)->Arg(256 * 1024);

// The model's mix: timers a year ahead on average, with and without week buckets (second argument: the bucket
// width in days). The buckets keep the heap to the coming week.
void BM_HoldTimers(benchmark::State& state) { hold(state, 365.0, static_cast<double>(state.range(1))); }
BENCHMARK(BM_HoldTimers)->Args({16 * 1024, 0})->Args({16 * 1024, 7})->Args({256 * 1024, 0})->Args({256 * 1024, 7});

// Fill with n events, then drain: the cost of a burst, such as a county's initial timers.
void BM_FillDrain(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  Stream s({2, 0}, 0, 0, 0);
  for (auto _ : state) {
    EventQueue<Payload> q;
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < n; ++i) q.push({uniform01(s) * 1000.0, make_order(0, seq++), {0}});
    double last = 0;
    while (!q.empty()) last = q.pop().time;
    benchmark::DoNotOptimize(last);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(n));
}
BENCHMARK(BM_FillDrain)->Arg(1024)->Arg(64 * 1024);

}  // namespace

BENCHMARK_MAIN();
