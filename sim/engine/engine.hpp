#pragma once
// A conservative, windowed parallel discrete-event engine.
//
// A run is split into logical processes (partitions). Each partition owns a pending-event queue; the
// model owns the partitions' agents. Time advances in windows [T, T + lookahead): inside a window every
// partition processes its own events in (time, priority, sequence) order, independently, so the
// partitions of a window run in parallel on oneTBB. Events for another partition are messages: they must
// lie at least `lookahead` in the future, are buffered, and are delivered at the window boundary in a
// fixed order (by source partition, then by send order), so delivery never depends on thread timing.
//
// The engine knows nothing of the model beyond its Payload type and `handle(Context&, const Payload&)`.
// It is an ordinary object: a sweep worker may hold many at once.
#include <algorithm>
#include <concepts>
#include <cstdint>
#include <limits>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "sim/engine/error.hpp"
#include "sim/engine/event_queue.hpp"
#include "sim/engine/random.hpp"
#include "sim/engine/time.hpp"
#include "sim/engine/tsan.hpp"

namespace iasim::engine {

using PartitionId = std::uint32_t;

// How the partitions of a window are processed. All three give identical results; `serial_shuffled`
// exists to prove it (tests run partitions in a random order each window).
enum class Schedule { parallel, serial, serial_shuffled };

struct EngineConfig {
  std::uint32_t partitions = 1;
  Time lookahead = 1.0;  // days; the smallest delay of a cross-partition message, and the window length
  Time start = 0.0;      // days
  StreamKey streams{};   // seed and replicate for every keyed random stream of this run
  Schedule schedule = Schedule::parallel;
  std::uint64_t shuffle_seed = 0;  // only for Schedule::serial_shuffled
  // Events further ahead than this (days) wait unsorted in buckets of this width until their bucket comes up
  // (event_queue.hpp); 0 keeps every pending event in one heap. The order of events is the same either way.
  Time queue_bucket_width = 0.0;
};

struct EngineStats {
  std::uint64_t events = 0;    // committed (handled) events
  std::uint64_t messages = 0;  // cross-partition messages delivered
  std::uint64_t windows = 0;
};

// A model may say what an event is, for error messages: `std::string describe(const Payload&)` found by
// argument-dependent lookup. Without it errors say "event".
template <class P>
std::string describe_event(const P& p) {
  if constexpr (requires { { describe(p) } -> std::convertible_to<std::string>; }) {
    return describe(p);
  } else {
    return "event";
  }
}

template <class Model>
class Engine;

// The model's view of its own partition while it handles an event: the clock, scheduling, random streams.
template <class Payload>
class alignas(64) Context {
 public:
  Time now() const { return now_; }
  PartitionId self() const { return self_; }
  Time lookahead() const { return lookahead_; }
  const StreamKey& stream_key() const { return key_; }

  // Schedules `payload` on this partition at `when` (>= now). Lower priority runs first among ties.
  void schedule(Time when, const Payload& payload, Priority priority = 0) {
    if (!(when >= now_)) throw_in_past(when, payload);
    queue_.push({when, make_order(priority, next_sequence()), payload});
  }

  // Sends `payload` to partition `to` at `when` (>= now + lookahead); delivered at the window boundary.
  void send(PartitionId to, Time when, const Payload& payload, Priority priority = 0) {
    if (to == self_) return schedule(when, payload, priority);
    if (to >= partitions_) {
      throw EngineError("message " + describe_event(payload) + " sent to partition " + std::to_string(to) +
                        " but the run has only " + std::to_string(partitions_) + " partitions");
    }
    if (!(when >= now_ + lookahead_)) {
      std::ostringstream os;
      os << "message " << describe_event(payload) << " from partition " << self_ << " to " << to << " at t="
         << when << " breaks the lookahead: cross-partition messages must be at least " << lookahead_
         << " days ahead of now (t=" << now_ << ")";
      throw EngineError(os.str());
    }
    outbox_.push_back({to, {when, make_order(priority, 0), payload}});
  }

  // A keyed random stream: see random.hpp.
  Stream stream(std::uint64_t entity, std::uint64_t purpose, std::uint64_t counter) const {
    return Stream(key_, entity, purpose, counter);
  }

  std::size_t pending() const { return queue_.size(); }

 private:
  template <class Model>
  friend class Engine;

  struct Outgoing {
    PartitionId to;
    Event<Payload> event;
  };

  std::uint64_t next_sequence() {
    if (sequence_ == max_sequence) throw EngineError("event sequence numbers exhausted in one partition");
    return sequence_++;
  }

  [[noreturn]] void throw_in_past(Time when, const Payload& payload) const {
    std::ostringstream os;
    os << "event " << describe_event(payload) << " scheduled in the past: at t=" << when
       << " while partition " << self_ << " is at t=" << now_ << " (schedule at now or later)";
    throw EngineError(os.str());
  }

  EventQueue<Payload> queue_;
  std::vector<Outgoing> outbox_;
  Time now_ = 0.0;
  Time lookahead_ = 1.0;
  std::uint64_t sequence_ = 0;
  std::uint64_t events_ = 0;
  StreamKey key_{};
  PartitionId self_ = 0;
  PartitionId partitions_ = 1;
};

template <class Model>
concept EngineModel = requires(Model& m, Context<typename Model::Payload>& ctx, const typename Model::Payload& p) {
  m.handle(ctx, p);
};

template <class Model>
class Engine {
 public:
  using Payload = typename Model::Payload;
  static_assert(EngineModel<Model>, "a model provides `using Payload` and `handle(Context<Payload>&, const Payload&)`");

  Engine(Model& model, const EngineConfig& config) : model_(model), config_(config), now_(config.start) {
    if (config.partitions == 0) throw EngineError("an engine needs at least one partition");
    if (!(config.lookahead > 0.0)) throw EngineError("lookahead must be positive (days)");
    contexts_ = std::vector<Context<Payload>>(config.partitions);
    for (PartitionId p = 0; p < config.partitions; ++p) {
      auto& c = contexts_[p];
      c.self_ = p;
      c.partitions_ = config.partitions;
      c.lookahead_ = config.lookahead;
      c.key_ = config.streams;
      c.now_ = config.start;
      c.queue_ = EventQueue<Payload>(config.queue_bucket_width);
    }
  }

  // The context of partition p, for scheduling initial events before (or between) run_until calls.
  Context<Payload>& context(PartitionId p) { return contexts_.at(p); }
  std::uint32_t partitions() const { return config_.partitions; }
  Time now() const { return now_; }

  // Handles every event with time < t, then sets the clock of every partition to t.
  // Called repeatedly (e.g. once per output step), it gives the caller a consistent state at each t.
  void run_until(Time t) {
    if (t < now_) throw EngineError("run_until(" + std::to_string(t) + ") is before the current time " +
                                    std::to_string(now_));
    for (;;) {
      const Time next = earliest_pending();
      if (!(next < t)) break;
      const Time window_end = std::min(next + config_.lookahead, t);
      process_window(window_end);
      deliver_messages();
      ++stats_.windows;
    }
    now_ = t;
    for (auto& c : contexts_) c.now_ = t;
  }

  // Totals so far; cheap.
  EngineStats stats() const {
    EngineStats s = stats_;
    for (const auto& c : contexts_) s.events += c.events_;
    return s;
  }
  std::size_t pending() const {
    std::size_t n = 0;
    for (const auto& c : contexts_) n += c.queue_.size();
    return n;
  }
  static constexpr std::size_t bytes_per_event() { return sizeof(Event<Payload>); }

 private:
  Time earliest_pending() const {
    Time m = std::numeric_limits<Time>::infinity();
    for (const auto& c : contexts_)
      if (!c.queue_.empty()) m = std::min(m, c.queue_.next_time());
    return m;
  }

  // A model with `prefetch(context, payload)` is shown the event this many ahead of the one it handles, so that
  // it can ask memory for the records that event will read (a hint: it must not change the model's state).
  static constexpr std::size_t prefetch_events_ahead = 8;

  void process_partition(Context<Payload>& c, Time window_end) {
    auto& q = c.queue_;
    while (!q.empty() && q.next_time() < window_end) {
      if constexpr (requires(const Model& m, const Context<Payload>& cc, const Payload& p) { m.prefetch(cc, p); })
        if (const auto* ahead = q.upcoming(prefetch_events_ahead)) model_.prefetch(c, ahead->payload);
      const Event<Payload> e = q.pop();
      c.now_ = e.time;
      model_.handle(c, e.payload);
      ++c.events_;
    }
  }

  void process_window(Time window_end) {
    const std::uint32_t n = config_.partitions;
    switch (config_.schedule) {
      case Schedule::parallel: {
        detail::ForkJoin edges;  // for ThreadSanitizer: see tsan.hpp
        edges.fork();
        tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, n, 1), [&](const auto& r) {
          edges.enter();
          for (auto p = r.begin(); p != r.end(); ++p) process_partition(contexts_[p], window_end);
          edges.leave();
        });
        edges.join();
        break;
      }
      case Schedule::serial:
        for (std::uint32_t p = 0; p < n; ++p) process_partition(contexts_[p], window_end);
        break;
      case Schedule::serial_shuffled: {
        std::vector<std::uint32_t> order(n);
        std::iota(order.begin(), order.end(), 0u);
        Stream s({config_.shuffle_seed, 0}, 0, 0, stats_.windows);
        for (std::uint32_t i = n; i > 1; --i) std::swap(order[i - 1], order[uniform_int(s, 0, i - 1)]);
        for (auto p : order) process_partition(contexts_[p], window_end);
        break;
      }
    }
  }

  // Fixed order: by source partition, then by the order the source sent them. Each delivered message
  // takes the next sequence number of its destination, which fixes its place among equal-time events.
  void deliver_messages() {
    for (auto& src : contexts_) {
      for (auto& m : src.outbox_) {
        auto& dst = contexts_[m.to];
        m.event.order = make_order(m.event.priority(), dst.next_sequence());
        dst.queue_.push(m.event);
        ++stats_.messages;
      }
      src.outbox_.clear();
    }
  }

  Model& model_;
  EngineConfig config_;
  std::vector<Context<Payload>> contexts_;
  Time now_;
  EngineStats stats_;
};

}  // namespace iasim::engine
