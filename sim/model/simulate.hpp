#pragma once
// Runs the model: builds an engine and the model for one replicate, steps it from one output time to the
// next, and hands each step's observations to an observer. Replicates run in parallel as independent
// engines; the observer must accept calls from several threads (each replicate calls it in time order).
#include <cstdint>
#include <span>
#include <vector>

#include "sim/engine/engine.hpp"
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/observation.hpp"
#include "sim/model/params.hpp"

namespace iasim::model {

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // Observations of every county (in Params::counties order) at output time `step` (day `day`).
  // Step 0 is the start (stocks only; flows are zero).
  virtual void on_step(std::uint32_t replicate, std::size_t step, double day, std::span<const CountyObservation> counties) = 0;
  // Events handled so far in this replicate, after each step (for progress displays).
  virtual void on_events(std::uint32_t /*replicate*/, std::uint64_t /*events*/) {}
  // Cohort outcomes of the whole country at the end of the replicate.
  virtual void on_cohorts(std::uint32_t replicate, const CohortCounts& national) = 0;
};

struct RunStats {
  std::uint64_t events = 0;
  std::size_t persons = 0, employers = 0, offices = 0;  // agents at the end of the run
};

// Output times in days since 2015-01-01: 0, step, 2*step, ... up to the horizon.
std::vector<double> output_days(const RunParams& run);

// The engine for one replicate of `params`: one partition per county, starting at the spin-up's start.
engine::EngineConfig engine_config(const Params& params, std::uint32_t replicate,
                                   engine::Schedule schedule = engine::Schedule::parallel);

// Builds the model and runs its spin-up up to 1 January 2015 (day 0), where outputs begin.
void spin_up(IaModel& model, engine::Engine<IaModel>& eng);

RunStats simulate_replicate(const Params& params, std::uint32_t replicate, RunObserver& observer,
                            engine::Schedule schedule = engine::Schedule::parallel);

// All replicates of Params::run.replicates, in parallel on the current TBB arena. Returns the summed stats.
RunStats simulate(const Params& params, RunObserver& observer, bool replicates_in_parallel = true);

// Every replicate of every parameter set. Set k's replicates are numbered k*R .. k*R + R - 1 (R = run.replicates,
// which must be the same in every set), so a set and replicate draws the same random numbers in every scenario
// run over the same sets: common random numbers across scenarios, and different noise for different sets.
RunStats simulate_parameter_sets(std::span<const Params> sets, RunObserver& observer, bool replicates_in_parallel = true);

}  // namespace iasim::model
