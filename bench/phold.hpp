#pragma once
// PHOLD, the standard benchmark of parallel discrete-event engines (Fujimoto 1990; ROSS models/phold):
// N logical processes, a fixed population of events per process; each event, when handled, schedules one
// new event after an exponential delay of mean 1 plus the lookahead, on a random remote process with
// probability `remote`, else on itself. Here one logical process is one engine partition.
//
// Each process folds the events it handles into a hash, so runs can be compared bit for bit.
#include <bit>
#include <cstdint>
#include <vector>

#include "sim/engine/engine.hpp"

namespace iasim::bench {

struct PholdParams {
  std::uint32_t lps = 1024;
  std::uint32_t events_per_lp = 16;
  double remote = 0.1;     // fraction of events sent to another process
  double lookahead = 1.0;  // days (engine time units)
  double mean = 1.0;       // mean of the exponential part of the delay
  double end_time = 1000.0;
};

struct PholdEvent {
  std::uint32_t origin;  // the process that sent it; part of the hash, so delivery order is checked too
};

inline std::string describe(const PholdEvent& e) { return "phold(origin=" + std::to_string(e.origin) + ")"; }

class Phold {
 public:
  using Payload = PholdEvent;

  explicit Phold(const PholdParams& p) : params_(p), lps_(p.lps) {}

  void seed(engine::Engine<Phold>& eng) {
    for (std::uint32_t lp = 0; lp < params_.lps; ++lp) {
      auto& ctx = eng.context(lp);
      for (std::uint32_t k = 0; k < params_.events_per_lp; ++k) {
        auto s = ctx.stream(lp, /*purpose=*/1, k);
        ctx.schedule(ctx.now() + engine::exponential(s, params_.mean) + params_.lookahead, PholdEvent{lp});
      }
    }
  }

  void handle(engine::Context<PholdEvent>& ctx, const PholdEvent& e) {
    auto& lp = lps_[ctx.self()];
    lp.hash = mix(lp.hash ^ std::bit_cast<std::uint64_t>(ctx.now()) ^ (std::uint64_t{e.origin} << 1));
    auto s = ctx.stream(ctx.self(), /*purpose=*/0, lp.draws++);
    const double delay = engine::exponential(s, params_.mean) + params_.lookahead;
    std::uint32_t dest = ctx.self();
    if (engine::uniform01(s) < params_.remote) dest = static_cast<std::uint32_t>(engine::uniform_int(s, 0, params_.lps - 1));
    ctx.send(dest, ctx.now() + delay, PholdEvent{ctx.self()});
  }

  // One number for the whole run: the processes' hashes combined in process order.
  std::uint64_t fingerprint() const {
    std::uint64_t h = 0;
    for (const auto& lp : lps_) h = mix(h ^ lp.hash);
    return h;
  }

 private:
  static std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
  }
  struct alignas(64) Lp {  // one cache line each: processes on different threads never share one
    std::uint64_t hash = 0;
    std::uint64_t draws = 0;
  };
  PholdParams params_;
  std::vector<Lp> lps_;
};

}  // namespace iasim::bench
