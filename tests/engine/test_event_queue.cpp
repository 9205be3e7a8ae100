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
