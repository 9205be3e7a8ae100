#pragma once
// One county: its agents (offices, employers, young people), its ALS, coach and matchemøter, and the
// accumulators the model reports from. A county is one engine partition; nothing in it is touched by
// another county's thread.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sim/model/agents.hpp"
#include "sim/model/observation.hpp"
#include "sim/model/params.hpp"

namespace iasim::model {

// Cohort outcomes: people entering in year `cohort` (0 = 2015), by whole months since entry: their state,
// whether they have had their first work trial, first job and first exit from services yet, and whether they
// are paid AAP; and job retention by the year a job started. Counted per county, summed over counties at the
// end of a replicate (add).
inline constexpr std::size_t cohort_max_months = 60;
enum class Milestone : std::uint8_t { first_work_trial, first_job, exit };
inline constexpr std::size_t milestone_count = 3;
inline constexpr std::array<std::string_view, milestone_count> milestone_labels = {"first_work_trial", "first_job", "exit"};
// Job retention is read at these durations since the job started (a subsidised job kept counts as one job).
inline constexpr std::array<double, 3> retention_months = {6, 12, 24};
struct CohortCounts {
  std::size_t cohorts = 0;
  std::vector<double> counts;      // [cohort][month 0..cohort_max_months][state]
  std::vector<double> milestones;  // [cohort][month][milestone]: had it by then
  std::vector<double> on_aap;      // [cohort][month]: paid AAP then (in services, not in a subsidised job)
  // [job start year][retention_months]: jobs still held at that duration, and jobs that ended before it. A job
  // whose holder turned 30 before that duration, or that started less than that before the last output time, is
  // in neither: its outcome is not known.
  std::vector<double> jobs_kept, jobs_ended;

  void resize(std::size_t n_cohorts) {
    cohorts = n_cohorts;
    counts.assign(cohorts * (cohort_max_months + 1) * person_state_count, 0.0);
    milestones.assign(cohorts * (cohort_max_months + 1) * milestone_count, 0.0);
    on_aap.assign(cohorts * (cohort_max_months + 1), 0.0);
    jobs_kept.assign(cohorts * retention_months.size(), 0.0);
    jobs_ended.assign(cohorts * retention_months.size(), 0.0);
  }
  double& at(std::size_t c, std::size_t m, std::size_t s) {
    return counts[(c * (cohort_max_months + 1) + m) * person_state_count + s];
  }
  double& milestone(std::size_t c, std::size_t m, Milestone k) {
    return milestones[(c * (cohort_max_months + 1) + m) * milestone_count + static_cast<std::size_t>(k)];
  }
  void add(const CohortCounts& o) {
    auto sum = [](std::vector<double>& a, const std::vector<double>& b) {
      for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) a[i] += b[i];
    };
    sum(counts, o.counts);
    sum(milestones, o.milestones);
    sum(on_aap, o.on_aap);
    sum(jobs_kept, o.jobs_kept);
    sum(jobs_ended, o.jobs_ended);
  }
};

// Employers a broker can approach, weighted by size, drawn in constant time. Consecutive employers of equal
// weight form a run (the trainee firms are stored largest first, so a run is every firm of one size); a run is
// drawn by Walker's alias method (Vose's construction) with the run's total weight, then a firm uniformly within
// it: each firm's chance is its weight over the total, as for an alias table over the firms. The run tables hold
// a few hundred entries per county and stay in cache, so a draw misses memory only on the firm it returns, whose
// record the broker reads next anyway. An alias table over the firms themselves, with one bucket per firm, missed
// on its bucket as well at 10x the population (docs/performance.md); a binary search over cumulative sizes cost 8%
// of a national run, Boost.Random's discrete_distribution 15% at 10x.
struct EmployerPool {
  struct Run {
    std::uint32_t first;  // place in `ids` of the run's first employer
    std::uint32_t count;
  };
  struct Bucket {
    float keep;            // probability of this bucket's own run rather than `alias`
    std::uint32_t alias;   // a run
  };
  std::vector<EmployerId> ids;  // in order of adding (matchemøte rooms are drawn from them)
  std::vector<double> weights;  // until finish()
  std::vector<Run> runs;
  std::vector<Bucket> buckets;  // one per run
  bool ids_are_places = false;  // ids[k] == k (the trainee firms, stored first): no look-up in `ids`
  bool empty() const { return ids.empty(); }
  void add(EmployerId id, double weight) {
    ids.push_back(id);
    weights.push_back(weight);
  }
  // After the last add(): builds the runs and their alias table.
  void finish() {
    runs.clear();
    std::vector<double> run_weight;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i > 0 && weights[i] == weights[i - 1]) {
        ++runs.back().count;
        run_weight.back() += weights[i];
      } else {
        runs.push_back({static_cast<std::uint32_t>(i), 1});
        run_weight.push_back(weights[i]);
      }
    }
    const std::size_t n = runs.size();
    buckets.assign(n, Bucket{1.0f, 0});
    double total = 0;
    for (double w : run_weight) total += w;
    std::vector<double> scaled(n);
    std::vector<std::size_t> small, large;
    for (std::size_t i = 0; i < n; ++i) {
      scaled[i] = run_weight[i] * static_cast<double>(n) / total;
      (scaled[i] < 1.0 ? small : large).push_back(i);
    }
    while (!small.empty() && !large.empty()) {
      const std::size_t s = small.back(), l = large.back();
      small.pop_back();
      buckets[s] = {static_cast<float>(scaled[s]), static_cast<std::uint32_t>(l)};
      scaled[l] -= 1.0 - scaled[s];
      if (scaled[l] < 1.0) {
        large.pop_back();
        small.push_back(l);
      }
    }
    for (std::size_t i : small) buckets[i] = {1.0f, static_cast<std::uint32_t>(i)};  // rounding leftovers
    for (std::size_t i : large) buckets[i] = {1.0f, static_cast<std::uint32_t>(i)};
    weights = {};
    ids_are_places = true;
    for (std::size_t i = 0; i < ids.size(); ++i) ids_are_places = ids_are_places && ids[i] == i;
  }
  // An employer, the larger the likelier; the pool must not be empty. One 64-bit draw gives the bucket and the
  // coin; a run of more than one firm takes a second draw for the firm within it.
  template <class Draw>
  EmployerId pick(Draw&& draw) const {
    const std::uint64_t bits = draw();
    const auto k = static_cast<std::size_t>(((bits >> 32) * buckets.size()) >> 32);
    const Bucket& b = buckets[k];
    const bool own = static_cast<float>(static_cast<double>(bits & 0xffffffffu) * 0x1p-32) < b.keep;
    const Run& r = runs[own ? k : b.alias];
    std::size_t place = r.first;
    if (r.count > 1)
      place += static_cast<std::size_t>(((draw() >> 32) * r.count) >> 32);
    return ids_are_places ? static_cast<EmployerId>(place) : ids[place];
  }
};

// An assessment measure (measures.cpp): a provider's places bought by the week, or the specialised veiledere's
// hours, and who waits for it and who is in it. An entry is stale once its person has moved (timer_epoch).
struct MeasureEntry {
  PersonId person;
  std::uint16_t epoch;
  float day;  // referred (in the queue) or due to end (a participant)
  EmployerId arena = none;       // the workplace a specialised veileder uses (none: not yet found)
};
// Where someone referred to a follow-up measure is: waiting for a place (or for the hand-off of the report), or
// followed up in the measure by a provider or a specialised veileder.
enum class FollowUpPlace : std::uint8_t { waiting, provider, specialised };
struct Measure {
  double places = 0;  // participants at once
  std::vector<MeasureEntry> queue;  // FIFO; [queue_next, end) still waiting
  std::size_t queue_next = 0;
  std::vector<MeasureEntry> participants;
};

// Someone who left NAV follow-up (for work, disability benefit, education or inactivity), to be looked up
// six months later as NAV's register statistics do (data/register_flows.md).
struct Leaver {
  float day;
  PersonId person;
};

// Disability hazards' age factor, tabulated by tenths of a year from age 15 (exp() per person-week would
// cost a third of a national run).
inline constexpr double age_table_from = 15.0;
inline constexpr std::size_t age_table_size = 160;
// Own job search's readiness factor, tabulated by 1/256 of readiness (readiness is in [0, 1]).
inline constexpr std::size_t readiness_table_steps = 256;

// A young person moving to another county, as the message to that county carries them: their record as it was
// when they left (state, history, AAP clock, readiness), to go on there (migration.cpp).
struct Mover {
  Person person;
  std::uint32_t from_county;
};

// Bits of County::employer_openings.
namespace EmployerOpenings {
inline constexpr std::uint8_t free_slot = 1;  // trainees < slots
inline constexpr std::uint8_t contact = 2;    // Employer::contact
}  // namespace EmployerOpenings

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
  EmployerPool trainee_firms;                 // firms that take trainees, by size: offices, coaches, specialists
  EmployerPool contact_trainee_firms;         // the contact firms among them: ALS and ALS-led market teams
  // What pick_employer asks of every firm it draws, two bits per employer, four to a byte (EmployerOpenings): a
  // free trainee slot, a fixed ALS contact. Apart from the 32-byte records, and dense (48 KiB nationally), it
  // mostly stays in the core's cache, where a record drawn at random missed it (placement.cpp). Read with
  // openings_of(); note_openings() keeps it true after every change of those fields.
  std::vector<std::uint8_t> employer_openings;
  std::vector<EmployerId> good_partners;      // ring of the county's most recent good trials' employers
  std::size_t good_partners_next = 0, good_partners_capacity = 1;
  double start_day = 0;                       // when the county's weekly rounds began (the spin-up's start)
  std::vector<std::vector<PersonId>> turning_30;  // by week since start_day: who turns 30 that week
  std::vector<Leaver> leavers;                // in order of leaving; [leavers_next, end) not yet looked up
  std::size_t leavers_next = 0;
  std::array<float, age_table_size> disability_age_factor{};
  std::array<float, readiness_table_steps + 1> own_search_readiness_factor{};
  // The sum of every employer's trust, in units of 2^-40 (trust_units): exact, so it is the records' sum, kept by
  // move_trust() at every change of trust, and read by observe() instead of a pass over all employers each month.
  std::int64_t employer_trust_units = 0;
  std::size_t ia_employers = 0;               // IA firms, with or without a contact
  std::vector<double> office_weight_cumulative;  // for choosing a new person's office (by staff)

  // ALS (als_week.cpp): its advisers, the centre's system competence, the round of visits to contact firms and
  // hours owed to IA council arenas.
  double adviser_hours_per_week = 0;
  double als_competence = 1.0;
  std::size_t next_visit = 0;              // index into contact_employers of the next firm to visit
  double visit_carry = 0;                  // visit hours short of a whole visit
  double als_hours_owed = 0;               // adviser hours promised to arenas, taken next week
  double sick_leave_pct = 0;
  double als_placement_carry = 0;
  double market_coordination = 0;          // this week's share of market-team contacts that are coordinated
  double contact_answer_share = 1;         // this week's chance that a fixed ALS contact answers a call the same day
  double call_answer_days_sum = 0;         // days to an answer of the step's employer calls
  std::vector<EmployerId> ia_firms;        // every IA firm, for IA council arenas
  double ia_council_funds = 0;             // budget not yet spent on arenas (NOK)
  // The national programme budget (programme_budget.cpp): this county's places, and subsidies refused since the
  // last report to the directorate.
  double work_trial_places = 0, wage_subsidy_places = 0;
  double refused_subsidies_since_report = 0;
  double programme_interval_days = 30;
  // People who moved to another county, kept here until the run ends so the message that carries them stays
  // valid (migration.cpp); only this county's thread adds to it.
  std::vector<std::unique_ptr<Mover>> emigrants;
  // The next matchemøte: its day, and the hours the coach and coordinator have spent preparing it in its week.
  // Assessment measures: at providers and with the county's specialised veiledere (their hours a week).
  Measure provider, specialised;
  double specialised_hours_per_week = 0;
  // Follow-up measures (measures.hpp): at providers and with the specialised veiledere at a workplace (their hours
  // a week), and who of those referred to one is in it now, by person (read only while referred in follow-up).
  Measure follow_up_provider, follow_up_specialised;
  double specialised_follow_up_hours_per_week = 0;
  std::vector<FollowUpPlace> follow_up_place;
  double next_matchmeeting_day = 1e300;
  double matchmeeting_prepared_hours = 0;
  double coach_door_carry = 0, coach_case_carry = 0, coordinator_visit_carry = 0;  // hours short of a whole task
  double coordinator_follow_up_carry = 0;
  // Doors the coach has opened: firms that agreed to take a candidate, in order of opening; [open_doors_next, end)
  // are still open unless past their day.
  struct OpenDoor {
    EmployerId employer;
    float until;
  };
  std::vector<OpenDoor> open_doors;
  std::size_t open_doors_next = 0;
  std::array<std::uint64_t, 20> draws{};   // county-level random decisions, counted per purpose (streams.hpp)

  // Accumulated since the last observation (flows, hours, waits) and kept current (stocks).
  CountyObservation step;
  std::array<double, person_state_count> stock{};
  std::array<double, queue_count> wait_days_sum{};
  std::array<double, queue_count> wait_count{};
  CohortCounts cohorts;
  // Kept current, like `stock`: people by subgroup cell and state, and by office and state. Accumulated since
  // the last observation, like `step`: the key transitions by subgroup cell and by office.
  std::array<std::array<double, person_state_count>, subgroup_cell_count> cell_stock{};
  std::vector<std::array<double, person_state_count>> office_stock;
  std::array<std::array<std::uint32_t, key_transition_count>, subgroup_cell_count> cell_transitions{};
  std::vector<std::array<double, key_transition_count>> office_transitions;
  double outputs_end_day = 0;  // the last output time: what happens later is not simulated
  // The output times so far, and how many records the county had at each (records are added in order of time,
  // so the output at observed_days[j] saw persons[0 .. observed_persons[j])): count_cohort_months reads them.
  std::vector<double> observed_days;
  std::vector<PersonId> observed_persons;
};

// An employer's trust in the exact units of County::employer_trust_units: a float in [2^-16, 1] is a whole number of
// 2^-40 (its 24 significant bits lie above that), so the county's sum neither drifts nor depends on the order of
// changes; smaller trust, which the rules never produce, would be cut to the unit below.
inline std::int64_t trust_units(float trust) { return static_cast<std::int64_t>(static_cast<double>(trust) * 0x1p40); }
inline double trust_of_units(std::int64_t units) { return static_cast<double>(units) * 0x1p-40; }
// Sets an employer's first trust (population.cpp).
inline void set_initial_trust(County& c, Employer& e, double trust) {
  e.trust = static_cast<float>(trust);
  c.employer_trust_units += trust_units(e.trust);
}
// Moves an employer's trust `step` of the way toward `target` (experiences, visits, arenas, calls, door openings,
// duplicate contacts), keeping the county's sum.
inline void move_trust(County& c, Employer& e, double step, double target) {
  const float before = e.trust;
  e.trust += static_cast<float>(step * (target - e.trust));
  c.employer_trust_units += trust_units(e.trust) - trust_units(before);
}

// County::employer_openings is sized for `n` employers.
inline void size_openings(County& c, std::size_t n) { c.employer_openings.assign((n + 3) / 4, 0); }
// Employer `id`'s bits of EmployerOpenings.
inline std::uint8_t openings_of(const County& c, EmployerId id) {
  return static_cast<std::uint8_t>((c.employer_openings[id / 4] >> (2 * (id % 4))) & 3u);
}
// Brings employer `id`'s bits of County::employer_openings up to date: call after changing its trainees, slots or
// contact.
inline void note_openings(County& c, EmployerId id) {
  const Employer& e = c.employers[id];
  const unsigned bits = (e.trainees < e.slots ? EmployerOpenings::free_slot : 0) | (e.contact ? EmployerOpenings::contact : 0);
  const unsigned shift = 2 * (id % 4);
  auto& byte = c.employer_openings[id / 4];
  byte = static_cast<std::uint8_t>((byte & ~(3u << shift)) | (bits << shift));
}

}  // namespace iasim::model
