#include "sim/model/timers.hpp"

#include <algorithm>

#include "sim/model/detail/moves.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/rules.hpp"

namespace iasim::model::detail {

void trial_end(Context& ctx, County& c, PersonId id, Person& p, double now) {
  const auto& cp = *c.p;
  const double weeks = (now - p.state_since_day) / week;
  // The mean share of follow-up needs met over the weeks the office has reported on this trial.
  const double follow_up =
      p.trial_follow_up_weeks > 0 ? std::clamp(double(p.trial_follow_up_sum) / p.trial_follow_up_weeks, 0.0, 1.0) : 1.0;
  p.readiness = clamp01(p.readiness + c.pop->readiness_gain_work_per_year * (weeks * week / year) * (1 - p.readiness));
  if (age_years(p, now) >= 30.0) {
    release_employer(c, p);
    return move(c, p, PersonState::aged_out, now);
  }
  auto s = person_stream(ctx, c, id, Purpose::decision, now);
  const bool success = engine::bernoulli(s, trial_success(cp.employer, p.readiness, follow_up));
  Employer* e = current_employer(c, p);
  if (e) {
    refresh_trust(c, *e, now);
    e->trust += static_cast<float>(cp.employer.trust_learning_rate *
                                   (trial_experience(cp.employer, cp.support, follow_up, success) - e->trust));
    if (success) e->good_trials = static_cast<std::uint8_t>(std::min(255, e->good_trials + 1));
    else e->bad_trials = static_cast<std::uint8_t>(std::min(255, e->bad_trials + 1));
  }
  if (success && e) {
    auto es = employer_stream(ctx, c, p.employer, id, now);
    const bool subsidy = engine::bernoulli(es, cp.support.subsidy_availability);
    if (engine::bernoulli(es, hire_probability(cp.employer, cp.support, *e, p.readiness, subsidy, p.employer_met_before)))
      return hire(ctx, c, id, p, subsidy, now);
  }
  release_employer(c, p);
  p.readiness_estimate = p.readiness;  // a trial shows what the person can do
  // A failed trial ends in drop-out for some (SINTEF L4090–4095).
  if (!success && engine::bernoulli(s, c.pop->dropout_after_failed_trial * (1.0 - follow_up)))
    return move(c, p, PersonState::inactive, now);
  move(c, p, PersonState::follow_up, now);
}

void subsidy_end(Context& ctx, County& c, PersonId id, Person& p, double now) {
  const auto& cp = *c.p;
  p.readiness = clamp01(p.readiness + c.pop->readiness_gain_work_per_year * ((now - p.state_since_day) / year) * (1 - p.readiness));
  release_employer(c, p);
  if (age_years(p, now) >= 30.0) return move(c, p, PersonState::aged_out, now);
  Employer* e = current_employer(c, p);
  double x = cp.support.keep_after_subsidy_logit + cp.employer.hire_readiness_logit * (p.readiness - 0.5);
  if (e) {
    refresh_trust(c, *e, now);
    x += cp.employer.hire_trust_logit * (e->trust - 0.5);
    if (e->free_labour) x += cp.employer.free_labour_hire_logit;
  }
  auto s = e ? employer_stream(ctx, c, p.employer, id, now) : person_stream(ctx, c, id, Purpose::decision, now);
  if (engine::bernoulli(s, logistic(x))) return start_ordinary_job(ctx, c, id, p, now);
  move(c, p, PersonState::follow_up, now);
}

}  // namespace iasim::model::detail
