// Mechanisms, not numbers copied from a run: each test turns one knob of a small national run and checks
// the direction the report gives. Both runs share seeds (common random numbers).
#include <catch2/catch.hpp>

#include <cmath>

#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::PersonState;
using S = model::PersonState;

TEST_CASE("people are conserved: stock(t1) = stock(t0) + inflow - outflow, per county, every step", "[model][mechanism]") {
  // Inflow: transitions into the state and people who moved in from another county in it.
  const auto t = test::run(test::small_params(0.1, 2.0, 1));
  REQUIRE(t.by_step.size() > 20);
  for (std::size_t k = 1; k < t.by_step.size(); ++k) {
    for (std::size_t c = 0; c < t.by_step[k].size(); ++c) {
      const auto& before = t.by_step[k - 1][c];
      const auto& now = t.by_step[k][c];
      for (std::size_t s = 0; s < model::person_state_count; ++s) {
        double expected = before.persons[s] + now.persons_moved_in[s];
        for (std::size_t i = 0; i < model::transition_count; ++i) {
          const auto& tr = model::allowed_transitions[i];
          if (model::index(tr.to) == s) expected += now.transitions[i];
          if (tr.from && model::index(*tr.from) == s) expected -= now.transitions[i];
        }
        INFO("step " << k << " county " << c << " state " << model::person_state_labels[s]);
        REQUIRE(now.persons[s] == expected);
      }
    }
  }
}

TEST_CASE("halving veileder hours lengthens the assessment queue", "[model][mechanism]") {
  auto base = test::small_params();
  auto halved = base;
  for (auto& cp : halved.county_params) cp.office.caseload_multiplier = 2.0;  // twice the users per veileder
  const auto a = test::run(base);
  const auto b = test::run(halved);
  const auto q = static_cast<std::size_t>(model::Queue::assessment_in_house);
  CHECK(b.queue_length_sum[q] > 1.2 * a.queue_length_sum[q]);
  CHECK(b.flow(S::waiting_assessment, S::follow_up) < a.flow(S::waiting_assessment, S::follow_up));
}

TEST_CASE("removing ALS contact persons lowers employer trust and trials", "[model][mechanism]") {
  auto base = test::small_params();
  auto none = base;
  for (auto& cp : none.county_params) cp.als.contact_person_share = 0.0;
  const auto a = test::run(base);
  const auto b = test::run(none);
  CHECK(b.trust_mean() < a.trust_mean());
  CHECK(b.flow(S::follow_up, S::work_trial) < a.flow(S::follow_up, S::work_trial));
}

TEST_CASE("more matchemøter raise matches", "[model][mechanism]") {
  auto none = test::small_params();
  for (auto& cp : none.county_params) cp.matching.matchmeetings_per_year = 0;
  auto many = none;
  for (auto& cp : many.county_params) cp.matching.matchmeetings_per_year = 12;
  const auto a = test::run(none);
  const auto b = test::run(many);
  CHECK(a.matchmeetings == 0);
  CHECK(b.matchmeetings > 0);
  const auto hires = [](const test::Totals& t) {
    return t.flow(S::work_trial, S::ordinary_job) + t.flow(S::work_trial, S::subsidised_job);
  };
  // Matchemøter bring more trials and more hires (SINTEF L2739–2781, L6471–6480).
  INFO("trials " << a.flow(S::follow_up, S::work_trial) << " -> " << b.flow(S::follow_up, S::work_trial));
  CHECK(b.flow(S::follow_up, S::work_trial) > a.flow(S::follow_up, S::work_trial));
  CHECK(hires(b) > hires(a));
}

TEST_CASE("a bigger wage subsidy brings more hires after trials", "[model][mechanism]") {
  auto base = test::small_params();
  auto more = base;
  for (auto& cp : more.county_params) {
    cp.support.subsidy_share = 0.75;
    cp.support.subsidy_availability = 1.0;
  }
  const auto a = test::run(base);
  const auto b = test::run(more);
  CHECK(b.flow(S::work_trial, S::subsidised_job) > a.flow(S::work_trial, S::subsidised_job));
}

TEST_CASE("Supported Employment places people directly, without trials", "[model][mechanism]") {
  auto base = test::small_params();
  auto se = base;
  for (auto& cp : se.county_params) cp.support.supported_employment_share = 0.5;
  const auto a = test::run(base);
  const auto b = test::run(se);
  const auto direct = [](const test::Totals& t) {
    return t.flow(S::follow_up, S::ordinary_job) + t.flow(S::follow_up, S::subsidised_job);
  };
  // Without job specialists people go straight into a job only by their own search, never subsidised.
  CHECK(a.flow(S::follow_up, S::subsidised_job) == 0);
  CHECK(direct(b) > direct(a) + 100);
}

TEST_CASE("the county coordinator's visits anchor the strategy in more offices", "[model][mechanism]") {
  auto none = test::small_params();
  for (auto& cp : none.county_params) cp.coach.anchoring_success_per_visit = 0.0;
  auto effective = none;
  for (auto& cp : effective.county_params) cp.coach.anchoring_success_per_visit = 0.3;
  const auto a = test::run(none);
  const auto b = test::run(effective);
  CHECK(a.engaged_mean() < 0.2);  // only turnover acts: the 20% engaged at the start dwindle
  CHECK(b.engaged_mean() > a.engaged_mean() + 0.1);
}
