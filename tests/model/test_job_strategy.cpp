// The Job Strategy as mechanisms (ODD §7.14–7.15a): the coach's doors at named employers, anchoring that changes
// what an office does and decays without follow-up, no coordinator hours left unused, and the counterfactual
// without the strategy. Each test turns one knob of a small national run under common random numbers.
#include <catch2/catch.hpp>


#include "sim/model/rules.hpp"
#include "sim/scenario/load.hpp"
#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::CountyObservation;

namespace {

using test::total;

model::Params params() { return test::small_params(0.15, 3.0, 1); }

double hours(const CountyObservation& c, model::Actor a, bool paid) {
  return (paid ? c.hours_paid : c.hours_used)[static_cast<std::size_t>(a)];
}
double engaged_at_end(const test::Totals& t) {
  double e = 0;
  for (const auto& c : t.by_step.back()) e += c.engaged_offices_share;
  return e / t.by_step.back().size();
}

}  // namespace

TEST_CASE("the coach opens doors at named employers, and case work places candidates through them or they lapse",
          "[model][job_strategy]") {
  const auto opened = [](const auto& c) { return c.doors_opened; };
  const auto used = [](const auto& c) { return c.doors_used; };
  const auto lapsed = [](const auto& c) { return c.doors_lapsed; };
  const auto base = test::run(params());
  CHECK(total(base, opened) > 100);
  CHECK(total(base, used) > 100);
  // More system time opens more doors than case work can use: those it cannot use lapse.
  auto system = params();
  for (auto& cp : system.county_params) cp.coach.system_share = 0.9;
  const auto a = test::run(system);
  CHECK(total(a, opened) > 2 * total(base, opened));
  CHECK(total(a, used) < 0.5 * total(a, opened));
  CHECK(total(a, lapsed) == Approx(total(a, opened) - total(a, used)).epsilon(0.05));
  // Doors that stay open a week only lapse before case work gets to some of them, which it uses when they stay
  // open 12 weeks (the same doors: common random numbers).
  CHECK(total(base, lapsed) < 0.01 * total(base, opened));
  auto short_doors = params();
  for (auto& cp : short_doors.county_params) cp.coach.door_open_weeks = 1;
  const auto b = test::run(short_doors);
  CHECK(total(b, opened) == total(base, opened));
  CHECK(total(b, lapsed) > total(base, lapsed) + 10);
  CHECK(total(b, used) < total(base, used));
  // An open door makes the employer likelier to say yes (it agreed beforehand).
  const model::CountyParams cp;
  model::Employer e{};
  e.trust = 0.5f;
  model::TrialOffer offer{0.6, 0.7, false};
  const double closed = model::trial_acceptance(cp.employer, cp.support, e, offer);
  offer.open_door = true;
  CHECK(model::trial_acceptance(cp.employer, cp.support, e, offer) > closed);
}

TEST_CASE("anchoring changes what an office does: more veileder and market hours for the target group",
          "[model][job_strategy]") {
  // Freeze anchoring (no coordinator) and compare no engaged office with all engaged.
  auto none = params();
  for (auto& cp : none.county_params) {
    cp.coach.coordinator_hours_per_week = 0;
    cp.office.engaged_share = 0;
    cp.office.engagement_loss_per_year = 0;
  }
  auto all = none;
  for (auto& cp : all.county_params) cp.office.engaged_share = 1;
  const auto a = test::run(none), b = test::run(all);
  REQUIRE(engaged_at_end(a) == 0);
  REQUIRE(engaged_at_end(b) == 1);
  using A = model::Actor;
  CHECK(total(b, [](const auto& c) { return hours(c, A::market_coordinator, true); }) >
        1.5 * total(a, [](const auto& c) { return hours(c, A::market_coordinator, true); }));
  CHECK(total(b, [](const auto& c) { return hours(c, A::veileder, true); }) >
        1.1 * total(a, [](const auto& c) { return hours(c, A::veileder, true); }));
}

TEST_CASE("anchoring decays faster without the coordinator's follow-up", "[model][job_strategy]") {
  auto followed = params();
  for (auto& cp : followed.county_params) cp.coach.anchoring_success_per_visit = 0;  // no new anchoring
  auto unattended = followed;
  for (auto& cp : unattended.county_params) cp.office.engagement_follow_up_years = 0;  // no visit counts as follow-up
  const auto a = test::run(followed), b = test::run(unattended);
  CHECK(engaged_at_end(b) < 0.9 * engaged_at_end(a));
}

TEST_CASE("the coordinator's hours are spent: anchoring, follow-up and matchemøter", "[model][job_strategy]") {
  const auto t = test::run(params());
  using A = model::Actor;
  const double available = total(t, [](const auto& c) { return c.hours_available[static_cast<std::size_t>(A::coordinator)]; });
  const double used = total(t, [](const auto& c) { return hours(c, A::coordinator, false); });
  REQUIRE(available > 0);
  // What is not used is carried: less than a visit per county in each of the two carries.
  CHECK(available - used < 2 * 19 * params().county_params[0].coach.anchoring_visit_hours);
  CHECK(total(t, [](const auto& c) { return c.leadership_visits; }) > 0);
}

TEST_CASE("no_job_strategy.yaml removes the coach, the coordinator, matchemøter and anchored offices", "[model][job_strategy]") {
  auto p = scenario::load(std::string(IASIM_SOURCE_DIR) + "/scenarios/no_job_strategy.yaml").params;
  p.run.population_scale = 0.15;
  p.run.horizon_years = 2;
  p.run.replicates = 1;
  const auto t = test::run(p);
  using A = model::Actor;
  CHECK(total(t, [](const auto& c) { return hours(c, A::coach, true) + hours(c, A::coordinator, true); }) == 0);
  CHECK(total(t, [](const auto& c) { return c.matchmeetings + c.doors_opened + c.leadership_visits; }) == 0);
  CHECK(total(t, [](const auto& c) { return c.trials_by_broker[static_cast<std::size_t>(model::Broker::coach)]; }) == 0);
  CHECK(engaged_at_end(t) == 0);
  // And its cost side: no coach or coordinator staff cost.
  CHECK(total(t, [](const auto& c) { return c.cost_nok[static_cast<std::size_t>(model::CostItem::staff_coach)]; }) == 0);
}

TEST_CASE("a firm opens its door as far as it trusts the follow-up the coach promises", "[model][job_strategy]") {
  const auto opened = [](const test::Totals& t) { return total(t, [](const auto& c) { return c.doors_opened; }); };
  const auto base = test::run(params());
  const auto vague = test::run(test::in_every_county(params(), [](auto& cp) { cp.coach.door_promised_follow_up = 0.2; }));
  REQUIRE(opened(base) > 100);
  CHECK(opened(vague) < opened(base));
}
