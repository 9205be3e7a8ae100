// The model's results are bit-identical whatever the thread count and whatever order counties run in.
#include <catch2/catch.hpp>

#include <bit>
#include <cstddef>
#include <cstring>
#include <tbb/task_arena.h>

#include "sim/model/norway_2015.hpp"
#include "sim/model/simulate.hpp"

using namespace iasim;

namespace {

// Folds every number of every observation into one hash.
struct Fingerprint : model::RunObserver {
  std::uint64_t h = 1469598103934665603ULL;
  void mix(double x) {
    std::uint64_t b = std::bit_cast<std::uint64_t>(x);
    for (int i = 0; i < 8; ++i) h = (h ^ ((b >> (8 * i)) & 0xff)) * 1099511628211ULL;
  }
  void on_step(std::uint32_t, std::size_t, double day, std::span<const model::CountyObservation> cs) override {
    mix(day);
    for (const auto& c : cs) {
      // Every number before the per-office vector (the last member), then the offices' numbers.
      constexpr std::size_t numbers = offsetof(model::CountyObservation, offices);
      static_assert(numbers % sizeof(double) == 0 && numbers + sizeof(c.offices) == sizeof(model::CountyObservation),
                    "the offices are CountyObservation's last member; everything before them is doubles");
      const auto* d = reinterpret_cast<const double*>(&c);
      for (std::size_t i = 0; i < numbers / sizeof(double); ++i) mix(d[i]);
      for (const auto& o : c.offices) {
        for (double x : o.persons) mix(x);
        for (double x : o.transitions) mix(x);
        mix(o.engaged);
        mix(o.size_class);
      }
    }
  }
  void on_cohorts(std::uint32_t, const model::CohortCounts& cc) override {
    for (const auto* v : {&cc.counts, &cc.milestones, &cc.on_aap, &cc.jobs_kept, &cc.jobs_ended})
      for (double x : *v) mix(x);
  }
};

std::uint64_t run(engine::Schedule schedule, int threads, std::uint64_t seed = 2015) {
  auto p = model::baseline_params();
  p.run.population_scale = 0.1;
  p.run.horizon_years = 2.0;
  p.run.seed = seed;
  Fingerprint f;
  tbb::task_arena arena(threads);
  arena.execute([&] { model::simulate_replicate(p, 0, f, schedule); });
  return f.h;
}

}  // namespace

TEST_CASE("the model gives identical bits on 1 and 2 threads and in serial order", "[model][determinism]") {
  // Counties send each other messages (people moving, the programme budget's reports and allocations;
  // test_county_side.cpp checks that they flow), so partitions' order could matter if delivery did.
  const auto reference = run(engine::Schedule::serial, 1);
  CHECK(run(engine::Schedule::serial_shuffled, 1) == reference);
  CHECK(run(engine::Schedule::parallel, 1) == reference);
  CHECK(run(engine::Schedule::parallel, 2) == reference);
  CHECK(run(engine::Schedule::parallel, 4) == reference);
  CHECK(run(engine::Schedule::serial, 1, 2016) != reference);  // and the fingerprint does see the seed
}
