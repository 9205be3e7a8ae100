#pragma once
// The pending-event set of one partition: a 4-ary min-heap on (time, priority, sequence).
// The sequence number makes every key unique, so equal-time events leave in one fixed order on every run,
// whatever the heap's shape. Four children per node make the heap half as deep as a binary one, with
// siblings side by side in memory: PHOLD runs 16% faster on one thread than on std::push_heap/pop_heap (docs/engine.md).
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
    // Sift up from a hole at the end: parents later than `e` move down one level.
    std::size_t i = heap_.size();
    heap_.push_back(e);
    while (i > 0) {
      const std::size_t parent = (i - 1) / arity;
      if (!later(heap_[parent], e)) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  value_type pop() {
    assert(!heap_.empty());
    const value_type top = heap_.front();
    const value_type last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return top;
    // Sift the last event down from a hole at the root: the earliest child moves up one level.
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * arity + 1;
      if (first >= n) break;
      std::size_t earliest = first;
      for (std::size_t c = first + 1; c < std::min(first + arity, n); ++c)
        if (later(heap_[earliest], heap_[c])) earliest = c;
      if (!later(last, heap_[earliest])) break;
      heap_[i] = heap_[earliest];
      i = earliest;
    }
    heap_[i] = last;
    return top;
  }
  void reserve(std::size_t n) { heap_.reserve(n); }
  std::size_t capacity_bytes() const { return heap_.capacity() * sizeof(value_type); }

 private:
  static constexpr std::size_t arity = 4;
  static bool later(const value_type& a, const value_type& b) {
    if (a.time != b.time) return a.time > b.time;
    return a.order > b.order;
  }
  std::vector<value_type> heap_;
};

}  // namespace iasim::engine
