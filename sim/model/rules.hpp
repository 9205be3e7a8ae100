#pragma once
// The model's decisions as small pure functions of parameters and agent state, so that each can be tested
// and cited on its own. Randomness stays outside: callers draw and compare with these probabilities.
#include <array>
#include <cmath>

#include "sim/model/agents.hpp"
#include "sim/model/params.hpp"

namespace iasim::model {

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Spreads `hours` over services by weight: each gets hours in proportion to weight x demand, never more
// than its demand; what one cannot use goes to the others (water-filling). The office's targets set the
// weights (SINTEF L1518–1520). Returns hours per service.
std::array<double, office_service_count> allocate_hours(double hours,
                                                        const std::array<double, office_service_count>& demand,
                                                        const std::array<double, office_service_count>& weight);

// Quality of an in-house assessment made when the office's demand exceeds its hours by `load` (demand /
// hours): overload gives late, poor assessment (SINTEF L2259–2268).
double assessment_quality(const OfficeParams& p, double load);

// What an employer expects of NAV's follow-up during a trial: the office's recent record, lifted by
// proactive follow-up and a fixed contact (virke-afi-employer-needs.txt; SINTEF L5818–5831).
double expected_follow_up(const SupportParams& s, double office_trial_follow_up_share, bool employer_has_contact);

struct TrialOffer {
  double fit;            // 0..1, how well the candidate suits the job
  double expected_follow_up;
  bool knows_person;     // met at a matchemøte or through a job specialist (SINTEF L6471–6480)
  bool mental_health = false;  // the candidate has a psychiatric diagnosis
};
// Probability that the employer says yes to a work trial (SINTEF L4554–4579, L5852–5862, L6645–6648).
double trial_acceptance(const EmployerParams& p, const Employer& e, const TrialOffer& offer);

// Probability that a trial goes well: the person copes (readiness) and got the follow-up needed.
double trial_success(const EmployerParams& p, double readiness, double follow_up_received);

// Probability that the employer hires after a good trial (or directly, for Supported Employment), given
// whether a wage subsidy is granted (SINTEF L4554–4555, L6350–6370, L4618–4627).
double hire_probability(const EmployerParams& p, const SupportParams& s, const Employer& e, double readiness,
                        bool subsidy_granted, bool knows_person = false);

// The employer's experience of a trial, 0..1: follow-up received, proactive contact, clear agreements and
// how it went (virke-afi-employer-needs.txt). Trust moves toward it by the learning rate.
double trial_experience(const EmployerParams& p, const SupportParams& s, double follow_up_received, bool succeeded);

// Trust after relaxing toward the contact-person target for `years` at `rate_per_year` (lazy update).
inline float relax(float trust, double target, double rate_per_year, double years) {
  if (years <= 0 || rate_per_year <= 0) return trust;
  return static_cast<float>(target + (trust - target) * std::exp(-rate_per_year * years));
}

}  // namespace iasim::model
