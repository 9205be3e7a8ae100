#pragma once
// Keyed random streams. Every draw is a pure function of (seed, replicate, entity, purpose, counter):
// nothing is shared between partitions or threads, so results do not depend on thread count, scheduling
// order or how partitions map to threads, and two scenarios run with the same seed see the same draws for
// the same entity and purpose (common random numbers, which `iasim compare` relies on).
//
// The generator is Random123's Philox4x64-10: a counter-based generator whose output for a given
// (key, counter) is fixed by its specification, cheap to create (no state to seed), and passes BigCrush.
// Boost.Random's distributions sit on top because their algorithms are fixed in the headers, unlike std::
// distributions, whose outputs differ between standard libraries.
#include <Random123/philox.h>
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <cstdint>
#include <limits>

namespace iasim::engine {

// What every stream of one run shares: the scenario seed and the replicate number.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
};

// A uniform random bit generator (usable by any Boost.Random distribution) for one
// (entity, purpose, counter) under a StreamKey. Typical use: one Stream per decision, with `counter`
// the entity's own count of such decisions, so adding an agent leaves everyone else's draws unchanged.
class Stream {
 public:
  using result_type = std::uint64_t;

  Stream(StreamKey key, std::uint64_t entity, std::uint64_t purpose, std::uint64_t counter) noexcept
      : key_{{key.seed, key.replicate}}, ctr_{{entity, purpose, counter, 0}} {}

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  result_type operator()() noexcept {
    if (next_ == 4) {
      block_ = philox_(ctr_, key_);
      ++ctr_.v[3];  // the last counter word numbers the 4-word blocks within this stream
      next_ = 0;
    }
    return block_.v[next_++];
  }

 private:
  using Philox = r123::Philox4x64;
  Philox philox_;
  Philox::key_type key_;
  Philox::ctr_type ctr_;
  Philox::ctr_type block_{};
  unsigned next_ = 4;
};

// Small helpers so that model code reads as the decision it makes.
inline double uniform01(Stream& s) { return boost::random::uniform_01<double>{}(s); }
inline bool bernoulli(Stream& s, double p) {
  if (p <= 0.0) return false;
  if (p >= 1.0) return true;
  return boost::random::bernoulli_distribution<double>{p}(s);
}
// Exponentially distributed waiting time with the given mean (same unit as the mean).
inline double exponential(Stream& s, double mean) {
  return boost::random::exponential_distribution<double>{1.0 / mean}(s);
}
// Uniform integer in [lo, hi].
inline std::uint64_t uniform_int(Stream& s, std::uint64_t lo, std::uint64_t hi) {
  return boost::random::uniform_int_distribution<std::uint64_t>{lo, hi}(s);
}

}  // namespace iasim::engine
