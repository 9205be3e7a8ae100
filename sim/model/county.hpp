#pragma once
// One county: its agents (offices, employers, young people), its ALS, coach and matchemøter, and the
// accumulators the model reports from. A county is one engine partition; nothing in it is touched by
// another county's thread.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/model/agents.hpp"
#include "sim/model/observation.hpp"
#include "sim/model/params.hpp"

namespace iasim::model {

// Cohort outcomes: people entering in year `cohort` (0 = 2015), by whole months since entry and state.
inline constexpr std::size_t cohort_max_months = 60;
struct CohortCounts {
  std::size_t cohorts = 0;
  std::vector<double> counts;  // [cohort][month 0..cohort_max_months][state]
  double& at(std::size_t c, std::size_t m, std::size_t s) {
    return counts[(c * (cohort_max_months + 1) + m) * person_state_count + s];
  }
};

struct County {
  std::uint32_t index = 0;
  const CountyFacts* facts = nullptr;
  const CountyParams* p = nullptr;
  const PopulationParams* pop = nullptr;
  double scale = 1.0;  // RunParams::population_scale
  double pop_horizon_days = 0;  // the run's horizon, to size the people array once

  std::vector<Person> persons;
  std::vector<Office> offices;
  std::vector<Employer> employers;
  std::vector<EmployerId> contact_employers;  // IA firms with a fixed ALS contact
  std::size_t ia_employers = 0;               // IA firms, with or without a contact
  std::vector<double> office_weight_cumulative;  // for choosing a new person's office (by staff)

  // ALS and coach.
  double adviser_hours_per_week = 0;
  double contact_trust_rate_per_year = 0;  // current; set each week from delmål-2 hours per contact firm
  double sick_leave_pct = 0;
  double als_placement_carry = 0;
  double coach_system_hours_banked = 0;    // saved up for the next matchemøte
  double coach_door_carry = 0, coach_case_carry = 0, coordinator_visit_carry = 0;  // hours short of a whole task
  std::array<std::uint64_t, 16> draws{};   // county-level random decisions, counted per purpose (streams.hpp)

  // Accumulated since the last observation (flows, hours, waits) and kept current (stocks).
  CountyObservation step;
  std::array<double, person_state_count> stock{};
  std::array<double, queue_count> wait_days_sum{};
  std::array<double, queue_count> wait_count{};
  CohortCounts cohorts;
  std::size_t initial_persons = 0;   // the stock on 1 January 2015: persons[0 .. initial_persons)
  std::size_t cohort_scan_from = 0;  // persons before this are done with cohort outcomes
};

}  // namespace iasim::model
