#include "sim/model/rules.hpp"

#include <algorithm>

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

double assessment_quality(const OfficeParams& p, double load) {
  return p.in_house_assessment_quality / (1.0 + p.assessment_overload_sensitivity * std::max(0.0, load - 1.0));
}

double expected_follow_up(const SupportParams& s, double office_share, bool has_contact) {
  double e = office_share + (1.0 - office_share) * s.proactive_follow_up;
  if (has_contact) e = s.contact_expected_follow_up_floor + (1.0 - s.contact_expected_follow_up_floor) * e;
  return std::clamp(e, 0.0, 1.0);
}

double trial_acceptance(const EmployerParams& p, const Employer& e, const TrialOffer& o) {
  double x = p.trial_base_logit + p.trial_trust_logit * (e.trust - 0.5) +
             p.trial_follow_up_logit * (o.expected_follow_up - 0.5) + p.trial_fit_logit * (o.fit - 0.5) -
             p.trial_bad_experience_logit * std::min<double>(e.bad_trials, p.experience_memory_cap) +
             p.trial_good_experience_logit * std::min<double>(e.good_trials, p.experience_memory_cap);
  if (o.mental_health && !o.knows_person) x += p.trial_mental_health_logit;
  if (e.ia) x += p.trial_ia_logit;
  if (o.knows_person) x += p.trial_knows_person_logit;
  if (e.free_labour) x += p.free_labour_trial_logit;
  return logistic(x);
}

double trial_success(const EmployerParams& p, double readiness, double follow_up) {
  return logistic(p.trial_success_base_logit + p.trial_success_readiness_logit * (readiness - 0.5) +
                  p.trial_success_follow_up_logit * (follow_up - 0.5));
}

double hire_probability(const EmployerParams& p, const SupportParams& s, const Employer& e, double readiness,
                        bool subsidy_granted, bool knows_person) {
  double x = p.hire_base_logit + p.hire_trust_logit * (e.trust - 0.5) + p.hire_readiness_logit * (readiness - 0.5);
  if (subsidy_granted) x += p.hire_subsidy_logit * s.subsidy_share;
  if (e.is_public) x += p.hire_public_logit;
  if (knows_person) x += p.hire_knows_person_logit;
  if (e.free_labour) x += p.free_labour_hire_logit;
  return logistic(x);
}

double trial_experience(const EmployerParams& p, const SupportParams& s, double follow_up, bool succeeded) {
  return p.experience_weight_follow_up * follow_up + p.experience_weight_proactive * s.proactive_follow_up +
         p.experience_weight_agreements * s.clear_agreements + p.experience_weight_success * (succeeded ? 1.0 : 0.0);
}

}  // namespace iasim::model
