#pragma once
// The model's decisions as small pure functions of parameters and agent state, so that each can be tested
// and cited on its own. Randomness stays outside: callers draw and compare with these probabilities.
#include <algorithm>
#include <array>
#include <cmath>

#include "sim/model/agents.hpp"
#include "sim/model/params.hpp"

namespace iasim::model {

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Days in the model's year, everywhere in the model (times are days since 2015-01-01).
inline constexpr double days_per_year = 365.25;

// Spreads `hours` over services by weight: each gets hours in proportion to weight x demand, never more
// than its demand; what one cannot use goes to the others (water-filling). The office's targets set the
// weights (SINTEF L1518–1520). Returns hours per service.
std::array<double, office_service_count> allocate_hours(double hours,
                                                        const std::array<double, office_service_count>& demand,
                                                        const std::array<double, office_service_count>& weight);

// What an employer expects of NAV's follow-up during a trial: the office's recent record, lifted by
// proactive follow-up and a fixed contact (virke-afi-employer-needs.txt; SINTEF L5818–5831).
double expected_follow_up(const SupportParams& s, double office_trial_follow_up_share, bool employer_has_contact);

struct TrialOffer {
  double fit;            // 0..1, how well the candidate suits the job
  double expected_follow_up;
  bool knows_person;     // met at a matchemøte or through a job specialist (SINTEF L6471–6480)
  bool mental_health = false;  // the candidate has a psychiatric diagnosis
  bool open_door = false;  // the coach opened this firm's door for a candidate
  // An IA firm's sick leave above its 2015 level, percentage points (IA delmål 1; read for IA firms only).
  double sick_leave_excess_pct = 0;
};
// An employer's propensity, 0..1, to use trials and subsidised places as free labour: it rises with the
// subsidy level and with trial cycling, trials in a row without a hire (SINTEF L6405–6434, L6842–6848).
double free_labour_propensity(const EmployerParams& p, const SupportParams& s, const Employer& e);

// Probability that the employer says yes to a work trial (SINTEF L4554–4579, L5852–5862, L6645–6648).
// Reads the employer's remembered experience as it is (bring it up to date with `fade_memory` first).
double trial_acceptance(const EmployerParams& p, const SupportParams& s, const Employer& e, const TrialOffer& offer);

// Probability that a trial goes well: the person copes (readiness) and got the follow-up needed.
// `agreements`: the share of trials with clear agreements made at the start (support.clear_agreements).
// `motivation`: the person's effort and attendance, 0..1 (SINTEF L6221–6233).
double trial_success(const EmployerParams& p, double readiness, double follow_up_received, double agreements = 0.0,
                     double motivation = 0.5);

// Probability that the employer hires after a good trial (or directly, for Supported Employment), given
// whether a wage subsidy is granted (SINTEF L4554–4555, L6350–6370, L4618–4627).
// `season` is the seasonal term, cos(2 pi (day of year - peak) / year), from season().
double hire_probability(const EmployerParams& p, const SupportParams& s, const Employer& e, double readiness,
                        bool subsidy_granted, bool knows_person = false, double season = 0.0, double motivation = 0.5);

// Probability that a subsidised hire displaces an ordinary hire the employer would have made anyway.
double substitution_probability(const EmployerParams& p, const SupportParams& s);

// The seasonal term at day `day` (days since 2015-01-01): 1 at the peak day of the year, -1 half a year off.
double season(const PopulationParams& pop, double day);

// How long a job lasts from now, in years, for someone with `tenure_years` in it already, given a unit
// exponential draw `e` (common random numbers: the same draw gives a longer job to a stronger person).
// Weibull cumulative hazard H(t) = m * L * t^k, with L = -ln(1 - first-year share), k the tenure shape and
// m = exp(readiness_logit * (0.5 - readiness)); the remaining time solves H(tenure + t) - H(tenure) = e.
double job_duration_years(const PopulationParams& pop, double readiness, double tenure_years, double e);

// The disability hazard's age factor, exp(age_slope * (age - 25)) (County tabulates it by age).
inline double disability_age_factor(const PopulationParams& pop, double age_years) {
  return std::exp(pop.disability_age_slope_per_year * (age_years - 25.0));
}

// Yearly hazard of leaving for disability benefit for a person waiting or in follow-up, by age (its factor,
// from disability_age_factor), diagnosis and AAP time left (negative: past the limit). Inline: it is asked
// every week for everyone waiting or in follow-up.
// Asked for every person waiting or in follow-up every week, whose diagnosis and AAP are a coin toss from one person
// to the next: the factors are picked by index, not by branches a processor would mispredict (docs/performance.md).
inline double disability_hazard_per_year(const PopulationParams& pop, double age_factor, bool mental_health,
                                         bool on_aap, double aap_years_left) {
  const double window = pop.disability_near_limit_years;
  const double ramp = window > 0 ? std::clamp(1.0 - aap_years_left / window, 0.0, 1.0) : (aap_years_left <= 0 ? 1.0 : 0.0);
  const double diagnosis[2] = {1.0, pop.disability_mental_health_factor};
  const double aap[2] = {pop.disability_not_on_aap_factor, 1.0 + pop.disability_near_limit_factor * ramp};
  return pop.disability_exit_per_year * age_factor * diagnosis[mental_health] * aap[on_aap];
}

// Day of the AAP reform (days since 2015-01-01).
inline double aap_reform_day(const PopulationParams& pop) { return (pop.aap_reform_year - 2015.0) * days_per_year; }

// The AAP limit, in years, for someone whose AAP started on `start_day`, with `extended` telling whether it
// has been extended once.
inline double aap_limit_years(const PopulationParams& pop, double start_day, bool extended) {
  const double base[2] = {pop.aap_max_years, pop.aap_max_years_from_reform};  // by index, as above
  const double extension[2] = {0.0, pop.aap_extension_years};
  return base[start_day >= aap_reform_day(pop)] + extension[extended];
}

// Fades an employer's remembered experience to `now` (half-life employer.experience_half_life_years).
void fade_memory(const EmployerParams& p, Employer& e, double now);

// The employer's experience of a trial, 0..1: follow-up received, proactive contact, clear agreements and
// how it went (virke-afi-employer-needs.txt). Trust moves toward it by the learning rate. Full follow-up is
// proactive and makes the agreements clear, so a fully followed, successful trial is worth 1 and lifts trust
// toward 1, above the partner level.
double trial_experience(const EmployerParams& p, const SupportParams& s, double follow_up_received, bool succeeded);


}  // namespace iasim::model
