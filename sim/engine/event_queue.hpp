#pragma once
// The pending-event set of one partition: a binary min-heap on (time, priority, sequence).
// The sequence number makes every key unique, so equal-time events leave in one fixed order on every run.
#include <algorithm>
#include <cassert>
#include <cstdint>
#include <vector>

#include "sim/engine/time.hpp"

namespace iasim::engine {

// Lower priority values run first among events at the same time.
using Priority = std::uint8_t;

// Priority in the top 8 bits, sequence number in the low 56: one integer compare breaks time ties.
inline constexpr int sequence_bits = 56;
inline constexpr std::uint64_t max_sequence = (std::uint64_t{1} << sequence_bits) - 1;

inline std::uint64_t make_order(Priority priority, std::uint64_t sequence) {
  return (std::uint64_t{priority} << sequence_bits) | sequence;
}

template <class Payload>
struct Event {
  Time time;
  std::uint64_t order;  // make_order(priority, sequence)
  Payload payload;

  Priority priority() const { return static_cast<Priority>(order >> sequence_bits); }
};

template <class Payload>
class EventQueue {
 public:
  using value_type = Event<Payload>;

  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const value_type& top() const {
    assert(!heap_.empty());
    return heap_.front();
  }
  // Time of the earliest event; +infinity semantics are left to the caller (check empty() first).
  Time next_time() const { return top().time; }

  void push(const value_type& e) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  value_type pop() {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    value_type e = heap_.back();
    heap_.pop_back();
    return e;
  }
  void reserve(std::size_t n) { heap_.reserve(n); }
  std::size_t capacity_bytes() const { return heap_.capacity() * sizeof(value_type); }

 private:
  // std heap functions build a max-heap; "later" as the less-than makes the earliest event the top.
  static bool later(const value_type& a, const value_type& b) {
    if (a.time != b.time) return a.time > b.time;
    return a.order > b.order;
  }
  std::vector<value_type> heap_;
};

}  // namespace iasim::engine
