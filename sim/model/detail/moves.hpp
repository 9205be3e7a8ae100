#pragma once
// Changing a person's situation (internal to sim/model): every state change goes through move(), which
// checks it against transitions.hpp, keeps the county's stocks and the office's tally, and makes the person's
// pending timers stale; the rest ties people to caseloads, timers and employers.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model/detail/streams.hpp"
#include "sim/model/rules.hpp"
#include "sim/model/transitions.hpp"

namespace iasim::model::detail {

inline bool job_ready(const County& c, const Person& p) {
  return p.state == PersonState::follow_up && !p.supported_employment && !p.referred &&
         p.readiness_estimate >= c.p->office.ready_threshold;
}

inline Tally tally_of(const County& c, const Person& p) {
  switch (p.state) {
    case PersonState::waiting_assessment: return p.referred ? Tally::waiting_referred : Tally::waiting;
    case PersonState::follow_up:
      if (p.referred) return Tally::follow_up_referred;
      return p.supported_employment ? Tally::follow_up_specialist : job_ready(c, p) ? Tally::follow_up_ready : Tally::follow_up;
    case PersonState::work_trial: return Tally::work_trial;
    case PersonState::subsidised_job: return p.supported_employment ? Tally::subsidised_specialist : Tally::subsidised;
    case PersonState::ordinary_job: return p.supported_employment ? Tally::ordinary_specialist : Tally::out_of_services;
    default: return Tally::out_of_services;
  }
}
inline void count_in_office(County& c, const Person& p, std::int32_t n) {
  c.offices[p.office].tally[static_cast<std::size_t>(tally_of(c, p))] += n;
}
// Applies `change` to a person and keeps the office's tally true. Every change of a person's state,
// referral or readiness estimate goes through here (move() does).
template <class Change>
inline void retally(County& c, Person& p, Change&& change) {
  count_in_office(c, p, -1);
  change();
  count_in_office(c, p, +1);
}

// The subgroup cell a person is in now (observation.hpp): entered at 25 or older, other diagnosis than mental
// health, not on AAP, no upper secondary school, one bit each.
inline std::size_t subgroup_cell(const Person& p) {
  constexpr auto limit = static_cast<std::uint16_t>(subgroup_age_band_limit * age_units_per_year);
  return std::size_t{p.age_at_entry_units >= limit} | std::size_t{!p.mental_health} << 1 |
         std::size_t{!p.on_aap} << 2 | std::size_t{!p.upper_secondary} << 3;
}

// Counts a move (or an entry) of `p` in the step's flows: for the county, the person's subgroups and office.
inline void count_transition(County& c, const Person& p, std::size_t t) {
  c.step.transitions[t] += 1;
  if (const auto k = key_transition_slot[t]; k != not_key) {
    c.cell_transitions[subgroup_cell(p)][static_cast<std::size_t>(k)] += 1;
    c.office_transitions[p.office][static_cast<std::size_t>(k)] += 1;
  }
}

// Adds `n` (+1 or -1) people like `p` to the county's stocks: by state, by subgroup and state, by office and state.
inline void count_in_stocks(County& c, const Person& p, double n) {
  const auto s = index(p.state);
  c.stock[s] += n;
  c.cell_stock[subgroup_cell(p)][s] += n;
  c.office_stock[p.office][s] += n;
}
constexpr bool in_job(PersonState s) { return s == PersonState::subsidised_job || s == PersonState::ordinary_job; }
// The states in which AAP is paid to someone on it: in services, but not in a subsidised job (which pays a wage).
constexpr bool aap_paid_in(PersonState s) { return in_services(s) && s != PersonState::subsidised_job; }

// Cohort outcomes (CohortCounts): each person entered since 2015 is counted once per whole month since entry,
// at the first output time in that month, in the state they were in then (outputs come at most a month apart,
// so no month is skipped; a month seen twice is counted once); someone who moved away is counted where they
// live now. What is counted (state, milestones, AAP) changes only in move() and regroup(), so the output times
// passed since a person's last change are counted at the next change, and at the end (IaModel::end_outputs):
// the same counts as a pass over everyone at each output time, which at 10x the national population read the
// whole array from memory every month (docs/performance.md).
inline void count_cohort_months(County& c, Person& p, PersonId id) {
  if (p.entry_day < 0 || p.state == PersonState::moved_away) return;
  const auto cohort = static_cast<std::size_t>(p.entry_day / year);
  if (cohort >= c.cohorts.cohorts) return;
  const auto& days = c.observed_days;
  // The first output time that saw this record (it came after output j if observed_persons[j] <= id) and could
  // count a month later than the last counted one (a day early, so that rounding cannot skip it).
  const auto seen = std::upper_bound(c.observed_persons.begin(), c.observed_persons.end(), id) - c.observed_persons.begin();
  const double next_month_from = p.entry_day + (p.last_cohort_month + 1) * month - 1.0;
  auto j = static_cast<std::size_t>(
      std::max(seen, std::lower_bound(days.begin(), days.end(), next_month_from) - days.begin()));
  for (; j < days.size(); ++j) {
    const auto m = static_cast<std::int32_t>(std::floor((days[j] - p.entry_day) / month + 1e-9));
    if (m > static_cast<std::int32_t>(cohort_max_months)) break;
    if (m <= p.last_cohort_month) continue;
    p.last_cohort_month = static_cast<std::int8_t>(m);
    const auto mm = static_cast<std::size_t>(m);
    c.cohorts.at(cohort, mm, index(p.state)) += 1;
    c.cohorts.milestone(cohort, mm, Milestone::first_work_trial) += p.had_trial;
    c.cohorts.milestone(cohort, mm, Milestone::first_job) += p.had_job;
    c.cohorts.milestone(cohort, mm, Milestone::exit) += p.exited;
    c.cohorts.on_aap[cohort * (cohort_max_months + 1) + mm] += p.on_aap && aap_paid_in(p.state);
  }
}
inline PersonId id_of(const County& c, const Person& p) { return static_cast<PersonId>(&p - c.persons.data()); }

// Applies `change` to what puts a person in a subgroup (AAP ending) and keeps the stocks true.
template <class Change>
inline void regroup(County& c, Person& p, Change&& change) {
  count_cohort_months(c, p, id_of(c, p));
  count_in_stocks(c, p, -1);
  change();
  count_in_stocks(c, p, +1);
}

// Job retention by the job's start year (CohortCounts), counted when a job ends (`ended`) or its holder turns
// 30, and for jobs still held at the last output time (IaModel::end_outputs): kept at each duration it reached;
// ended before the others if it ended, and the duration does not lie beyond the last output time.
inline void count_job_end(County& c, const Person& p, bool ended, double now) {
  const double start = p.state_since_day;
  const auto start_year = static_cast<std::size_t>(start / year);
  if (start < 0 || start_year >= c.cohorts.cohorts) return;
  for (std::size_t k = 0; k < retention_months.size(); ++k) {
    const double reached = start + retention_months[k] * month;
    const std::size_t i = start_year * retention_months.size() + k;
    if (reached <= now) {
      c.cohorts.jobs_kept[i] += 1;
    } else if (ended && reached <= c.outputs_end_day) {
      c.cohorts.jobs_ended[i] += 1;
    }
  }
}

// Someone in a subsidised job is in services but needs nothing from the office's weekly sweep until the job ends:
// their caseload entry is parked (this bit set), so that the sweep keeps it in its place without reading the
// person's record (docs/performance.md). move() parks and unparks it.
inline constexpr PersonId parked_in_caseload = PersonId{1} << 31;
// Finding the entry is a scan of the caseload, which grows with the population: a person's place in it changes
// every week. The scan compares 16 entries at a time without a branch, which the compiler does in vector
// registers: at 10x the national population the plain loop was a fifth of move()'s time.
inline PersonId* find_in_caseload(std::vector<PersonId>& caseload, PersonId entry) {
  using Lanes = PersonId __attribute__((vector_size(16)));  // GCC and Clang vector extension: 4 ids at once
  constexpr std::size_t lanes = sizeof(Lanes) / sizeof(PersonId), block = 4 * lanes;
  PersonId* const d = caseload.data();
  const std::size_t n = caseload.size();
  const Lanes wanted = Lanes{} + entry;
  std::size_t i = 0;
  for (; i + block <= n; i += block) {
    Lanes hit{};
    for (std::size_t k = 0; k < block; k += lanes) {
      Lanes v;
      std::memcpy(&v, d + i + k, sizeof v);
      hit |= reinterpret_cast<Lanes>(v == wanted);
    }
    if (hit[0] | hit[1] | hit[2] | hit[3]) break;
  }
  for (; i < n; ++i)
    if (d[i] == entry) return d + i;
  return nullptr;
}
inline void set_parked(County& c, const Person& p, PersonId id, bool parked) {
  const PersonId from = parked ? id : id | parked_in_caseload, to = parked ? id | parked_in_caseload : id;
  if (PersonId* entry = find_in_caseload(c.offices[p.office].caseload, from)) *entry = to;
}

inline void move(County& c, Person& p, PersonState to, double now) {
  const auto t = transition_index(PersonState{p.state}, to);
  if (!t) {
    std::ostringstream os;
    os << "model invariant: transition " << person_state_labels[index(p.state)] << "->"
       << person_state_labels[index(to)] << " is not allowed (person " << (&p - c.persons.data()) << ", county "
       << c.facts->name << ", t=" << now << "; transitions.hpp lists the allowed ones)";
    throw ModelError(os.str());
  }
  count_cohort_months(c, p, id_of(c, p));
  count_transition(c, p, *t);
  const PersonState from = p.state;
  // Leaving NAV follow-up (not by turning 30): looked up again six months later (county_week).
  if (in_services(p.state) && !in_services(to) && to != PersonState::aged_out && to != PersonState::moved_away) {
    c.leavers.push_back({static_cast<float>(now), id_of(c, p)});
    p.exited = true;
  }
  const bool job_goes_on = in_job(p.state) && in_job(to);  // a subsidised job kept
  // Turning 30 or moving away from a subsidised job leaves its outcome unknown (censored), as do jobs held at the
  // end; an ordinary job goes on in the county the person moves to, which counts it when it ends.
  const bool job_moves = p.state == PersonState::ordinary_job && to == PersonState::moved_away;
  if (in_job(p.state) && !job_goes_on && !job_moves)
    count_job_end(c, p, to != PersonState::aged_out && to != PersonState::moved_away, now);
  if (to == PersonState::work_trial) p.had_trial = true;
  if (in_job(to)) p.had_job = true;
  count_in_stocks(c, p, -1);
  // A referral to a provider belongs to one waiting spell: whoever waits again (back from inactivity or
  // education) is referred afresh, or their stale provider timer would leave them waiting for ever.
  retally(c, p, [&] {
    p.state = to;
    p.referred = false;
  });
  // Back in follow-up, no employer has met the person for what comes next (a job specialist meets one anew).
  if (to == PersonState::follow_up) p.employer_met_before = false;
  count_in_stocks(c, p, +1);
  if (p.in_caseload && (from == PersonState::subsidised_job) != (to == PersonState::subsidised_job))
    set_parked(c, p, id_of(c, p), to == PersonState::subsidised_job);
  if (!job_goes_on) p.state_since_day = now;
  p.exit_clock = -1;  // a new spell draws a new exit clock
  ++p.timer_epoch;  // any timer set in the old state is now stale
}

inline void set_timer(Context& ctx, PersonId id, const Person& p, EventKind kind, double when) {
  ctx.schedule(when, ModelEvent{.kind = kind, .person = id, .epoch = p.timer_epoch, .employer = p.employer}, /*priority=*/1);
}

// Puts someone (back) in their office's caseload and, if they wait for an assessment, its queue. Someone who
// left and came back within the week is still listed in the caseload (the weekly sweep drops leavers) but must
// join the queue again; a second queue entry from the same week is skipped when assessing (office_week).
inline void add_to_caseload(County& c, PersonId id, Person& p, double now) {
  // Place, then train (klar-supported-employment.txt): someone a job specialist follows does not wait for an
  // assessment.
  if (p.supported_employment && p.state == PersonState::waiting_assessment) move(c, p, PersonState::follow_up, now);
  if (p.state == PersonState::waiting_assessment) c.offices[p.office].assessment_queue.push_back(id);
  if (p.in_caseload) return;
  p.in_caseload = true;
  c.offices[p.office].caseload.push_back(id);
}

// Asks the memory for an employer's record a while before it is read: employers are drawn at random, so their records
// are rarely in cache (docs/performance.md). The record is 32 bytes aligned to 32, so it lies in one cache line.
inline void prefetch_employer(const County& c, EmployerId id) { __builtin_prefetch(&c.employers[id], 1); }

inline Employer* current_employer(County& c, Person& p) { return p.employer == none ? nullptr : &c.employers[p.employer]; }

// Frees the trainee slot a person held at employer `id` (a trial, a subsidised job, an assessment workplace).
inline void release_trainee_slot(County& c, EmployerId id) {
  if (id == none) return;
  if (Employer& e = c.employers[id]; e.trainees > 0) {
    --e.trainees;
    note_openings(c, id);
  }
}
inline void release_employer(County& c, Person& p) { release_trainee_slot(c, p.employer); }

// Still waiting for the measure ordered in spell `epoch` (measures.cpp), an assessment while waiting or a follow-up
// measure in follow-up: not moved since, so not referred afresh.
inline bool waits_for_measure(const Person& p, std::uint16_t epoch) {
  return p.timer_epoch == epoch && p.referred &&
         (p.state == PersonState::waiting_assessment || p.state == PersonState::follow_up);
}

inline void record_wait(County& c, Queue q, double days) {
  c.wait_days_sum[static_cast<std::size_t>(q)] += days;
  c.wait_count[static_cast<std::size_t>(q)] += 1;
}

// The employer's memory of trials faded to now (trust itself changes only by experiences: trials, visits,
// arenas, door openings and duplicate contacts).
inline void refresh_trust(County& c, Employer& e, double now) {
  fade_memory(c.p->employer, e, now);
  e.trust_day = static_cast<float>(now);
}

inline double age_years(const Person& p, double now) { return age_at_entry(p) + (now - p.entry_day) / year; }

}  // namespace iasim::model::detail
