#include "sim/model/programme_budget.hpp"

#include <cmath>

#include "sim/model/detail/streams.hpp"

namespace iasim::model::detail {

double national_places(const Params& params, Programme p, double now) {
  const auto& pr = params.programme;
  const double share = p == Programme::work_trial ? pr.work_trial_share_of_places : pr.wage_subsidy_share_of_places;
  const double growth = std::pow(1.0 + pr.places_growth_per_year, std::max(0.0, now / days_per_year));
  return pr.places_for_reduced_capacity * params.population.target_group_share_of_reduced_capacity * share * growth *
         params.run.population_scale;
}

void allocate_by_population(const Params& params, std::vector<County>& counties) {
  double pop = 0;
  for (const auto& c : counties) pop += c.facts->population_thousands;
  for (auto& c : counties) {
    const double share = pop > 0 ? c.facts->population_thousands / pop : 0.0;
    c.work_trial_places = std::round(national_places(params, Programme::work_trial, 0.0) * share);
    c.wage_subsidy_places = std::round(national_places(params, Programme::wage_subsidy, 0.0) * share);
  }
}

void report_programme_use(IaModel::Context& ctx, County& c, double now) {
  const auto use = [](double n) { return static_cast<std::uint32_t>(std::llround(std::max(0.0, n))); };
  // Trial places wanted: those taken and one for each job-ready person waiting unplaced now (refused attempts
  // would count a person once per broker that tried).
  double ready = 0;
  for (const auto& o : c.offices) ready += o.tally[static_cast<std::size_t>(Tally::follow_up_ready)];
  const ModelEvent report{.kind = EventKind::budget_report, .county = static_cast<std::uint16_t>(c.index),
                          .person = use(c.stock[index(PersonState::work_trial)] + ready),
                          .epoch = use(c.stock[index(PersonState::subsidised_job)] + c.refused_subsidies_since_report)};
  c.refused_subsidies_since_report = 0;
  ctx.send(0, now + ctx.lookahead(), report);
  ctx.schedule(now + c.programme_interval_days, ModelEvent{EventKind::budget_month});
}

void receive_programme_report(IaModel::Context& ctx, const Params& params, Directorate& d, const ModelEvent& e,
                              std::size_t n_counties, double now) {
  if (d.trial_use.size() != n_counties) {
    d.trial_use.assign(n_counties, 0.0);
    d.subsidy_use.assign(n_counties, 0.0);
  }
  d.trial_use.at(e.county) = e.person;
  d.subsidy_use.at(e.county) = e.epoch;
  if (++d.reports < n_counties) return;
  d.reports = 0;
  // Every county's places, in proportion to its use (by population if none was used); delivered a lookahead later.
  double trials = 0, subsidies = 0;
  for (std::size_t k = 0; k < n_counties; ++k) {
    trials += d.trial_use[k];
    subsidies += d.subsidy_use[k];
  }
  double pop = 0;
  for (const auto& f : params.counties) pop += f.population_thousands;
  for (std::size_t k = 0; k < n_counties; ++k) {
    const double t = national_places(params, Programme::work_trial, now) * (trials > 0 ? d.trial_use[k] / trials : params.counties[k].population_thousands / pop);
    const double s = national_places(params, Programme::wage_subsidy, now) * (subsidies > 0 ? d.subsidy_use[k] / subsidies : params.counties[k].population_thousands / pop);
    ctx.send(static_cast<engine::PartitionId>(k), now + ctx.lookahead(),
             ModelEvent{.kind = EventKind::budget_allocation, .county = static_cast<std::uint16_t>(k),
                        .person = static_cast<std::uint32_t>(std::llround(t)),
                        .epoch = static_cast<std::uint32_t>(std::llround(s))});
  }
}

void receive_allocation(County& c, const ModelEvent& e) {
  c.work_trial_places = e.person;
  c.wage_subsidy_places = e.epoch;
}

}  // namespace iasim::model::detail
