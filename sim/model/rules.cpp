#include "sim/model/rules.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace iasim::model {

std::array<double, office_service_count> allocate_hours(double hours,
                                                        const std::array<double, office_service_count>& demand,
                                                        const std::array<double, office_service_count>& weight) {
  std::array<double, office_service_count> given{};
  std::array<bool, office_service_count> open{};
  for (std::size_t i = 0; i < office_service_count; ++i) open[i] = demand[i] > 0 && weight[i] > 0;
  double left = std::max(0.0, hours);
  // At most one service is saturated per round, so this ends after office_service_count rounds.
  for (std::size_t round = 0; round < office_service_count && left > 1e-12; ++round) {
    double total = 0;
    for (std::size_t i = 0; i < office_service_count; ++i)
      if (open[i]) total += weight[i] * demand[i];
    if (total <= 0) break;
    // The smallest scale factor at which some open service would be fully served.
    double scale = left / total;
    for (std::size_t i = 0; i < office_service_count; ++i)
      if (open[i]) scale = std::min(scale, (demand[i] - given[i]) / (weight[i] * demand[i]));
    for (std::size_t i = 0; i < office_service_count; ++i) {
      if (!open[i]) continue;
      const double add = scale * weight[i] * demand[i];
      given[i] += add;
      left -= add;
      if (given[i] >= demand[i] - 1e-12) open[i] = false;
    }
  }
  return given;
}

double expected_follow_up(const SupportParams& s, double office_share, bool has_contact) {
  double e = office_share + (1.0 - office_share) * s.proactive_follow_up;
  if (has_contact) e = s.contact_expected_follow_up_floor + (1.0 - s.contact_expected_follow_up_floor) * e;
  return std::clamp(e, 0.0, 1.0);
}

double free_labour_propensity(const EmployerParams& p, const SupportParams& s, const Employer& e) {
  return logistic(p.free_labour_base_logit + p.free_labour_subsidy_logit * s.subsidy_share +
                  p.free_labour_cycling_logit * std::min<double>(e.trials_without_hire, p.free_labour_cycling_cap));
}

double trial_acceptance(const EmployerParams& p, const SupportParams& s, const Employer& e, const TrialOffer& o) {
  double x = p.trial_base_logit + p.trial_trust_logit * (e.trust - 0.5) +
             p.trial_follow_up_logit * (o.expected_follow_up - 0.5) + p.trial_fit_logit * (o.fit - 0.5) -
             p.trial_bad_experience_logit * std::min<double>(e.bad_memory, p.experience_memory_cap) +
             p.trial_good_experience_logit * std::min<double>(e.good_memory, p.experience_memory_cap) +
             p.free_labour_trial_logit * free_labour_propensity(p, s, e);
  if (o.mental_health && !o.knows_person) x += p.trial_mental_health_logit;
  if (e.ia) x += p.trial_ia_logit + p.trial_sick_leave_logit_per_pct * o.sick_leave_excess_pct;
  if (o.knows_person) x += p.trial_knows_person_logit;
  if (o.open_door) x += p.trial_open_door_logit;
  return logistic(x);
}

double trial_success(const EmployerParams& p, double readiness, double follow_up, double agreements, double motivation) {
  return logistic(p.trial_success_base_logit + p.trial_success_readiness_logit * (readiness - 0.5) +
                  p.trial_success_follow_up_logit * (follow_up - 0.5) + p.trial_success_agreements_logit * agreements +
                  p.trial_success_motivation_logit * (motivation - 0.5));
}

double hire_probability(const EmployerParams& p, const SupportParams& s, const Employer& e, double readiness,
                        bool subsidy_granted, bool knows_person, double season, double motivation) {
  double x = p.hire_base_logit + p.hire_trust_logit * (e.trust - 0.5) + p.hire_readiness_logit * (readiness - 0.5) +
             p.free_labour_hire_logit * free_labour_propensity(p, s, e) + p.hire_season_logit * season +
             p.hire_motivation_logit * (motivation - 0.5);
  if (subsidy_granted) x += p.hire_subsidy_logit * s.subsidy_share;
  if (e.is_public) x += p.hire_public_logit;
  if (knows_person) x += p.hire_knows_person_logit;
  return logistic(x);
}

double substitution_probability(const EmployerParams& p, const SupportParams& s) {
  return logistic(p.substitution_base_logit + p.substitution_subsidy_logit * s.subsidy_share);
}

double season(const PopulationParams& pop, double day) {
  constexpr double two_pi = 6.283185307179586;
  return std::cos(two_pi * (day - pop.season_peak_day_of_year) / days_per_year);
}

double job_duration_years(const PopulationParams& pop, double readiness, double tenure_years, double e) {
  const double k = pop.job_loss_tenure_shape;
  const double first_year = std::clamp(pop.job_loss_first_year_share, 0.0, 1.0 - 1e-12);
  const double scale = -std::log1p(-first_year) * std::exp(pop.job_loss_readiness_logit * (0.5 - readiness));
  if (scale <= 0 || k <= 0) return std::numeric_limits<double>::infinity();
  const double t0 = std::max(0.0, tenure_years);
  return std::pow(std::pow(t0, k) + e / scale, 1.0 / k) - t0;
}

void fade_memory(const EmployerParams& p, Employer& e, double now) {
  const double years = (now - e.trust_day) / days_per_year;
  if (years <= 0 || (e.good_memory == 0 && e.bad_memory == 0)) return;
  const double keep = p.experience_half_life_years > 0 ? std::exp2(-years / p.experience_half_life_years) : 0.0;
  e.good_memory = static_cast<float>(e.good_memory * keep);
  e.bad_memory = static_cast<float>(e.bad_memory * keep);
}

double trial_experience(const EmployerParams& p, const SupportParams& s, double follow_up, bool succeeded) {
  const double f = std::clamp(follow_up, 0.0, 1.0);
  return p.experience_weight_follow_up * f +
         p.experience_weight_proactive * (s.proactive_follow_up + (1.0 - s.proactive_follow_up) * f) +
         p.experience_weight_agreements * (s.clear_agreements + (1.0 - s.clear_agreements) * f) +
         p.experience_weight_success * (succeeded ? 1.0 : 0.0);
}

}  // namespace iasim::model
