// Motivation (ODD §7.4b; SINTEF L6221–6233): a person attribute, effort and attendance, that employers weigh more
// than the diagnosis when a trial goes well and they decide to hire; follow-up raises it and waiting wears it
// down. Each mechanism test turns one knob under common random numbers and checks the quantity it acts on.
#include <catch2/catch.hpp>

#include "sim/model/rules.hpp"
#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::CountyParams;
using S = model::PersonState;

namespace {

// Mean motivation of the people in `state` at the end of a run to `until_day`.
double mean_motivation(const test::Ran& ran, S state) {
  double sum = 0, n = 0;
  for (const auto& c : ran.counties())
    for (const auto& p : c.persons)
      if (p.state == state) {
        sum += model::motivation(p);
        n += 1;
      }
  REQUIRE(n > 100);
  return sum / n;
}

}  // namespace

TEST_CASE("employers weigh a person's motivation more than the diagnosis", "[model][motivation][rules]") {
  model::EmployerParams p;
  const model::PopulationParams pop;
  model::Employer e{};
  e.trust = 0.5f;
  // A trial's chance of going well and of a hire, one sd of motivation above and below the mean.
  const double hi = pop.motivation_mean + pop.motivation_sd, lo = pop.motivation_mean - pop.motivation_sd;
  const double success_gap = model::trial_success(p, 0.5, 0.5, 0.0, hi) - model::trial_success(p, 0.5, 0.5, 0.0, lo);
  const double hire_gap = model::hire_probability(p, {}, e, 0.5, false, false, 0.0, hi) -
                          model::hire_probability(p, {}, e, 0.5, false, false, 0.0, lo);
  CHECK(success_gap > 0);
  CHECK(hire_gap > 0);
  // The diagnosis: what a psychiatric diagnosis takes off an unknown employer's yes to a trial.
  model::TrialOffer offer{0.5, 0.5, false};
  const double other = model::trial_acceptance(p, {}, e, offer);
  offer.mental_health = true;
  const double diagnosis_gap = other - model::trial_acceptance(p, {}, e, offer);
  CHECK(diagnosis_gap > 0);
  CHECK(success_gap > diagnosis_gap);
}

TEST_CASE("follow-up raises motivation and waiting wears it down", "[model][motivation]") {
  const double day = 2 * 365.25;
  const test::Ran base(test::small_params(0.15, 3.0, 1), day);
  // Smaller caseloads: more follow-up for everyone followed up.
  const test::Ran followed(test::in_every_county(test::small_params(0.15, 3.0, 1),
                                                 [](CountyParams& cp) { cp.office.caseload_multiplier = 0.5; }),
                           day);
  CHECK(mean_motivation(followed, S::follow_up) > mean_motivation(base, S::follow_up) + 0.01);
  // Waiting wears it down faster: those waiting for an assessment are less motivated.
  auto p = test::small_params(0.15, 3.0, 1);
  p.population.motivation_decay_waiting_per_year *= 4;
  const test::Ran worn(p, day);
  CHECK(mean_motivation(worn, S::waiting_assessment) < mean_motivation(base, S::waiting_assessment) - 0.01);
}

TEST_CASE("less motivated people's trials go well less often", "[model][motivation]") {
  const auto base = test::run(test::small_params(0.15, 3.0, 1));
  auto p = test::small_params(0.15, 3.0, 1);
  p.population.motivation_mean = 0.3;
  const auto low = test::run(p);
  const auto hired_after_trial = [](const test::Totals& t) {
    return t.flow(S::work_trial, S::ordinary_job) + t.flow(S::work_trial, S::subsidised_job);
  };
  const auto trials = [](const test::Totals& t) { return t.flow(S::follow_up, S::work_trial); };
  REQUIRE(trials(base) > 1000);
  CHECK(hired_after_trial(low) / trials(low) < hired_after_trial(base) / trials(base));
}
