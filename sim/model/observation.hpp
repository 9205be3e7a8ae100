#pragma once
// What the model reports about one county at one output time. The model emits it; the recorder
// (sim/output) decides what to keep and how to write it. Flows and hours are totals over the step that
// ends at the observation time; stocks and means are values at that time.
#include <array>
#include <cstdint>

#include "sim/model/state.hpp"
#include "sim/model/transitions.hpp"

namespace iasim::model {

enum class Queue : std::uint8_t { assessment_in_house, assessment_purchased, job_ready_unplaced };
inline constexpr std::size_t queue_count = 3;
inline constexpr std::array<std::string_view, queue_count> queue_labels = {
    "assessment_in_house", "assessment_purchased", "job_ready_unplaced"};

enum class Actor : std::uint8_t { veileder, market_coordinator, ia_adviser, coach, job_specialist, coordinator };
inline constexpr std::size_t actor_count = 6;
inline constexpr std::array<std::string_view, actor_count> actor_labels = {
    "veileder", "market_coordinator", "ia_adviser", "coach", "job_specialist", "coordinator"};

enum class Delmal : std::uint8_t { sick_leave, inclusion, seniors, other };
inline constexpr std::size_t delmal_count = 4;
inline constexpr std::array<std::string_view, delmal_count> delmal_labels = {"delmal1_sick_leave",
                                                                             "delmal2_inclusion",
                                                                             "delmal3_seniors", "other"};

struct CountyObservation {
  std::array<double, person_state_count> persons{};      // stock by state
  std::array<double, transition_count> transitions{};    // moves during the step
  std::array<double, queue_count> queue_length{};        // people waiting, at the time
  std::array<double, queue_count> wait_days_mean{};      // mean wait of those served during the step (NaN: none)
  std::array<double, actor_count> hours_used{};
  std::array<double, actor_count> hours_available{};
  std::array<double, delmal_count> als_hours{};          // IA adviser hours by IA sub-goal during the step
  double employers = 0;                                  // establishments in the county
  double employer_trust_mean = 0;
  double employers_with_contact_share = 0;
  double subsidy_cost_nok = 0;
  double ia_sick_leave_pct = 0;                          // IA firms' mean sick-leave rate (delmål 1)
  double engaged_offices_share = 0;                      // offices where the strategy is anchored
  // Of those who left NAV follow-up six months before (for work, disability, education or inactivity), where
  // they are now, by state; someone who has turned 30 since counts in the state they were in at 30.
  std::array<double, person_state_count> leavers_six_months{};
  double substituted_hires = 0;                          // subsidised hires that displaced an ordinary hire
  double placement_attempts = 0;
  double matchmeetings = 0;
};

}  // namespace iasim::model
