// Employer support as mechanisms (ODD §7.21): employers' calls and how fast they are answered, and what proactive
// follow-up and clear agreements cost and do. Each test turns one knob of a small national run under common
// random numbers and checks the quantity it acts on.
#include <catch2/catch.hpp>


#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::CountyObservation;
using S = model::PersonState;

namespace {

using test::total;

model::Params params() { return test::small_params(0.15, 3.0, 1); }
double same_day_share(const test::Totals& t) {
  return total(t, [](const auto& c) { return c.employer_calls_answered_same_day; }) /
         total(t, [](const auto& c) { return c.employer_calls; });
}

}  // namespace

TEST_CASE("employers call about their trainee; the answer comes the same day as far as the answerer has free hours",
          "[model][employer_support]") {
  const auto base = test::run(params());
  REQUIRE(total(base, [](const auto& c) { return c.employer_calls; }) > 1000);
  const double base_share = same_day_share(base);
  CHECK(base_share > 0.0);
  CHECK(base_share < 1.0);
  // Fewer veileder hours per user (twice the users per veileder): fewer free hours, later answers.
  const auto loaded = test::run(test::in_every_county(params(), [](auto& cp) { cp.office.caseload_multiplier = 2.0; }));
  CHECK(same_day_share(loaded) < base_share);
  // Fewer ALS visit hours: fixed contact persons answer later too.
  const auto thin = test::run(test::in_every_county(params(), [](auto& cp) { cp.als.placement_share_of_delmal2 = 0.9; }));
  CHECK(same_day_share(thin) < base_share);
  // Answers not given the same day come days later.
  double days = 0, steps = 0;
  for (const auto& step : loaded.by_step)
    for (const auto& c : step)
      if (c.employer_calls > 0) {
        days += c.employer_call_answer_days_mean;
        steps += 1;
      }
  CHECK(days / steps > 0.5);
}

TEST_CASE("trust responds to a same-day answer versus a later one", "[model][employer_support]") {
  // With the answerers' hours ample, answers come the same day and calls raise trust; with them scarce, calls
  // lower it.
  const auto quiet = [](auto& cp) { cp.support.employer_calls_per_trial_week = 0; };
  const auto ample = [](auto& cp) {
    cp.office.caseload_multiplier = 0.2;
    cp.als.advisers_per_100k_population *= 5;  // contact persons with hours for the IA agreement's meetings
  };
  const auto scarce = [](auto& cp) {
    cp.office.caseload_multiplier = 4.0;
    cp.als.placement_share_of_delmal2 = 1.0;  // no visit hours: contact persons have no time either
  };
  const auto ample_p = test::in_every_county(params(), ample), scarce_p = test::in_every_county(params(), scarce);
  const auto a = test::run(ample_p), a0 = test::run(test::in_every_county(ample_p, quiet));
  const auto b = test::run(scarce_p), b0 = test::run(test::in_every_county(scarce_p, quiet));
  REQUIRE(same_day_share(a) > 0.8);
  REQUIRE(same_day_share(b) < 0.3);
  CHECK(a.trust_mean() > a0.trust_mean());
  CHECK(b.trust_mean() < b0.trust_mean());
}

TEST_CASE("proactive follow-up costs veileder hours and saves employers' calls", "[model][employer_support]") {
  const auto base = test::run(params());
  const auto proactive = test::run(test::in_every_county(params(), [](auto& cp) { cp.support.proactive_follow_up = 0.8; }));
  const auto veileder_used = [](const auto& c) { return c.hours_used[static_cast<std::size_t>(model::Actor::veileder)]; };
  CHECK(total(proactive, veileder_used) > total(base, veileder_used));
  CHECK(total(proactive, [](const auto& c) { return c.employer_calls; }) <
        0.5 * total(base, [](const auto& c) { return c.employer_calls; }));
}

TEST_CASE("clear agreements cost veileder hours at a trial's start and make trials go well more often",
          "[model][employer_support]") {
  const auto base = test::run(params());
  const auto clear = test::run(test::in_every_county(params(), [](auto& cp) { cp.support.clear_agreements = 0.9; }));
  const auto available = [](const auto& c) { return c.hours_available[static_cast<std::size_t>(model::Actor::veileder)]; };
  CHECK(total(clear, available) < total(base, available));  // hours owed to agreements come off the next week
  const auto hired = [](const test::Totals& t) {
    return (t.flow(S::work_trial, S::ordinary_job) + t.flow(S::work_trial, S::subsidised_job)) / t.flow(S::follow_up, S::work_trial);
  };
  CHECK(hired(clear) > hired(base));
}

TEST_CASE("candidate-first and employer-first are procedures: weighing one firm is employer-first, weighing more fits better",
          "[model][employer_support]") {
  const auto employer_first = test::run(test::in_every_county(params(), [](auto& cp) { cp.matching.candidate_first = false; }));
  const auto weigh_one = test::run(test::in_every_county(params(), [](auto& cp) { cp.matching.employers_considered = 1; }));
  const auto candidate_first = test::run(params());
  // Who is chosen first, not a shifted mean: candidate-first that weighs a single firm is employer-first.
  CHECK(weigh_one.flow(S::follow_up, S::work_trial) == employer_first.flow(S::follow_up, S::work_trial));
  // Weighing several firms for the candidate gives better fits: more employers say yes (SINTEF L3470–3481).
  const auto yes = [](const test::Totals& t) { return t.flow(S::follow_up, S::work_trial) / t.placement_attempts; };
  CHECK(yes(candidate_first) > yes(employer_first));
}

TEST_CASE("a fixed contact person answers the same day as far as the visit hours cover the IA meetings owed",
          "[model][employer_support]") {
  const auto base = test::run(params());
  // Eight IA meetings a year owed to every contact firm instead of two: the same visit hours cover fewer of them.
  const auto owed = test::run(test::in_every_county(params(), [](auto& cp) { cp.als.ia_meetings_per_contact_firm_per_year = 8.0; }));
  CHECK(same_day_share(owed) < same_day_share(base));
}
