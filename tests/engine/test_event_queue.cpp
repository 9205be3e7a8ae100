#include <catch2/catch.hpp>

#include <cmath>

#include "sim/engine/event_queue.hpp"

using namespace iasim::engine;

TEST_CASE("events leave in (time, priority, sequence) order", "[engine][queue]") {
  EventQueue<int> q;
  std::uint64_t seq = 0;
  q.push({2.0, make_order(0, seq++), 1});
  q.push({1.0, make_order(1, seq++), 2});  // same time as the next, lower priority -> after it
  q.push({1.0, make_order(0, seq++), 3});
  q.push({1.0, make_order(0, seq++), 4});  // same time and priority as 3 -> after it (sequence)
  q.push({0.5, make_order(9, seq++), 5});
  std::vector<int> out;
  while (!q.empty()) out.push_back(q.pop().payload);
  CHECK(out == std::vector<int>{5, 3, 4, 2, 1});
}

TEST_CASE("pending events are small", "[engine][queue]") {
  // time (8) + order (8) + a 4-byte payload, padded: 24 bytes. A regression here multiplies memory.
  CHECK(sizeof(Event<std::uint32_t>) == 24);
}

TEST_CASE("interleaved pushes and pops always give the earliest pending event", "[engine][queue]") {
  // Against a sorted reference: many ties in time (a weekly model schedules on whole days), so the
  // (priority, sequence) tie-break is exercised at every heap depth. With buckets, events further ahead than
  // the current bucket wait outside the heap; some are so far ahead (beyond 2^16 buckets) that they go into it.
  const double width = GENERATE(0.0, 1.0, 7.0, 0.3);
  CAPTURE(width);
  EventQueue<std::uint32_t> q(width);
  std::vector<std::pair<double, std::uint64_t>> reference;
  std::uint64_t seq = 0, state = 12345;
  const auto next = [&state] { return state = state * 6364136223846793005ULL + 1442695040888963407ULL; };
  double now = 0;
  std::size_t popped = 0;
  for (int step = 0; step < 200000; ++step) {
    if (reference.empty() || next() % 100 < 55) {
      const auto draw = next() >> 33;
      const double t = draw % 1000 == 0 ? now + 1e5 + static_cast<double>(draw % 7)  // rare, far ahead
                                        : now + static_cast<double>(draw % 64);
      const auto order = make_order(static_cast<Priority>((next() >> 40) % 3), seq++);
      q.push({t, order, static_cast<std::uint32_t>(order)});
      reference.emplace_back(t, order);
      std::push_heap(reference.begin(), reference.end(), std::greater<>{});
    } else {
      std::pop_heap(reference.begin(), reference.end(), std::greater<>{});
      const auto expected = reference.back();
      reference.pop_back();
      const auto e = q.pop();
      REQUIRE(e.time == expected.first);
      REQUIRE(e.order == expected.second);
      now = e.time;
      ++popped;
    }
    REQUIRE(q.size() == reference.size());
  }
  CHECK(popped > 80000);
}

TEST_CASE("a bucketed queue keeps only the current bucket's events ready (sorted or in its heap)", "[engine][queue]") {
  // The point of the buckets: timers a year ahead do not enter the heap until their week comes.
  EventQueue<int> q(7.0);
  std::uint64_t seq = 0;
  q.push({0.0, make_order(0, seq++), 0});
  for (int k = 1; k <= 1000; ++k) q.push({365.0 + k * 0.01, make_order(0, seq++), k});
  CHECK(q.size() == 1001);
  CHECK(q.ready_size() == 1);
  CHECK(q.next_time() == 0.0);
  CHECK(q.pop().payload == 0);  // the heap is empty now: the next bucket with events joins it
  CHECK(q.size() == 1000);
  std::size_t in_first_week = 0;  // of those ahead, the events of bucket floor(t / 7) = 52
  for (int k = 1; k <= 1000; ++k) in_first_week += std::floor((365.0 + k * 0.01) / 7.0) == 52.0;
  CHECK(in_first_week > 100);
  CHECK(q.ready_size() == in_first_week);
  CHECK(q.next_time() == Approx(365.01));
  int expected = 1;
  while (!q.empty()) CHECK(q.pop().payload == expected++);
  CHECK(expected == 1001);
  // Empty again: a new event starts the buckets afresh, even in the past of the last bucket.
  q.push({10.0, make_order(0, seq++), 7});
  CHECK(q.next_time() == 10.0);
}

TEST_CASE("upcoming(k) shows the event k places after the front of the current bucket's sorted events", "[engine][queue]") {
  // What a model is shown to ask memory for ahead (Engine::prefetch_events_ahead): with no event pushed into
  // the current bucket since it came up, the k-th upcoming event is the one popped k pops later.
  EventQueue<int> q(7.0);
  std::uint64_t seq = 0;
  q.push({0.0, make_order(0, seq++), -1});
  for (int k = 0; k < 50; ++k) q.push({7.0 + ((k * 37) % 50) * 0.1, make_order(0, seq++), (k * 37) % 50});
  CHECK(q.upcoming(0) == nullptr);  // the first bucket's event is in the heap, not a sorted run
  CHECK(q.pop().payload == -1);     // the next bucket comes up, sorted
  for (int popped = 0; popped < 50; ++popped) {
    const auto* ahead = q.upcoming(8);
    if (popped + 8 < 50) {
      REQUIRE(ahead != nullptr);
      CHECK(ahead->payload == popped + 8);
    } else {
      CHECK(ahead == nullptr);
    }
    CHECK(q.pop().payload == popped);
  }
  CHECK(q.empty());
}
