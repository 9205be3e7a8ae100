#include <catch2/catch.hpp>

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
  // (priority, sequence) tie-break is exercised at every heap depth.
  EventQueue<std::uint32_t> q;
  std::vector<std::pair<double, std::uint64_t>> reference;
  std::uint64_t seq = 0, state = 12345;
  const auto next = [&state] { return state = state * 6364136223846793005ULL + 1442695040888963407ULL; };
  double now = 0;
  std::size_t popped = 0;
  for (int step = 0; step < 200000; ++step) {
    if (reference.empty() || next() % 100 < 55) {
      const double t = now + static_cast<double>((next() >> 33) % 64);
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
