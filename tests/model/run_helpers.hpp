#pragma once
// Small national runs for mechanism tests: the real model at a reduced population, with the per-step
// observations summed over counties and time.
#include <array>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "sim/model/norway_2015.hpp"
#include "sim/model/simulate.hpp"

namespace iasim::test {

inline model::Params small_params(double scale = 0.15, double years = 3.0, std::uint32_t replicates = 2) {
  auto p = model::baseline_params();
  p.run.population_scale = scale;
  p.run.horizon_years = years;
  p.run.replicates = replicates;
  return p;
}

// Sums over counties, steps and replicates; keeps every step for identity checks.
struct Totals : model::RunObserver {
  std::unique_ptr<std::mutex> m = std::make_unique<std::mutex>();  // movable observer
  std::array<double, model::transition_count> transitions{};
  std::array<double, model::queue_count> queue_length_sum{};
  double steps = 0, trust_sum = 0, placement_attempts = 0, matchmeetings = 0, engaged_sum = 0;
  double substituted_hires = 0, subsidy_cost_nok = 0;
  std::vector<std::vector<model::CountyObservation>> by_step;  // replicate 0 only
  void on_step(std::uint32_t r, std::size_t, double, std::span<const model::CountyObservation> cs) override {
    std::lock_guard lock(*m);
    if (r == 0) by_step.emplace_back(cs.begin(), cs.end());
    steps += 1;
    double trust = 0;
    for (const auto& c : cs) {
      for (std::size_t i = 0; i < transitions.size(); ++i) transitions[i] += c.transitions[i];
      for (std::size_t q = 0; q < queue_length_sum.size(); ++q) queue_length_sum[q] += c.queue_length[q];
      trust += c.employer_trust_mean;
      placement_attempts += c.placement_attempts;
      matchmeetings += c.matchmeetings;
      substituted_hires += c.substituted_hires;
      subsidy_cost_nok += c.subsidy_cost_nok;
      engaged_sum += c.engaged_offices_share / cs.size();
    }
    trust_sum += trust / cs.size();
  }
  void on_cohorts(std::uint32_t, const model::CohortCounts&) override {}
  double flow(model::PersonState from, model::PersonState to) const {
    return transitions[*model::transition_index(from, to)];
  }
  double trust_mean() const { return trust_sum / steps; }
  // A flow summed over counties in replicate 0, over output steps [from, to).
  double flow_in_steps(model::PersonState from, model::PersonState to, std::size_t first, std::size_t last) const {
    double n = 0;
    for (std::size_t k = first; k < last && k < by_step.size(); ++k)
      for (const auto& c : by_step[k]) n += c.transitions[*model::transition_index(from, to)];
    return n;
  }
  double engaged_mean() const { return engaged_sum / steps; }
};

// The real model, built and run (spin-up included) to `until_day`, for tests that look at its agents.
struct Ran {
  model::Params params;
  model::IaModel model;
  engine::Engine<model::IaModel> eng;
  Ran(model::Params p, double until_day)
      : params(std::move(p)), model(params), eng(model, model::engine_config(params, 0, engine::Schedule::serial)) {
    model::spin_up(model, eng);
    eng.run_until(until_day);
  }
  const std::vector<model::County>& counties() const { return model.counties(); }
};

// A quantity of the per-county observations, summed over counties and steps of replicate 0 from step `first` on.
template <class F>
double total(const Totals& t, F&& of, std::size_t first = 0) {
  double sum = 0;
  for (std::size_t k = first; k < t.by_step.size(); ++k)
    for (const auto& c : t.by_step[k]) sum += of(c);
  return sum;
}

// `p` with `set` applied to every county's parameters.
template <class F>
model::Params in_every_county(model::Params p, F&& set) {
  for (auto& cp : p.county_params) set(cp);
  return p;
}

inline Totals run(const model::Params& p) {
  Totals t;
  model::simulate(p, t, true);
  return t;
}

// A run of `p` with `set` applied to every county's parameters.
template <class F>
Totals run_with(model::Params p, F&& set) {
  return run(in_every_county(std::move(p), std::forward<F>(set)));
}

}  // namespace iasim::test
