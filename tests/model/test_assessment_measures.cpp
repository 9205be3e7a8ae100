// Assessment measures (ODD §7.2, §7.20; afi-kjerneoppgaver-i-nav.txt): providers with places bought by the week, or
// the county's specialised veiledere who assess at an ordinary workplace; queues before the measure, a hand-off of
// the provider's report back to the veileder, and a quality that follows from the hours spent observing and the
// arena. Each test turns one knob of a small national run under common random numbers and checks the quantity it
// acts on.
#include <cmath>

#include <catch2/catch.hpp>

#include "sim/model/measures.hpp"
#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::AssessmentRoute;
using model::CountyObservation;
using model::CountyParams;
using model::Queue;

namespace {

using test::in_every_county;
using test::total;

model::Params params() { return test::small_params(0.15, 3.0, 1); }

constexpr auto q(Queue k) { return static_cast<std::size_t>(k); }
constexpr auto r(AssessmentRoute k) { return static_cast<std::size_t>(k); }
double queued(const CountyObservation& c, Queue k) { return c.queue_length[q(k)]; }
// Mean wait of those served in the run's steps, weighted by the assessments finished in each step and county.
template <class W>
double mean_over_steps(const test::Totals& t, W&& weight, Queue k) {
  const double n = total(t, [&](const CountyObservation& c) { return std::isnan(c.wait_days_mean[q(k)]) ? 0.0 : weight(c); });
  return n > 0 ? total(t, [&](const CountyObservation& c) {
    const double w = weight(c);
    return w > 0 && !std::isnan(c.wait_days_mean[q(k)]) ? w * c.wait_days_mean[q(k)] : 0.0;
  }) / n
               : 0.0;
}
double assessed(const CountyObservation& c, AssessmentRoute k) { return c.assessments[r(k)]; }
double quality_sum(const CountyObservation& c, AssessmentRoute k) { return c.assessment_quality_sum[r(k)]; }
double quality_mean(const test::Totals& t, AssessmentRoute k) {
  return total(t, [&](const auto& c) { return quality_sum(c, k); }) / total(t, [&](const auto& c) { return assessed(c, k); });
}
double hours_paid(const CountyObservation& c, model::Actor a) { return c.hours_paid[static_cast<std::size_t>(a)]; }
double cost(const CountyObservation& c, model::CostItem i) { return c.cost_nok[static_cast<std::size_t>(i)]; }

}  // namespace

TEST_CASE("what an assessment shows follows from the hours observed and the arena", "[model][measures]") {
  using namespace model::detail;
  const CountyParams cp;
  CHECK(quality_of_observation(0.2, 0) == 0);
  CHECK(quality_of_observation(0.2, 10) > quality_of_observation(0.2, 5));
  CHECK(quality_of_observation(0.3, 10) > quality_of_observation(0.1, 10));
  // Overload shortens the interview the veileder really gives (SINTEF L2259–2268).
  CHECK(interview_quality(cp, 0.8) == Approx(interview_quality(cp, 1.0)));
  CHECK(interview_quality(cp, 2.0) < interview_quality(cp, 1.2));
  // A provider's report loses what the hand-off does not carry; the workplace shows more per hour.
  auto m = cp.measures;
  const double kept = provider_report_quality(m);
  m.handoff_information_kept = 1.0;
  CHECK(provider_report_quality(m) > kept);
  CHECK(workplace_assessment_quality(cp.measures) > provider_report_quality(m));
}

TEST_CASE("fewer provider places lengthen the queue and the wait for a place", "[model][measures]") {
  const auto base = test::run(params());
  const auto few = test::run(in_every_county(params(), [](CountyParams& cp) {
    cp.measures.assessment_places_per_100k_population *= 0.8;
  }));
  const auto place_queue = [](const CountyObservation& c) { return queued(c, Queue::measure_place); };
  const auto bought = [](const CountyObservation& c) { return c.provider_place_weeks; };
  REQUIRE(total(base, place_queue) > 0);
  CHECK(total(few, place_queue) > 1.5 * total(base, place_queue));
  // Fewer places are bought (and paid) every week.
  CHECK(total(few, bought) == Approx(0.8 * total(base, bought)));
  const auto provider_done = [](const CountyObservation& c) { return assessed(c, AssessmentRoute::provider); };
  CHECK(total(few, provider_done) < total(base, provider_done));
}

TEST_CASE("the offices' referral practice moves the measures ordered", "[model][measures]") {
  const auto ordered = [](const CountyObservation& c) { return c.measures_ordered; };
  const auto base = test::run(params());
  const auto none = test::run(in_every_county(params(), [](CountyParams& cp) { cp.office.purchased_assessment_share = 0; }));
  const auto more = test::run(in_every_county(params(), [](CountyParams& cp) { cp.office.purchased_assessment_share = 0.8; }));
  REQUIRE(total(base, ordered) > 1000);
  CHECK(total(none, ordered) == 0);
  CHECK(total(none, [](const auto& c) { return assessed(c, AssessmentRoute::provider); }) == 0);
  CHECK(total(more, ordered) > 1.3 * total(base, ordered));
}

TEST_CASE("a provider's report waits for the veileder's hand-off hours", "[model][measures]") {
  const auto base = test::run(params());
  const auto slow = test::run(in_every_county(params(), [](CountyParams& cp) { cp.measures.handoff_hours = 6.0; }));
  const auto handed = [](const CountyObservation& c) { return assessed(c, AssessmentRoute::provider); };
  REQUIRE(total(base, handed) > 1000);
  const double wait_base = mean_over_steps(base, handed, Queue::handoff);
  const double wait_slow = mean_over_steps(slow, handed, Queue::handoff);
  CHECK(wait_slow > wait_base + 1.0);
  const auto handoff_queue = [](const CountyObservation& c) { return queued(c, Queue::handoff); };
  CHECK(total(slow, handoff_queue) > total(base, handoff_queue));
}

TEST_CASE("Kjerneoppgaver moves the places' money to specialised veiledere, who assess at a workplace",
          "[model][measures]") {
  const auto base = test::run(params());
  const auto in_house = test::run(in_every_county(params(), [](CountyParams& cp) { cp.measures.in_house_share = 1.0; }));
  using model::Actor, model::CostItem;
  // The money moves: no provider places are bought, and the specialised veiledere cost what the places did.
  CHECK(total(in_house, [](const auto& c) { return c.provider_place_weeks; }) == 0);
  CHECK(total(base, [](const auto& c) { return hours_paid(c, Actor::specialised_veileder); }) == 0);
  const double places_cost = total(base, [](const auto& c) { return cost(c, CostItem::purchased_measures); });
  REQUIRE(places_cost > 0);
  CHECK(total(in_house, [](const auto& c) { return cost(c, CostItem::staff_specialised_veileder); }) ==
        Approx(places_cost).epsilon(1e-9));
  CHECK(total(in_house, [](const auto& c) { return cost(c, CostItem::purchased_measures); }) == 0);
  // Every measure is made in-house: no report to hand off, and the veileder learns more of the person.
  CHECK(total(in_house, [](const auto& c) { return assessed(c, AssessmentRoute::provider); }) == 0);
  CHECK(total(in_house, [](const auto& c) { return queued(c, Queue::handoff); }) == 0);
  REQUIRE(total(in_house, [](const auto& c) { return assessed(c, AssessmentRoute::specialised); }) > 1000);
  CHECK(quality_mean(in_house, AssessmentRoute::specialised) > quality_mean(base, AssessmentRoute::provider) + 0.2);
  // The specialised veiledere's hours are paid whether used or not, and are used for their participants.
  const double used = total(in_house, [](const auto& c) { return c.hours_used[static_cast<std::size_t>(Actor::specialised_veileder)]; });
  CHECK(used > 0);
  CHECK(used <= total(in_house, [](const auto& c) { return hours_paid(c, Actor::specialised_veileder); }));
  // Same money, more participants at once: the queue for a place is shorter.
  const auto place_queue = [](const CountyObservation& c) { return queued(c, Queue::measure_place); };
  CHECK(total(in_house, place_queue) < total(base, place_queue));
}

TEST_CASE("a workplace where a specialised veileder assessed someone knows them when the office places them",
          "[model][measures]") {
  // People in a trial brokered by their office or its market team whose employer had met them before: only the
  // assessment workplace can have (job specialists, matchemøter and doors are other brokers).
  const auto knew = [](const test::Ran& ran) {
    std::size_t n = 0;
    for (const auto& c : ran.counties())
      for (const auto& p : c.persons)
        n += p.state == model::PersonState::work_trial && p.employer_met_before &&
             (p.broker == model::Broker::office || p.broker == model::Broker::market_team);
    return n;
  };
  const test::Ran base(params(), 2 * 365.25);
  const test::Ran in_house(in_every_county(params(), [](CountyParams& cp) { cp.measures.in_house_share = 1.0; }), 2 * 365.25);
  CHECK(knew(base) == 0);
  CHECK(knew(in_house) > 20);
}

// Follow-up measures (Oppfølging, Arbeid med bistand; afi-kjerneoppgaver-i-nav.txt L14–16): ordered after an
// assessment finds someone not yet job-ready, with a wait for a place between the measures and a report handed
// back to the veileder; Kjerneoppgaver moves their money to specialised veiledere at a workplace too.
namespace {
double follow_up_ended(const CountyObservation& c, std::size_t by) { return c.follow_up_measures_ended[by]; }
constexpr std::size_t by_provider = 0, by_specialised = 1;
}  // namespace

TEST_CASE("the offices' referral practice moves the follow-up measures ordered and the people in them",
          "[model][measures]") {
  const auto ordered = [](const CountyObservation& c) { return c.follow_up_measures_ordered; };
  const auto in_measure = [](const CountyObservation& c) { return queued(c, Queue::follow_up_measure); };
  const auto base = test::run(params());
  const auto none = test::run(in_every_county(params(), [](CountyParams& cp) { cp.measures.follow_up_measure_share = 0; }));
  const auto more = test::run(in_every_county(params(), [](CountyParams& cp) { cp.measures.follow_up_measure_share = 0.6; }));
  REQUIRE(total(base, ordered) > 300);
  CHECK(total(none, ordered) == 0);
  CHECK(total(none, in_measure) == 0);
  CHECK(total(none, [](const auto& c) { return follow_up_ended(c, by_provider); }) == 0);
  CHECK(total(more, ordered) > 1.5 * total(base, ordered));
  CHECK(total(more, in_measure) > 1.5 * total(base, in_measure));
}

TEST_CASE("fewer follow-up places lengthen the wait between measures", "[model][measures]") {
  const auto base = test::run(params());
  const auto few = test::run(in_every_county(params(), [](CountyParams& cp) {
    cp.measures.follow_up_places_per_100k_population *= 0.3;
  }));
  const auto started = [](const CountyObservation& c) { return c.follow_up_measures_ordered; };
  const auto place_queue = [](const CountyObservation& c) { return queued(c, Queue::follow_up_measure_place); };
  REQUIRE(total(base, place_queue) > 0);
  CHECK(total(few, place_queue) > 3 * total(base, place_queue));
  CHECK(mean_over_steps(few, started, Queue::follow_up_measure_place) >
        mean_over_steps(base, started, Queue::follow_up_measure_place) + 7.0);
  const auto bought = [](const CountyObservation& c) { return c.provider_follow_up_place_weeks; };
  CHECK(total(few, bought) == Approx(0.3 * total(base, bought)));
  // Fewer places are bought: the purchased measures cost less.
  CHECK(total(few, [](const auto& c) { return cost(c, model::CostItem::purchased_measures); }) <
        total(base, [](const auto& c) { return cost(c, model::CostItem::purchased_measures); }));
}

TEST_CASE("a follow-up measure's length holds its places, and its report waits for the hand-off", "[model][measures]") {
  const auto base = test::run(params());
  const auto longer = test::run(in_every_county(params(), [](CountyParams& cp) { cp.measures.provider_follow_up_weeks = 52; }));
  const auto slow = test::run(in_every_county(params(), [](CountyParams& cp) { cp.measures.handoff_hours = 6.0; }));
  const auto in_measure = [](const CountyObservation& c) { return queued(c, Queue::follow_up_measure); };
  const auto ended = [](const CountyObservation& c) { return follow_up_ended(c, by_provider); };
  REQUIRE(total(base, ended) > 200);
  CHECK(total(longer, in_measure) > 1.3 * total(base, in_measure));
  CHECK(total(longer, ended) < total(base, ended));
  // Reports taken over: the hand-off queue's waits are those of the follow-up reports alone.
  const auto handed = [](const CountyObservation& c) { return c.wait_days_mean[q(Queue::follow_up_handoff)] >= 0 ? 1.0 : 0.0; };
  CHECK(mean_over_steps(slow, handed, Queue::follow_up_handoff) > mean_over_steps(base, handed, Queue::follow_up_handoff) + 1.0);
  CHECK(total(slow, [](const auto& c) { return queued(c, Queue::follow_up_handoff); }) >
        total(base, [](const auto& c) { return queued(c, Queue::follow_up_handoff); }));
}

TEST_CASE("Kjerneoppgaver moves the follow-up places' money too: specialised veiledere follow up at a workplace",
          "[model][measures]") {
  const auto base = test::run(params());
  const auto in_house = test::run(in_every_county(params(), [](CountyParams& cp) { cp.measures.in_house_share = 1.0; }));
  CHECK(total(in_house, [](const auto& c) { return c.provider_follow_up_place_weeks; }) == 0);
  CHECK(total(in_house, [](const auto& c) { return follow_up_ended(c, by_provider); }) == 0);
  REQUIRE(total(in_house, [](const auto& c) { return follow_up_ended(c, by_specialised); }) > 200);
  // NAV's own follow-up has no report to hand off.
  CHECK(total(in_house, [](const auto& c) { return queued(c, Queue::follow_up_handoff); }) == 0);
  REQUIRE(total(base, [](const auto& c) { return queued(c, Queue::follow_up_handoff); }) >= 0);
  // The same money pays more participants at once (the price covers more than the provider's hours): a shorter
  // wait between measures.
  const auto place_queue = [](const CountyObservation& c) { return queued(c, Queue::follow_up_measure_place); };
  CHECK(total(in_house, place_queue) <= total(base, place_queue));
}
