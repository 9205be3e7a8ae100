#include "sim/model/office_week.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <vector>

#include "sim/model/detail/moves.hpp"
#include "sim/model/employer_contact.hpp"
#include "sim/model/measures.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/rules.hpp"
#include "sim/model/timers.hpp"

namespace iasim::model::detail {

void complete_assessment(Context& ctx, County& c, PersonId id, Person& p, double quality, AssessmentRoute route,
                         double now) {
  auto s = person_spell_stream(ctx, c, id, p, Purpose::assessment);
  p.readiness_estimate = clamp01(p.readiness + normal(s, 0.0, c.p->office.readiness_error_sd_at_zero_quality * (1.0 - quality)));
  record_wait(c, route == AssessmentRoute::office_interview ? Queue::assessment_in_house : Queue::assessment_purchased,
              now - p.state_since_day);
  const auto r = static_cast<std::size_t>(route);
  c.step.assessments[r] += 1;
  c.step.assessment_quality_sum[r] += quality;
  move(c, p, PersonState::follow_up, now);
  refer_to_follow_up_measure(ctx, c, id, p, now);
}

void take_over_follow_up(Context& ctx, County& c, PersonId id, Person& p, double quality) {
  auto s = person_spell_stream(ctx, c, id, p, Purpose::follow_up_measure, 2);
  const double estimate = clamp01(p.readiness + normal(s, 0.0, c.p->office.readiness_error_sd_at_zero_quality * (1.0 - quality)));
  retally(c, p, [&] {
    p.readiness_estimate = static_cast<float>(estimate);
    p.referred = false;
  });
}

namespace {

// What one week does to everyone of an office at follow-up share f, worked out once per office and week
// instead of once per person and week (person_week is asked ~45,000 times a week nationally). Each factor is
// the leading part of the expression person_week used to evaluate for every person, multiplied in the same
// order, so the hazards and updates are the same to the last bit.
struct FollowUpWeek {
  double readiness_gain, readiness_decay;     // per year, before the factors (1 - readiness) and readiness
  double motivation_gain, motivation_decay;   // likewise for motivation
  double estimate_learning;                   // share of the estimate's error learnt this week
  double h_drop;                              // hazard of dropping out this week
};
// This week's seasonal hazards, the same for every office: leaving for school by upper secondary school (false,
// true), and finding a job by own search before the readiness factor.
struct WeekHazards {
  std::array<double, 2> h_edu;
  double h_job_base;
};

FollowUpWeek follow_up_week(const County& c, double f) {
  const auto& pop = *c.pop;
  const double dt = week / year;
  return {pop.readiness_gain_follow_up_per_year * f,
          pop.readiness_decay_inactive_per_year * (1 - f),
          pop.motivation_gain_follow_up_per_year * f,
          pop.motivation_decay_waiting_per_year * (1 - f),
          std::min(1.0, c.p->office.estimate_learning_per_year * f * dt),
          pop.dropout_per_year * dt * (1.0 + pop.dropout_neglect_multiplier * (1.0 - f))};
}

// The seasonal factors on leaving for school and on finding a job at `now` (1 = the year's mean) in the week's hazards.
WeekHazards week_hazards(const County& c, double now) {
  const auto& pop = *c.pop;
  const double dt = week / year;
  const double season_term = season(pop, now);
  const double education = std::max(0.0, 1.0 + pop.education_season_amplitude * season_term);
  const double hiring = std::max(0.0, 1.0 + pop.own_job_search_season_amplitude * season_term);
  return {{pop.education_exit_per_year * dt * pop.education_factor_no_upper_secondary * education,
           pop.education_exit_per_year * dt * pop.education_factor_upper_secondary * education},
          pop.own_job_search_per_year * dt * hiring};
}

// A person's AAP reaches its limit (`aap_left` <= 0): extended once (by the share of the rules then in force), or
// ended, with a move to disability benefit for some. Returns true if the person left services. Once per person at
// most, so kept out of the weekly path.
[[gnu::noinline]] bool reach_aap_limit(Context& ctx, County& c, PersonId id, Person& p, double& aap_left, double now) {
  const auto& pop = *c.pop;
  auto s = person_stream(ctx, c, id, Purpose::aap_limit, now);
  const double extension = now >= aap_reform_day(pop) ? pop.aap_extension_share_from_reform : pop.aap_extension_share;
  if (!p.aap_extended && engine::bernoulli(s, extension)) {
    p.aap_extended = true;
    aap_left += pop.aap_extension_years;
    return false;
  }
  regroup(c, p, [&] { p.on_aap = false; });
  if (!engine::bernoulli(s, pop.disability_at_aap_expiry_share)) return false;
  leave_services(ctx, c, id, p, PersonState::disability_benefit, now);
  return true;
}

// The spell's exit clock, drawn in its first week (one draw per spell, ODD §7.5).
[[gnu::noinline]] void draw_exit_clock(Context& ctx, County& c, PersonId id, Person& p) {
  auto s = person_spell_stream(ctx, c, id, p, Purpose::weekly);
  p.exit_clock = static_cast<float>(engine::exponential(s, 1.0));
}

// The exit clock ran out this week: the exit is chosen in proportion to the week's hazards — school, disability
// benefit, inactivity, or an ordinary job found by own search (with its job-loss clock).
[[gnu::noinline]] void exit_on_clock(Context& ctx, County& c, PersonId id, Person& p, double h_edu, double h_dis,
                                     double h_drop, double h, double now) {
  auto s = person_spell_stream(ctx, c, id, p, Purpose::weekly, 1);
  const double u = engine::uniform01(s) * h;
  if (u < h_edu) return leave_services(ctx, c, id, p, PersonState::education, now);
  if (u < h_edu + h_dis) return leave_services(ctx, c, id, p, PersonState::disability_benefit, now);
  if (u < h_edu + h_dis + h_drop) return leave_services(ctx, c, id, p, PersonState::inactive, now);
  p.broker = Broker::own_search;
  c.step.hires_by_broker[static_cast<std::size_t>(Broker::own_search)] += 1;
  start_ordinary_job(ctx, c, id, p, 0.0, now);
}

// A person waiting or in follow-up for one week: AAP reaches its limit (extended, or ended with a move to
// disability benefit for some), readiness moves with the follow-up received (share f, in `fw`), then the week's
// hazards of leaving — for school, disability benefit, inactivity or a job found by own search — use up the
// spell's exit clock. The rare steps (the AAP limit, the clock's draw, the exit) are out of line: this runs
// ~17 million times in a national run.
inline void person_week(Context& ctx, County& c, PersonId id, Person& p, const FollowUpWeek& fw, const WeekHazards& wh,
                        double now) {
  const auto& pop = *c.pop;
  const double years_in = (now - p.entry_day) / year;  // in the group: for the AAP limit and the age
  const double left = aap_limit_years(pop, p.entry_day, p.aap_extended) - years_in;
  double aap_left = p.on_aap ? left : 0.0;
  if ((p.on_aap & (left <= 0)) && reach_aap_limit(ctx, c, id, p, aap_left, now)) return;
  const double dt = week / year;
  p.readiness = clamp01(p.readiness + fw.readiness_gain * (1 - p.readiness) * dt - fw.readiness_decay * p.readiness * dt);
  const double m = motivation(p);
  set_motivation(p, m + fw.motivation_gain * (1 - m) * dt - fw.motivation_decay * m * dt);
  // Followed up by the office (in a follow-up measure, the provider observes): the estimate learns, and the person
  // may become job-ready or stop being so (only the office's own people are counted by it, job_ready).
  if (p.state == PersonState::follow_up && !p.referred) {
    const bool was_ready = p.readiness_estimate >= c.p->office.ready_threshold;
    p.readiness_estimate += static_cast<float>(fw.estimate_learning * (p.readiness - p.readiness_estimate));
    const bool is_ready = p.readiness_estimate >= c.p->office.ready_threshold;
    if (was_ready != is_ready && !p.supported_employment) {
      auto& tally = c.offices[p.office].tally;
      tally[static_cast<std::size_t>(was_ready ? Tally::follow_up_ready : Tally::follow_up)] -= 1;
      tally[static_cast<std::size_t>(is_ready ? Tally::follow_up_ready : Tally::follow_up)] += 1;
    }
  }
  const double h_edu = wh.h_edu[p.upper_secondary];
  const double h_job = wh.h_job_base * c.own_search_readiness_factor[static_cast<std::size_t>(p.readiness * readiness_table_steps + 0.5)];
  const double age = age_at_entry(p) + years_in;  // age_years(p, now), without its division again
  const auto age_bin = static_cast<std::size_t>(std::clamp((age - age_table_from) * 10.0, 0.0, double(age_table_size - 1)));
  const double h_dis =
      disability_hazard_per_year(pop, c.disability_age_factor[age_bin], p.mental_health, p.on_aap, aap_left) * dt;
  const double h_drop = fw.h_drop;
  // Competing risks on one clock: the spell's unit-exponential draw is used up by the summed hazard; when
  // it runs out, the exit is chosen in proportion to the four hazards of that week.
  if (p.exit_clock < 0) draw_exit_clock(ctx, c, id, p);
  const double h = h_edu + h_dis + h_drop + h_job;
  p.exit_clock -= static_cast<float>(h);
  if (p.exit_clock > 0 || h <= 0) return;
  exit_on_clock(ctx, c, id, p, h_edu, h_dis, h_drop, h, now);
}

// A trial's employer may call NAV this week (SINTEF L5818–5831). The answer comes the same day if its answerer has
// free hours — the fixed ALS contact person, or the office's veileder, whose free hours are the share of trial
// follow-up covered — otherwise days later; the employer's trust moves toward the partner or the controller view.
// Whether it calls is found during the caseload's sweep, and the answer after it (answer_call): the employer's
// record, at random in memory, is asked for when the call is made and has arrived by then. Nothing in the sweep
// reads or changes what answering reads or changes, and the calls are answered in the order they were made.
struct EmployerCall {
  Stream s;             // the call's draws, after the one that set the clock to the next call
  EmployerId employer;
};

// The week's hazard of a call in a trial: an employer calls in a week with the chance
// support.employer_calls_per_trial_week, less the share NAV calls first (proactive follow-up).
double call_hazard_per_week(const SupportParams& sp) {
  const double chance = sp.employer_calls_per_trial_week * (1.0 - sp.proactive_follow_up);
  if (chance <= 0) return 0;
  return chance >= 1 ? std::numeric_limits<double>::infinity() : -std::log1p(-chance);
}

// The weeks between a trial's calls are geometric with that chance. Instead of a draw in every trial week, a
// unit-exponential clock to the next call is used up by the weekly hazard -ln(1 - chance), which gives the same
// weeks between calls with one draw per call. The clock is the person's exit_clock, which a trial does not
// otherwise use; move() resets it, so each trial draws its first clock in its first week.
std::optional<EmployerCall> employer_may_call(Context& ctx, const County& c, PersonId id, Person& p, double hazard,
                                              double now) {
  if (p.employer == none || hazard <= 0) return std::nullopt;
  if (p.exit_clock < 0) {
    auto first = person_spell_stream(ctx, c, id, p, Purpose::employer_call);
    p.exit_clock = static_cast<float>(engine::exponential(first, 1.0));
  }
  p.exit_clock -= static_cast<float>(hazard);
  if (p.exit_clock > 0) return std::nullopt;
  auto s = person_stream(ctx, c, id, Purpose::employer_call, now);
  p.exit_clock = static_cast<float>(engine::exponential(s, 1.0));  // to the call after this one
  prefetch_employer(c, p.employer);
  return EmployerCall{s, p.employer};
}

void answer_call(County& c, EmployerCall& call, double office_share, double now) {
  const auto& sp = c.p->support;
  Employer& e = c.employers[call.employer];
  const double free = e.contact ? c.contact_answer_share : office_share;
  const bool same_day = engine::bernoulli(call.s, free);
  const double days = same_day ? 0.0 : engine::exponential(call.s, sp.late_answer_days_mean);
  c.step.employer_calls += 1;
  c.step.employer_calls_answered_same_day += same_day;
  c.call_answer_days_sum += days;
  refresh_trust(c, e, now);
  const auto& ep = c.p->employer;
  move_trust(c, e, sp.call_trust_step, same_day ? ep.trust_partner : ep.trust_controller);
}

// A job specialist meets an employer about a client (klar-supported-employment.txt): a firm that takes trainees,
// asked by the client's office; the employer now knows the person.
void meet_employer_for(Context& ctx, County& c, PersonId id, Person& p, double now) {
  auto s = person_stream(ctx, c, id, Purpose::specialist, now);
  const auto e = pick_employer(s, c, false);
  if (!e) return;
  Employer& firm = c.employers[*e];
  refresh_trust(c, firm, now);
  contact_employer(c, firm, office_unit(p.office), now);
  p.employer = *e;
  p.employer_met_before = true;
  c.step.specialist_employer_meetings += 1;
}

// A caseload's people lie far apart in the county's array; asking for the one a few places ahead hides most
// of the memory latency of the weekly sweep (docs/performance.md). A 40-byte person straddles two cache
// lines half the time, so both ends are asked for. The first few are asked for before the sweep starts.
constexpr std::ptrdiff_t prefetch_distance = 16;
inline void prefetch_person(const County& c, PersonId id) {
  if (id & parked_in_caseload) return;
  const auto* p = reinterpret_cast<const char*>(&c.persons[id]);
  __builtin_prefetch(p, 1);
  __builtin_prefetch(p + sizeof(Person) - 1, 1);
}
inline void prefetch_first(const County& c, const PersonId* ahead, const PersonId* end) {
  for (std::ptrdiff_t k = 0; k < std::min(prefetch_distance, end - ahead); ++k) prefetch_person(c, ahead[k]);
}
inline void prefetch_ahead(const County& c, const PersonId*& ahead, const PersonId* end) {
  if (end - ahead > prefetch_distance) prefetch_person(c, ahead[prefetch_distance]);
  ++ahead;
}

constexpr std::size_t at(OfficeService s) { return static_cast<std::size_t>(s); }
using ServiceHours = std::array<double, office_service_count>;

std::int32_t tallied(const Office& o, Tally t) { return o.tally[static_cast<std::size_t>(t)]; }

// The assessment queue keeps only those still waiting for the office, in order of arrival (assessment is FIFO),
// and the hand-offs only reports whose person still waits for them.
void tidy_assessment_queue(const County& c, Office& o) {
  std::erase_if(o.assessment_queue, [&](PersonId id) {
    const Person& p = c.persons[id];
    return p.state != PersonState::waiting_assessment || p.referred;
  });
  std::erase_if(o.handoffs, [&](const Office::Handoff& h) { return !waits_for_measure(c.persons[h.person], h.epoch); });
}

// What each service asks of the veiledere this week: assessments in the queue (less the part of the next one
// already done), and from the office's running tally of its people, trial follow-up, user follow-up and
// employer contact for those judged job-ready.
ServiceHours veileder_demand(const County& c, const Office& o) {
  const auto& op = c.p->office;
  ServiceHours demand{};
  const auto& mp = c.p->measures;
  double assessment = static_cast<double>(o.handoffs.size()) * mp.handoff_hours;
  for (PersonId id : o.assessment_queue)
    assessment += c.persons[id].purchased_assessment ? mp.referral_hours : op.assessment_hours;
  demand[at(OfficeService::assessment)] = std::max(0.0, assessment - o.assessment_hours_carry);
  // Trial follow-up includes the proactive calls to the employers (support.proactive_follow_up of the trials).
  const auto& sp = c.p->support;
  demand[at(OfficeService::trial_follow_up)] =
      tallied(o, Tally::work_trial) * (op.trial_follow_up_hours_per_week + sp.proactive_follow_up * sp.proactive_call_hours);
  demand[at(OfficeService::user_follow_up)] =
      (tallied(o, Tally::follow_up) + tallied(o, Tally::follow_up_ready)) * op.user_follow_up_hours_per_week;
  demand[at(OfficeService::employer_contact)] = tallied(o, Tally::follow_up_ready) * op.placement_attempt_hours;
  return demand;
}

// The target group's share of the office's staff this week. Veiledere share their hours among all their users;
// the target group's part follows its caseload now (people followed by job specialists are theirs, not the
// veiledere's). An office where the Job Strategy is anchored weighs the target group's users more (SINTEF
// L2840–2843, L3148–3167) and gives its market coordinators' hours to them in a larger share.
void share_staff_hours(const County& c, Office& o) {
  const auto& op = c.p->office;
  const double n_users = static_cast<double>(tallied(o, Tally::waiting) + tallied(o, Tally::waiting_referred) +
                                             tallied(o, Tally::follow_up) + tallied(o, Tally::follow_up_ready) +
                                             tallied(o, Tally::follow_up_referred) +
                                             tallied(o, Tally::work_trial) + tallied(o, Tally::subsidised));
  const double w = o.engaged ? op.engaged_target_group_weight : 1.0;
  o.veileder_hours_per_week = n_users > 0 ? o.veileder_staff_hours_per_week * w * n_users / (w * n_users + o.other_users) : 0.0;
  o.market_hours_per_week = op.market_coordinator_hours_per_week *
                            (o.engaged ? op.engaged_market_target_group_share : op.market_target_group_share) * c.scale;
}

// The assessment service's hours, as far as they go: first the providers' reports waiting to be taken over (the
// hand-off), then the queue in order of arrival — an interview at `quality`, or a measure ordered (measures.cpp;
// AFI seed). Hours short of the next task are kept as a part of it done.
void assess_in_order(Context& ctx, County& c, Office& o, double hours, double quality, double now) {
  const auto& op = c.p->office;
  const auto& mp = c.p->measures;
  double budget = hours + o.assessment_hours_carry;
  std::size_t taken = 0;
  for (; taken < o.handoffs.size() && budget >= mp.handoff_hours; ++taken) {
    const Office::Handoff h = o.handoffs[taken];
    budget -= mp.handoff_hours;
    Person& p = c.persons[h.person];
    record_wait(c, h.follow_up ? Queue::follow_up_handoff : Queue::handoff, now - h.day);
    if (h.follow_up) {
      take_over_follow_up(ctx, c, h.person, p, h.quality);
    } else {
      complete_assessment(ctx, c, h.person, p, h.quality, AssessmentRoute::provider, now);
    }
  }
  o.handoffs.erase(o.handoffs.begin(), o.handoffs.begin() + static_cast<std::ptrdiff_t>(taken));
  if (o.handoffs.empty()) {  // the queue only once every report is taken over
    for (PersonId id : o.assessment_queue) {
      Person& p = c.persons[id];
      if (p.state != PersonState::waiting_assessment || p.referred) continue;  // a second entry, already served
      const double cost = p.purchased_assessment ? mp.referral_hours : op.assessment_hours;
      if (budget < cost) break;
      budget -= cost;
      if (p.purchased_assessment) {
        refer_to_measure(ctx, c, id, p, now);
      } else {
        complete_assessment(ctx, c, id, p, quality, AssessmentRoute::office_interview, now);
      }
    }
  }
  // At most the largest task: hours short of it are part of the next one done; more would be hours banked.
  o.assessment_hours_carry = std::min(budget, std::max({op.assessment_hours, mp.handoff_hours, mp.referral_hours}));
}

// The job specialists' week (klar-supported-employment.txt): their hours are theirs alone. Follow-along support of
// their clients in a job comes first; then each searching client needs a caseload's share of a specialist's week
// (15–20 people each), part of it with employers (meetings), the rest with the client.
struct SpecialistWeek {
  double follow_along_hours = 0, client_hours = 0;
  double client_share = 1;  // of the searching clients' needs met: their follow-up share
};
SpecialistWeek plan_specialists(const County& c, Office& o) {
  const auto& sp = c.p->support;
  SpecialistWeek w;
  const double fa_need =
      (tallied(o, Tally::subsidised_specialist) + tallied(o, Tally::ordinary_specialist)) * sp.follow_along_hours_per_week;
  w.follow_along_hours = std::min(o.specialist_hours_per_week, fa_need);
  o.follow_along_share = fa_need > 0 ? w.follow_along_hours / fa_need : 1.0;
  const double need = tallied(o, Tally::follow_up_specialist) * sp.job_specialist_hours_per_week / sp.job_specialist_caseload;
  w.client_hours = std::min(o.specialist_hours_per_week - w.follow_along_hours, need);
  w.client_share = need > 0 ? w.client_hours / need : 1.0;
  // Hours for employer meetings: carried while short of a whole meeting, never more than one meeting's worth (or
  // this week's); they count as used only in a meeting held (office_week).
  o.specialist_meeting_carry = std::min(o.specialist_meeting_carry + w.client_hours * sp.employer_time_share,
                                        std::max(sp.employer_meeting_hours, w.client_hours * sp.employer_time_share));
  return w;
}

// Who is left for placement after each person's week.
struct SweepResult {
  std::vector<PersonId> ready;       // judged job-ready, for the office's and its market team's employer contact
  std::vector<PersonId> specialist;  // followed by a job specialist and still searching
  std::vector<EmployerCall> calls;   // trials' employers who called this week, answered at the sweep's end
};

// One sweep over the caseload, in order of arrival: people who left services since last week drop out of it
// (those leaving this week stay listed until the next), the others have their week at the follow-up shares
// given. The sweep's reads of people far apart in memory overlap with the work of those before them
// (prefetch_ahead).
// The sweep's lists are kept from one office-week to the next, so that their room is not allocated anew for each
// of the ~240,000 office-weeks of a national run; one per thread, as counties run in parallel (an office's week
// never starts another's).
SweepResult& sweep_buffers() {
  thread_local SweepResult buffers;
  buffers.ready.clear();
  buffers.specialist.clear();
  buffers.calls.clear();
  return buffers;
}

const SweepResult& sweep_caseload(Context& ctx, County& c, Office& o, double trial_share, double user_share,
                                  double specialist_share, const WeekHazards& hazards, double now) {
  SweepResult& out = sweep_buffers();
  const FollowUpWeek waiting = follow_up_week(c, 0.0), by_specialist = follow_up_week(c, specialist_share),
                     by_veileder = follow_up_week(c, user_share);
  // Referred to a follow-up measure, by where the person is (FollowUpPlace: waiting, provider, specialised).
  static_assert(static_cast<int>(FollowUpPlace::waiting) == 0 && static_cast<int>(FollowUpPlace::provider) == 1 &&
                static_cast<int>(FollowUpPlace::specialised) == 2);
  const std::array<FollowUpWeek, 3> in_measure = {
      waiting, follow_up_week(c, follow_up_share_in_measure(c, FollowUpPlace::provider)),
      follow_up_week(c, follow_up_share_in_measure(c, FollowUpPlace::specialised))};
  const double call_hazard = call_hazard_per_week(c.p->support);
  const PersonId* ahead = o.caseload.data();
  const PersonId* const end = ahead + o.caseload.size();
  std::size_t kept = 0;
  prefetch_first(c, ahead, end);
  for (std::size_t k = 0, n = o.caseload.size(); k < n; ++k) {
    prefetch_ahead(c, ahead, end);
    const PersonId id = o.caseload[k];
    if (id & parked_in_caseload) {  // in a subsidised job: nothing to do this week (set_parked)
      o.caseload[kept++] = id;
      continue;
    }
    Person& p = c.persons[id];
    p.in_caseload = in_services(p.state);
    if (!p.in_caseload) continue;
    o.caseload[kept++] = id;
    if (p.state == PersonState::work_trial) {
      if (p.trial_follow_up_weeks < 255) {  // both parts of the mean stop together at 255 weeks
        p.trial_follow_up_sum += static_cast<float>(p.supported_employment ? specialist_share : trial_share);
        ++p.trial_follow_up_weeks;
      }
      if (auto call = employer_may_call(ctx, c, id, p, call_hazard, now)) out.calls.push_back(*call);
    } else if (p.state == PersonState::waiting_assessment) {
      person_week(ctx, c, id, p, waiting, hazards, now);
    } else if (p.state == PersonState::follow_up) {
      // Referred to a follow-up measure, the person is followed up by the measure, or by no one while waiting.
      const FollowUpWeek& fw = p.supported_employment ? by_specialist
                               : p.referred           ? in_measure[static_cast<std::size_t>(follow_up_place(c, id))]
                                                      : by_veileder;
      person_week(ctx, c, id, p, fw, hazards, now);
      if (p.state != PersonState::follow_up) continue;
      if (p.supported_employment) out.specialist.push_back(id);
      else if (job_ready(c, p)) out.ready.push_back(id);
    }
  }
  o.caseload.resize(kept);
  for (EmployerCall& call : out.calls) answer_call(c, call, trial_share, now);
  return out;
}

// Employer contact for the job-ready, in order of arrival: first with the veiledere's employer-contact hours
// (broker office), then with the market team's (broker market_team), whose coordinated share goes through the IA
// contact relations and avoids firms other units have just asked. Returns the veileder and market hours used.
std::pair<double, double> contact_employers_for(Context& ctx, County& c, const std::vector<PersonId>& ready,
                                                double veileder_hours, double market_hours, double now) {
  const double attempt = c.p->office.placement_attempt_hours;
  double contact_hours = veileder_hours + market_hours;
  double coordinated_hours = market_hours * c.market_coordination;
  double market_used = 0, contact_used = 0;
  for (PersonId id : ready) {
    if (contact_hours < attempt) break;
    contact_hours -= attempt;
    const bool from_market = contact_used + attempt > veileder_hours;
    bool coordinated = false;
    if (from_market) {
      market_used += attempt;
      coordinated = coordinated_hours >= attempt;
      if (coordinated) coordinated_hours -= attempt;
    } else {
      contact_used += attempt;
    }
    // A workplace where a specialised veileder assessed the person knows them: it is asked first (once).
    Person& p = c.persons[id];
    const bool met = p.employer_met_before && p.employer != none;
    attempt_placement(ctx, c, id, from_market ? Broker::market_team : Broker::office, now,
                      {.employer = met ? std::optional(p.employer) : std::nullopt, .coordinated = coordinated});
    if (met && p.state == PersonState::follow_up) p.employer_met_before = false;
  }
  return {contact_used, market_used};
}

// Place, then train: a client whose specialist has met an employer about them is tried there (the employer knows
// the person from the meeting); the others, in order of arrival, get a meeting while the week's hours for
// meetings last.
// Returns the hours spent in the meetings held.
double specialists_place_or_meet(Context& ctx, County& c, Office& o, const std::vector<PersonId>& clients, double now) {
  const auto& sp = c.p->support;
  double meeting_hours = 0;
  for (PersonId id : clients) {
    Person& p = c.persons[id];
    if (p.state != PersonState::follow_up) continue;
    if (p.employer_met_before && p.employer != none) {
      attempt_placement(ctx, c, id, Broker::job_specialist, now, {.employer = p.employer});
      if (p.state == PersonState::follow_up) p.employer_met_before = false;  // it said no: meet another
    } else if (o.specialist_meeting_carry >= sp.employer_meeting_hours) {
      o.specialist_meeting_carry -= sp.employer_meeting_hours;
      meeting_hours += sp.employer_meeting_hours;
      meet_employer_for(ctx, c, id, p, now);
    }
  }
  return meeting_hours;
}

}  // namespace

OfficeWeekHours office_week(Context& ctx, County& c, Office& o, double extra_veileder_hours, double extra_market_hours,
                            double now) {
  const auto& op = c.p->office;
  tidy_assessment_queue(c, o);
  const ServiceHours demand = veileder_demand(c, o);
  share_staff_hours(c, o);
  const double available = std::max(0.0, o.veileder_hours_per_week + extra_veileder_hours - o.hours_owed);
  o.hours_owed = 0;
  // Scarce hours go to the services by the office's targets (water-filling, rules.hpp).
  auto weight = op.priority_weight;
  weight[at(OfficeService::employer_contact)] *= o.employer_contact_weight;
  const ServiceHours given = allocate_hours(available, demand, weight);
  const double total_demand = std::accumulate(demand.begin(), demand.end(), 0.0);
  // What the office's own veiledere could not cover of its casework (assessment and follow-up) this week: what
  // pulls at the hours of ALS advisers working at the office next week (als_week.cpp).
  const double casework =
      demand[at(OfficeService::assessment)] + demand[at(OfficeService::trial_follow_up)] + demand[at(OfficeService::user_follow_up)];
  o.casework_unmet_share = casework > 0 ? std::clamp(1.0 - o.veileder_hours_per_week / casework, 0.0, 1.0) : 0.0;
  const double load = available > 0 ? total_demand / available : (total_demand > 0 ? 1e9 : 0.0);

  assess_in_order(ctx, c, o, given[at(OfficeService::assessment)], interview_quality(*c.p, load), now);

  const auto share_met = [&](OfficeService s) { return demand[at(s)] > 0 ? given[at(s)] / demand[at(s)] : 1.0; };
  o.trial_follow_up_share = share_met(OfficeService::trial_follow_up);
  const SpecialistWeek specialists = plan_specialists(c, o);
  const SweepResult& swept = sweep_caseload(ctx, c, o, o.trial_follow_up_share, share_met(OfficeService::user_follow_up),
                                            specialists.client_share, week_hazards(c, now), now);

  const double market_available = o.market_hours_per_week + extra_market_hours;
  const auto [contact_used, market_used] =
      contact_employers_for(ctx, c, swept.ready, given[at(OfficeService::employer_contact)], market_available, now);
  // What is left ready is offered to ALS, the coach and matchemøter until next week.
  o.ready.clear();
  o.ready_next = 0;
  for (PersonId id : swept.ready)
    if (job_ready(c, c.persons[id])) o.ready.push_back(id);
  const double specialist_meeting_hours = specialists_place_or_meet(ctx, c, o, swept.specialist, now);

  // Hours given to assessment are spent even when they only advance the next one (the carry).
  const double veileder_used = given[at(OfficeService::assessment)] + given[at(OfficeService::trial_follow_up)] +
                               given[at(OfficeService::user_follow_up)] + contact_used;
  return {available,
          veileder_used,
          market_available,
          std::min(market_used, market_available),
          o.specialist_hours_per_week,
          // Hours set aside for employer meetings count as used when a meeting is held; what is left waits in
          // the carry (at most one meeting's worth) or goes unused.
          specialists.follow_along_hours + specialists.client_hours * (1.0 - c.p->support.employer_time_share) +
              specialist_meeting_hours};
}

}  // namespace iasim::model::detail
