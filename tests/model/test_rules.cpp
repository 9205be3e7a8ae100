#include <catch2/catch.hpp>

#include <numeric>

#include "sim/model/rules.hpp"

using namespace iasim::model;

TEST_CASE("hours go to services by weight, never beyond demand, and none are left while demand is unmet", "[model][rules]") {
  const std::array<double, 4> demand{10, 20, 30, 40};
  const auto equal = allocate_hours(50, demand, {1, 1, 1, 1});
  CHECK(std::accumulate(equal.begin(), equal.end(), 0.0) == Approx(50));
  for (std::size_t i = 0; i < 4; ++i) CHECK(equal[i] <= demand[i] + 1e-9);
  // Proportional to demand while nobody is saturated.
  CHECK(equal[1] / equal[0] == Approx(2.0));

  const auto favour_contact = allocate_hours(50, demand, {1, 1, 1, 10});
  CHECK(favour_contact[3] > equal[3]);
  CHECK(favour_contact[0] < equal[0]);

  // Plenty of hours: everyone fully served, the rest unused.
  const auto plenty = allocate_hours(500, demand, {1, 1, 1, 1});
  for (std::size_t i = 0; i < 4; ++i) CHECK(plenty[i] == Approx(demand[i]));

  // A saturated service passes its share on.
  const auto tiny_first = allocate_hours(60, {1, 100, 100, 100}, {100, 1, 1, 1});
  CHECK(tiny_first[0] == Approx(1));
  CHECK(std::accumulate(tiny_first.begin(), tiny_first.end(), 0.0) == Approx(60));
}

TEST_CASE("overload lowers assessment quality", "[model][rules]") {
  OfficeParams p;
  CHECK(assessment_quality(p, 0.8) == Approx(p.in_house_assessment_quality));
  CHECK(assessment_quality(p, 2.0) < assessment_quality(p, 1.2));
}

TEST_CASE("employers say yes to trials on trust, acquaintance, follow-up and good memories", "[model][rules]") {
  EmployerParams p;
  Employer e{};
  e.trust = 0.5f;
  TrialOffer offer{0.6, 0.5, false};
  const double base = trial_acceptance(p, e, offer);
  Employer trusting = e;
  trusting.trust = 0.8f;
  CHECK(trial_acceptance(p, trusting, offer) > base);
  CHECK(trial_acceptance(p, e, {0.6, 0.5, true}) > base);   // knows the person (SINTEF L6471–6480)
  CHECK(trial_acceptance(p, e, {0.6, 0.9, false}) > base);  // expects follow-up
  Employer burnt = e;
  burnt.bad_trials = 2;
  CHECK(trial_acceptance(p, burnt, offer) < base);          // "used up" (SINTEF L5852–5862)
}

TEST_CASE("subsidies, trust and readiness raise hiring; public employers hire less", "[model][rules]") {
  EmployerParams p;
  SupportParams s;
  Employer e{};
  e.trust = 0.5f;
  const double base = hire_probability(p, s, e, 0.5, false);
  CHECK(hire_probability(p, s, e, 0.5, true) > base);
  CHECK(hire_probability(p, s, e, 0.8, false) > base);
  Employer pub = e;
  pub.is_public = true;
  CHECK(hire_probability(p, s, pub, 0.5, false) < base);
  SupportParams bigger = s;
  bigger.subsidy_share = 0.75;
  CHECK(hire_probability(p, bigger, e, 0.5, true) > hire_probability(p, s, e, 0.5, true));
}

TEST_CASE("a fixed contact raises what employers expect of follow-up", "[model][rules]") {
  SupportParams s;
  CHECK(expected_follow_up(s, 0.3, true) > expected_follow_up(s, 0.3, false));
  SupportParams proactive = s;
  proactive.proactive_follow_up = 1.0;
  CHECK(expected_follow_up(proactive, 0.3, false) == Approx(1.0));
}

TEST_CASE("a diagnosis weighs until the employer has met the person", "[model][rules]") {
  EmployerParams p;
  Employer e{};
  e.trust = 0.5f;
  const double unknown_healthy = trial_acceptance(p, e, {0.6, 0.5, false, false});
  const double unknown_diagnosis = trial_acceptance(p, e, {0.6, 0.5, false, true});
  CHECK(unknown_diagnosis < unknown_healthy);  // SINTEF L2254–2257
  CHECK(trial_acceptance(p, e, {0.6, 0.5, true, true}) == Approx(trial_acceptance(p, e, {0.6, 0.5, true, false})));  // L6221–6233
}

TEST_CASE("employer memory of trials is capped", "[model][rules]") {
  EmployerParams p;
  Employer a{}, b{};
  a.trust = b.trust = 0.5f;
  a.bad_trials = 3;
  b.bad_trials = 50;
  CHECK(trial_acceptance(p, a, {0.6, 0.5, false}) == Approx(trial_acceptance(p, b, {0.6, 0.5, false})));
}
