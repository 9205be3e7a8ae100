#pragma once
// The agents of one county as plain structs in contiguous arrays, addressed by index. Parameters live
// apart (params.hpp); state only here. Floats where precision does not matter keep the arrays small
// (the national run holds ~200,000 people and ~194,000 employers).
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/model/observation.hpp"
#include "sim/model/state.hpp"

namespace iasim::model {

using PersonId = std::uint32_t;    // index into County::persons
using OfficeId = std::uint32_t;    // index into County::offices
using EmployerId = std::uint32_t;  // index into County::employers
inline constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

// 40 bytes: at 10x the national population the array spans ~80 MiB read at random every week, so its
// size is most of the run time (docs/performance.md). Days fit a float to 1/4096 day over the horizon.
struct Person {
  float entry_day;               // entered the target group, days since 2015-01-01 (negative: initial stock)
  float state_since_day;         // entered the current state (in a job: started it; a subsidised job kept is one job)
  float readiness;               // latent work readiness, 0..1
  float readiness_estimate;      // the veileder's reading of it after assessment (its error shows its quality)
  float trial_follow_up_sum;     // follow-up received during the current trial (sum of weekly shares met)
  // Waiting or in follow-up: the unit-exponential hazard still to accumulate before leaving for education,
  // disability benefit, inactivity or a job found by own search (competing risks, ODD §7.5); negative until
  // drawn in the state. One draw per spell instead of one per week saves a third of a national run.
  float exit_clock = -1;
  EmployerId employer = none;    // current or last employer
  std::uint16_t age_at_entry_units;  // age at entry in units of 1/2000 year (to 32.7 years), see age_at_entry()
  std::uint16_t motivation_units = 0;  // motivation (effort, attendance) in units of 1/65535, see motivation()
  std::uint16_t timer_epoch = 0; // invalidates timers set in an earlier state (a timer outliving 65,536 moves of
                                 // one person cannot happen: a person moves a few dozen times at most)
  std::uint8_t office;           // OfficeId within the county (at most max_offices_per_county)
  std::uint8_t trial_follow_up_weeks = 0;   // weeks summed in trial_follow_up_sum (saturates at 255)
  std::int8_t last_cohort_month = -1;       // last month since entry recorded in cohort outcomes
  PersonState state : 4 = PersonState::waiting_assessment;
  PersonState state_at_30 : 4 = PersonState::aged_out;  // where the person was on turning 30 (aged_out: not yet)
  bool on_aap : 1 = false;
  bool aap_extended : 1 = false;          // AAP extended past its limit once
  bool mental_health : 1 = false;
  bool upper_secondary : 1 = false;
  bool supported_employment : 1 = false;  // followed by a job specialist (place, then train)
  bool purchased_assessment : 1 = false;  // the office orders a measure for the assessment (measures.cpp)
  bool referred : 1 = false;              // a measure ordered, its result not yet with the veileder
  bool employer_met_before : 1 = false;   // the current employer met the person before the trial
  bool in_caseload : 1 = false;           // listed in its office's caseload (never twice)
  // Outputs only (never read by the model's decisions): who placed the person in the current or last trial or
  // job, and whether the person has had a work trial, a job and an exit from services since entry.
  Broker broker : 3 = Broker::office;
  bool had_trial : 1 = false;
  bool had_job : 1 = false;
  bool exited : 1 = false;
  bool moved_in : 1 = false;  // came from another county (migration.cpp); the record goes on from there
};
static_assert(sizeof(Person) <= 40, "Person grew: check docs/performance.md before accepting it");
static_assert(person_state_count <= 16, "Person::state is 4 bits");

// An office id is one byte (the largest county of 2015 had 44 offices; the scenario schema enforces the limit).
inline constexpr std::uint32_t max_offices_per_county = 255;
// Motivation, 0..1: the person's effort and attendance, which employers weigh more than the diagnosis (SINTEF
// L6221–6233); follow-up raises it, waiting without follow-up wears it down (office_week.cpp: person_week).
inline double motivation(const Person& p) { return p.motivation_units / 65535.0; }
inline void set_motivation(Person& p, double m) {
  p.motivation_units = static_cast<std::uint16_t>(std::clamp(m, 0.0, 1.0) * 65535.0 + 0.5);
}

inline constexpr double age_units_per_year = 2000.0;
inline double age_at_entry(const Person& p) { return p.age_at_entry_units / age_units_per_year; }
inline void set_age_at_entry(Person& p, double years) {
  p.age_at_entry_units = static_cast<std::uint16_t>(std::clamp(years, 0.0, 32.0) * age_units_per_year + 0.5);
}

// What an office's hour allocation and the queue outputs need to know of a person in services. Each office
// keeps a running count of its people by these classes, updated at every change of state, assessment
// referral or readiness estimate, so that its week needs no counting pass over the caseload (at 10x the
// national population that pass was a fifth of the run time, docs/performance.md).
enum class Tally : std::uint8_t {
  out_of_services,       // not counted
  waiting,               // waiting for the office's assessment (or for the office to order one)
  waiting_referred,      // a measure ordered, its result not yet with the veileder
  follow_up,             // followed up, not yet judged job-ready
  follow_up_ready,       // followed up and judged job-ready: a candidate for placement
  follow_up_referred,    // a follow-up measure ordered, the provider's report not yet with the veileder
  follow_up_specialist,  // followed by a Supported Employment job specialist
  work_trial,
  subsidised,
  subsidised_specialist,
  ordinary_specialist,   // in an ordinary job, followed along by a job specialist (not in services)
  count
};
inline constexpr std::size_t tally_count = static_cast<std::size_t>(Tally::count);

struct Office {
  std::uint32_t staff_class;          // Table 3.1 size class 0..4
  float users_per_veileder;           // drawn from Table 3.1
  bool engaged;                       // leadership anchoring of the Job Strategy (SINTEF L2840–2843)
  float employer_contact_weight = 1;  // this office's multiplier on employer contact in its hour allocation
  double staff_share;                 // of the county's office staff: new people and moved hours go by it
  double veileder_staff_hours_per_week;  // casework hours of the office's veiledere for all their users
  double other_users;                 // users with reduced work capacity outside the target group (fixed)
  double veileder_hours_per_week = 0; // the target group's share of them this week (by caseload)
  double market_hours_per_week;       // market coordinator hours for the target group
  double specialist_hours_per_week;   // Supported Employment job specialists
  double assessment_hours_carry = 0;  // hours already spent on a partly done assessment
  double hours_owed = 0;              // veileder hours promised elsewhere (matchemøter), taken next week
  double trial_follow_up_share = 1;   // last week's share of trial follow-up needs met (employers see it)
  double casework_unmet_share = 0;    // last week's share of casework (assessment, follow-up) its hours did not cover
  double last_leadership_visit_day = -1e300;  // the county coordinator's last visit to its leadership
  double follow_along_share = 1;      // last week's share of its specialists' follow-along need met
  double specialist_meeting_carry = 0;  // specialist hours for employer meetings short of a whole meeting
  std::array<std::int32_t, tally_count> tally{};  // this office's people in services, by class
  std::vector<PersonId> caseload;     // people in services, in order of arrival
  std::vector<PersonId> assessment_queue;  // waiting for the office to assess or refer them, FIFO
  // Providers' reports back from a measure, waiting for the veileder to take them over, in order of arrival.
  struct Handoff {
    PersonId person;
    std::uint16_t epoch;  // the person's timer_epoch when the measure ended (stale if they moved since)
    bool follow_up;       // from a follow-up measure (else an assessment)
    float day;            // when the report arrived
    float quality;        // what the report carries of the person's readiness
  };
  std::vector<Handoff> handoffs;
  // Job-ready people left unplaced after the office's own week, in order of arrival, for ALS, coach and
  // matchemøter to draw from until the next week; `ready_next` is the next one to offer.
  std::vector<PersonId> ready;
  std::size_t ready_next = 0;
};

// 32 bytes, aligned to 32: a record drawn at random is one cache line's read, never two (docs/performance.md).
struct alignas(32) Employer {
  float trust;                // trust in NAV, 0..1 (SINTEF L7043)
  float trust_day;            // day `trust` and the memories were last brought up to date (both fade lazily)
  float good_memory = 0;      // remembered good trials, fading with employer.experience_half_life_years
  float bad_memory = 0;       // remembered bad trials, likewise (SINTEF L5852–5862, L5960–5964, L6645–6648)
  std::uint16_t size = 1;     // employees (saturates at 65,535)
  std::uint8_t trainees = 0;  // people in trials or subsidised jobs here now
  std::uint8_t slots = 1;     // capacity for trainees, by size
  std::uint8_t trials_without_hire = 0;  // trial cycling: trials in a row that ended without a hire
  bool ia : 1 = false;        // signed the IA agreement
  bool is_public : 1 = false;
  bool contact : 1 = false;   // has a fixed ALS contact person (SINTEF L251, L2005)
  bool takes_trainees : 1 = false;  // takes trainees at all (more likely the larger it is)
  // The employer's contacts with NAV (employer_contact.hpp): when and by which NAV unit it was last asked about
  // candidates, and when its ALS contact person last visited it.
  std::uint16_t last_contact_unit = 0;
  float last_contact_day = -1e30f;
  float last_visit_day = -1e30f;
};
static_assert(sizeof(Employer) == 32, "Employer grew past a half cache line: check docs/performance.md first");

}  // namespace iasim::model
