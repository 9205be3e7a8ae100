#pragma once
// The pending-event set of one partition: a 4-ary min-heap on (time, priority, sequence).
// The sequence number makes every key unique, so equal-time events leave in one fixed order on every run,
// whatever the heap's shape. Four children per node make the heap half as deep as a binary one, with
// siblings side by side in memory: PHOLD runs 16% faster on one thread than on std::push_heap/pop_heap (docs/engine.md).
//
// With a bucket width w > 0, events further ahead than the current bucket of time [k w, (k+1) w) wait unsorted
// in one list per bucket, and join the heap only when their bucket comes up. A model whose people hold timers
// years ahead (a job's end, a move) then keeps a heap of the next few days' events, small enough to stay in
// cache, instead of one of every timer (docs/performance.md). The order in which events leave is the same:
// every event of an earlier bucket is earlier in time, since the bucket floor(t / w) never falls as t grows.
// A bucket that comes up is sorted once and then read from the front; events pushed into the current bucket
// after that (a timer for later this week) go into the heap, and each pop takes the earlier of the two fronts.
// Sorting a week's events costs fewer compares, all in cache, than pushing each into the heap and sifting
// down past it (docs/performance.md).
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <deque>
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

  // `bucket_width` in the engine's time unit; 0 keeps every event in the heap.
  explicit EventQueue(Time bucket_width = 0) : width_(bucket_width) {}

  // Nothing in the current bucket means nothing bucketed either (settle() keeps it so).
  bool empty() const { return heap_.empty() && run_next_ == run_.size(); }
  std::size_t size() const { return heap_.size() + (run_.size() - run_next_) + bucketed_; }
  // Events of the current bucket, sorted or in the heap; the rest wait in later buckets.
  std::size_t ready_size() const { return heap_.size() + (run_.size() - run_next_); }
  const value_type& top() const {
    assert(!empty());
    return from_run() ? run_[run_next_] : heap_.front();
  }
  // Time of the earliest event; +infinity semantics are left to the caller (check empty() first).
  Time next_time() const { return top().time; }
  // The event `k` places after the front of the current bucket's sorted events, if there is one: what is likely
  // to be handled soon, for a model to ask memory for its records ahead (only a hint: the heap's events, pushed
  // since the bucket came up, may come first).
  const value_type* upcoming(std::size_t k) const {
    return run_next_ + k < run_.size() ? &run_[run_next_ + k] : nullptr;
  }

  void push(const value_type& e) {
    if (width_ > 0) {
      if (empty() && bucketed_ == 0) current_ = bucket_of(e.time);
      const double k = bucket_of(e.time) - current_;
      if (k >= 1 && k < max_buckets) {  // further ahead than the current bucket, and not absurdly far
        const auto i = static_cast<std::size_t>(k) - 1;
        if (buckets_.size() <= i) buckets_.resize(i + 1);
        buckets_[i].push_back(e);
        ++bucketed_;
        settle();
        return;
      }
    }
    heap_push(e);
  }
  value_type pop() {
    assert(!empty());
    if (from_run()) {
      const value_type top = run_[run_next_++];
      if (bucketed_ > 0) settle();
      return top;
    }
    const value_type top = heap_.front();
    const value_type last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n > 0) {
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
    }
    if (bucketed_ > 0) settle();
    return top;
  }
  void reserve(std::size_t n) { heap_.reserve(n); }
  std::size_t capacity_bytes() const {
    std::size_t bytes = (heap_.capacity() + run_.capacity()) * sizeof(value_type);
    for (const auto& b : buckets_) bytes += b.capacity() * sizeof(value_type);
    return bytes;
  }

 private:
  static constexpr std::size_t arity = 4;
  static constexpr double max_buckets = 1 << 16;  // beyond: into the heap (far events are few)
  static bool later(const value_type& a, const value_type& b) {
    if (a.time != b.time) return a.time > b.time;
    return a.order > b.order;
  }
  double bucket_of(Time t) const { return std::floor(t / width_); }
  // The sorted run's front is the earliest pending event (the queue must not be empty).
  bool from_run() const {
    return run_next_ < run_.size() && (heap_.empty() || later(heap_.front(), run_[run_next_]));
  }

  void heap_push(const value_type& e) {
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
  // The earliest event of the run and the heap is the queue's while it lies in the current bucket or nothing
  // waits in buckets: otherwise the next bucket comes up, sorted. The run is used up by then (its events are
  // all of the current bucket), and the heap holds at most events beyond the last bucket.
  void settle() {
    while (bucketed_ > 0 && (empty() || bucket_of(top().time) > current_)) {
      assert(run_next_ == run_.size());
      current_ += 1;
      run_ = std::move(buckets_.front());
      run_next_ = 0;
      buckets_.pop_front();
      bucketed_ -= run_.size();
      std::sort(run_.begin(), run_.end(), [](const value_type& a, const value_type& b) { return later(b, a); });
    }
  }

  std::vector<value_type> heap_;
  std::vector<value_type> run_;  // the current bucket's events as it came up, sorted; [run_next_, end) pending
  std::size_t run_next_ = 0;
  Time width_ = 0;
  double current_ = 0;                            // the bucket floor(t / width) the heap is in
  std::deque<std::vector<value_type>> buckets_;  // buckets_[i]: events of bucket current_ + 1 + i
  std::size_t bucketed_ = 0;
};

}  // namespace iasim::engine
