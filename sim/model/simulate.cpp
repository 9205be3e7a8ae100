#include "sim/model/simulate.hpp"

#include <atomic>
#include <cmath>
#include <mutex>

#include "sim/engine/replicates.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model {

std::vector<double> output_days(const RunParams& run) {
  const double horizon = run.horizon_years * 365.25;
  const auto steps = static_cast<std::size_t>(std::floor(horizon / run.output_step_days + 1e-9));
  std::vector<double> days(steps + 1);
  for (std::size_t k = 0; k <= steps; ++k) days[k] = static_cast<double>(k) * run.output_step_days;
  return days;
}

engine::EngineConfig engine_config(const Params& params, std::uint32_t replicate, engine::Schedule schedule) {
  engine::EngineConfig cfg;
  cfg.partitions = static_cast<std::uint32_t>(params.counties.size());
  cfg.lookahead = params.run.lookahead_days;
  cfg.streams = {params.run.seed, replicate};
  cfg.schedule = schedule;
  cfg.start = start_day(params.run);
  // People's timers lie weeks to years ahead: a week's bucket keeps each county's heap to the coming week.
  cfg.queue_bucket_width = 7.0;
  return cfg;
}

void spin_up(IaModel& model, engine::Engine<IaModel>& eng) {
  model.initialise(eng);
  eng.run_until(0.0);
  model.begin_outputs();
}

RunStats simulate_replicate(const Params& params, std::uint32_t replicate, RunObserver& observer,
                            engine::Schedule schedule) {
  IaModel model(params);
  const auto cfg = engine_config(params, replicate, schedule);
  engine::Engine<IaModel> eng(model, cfg);
  spin_up(model, eng);

  std::vector<CountyObservation> obs(cfg.partitions);
  const auto days = output_days(params.run);
  for (std::size_t k = 0; k < days.size(); ++k) {
    // Every event before the output time has happened; the county weeks at exactly that time have not.
    eng.run_until(days[k]);
    for (std::uint32_t c = 0; c < cfg.partitions; ++c) obs[c] = model.observe(c, days[k]);
    observer.on_step(replicate, k, days[k], obs);
    observer.on_events(replicate, eng.stats().events);
  }

  model.end_outputs();
  CohortCounts national = model.counties().front().cohorts;
  for (std::size_t c = 1; c < model.counties().size(); ++c) national.add(model.counties()[c].cohorts);
  observer.on_cohorts(replicate, national);

  RunStats st;
  st.events = eng.stats().events;
  for (const auto& c : model.counties()) {
    st.persons += c.persons.size();
    st.employers += c.employers.size();
    st.offices += c.offices.size();
  }
  return st;
}

RunStats simulate(const Params& params, RunObserver& observer, bool replicates_in_parallel) {
  return simulate_parameter_sets(std::span(&params, 1), observer, replicates_in_parallel);
}

RunStats simulate_parameter_sets(std::span<const Params> sets, RunObserver& observer, bool replicates_in_parallel) {
  RunStats total;
  if (sets.empty()) return total;
  const std::uint32_t R = sets.front().run.replicates;
  for (const auto& p : sets)
    if (p.run.replicates != R) throw ModelError("every parameter set must have the same number of replicates");
  std::mutex m;
  auto one = [&](std::uint32_t id) {
    const auto st = simulate_replicate(sets[id / R], id, observer,
                                       replicates_in_parallel ? engine::Schedule::serial : engine::Schedule::parallel);
    std::lock_guard lock(m);
    total.events += st.events;
    total.persons += st.persons;
    total.employers += st.employers;
    total.offices += st.offices;
  };
  const auto n = static_cast<std::uint32_t>(sets.size()) * R;
  if (replicates_in_parallel) engine::for_each_replicate(n, one);
  else
    for (std::uint32_t id = 0; id < n; ++id) one(id);
  return total;
}

}  // namespace iasim::model
