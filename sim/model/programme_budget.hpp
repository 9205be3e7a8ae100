#pragma once
// The national programme budget (ODD §7.25): places in work trials and wage subsidies that the directorate
// allocates to the counties every month by their use, through engine messages. Internal to sim/model.
#include <cstdint>
#include <vector>

#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/programme_budget_state.hpp"

namespace iasim::model::detail {

enum class Programme : std::uint8_t { work_trial, wage_subsidy };

// The national places of each programme at `now` (ProgrammeParams; times population_scale).
double national_places(const Params& params, Programme p, double now);

inline bool work_trial_place_free(const County& c) {
  return c.stock[index(PersonState::work_trial)] < c.work_trial_places;
}
inline void refuse_for_want_of_place(County& c, Programme p) {
  (p == Programme::work_trial ? c.step.work_trial_starts_refused : c.step.wage_subsidy_starts_refused) += 1;
  if (p == Programme::wage_subsidy) c.refused_subsidies_since_report += 1;
}
// A subsidy the rules would grant (`by_rules`, support.subsidy_availability) is granted if a place is free.
inline bool grant_subsidy(County& c, bool by_rules) {
  if (!by_rules) return false;
  if (c.stock[index(PersonState::subsidised_job)] < c.wage_subsidy_places) return true;
  refuse_for_want_of_place(c, Programme::wage_subsidy);
  return false;
}

// Places by population before the first allocation.
void allocate_by_population(const Params& params, std::vector<County>& counties);
// A county's month: it reports its use to the directorate (a message) and schedules the next report. Use is
// the places taken plus what is wanted now: job-ready people waiting unplaced (trials), subsidies refused for
// want of a place since the last report (subsidies).
void report_programme_use(IaModel::Context& ctx, County& c, double now);
// The directorate receives one report; after the last one of the month it sends every county its places.
void receive_programme_report(IaModel::Context& ctx, const Params& params, Directorate& d, const ModelEvent& e,
                              std::size_t n_counties, double now);
// A county receives its places.
void receive_allocation(County& c, const ModelEvent& e);

}  // namespace iasim::model::detail
