#include "sim/model/timers.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/detail/moves.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/programme_budget.hpp"
#include "sim/model/rules.hpp"

namespace iasim::model::detail {

void trial_end(Context& ctx, County& c, PersonId id, Person& p, double now) {
  const auto& cp = *c.p;
  const double weeks = (now - p.state_since_day) / week;
  // The mean share of follow-up needs met over the weeks the office has reported on this trial.
  const double follow_up =
      p.trial_follow_up_weeks > 0 ? std::clamp(double(p.trial_follow_up_sum) / p.trial_follow_up_weeks, 0.0, 1.0) : 1.0;
  p.readiness = clamp01(p.readiness + c.pop->readiness_gain_work_per_year * (weeks * week / year) * (1 - p.readiness));
  auto s = person_spell_stream(ctx, c, id, p, Purpose::decision);
  const bool success = engine::bernoulli(s, trial_success(cp.employer, p.readiness, follow_up, cp.support.clear_agreements,
                                                                   motivation(p)));
  Employer* e = current_employer(c, p);
  if (e) {
    refresh_trust(c, *e, now);
    move_trust(c, *e, cp.employer.trust_learning_rate, trial_experience(cp.employer, cp.support, follow_up, success));
    // The employer remembers how it went (and forgets slowly, fade_memory), so it can be used up by bad
    // trials or won over by good ones (SINTEF L5852–5862, L5960–5964, L6645–6648).
    if (success) {
      e->good_memory += 1.0f;
      remember_good_trial(c, p.employer);
    } else {
      e->bad_memory += 1.0f;
    }
  }
  if (success && e) {
    auto es = employer_stream(ctx, c, p.employer, id, now);
    const bool subsidy = grant_subsidy(c, engine::bernoulli(es, cp.support.subsidy_availability));
    if (engine::bernoulli(es, hire_probability(cp.employer, cp.support, *e, p.readiness, subsidy, p.employer_met_before,
                                               season(*c.pop, now), motivation(p))))
      return hire(ctx, c, id, p, subsidy, now);
  }
  if (e) e->trials_without_hire = static_cast<std::uint8_t>(std::min(255, e->trials_without_hire + 1));
  release_employer(c, p);
  p.readiness_estimate = p.readiness;  // a trial shows what the person can do
  // A failed trial ends in drop-out for some (SINTEF L4090–4095).
  if (!success && engine::bernoulli(s, c.pop->dropout_after_failed_trial * (1.0 - follow_up)))
    return leave_services(ctx, c, id, p, PersonState::inactive, now);
  move(c, p, PersonState::follow_up, now);
}

void subsidy_end(Context& ctx, County& c, PersonId id, Person& p, double now) {
  const auto& cp = *c.p;
  const double years = (now - p.state_since_day) / year;
  p.readiness = clamp01(p.readiness + c.pop->readiness_gain_work_per_year * years * (1 - p.readiness));
  release_employer(c, p);
  Employer* e = current_employer(c, p);
  double x = cp.support.keep_after_subsidy_logit + cp.employer.hire_readiness_logit * (p.readiness - 0.5);
  if (e) {
    refresh_trust(c, *e, now);
    x += cp.employer.hire_trust_logit * (e->trust - 0.5) +
         cp.employer.free_labour_hire_logit * free_labour_propensity(cp.employer, cp.support, *e);
  }
  auto s = e ? employer_stream(ctx, c, p.employer, id, now) : person_spell_stream(ctx, c, id, p, Purpose::decision);
  if (engine::bernoulli(s, logistic(x))) return start_ordinary_job(ctx, c, id, p, years, now);
  move(c, p, PersonState::follow_up, now);
}

void job_lost(Context&, County& c, PersonId id, Person& p, double now) {
  if (p.state == PersonState::subsidised_job) release_employer(c, p);
  // Holding a job showed what the person can do, as a trial does; this also gives a reading to someone who
  // found the job by own search before their first assessment.
  retally(c, p, [&] { p.readiness_estimate = p.readiness; });
  move(c, p, PersonState::follow_up, now);
  add_to_caseload(c, id, p, now);
}

void leave_services(Context& ctx, County& c, PersonId id, Person& p, PersonState to, double now) {
  move(c, p, to, now);
  schedule_return(ctx, c, id, p, now);
}

void schedule_return(Context& ctx, County& c, PersonId id, Person& p, double now) {
  const double per_year = p.state == PersonState::inactive    ? c.pop->inactive_return_per_year
                          : p.state == PersonState::education ? c.pop->education_return_per_year
                                                              : 0.0;
  if (per_year <= 0) return;
  auto s = person_spell_stream(ctx, c, id, p, Purpose::timer);
  const double back = now + engine::exponential(s, year / per_year);
  if (back < c.pop_horizon_days) set_timer(ctx, id, p, EventKind::returned, back);
}

void returned(Context&, County& c, PersonId id, Person& p, double now) {
  // The longer someone has been inactive, the lower the chance of success (SINTEF L6261–6270): readiness
  // decays over the time away as it does in services without follow-up. Whoever comes back is assessed again.
  if (p.state == PersonState::inactive)
    p.readiness = clamp01(p.readiness * std::exp(-c.pop->readiness_decay_inactive_per_year * (now - p.state_since_day) / year));
  move(c, p, PersonState::waiting_assessment, now);
  add_to_caseload(c, id, p, now);
}

void schedule_turning_30(County& c, PersonId id, const Person& p, double now) {
  const double when = p.entry_day + (30.0 - age_at_entry(p)) * year;
  if (when >= c.pop_horizon_days) return;
  // The round at start_day + 7k handles birthdays in (start_day + 7(k - 1), start_day + 7k]. Someone who is 30
  // already (a scenario's entry ages allow it) leaves at the next round: round 0 at the build, else the one
  // after now.
  const double since = (now - c.start_day) / week;
  const auto week_index = static_cast<std::size_t>(
      when > now ? std::ceil((when - c.start_day) / week) : (now <= c.start_day ? 0.0 : std::floor(since) + 1.0));
  if (week_index >= c.turning_30.size()) c.turning_30.resize(week_index + 1);
  c.turning_30[week_index].push_back(id);
}

void people_turning_30(County& c, double now) {
  const auto week_index = static_cast<std::size_t>(std::llround((now - c.start_day) / week));
  if (week_index >= c.turning_30.size()) return;
  // The ids are scattered over the county's people: ask for records a few birthdays ahead.
  constexpr std::size_t ahead = 8;
  const auto& ids = c.turning_30[week_index];
  for (std::size_t k = 0; k < ids.size(); ++k) {
    if (k + ahead < ids.size()) __builtin_prefetch(&c.persons[ids[k + ahead]], 1);
    turned_30(c, c.persons[ids[k]], now);
  }
  c.turning_30[week_index] = {};
}

void turned_30(County& c, Person& p, double now) {
  if (p.state == PersonState::aged_out || p.state == PersonState::moved_away) return;  // turns 30 where they live
  p.state_at_30 = p.state;
  if (p.state == PersonState::work_trial || p.state == PersonState::subsidised_job) release_employer(c, p);
  move(c, p, PersonState::aged_out, now);
}

}  // namespace iasim::model::detail
