#pragma once
// What the model reports about one county at one output time. The model emits it; the recorder
// (sim/output) decides what to keep and how to write it. Flows and hours are totals over the step that
// ends at the observation time; stocks and means are values at that time.
#include <array>
#include <cstdint>
#include <vector>

#include "sim/model/state.hpp"
#include "sim/model/transitions.hpp"

namespace iasim::model {

// assessment_purchased: everyone an office has ordered a measure for, until the veileder has its result; of them,
// measure_place: waiting for a place at the provider or with a specialised veileder, and handoff: the provider's
// report waiting for the veileder (afi-kjerneoppgaver-i-nav.txt: waiting before and between measures).
// follow_up_measure: a follow-up measure ordered, its report not yet taken over (of them, follow_up_measure_place:
// waiting for a place, the wait between measures; follow_up_handoff: the provider's report waiting for the veileder).
enum class Queue : std::uint8_t {
  assessment_in_house, assessment_purchased, job_ready_unplaced, measure_place, handoff,
  follow_up_measure, follow_up_measure_place, follow_up_handoff
};
inline constexpr std::size_t queue_count = 8;
inline constexpr std::array<std::string_view, queue_count> queue_labels = {
    "assessment_in_house", "assessment_purchased", "job_ready_unplaced", "measure_place", "handoff",
    "follow_up_measure", "follow_up_measure_place", "follow_up_handoff"};

// Where an assessment was made: the office's interview, a provider's measure, a specialised veileder's measure at
// an ordinary workplace.
enum class AssessmentRoute : std::uint8_t { office_interview, provider, specialised };
inline constexpr std::size_t assessment_route_count = 3;
inline constexpr std::array<std::string_view, assessment_route_count> assessment_route_labels = {
    "office_interview", "provider", "specialised"};

// Who follows a person up in a follow-up measure: a provider, or a specialised veileder at a workplace.
inline constexpr std::size_t follow_up_measure_by_count = 2;
inline constexpr std::array<std::string_view, follow_up_measure_by_count> follow_up_measure_by_labels = {"provider",
                                                                                                    "specialised"};

enum class Actor : std::uint8_t {
  veileder, market_coordinator, ia_adviser, coach, job_specialist, coordinator, specialised_veileder
};
inline constexpr std::size_t actor_count = 7;
inline constexpr std::array<std::string_view, actor_count> actor_labels = {
    "veileder", "market_coordinator", "ia_adviser", "coach", "job_specialist", "coordinator", "specialised_veileder"};
// An actor's index into the per-actor arrays of an observation (hours_available, hours_paid, hours_used).
constexpr std::size_t actor(Actor a) { return static_cast<std::size_t>(a); }

enum class Delmal : std::uint8_t { sick_leave, inclusion, seniors, other };
inline constexpr std::size_t delmal_count = 4;
inline constexpr std::array<std::string_view, delmal_count> delmal_labels = {"delmal1_sick_leave",
                                                                             "delmal2_inclusion",
                                                                             "delmal3_seniors", "other"};

// Who brokered a placement (ODD §7.6): the office's veileder, its market team, an ALS adviser, the Job
// Strategy coach, a matchemøte, a Supported Employment job specialist, or the person's own job search.
enum class Broker : std::uint8_t { office, market_team, als, coach, matchmeeting, job_specialist, own_search };
inline constexpr std::size_t broker_count = 7;
inline constexpr std::array<std::string_view, broker_count> broker_labels = {
    "office", "market_team", "als", "coach", "matchmeeting", "job_specialist", "own_search"};

// Subgroups of the target group, in pairs: each person is in one group of each pair at any time (age at entry,
// diagnosis, AAP now, upper secondary completed). `subgroup_kind_labels` names the pair a group belongs to. Age
// at entry, not age now, so that a group's difference between scenarios is about the same people.
enum class Subgroup : std::uint8_t {
  entry_age_under_25, entry_age_25_29, mental_health, other_diagnosis, on_aap, not_on_aap, upper_secondary,
  no_upper_secondary
};
inline constexpr std::size_t subgroup_count = 8;
inline constexpr std::array<std::string_view, subgroup_count> subgroup_labels = {
    "entry_age_under_25", "entry_age_25_29", "mental_health",   "other_diagnosis",
    "on_aap",             "not_on_aap",      "upper_secondary", "no_upper_secondary"};
inline constexpr std::array<std::string_view, 4> subgroup_kind_labels = {"entry_age_band", "diagnosis_group", "aap",
                                                                        "upper_secondary"};
constexpr std::size_t subgroup_kind(std::size_t g) { return g / 2; }
inline constexpr double subgroup_age_band_limit = 25.0;  // NAV's register tables split at 25 (data/register_flows.md)
// The model counts people in cells, one per combination of the four pairs (bit k set: the second group of pair
// k), and sums cells into groups at an output: one count per move instead of four.
inline constexpr std::size_t subgroup_cell_count = 16;
constexpr std::array<std::size_t, 4> subgroups_of_cell(std::size_t cell) {
  return {0 + ((cell >> 0) & 1), 2 + ((cell >> 1) & 1), 4 + ((cell >> 2) & 1), 6 + ((cell >> 3) & 1)};
}

// What NAV pays for the target group, by item (docs/ODD.md §7.22; unit costs are scenario parameters, costs.*).
enum class CostItem : std::uint8_t {
  aap_benefits, wage_subsidies, purchased_measures, staff_veileder, staff_market_coordinator, staff_ia_adviser,
  staff_coach, staff_job_specialist, staff_coordinator, ia_council, staff_specialised_veileder
};
inline constexpr std::size_t cost_item_count = 11;
inline constexpr std::array<std::string_view, cost_item_count> cost_item_labels = {
    "aap_benefits",       "wage_subsidies", "purchased_measures",   "staff_veileder",   "staff_market_coordinator",
    "staff_ia_adviser",   "staff_coach",    "staff_job_specialist", "staff_coordinator", "ia_council",
    "staff_specialised_veileder"};
// The staff cost item of each actor (actor_labels order).
inline constexpr std::array<CostItem, actor_count> staff_cost_item = {
    CostItem::staff_veileder, CostItem::staff_market_coordinator, CostItem::staff_ia_adviser,
    CostItem::staff_coach,    CostItem::staff_job_specialist,     CostItem::staff_coordinator,
    CostItem::staff_specialised_veileder};

// The key transitions: the ones the key outcomes count (entries, trials, hires, drop-outs; sim/output/metrics.cpp;
// a test checks that every transition a metric counts is here). They are what offices and subgroups count: all
// 29 per office would be most of a run file for flows that are almost always zero, and per subgroup they cost a
// national run a few percent in cache misses for moves no key outcome reads.
inline constexpr std::array<Transition, 10> key_transitions = {{
    {std::nullopt, S::waiting_assessment},
    {S::follow_up, S::work_trial},
    {S::work_trial, S::subsidised_job},
    {S::work_trial, S::ordinary_job},
    {S::follow_up, S::subsidised_job},
    {S::follow_up, S::ordinary_job},
    {S::waiting_assessment, S::ordinary_job},
    {S::waiting_assessment, S::inactive},
    {S::follow_up, S::inactive},
    {S::work_trial, S::inactive},
}};
inline constexpr std::size_t key_transition_count = key_transitions.size();
inline constexpr std::int8_t not_key = -1;
// For each transition (allowed_transitions order), its place among key_transitions, or not_key.
inline constexpr std::array<std::int8_t, transition_count> key_transition_slot = [] {
  std::array<std::int8_t, transition_count> slot{};
  for (std::size_t i = 0; i < transition_count; ++i) {
    slot[i] = not_key;
    for (std::size_t k = 0; k < key_transition_count; ++k)
      if (allowed_transitions[i].from == key_transitions[k].from && allowed_transitions[i].to == key_transitions[k].to)
        slot[i] = static_cast<std::int8_t>(k);
  }
  return slot;
}();
inline std::string key_transition_label(std::size_t k) {
  return transition_label(*transition_index(key_transitions[k].from, key_transitions[k].to));
}

// Offices' size classes by staff (SINTEF Table 3.1; data/caseload_by_office_size_2013.csv).
inline constexpr std::array<std::string_view, 5> office_size_class_labels = {
    "staff_under_10", "staff_10_19", "staff_20_39", "staff_40_59", "staff_60_plus"};

// One office at an output time.
struct OfficeObservation {
  std::array<double, person_state_count> persons{};           // its people by state
  std::array<double, key_transition_count> transitions{};     // key transitions during the step
  std::uint32_t size_class = 0;                               // index into office_size_class_labels
  bool engaged = false;                                       // the Job Strategy is anchored here
};

struct CountyObservation {
  std::array<double, person_state_count> persons{};      // stock by state
  std::array<double, transition_count> transitions{};    // moves during the step
  std::array<double, queue_count> queue_length{};        // people waiting, at the time
  std::array<double, queue_count> wait_days_mean{};      // mean wait of those served during the step (NaN: none)
  std::array<double, actor_count> hours_used{};
  std::array<double, actor_count> hours_available{};
  // Hours of the staff employed in each role (what NAV pays for): hours_available counts hours moved from ALS
  // into offices twice, as the advisers' and as the offices' own; this counts them once, as the advisers'.
  std::array<double, actor_count> hours_paid{};
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
  std::array<double, broker_count> trials_by_broker{};  // trials started during the step, by who placed them
  std::array<double, broker_count> hires_by_broker{};   // job starts during the step, by who placed the person
  std::array<double, cost_item_count> cost_nok{};       // what NAV paid during the step, by item
  double aap_person_weeks = 0;                          // weeks of AAP paid during the step
  // Assessment measures (measures.cpp), during the step: measures ordered, place-weeks bought from providers (paid used or not), and
  // assessments finished by route with the sum of their qualities (the mean at the time: NaN if none).
  double measures_ordered = 0;
  double provider_place_weeks = 0;
  // Follow-up measures (measures.cpp), during the step: ordered, place-weeks bought from providers (paid used or
  // not), and ended, by who followed the person up (provider, specialised veileder).
  double follow_up_measures_ordered = 0;
  double provider_follow_up_place_weeks = 0;
  std::array<double, follow_up_measure_by_count> follow_up_measures_ended{};
  std::array<double, assessment_route_count> assessments{};
  std::array<double, assessment_route_count> assessment_quality_sum{};
  std::array<double, assessment_route_count> assessment_quality_mean{};
  // Employer contact (employer_contact.hpp), during the step: contacts about candidates by any NAV unit, those
  // that were duplicates, and the employers' hours they cost; ALS contact persons' visits, and fixed contacts
  // lost for want of them.
  double employer_contacts = 0;
  double duplicate_contacts = 0;
  double duplicate_contact_employer_hours = 0;
  double contact_visits = 0;
  double contacts_lapsed = 0;
  // The ALS (als_week.cpp): adviser hours pulled into office casework and spent leading market teams during the
  // step, and the centre's system competence at the time (1 = as in 2015).
  double als_hours_in_casework = 0;
  double als_leader_hours = 0;
  double als_system_competence = 1;
  // The coach's doors during the step (county_week.cpp): firms that agreed to take a candidate, doors a
  // placement went through, doors that lapsed unused.
  double doors_opened = 0;
  double doors_used = 0;
  double doors_lapsed = 0;
  double leadership_visits = 0;                         // the coordinator's visits to offices' leadership
  double specialist_employer_meetings = 0;              // job specialists' meetings with employers about a client
  // Employers' calls to NAV about a trainee during the step, those answered the same day, and the mean days to
  // an answer (NaN: no call).
  double employer_calls = 0;
  double employer_calls_answered_same_day = 0;
  double employer_call_answer_days_mean = 0;
  double ia_council_arenas = 0;                         // IA council arenas held during the step
  double ia_council_nok = 0;                            // what they cost
  // Arrived from another county during the step, by the state they go on in here.
  std::array<double, person_state_count> persons_moved_in{};
  // The national programme budget (programme_budget.cpp): the county's places at the time, and starts refused
  // for want of a free place during the step.
  double work_trial_places = 0;
  double wage_subsidy_places = 0;
  double work_trial_starts_refused = 0;
  double wage_subsidy_starts_refused = 0;
  // By subgroup (stocks at the time, transitions during the step), and per office (County::offices order).
  std::array<std::array<double, person_state_count>, subgroup_count> persons_by_subgroup{};
  std::array<std::array<double, key_transition_count>, subgroup_count> transitions_by_subgroup{};  // key ones
  std::vector<OfficeObservation> offices;
};

}  // namespace iasim::model
