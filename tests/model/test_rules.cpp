#include <catch2/catch.hpp>

#include <numeric>

#include "sim/engine/random.hpp"
#include "sim/model/county.hpp"
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

TEST_CASE("employers say yes to trials on trust, acquaintance, follow-up and good memories", "[model][rules]") {
  EmployerParams p;
  Employer e{};
  e.trust = 0.5f;
  TrialOffer offer{0.6, 0.5, false};
  const double base = trial_acceptance(p, SupportParams{}, e, offer);
  Employer trusting = e;
  trusting.trust = 0.8f;
  CHECK(trial_acceptance(p, SupportParams{}, trusting, offer) > base);
  CHECK(trial_acceptance(p, SupportParams{}, e, {0.6, 0.5, true}) > base);   // knows the person (SINTEF L6471–6480)
  CHECK(trial_acceptance(p, SupportParams{}, e, {0.6, 0.9, false}) > base);  // expects follow-up
  Employer burnt = e;
  burnt.bad_memory = 2;
  CHECK(trial_acceptance(p, SupportParams{}, burnt, offer) < base);          // "used up" (SINTEF L5852–5862)
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
  const double unknown_healthy = trial_acceptance(p, SupportParams{}, e, {0.6, 0.5, false, false});
  const double unknown_diagnosis = trial_acceptance(p, SupportParams{}, e, {0.6, 0.5, false, true});
  CHECK(unknown_diagnosis < unknown_healthy);  // SINTEF L2254–2257
  CHECK(trial_acceptance(p, SupportParams{}, e, {0.6, 0.5, true, true}) == Approx(trial_acceptance(p, SupportParams{}, e, {0.6, 0.5, true, false})));  // L6221–6233
}

TEST_CASE("employer memory of trials is capped", "[model][rules]") {
  EmployerParams p;
  Employer a{}, b{};
  a.trust = b.trust = 0.5f;
  a.bad_memory = 3;
  b.bad_memory = 50;
  CHECK(trial_acceptance(p, SupportParams{}, a, {0.6, 0.5, false}) == Approx(trial_acceptance(p, SupportParams{}, b, {0.6, 0.5, false})));
}

TEST_CASE("a bad trial lowers the next acceptance at that employer, a good one raises it, and both fade",
          "[model][rules][mechanism]") {
  EmployerParams p;
  SupportParams s;
  Employer e{};
  e.trust = 0.5f;
  const TrialOffer offer{0.6, 0.5, false};
  const double before = trial_acceptance(p, s, e, offer);
  Employer burnt = e, won = e;
  burnt.bad_memory += 1;  // what trial_end records after a bad trial
  won.good_memory += 1;   // and after a good one
  CHECK(trial_acceptance(p, s, burnt, offer) < before);
  CHECK(trial_acceptance(p, s, won, offer) > before);
  // Memory fades with the half-life: after one half-life half the bad experience is left.
  burnt.trust_day = 0;
  fade_memory(p, burnt, p.experience_half_life_years * 365.25);
  CHECK(burnt.bad_memory == Approx(0.5));
  CHECK(trial_acceptance(p, s, burnt, offer) > trial_acceptance(p, s, Employer{burnt.trust, 0, 0, 1}, offer));
}

TEST_CASE("a fully followed, successful trial is worth more than the partner level of trust", "[model][rules]") {
  EmployerParams p;
  SupportParams s;
  CHECK(trial_experience(p, s, 1.0, true) == Approx(1.0));
  CHECK(trial_experience(p, s, 1.0, true) > p.trust_partner);
  CHECK(trial_experience(p, s, 0.5, true) < trial_experience(p, s, 1.0, true));
  CHECK(trial_experience(p, s, 1.0, false) < trial_experience(p, s, 1.0, true));
}

TEST_CASE("job loss falls with tenure and rises with low readiness (same exponential draws)", "[model][rules][mechanism]") {
  PopulationParams pop;
  // Of jobs at readiness 0.5, job_loss_first_year_share end in the first year.
  const double e_first = -std::log1p(-pop.job_loss_first_year_share);
  CHECK(job_duration_years(pop, 0.5, 0.0, e_first) == Approx(1.0));
  // Common random numbers: the same unit-exponential draws e for each tenure and readiness.
  int lost_new = 0, lost_settled = 0, lost_weak = 0;
  for (int k = 1; k < 1000; ++k) {
    const double e = -std::log(k / 1000.0);
    lost_new += job_duration_years(pop, 0.5, 0.0, e) < 1.0;
    lost_settled += job_duration_years(pop, 0.5, 2.0, e) < 1.0;  // the next year, for someone two years in
    lost_weak += job_duration_years(pop, 0.2, 0.0, e) < 1.0;
  }
  CHECK(lost_settled < 0.8 * lost_new);
  CHECK(lost_weak > lost_new);
  // With shape 1 tenure does not matter.
  PopulationParams flat = pop;
  flat.job_loss_tenure_shape = 1.0;
  CHECK(job_duration_years(flat, 0.5, 2.0, 0.3) == Approx(job_duration_years(flat, 0.5, 0.0, 0.3)));
}

TEST_CASE("the disability hazard rises with age, a diagnosis and as the AAP limit nears", "[model][rules]") {
  PopulationParams pop;
  const double at25 = disability_age_factor(pop, 25), at28 = disability_age_factor(pop, 28);
  const double base = disability_hazard_per_year(pop, at25, false, true, 3.0);
  CHECK(disability_hazard_per_year(pop, at28, false, true, 3.0) > base);
  CHECK(disability_hazard_per_year(pop, at25, true, true, 3.0) > base);
  CHECK(disability_hazard_per_year(pop, at25, false, true, 0.5) > base);
  CHECK(disability_hazard_per_year(pop, at25, false, true, 0.0) ==
        Approx(base * (1 + pop.disability_near_limit_factor)));
  CHECK(disability_hazard_per_year(pop, at25, false, false, 3.0) < base);
}

TEST_CASE("AAP lasts 4 years for starts before 2018 and 3 from then, plus an extension", "[model][rules]") {
  PopulationParams pop;
  CHECK(aap_reform_day(pop) == Approx(3 * 365.25));
  CHECK(aap_limit_years(pop, 365.0, false) == Approx(4.0));
  CHECK(aap_limit_years(pop, 4 * 365.25, false) == Approx(3.0));
  CHECK(aap_limit_years(pop, 4 * 365.25, true) == Approx(3.0 + pop.aap_extension_years));
}

TEST_CASE("a bigger subsidy raises substitution and free labour; trial cycling raises free labour", "[model][rules][mechanism]") {
  EmployerParams p;
  SupportParams s, bigger;
  bigger.subsidy_share = s.subsidy_share + 0.25;
  CHECK(substitution_probability(p, bigger) > substitution_probability(p, s));
  Employer e{};
  CHECK(free_labour_propensity(p, bigger, e) > free_labour_propensity(p, s, e));
  Employer cycling = e;
  cycling.trials_without_hire = 3;
  CHECK(free_labour_propensity(p, s, cycling) > free_labour_propensity(p, s, e));
  // About 5% at baseline (SINTEF L6405–6433: "not necessarily many").
  CHECK(free_labour_propensity(p, s, e) == Approx(0.05).margin(0.02));
}

TEST_CASE("brokers draw employers in proportion to size (the alias table over runs of equal size)", "[model][rules]") {
  // Firms of equal size in a row share a run; a run of one and firms out of order work too. Ids either stand
  // apart from their places (100 + place) or equal them (the county's trainee firms).
  const std::vector<double> sizes = {250, 4, 4, 4, 2, 1, 1, 1, 1, 3, 0.5, 1};
  for (const EmployerId offset : {EmployerId{100}, EmployerId{0}}) {
    iasim::model::EmployerPool pool;
    for (EmployerId i = 0; i < sizes.size(); ++i) pool.add(offset + i, sizes[i]);
    pool.finish();
    CHECK(pool.runs.size() == 7);
    CHECK(pool.ids_are_places == (offset == 0));
    iasim::engine::Stream s({7, 0}, 1, 2, 3);
    std::vector<double> count(sizes.size());
    constexpr int n = 600000;
    for (int k = 0; k < n; ++k) count.at(pool.pick(s) - offset) += 1;
    const double total = std::accumulate(sizes.begin(), sizes.end(), 0.0);
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      INFO("ids from " << offset << ", employer " << i);
      CHECK(count[i] / n == Approx(sizes[i] / total).margin(0.002));
    }
  }
}
