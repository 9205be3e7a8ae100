// The assessment measures' and motivation's remaining scenario knobs (ODD §7.2, §7.4b, §7.20): each test turns one
// knob of a small national run under common random numbers (same seed, streams keyed per entity and purpose) and
// checks that the quantity the knob acts on — veileder hours and the office's load, the queue for a measure place,
// the specialised veiledere's hours, a route's assessment quality, people's motivation — moves as the mechanism
// says, against the baseline run of the same test.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/model/measures.hpp"
#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::Actor;
using model::AssessmentRoute;
using model::CountyObservation;
using model::CountyParams;
using model::MeasuresParams;
using model::Queue;
using S = model::PersonState;

namespace {

using test::in_every_county;
using test::run_with;
using test::total;

model::Params params() { return test::small_params(0.15, 3.0, 1); }
// The baseline with every assessment measure made by the specialised veiledere (Kjerneoppgaver, §7.20) and no
// follow-up measures, so the specialised veiledere's hours are the assessments' (test_assessment_measures.cpp
// turns the follow-up measures).
model::Params in_house() {
  return in_every_county(params(), [](CountyParams& cp) {
    cp.measures.in_house_share = 1.0;
    cp.measures.follow_up_places_per_100k_population = 0;
    cp.measures.follow_up_measure_share = 0;
  });
}

constexpr auto index(Queue k) { return static_cast<std::size_t>(k); }
constexpr auto index(AssessmentRoute k) { return static_cast<std::size_t>(k); }
constexpr auto index(Actor k) { return static_cast<std::size_t>(k); }

double queued(const test::Totals& t, Queue k) {
  return total(t, [&](const CountyObservation& c) { return c.queue_length[index(k)]; });
}
double assessed(const test::Totals& t, AssessmentRoute k) {
  return total(t, [&](const CountyObservation& c) { return c.assessments[index(k)]; });
}
double quality_mean(const test::Totals& t, AssessmentRoute k) {
  return total(t, [&](const CountyObservation& c) { return c.assessment_quality_sum[index(k)]; }) / assessed(t, k);
}
double hours_used(const test::Totals& t, Actor a) {
  return total(t, [&](const CountyObservation& c) { return c.hours_used[index(a)]; });
}
double hours_paid(const test::Totals& t, Actor a) {
  return total(t, [&](const CountyObservation& c) { return c.hours_paid[index(a)]; });
}
double place_weeks(const test::Totals& t) {
  return total(t, [](const CountyObservation& c) { return c.provider_place_weeks; });
}

// The default measures parameters with `set` applied: what the quality functions give for the knob turned.
template <class F>
MeasuresParams measures_with(F&& set) {
  CountyParams cp;
  set(cp);
  return cp.measures;
}

// A run of `from` with `set`, after checking that every assessment of the route `k` in it had the quality the
// route's quality function gives for the knob turned (its mean is that value).
template <class F>
test::Totals run_checking_quality(model::Params from, AssessmentRoute k, F&& set) {
  auto t = run_with(std::move(from), set);
  REQUIRE(assessed(t, k) > 1000);
  const MeasuresParams m = measures_with(set);
  CHECK(quality_mean(t, k) == Approx(k == AssessmentRoute::provider ? model::detail::provider_report_quality(m)
                                                                   : model::detail::workplace_assessment_quality(m)));
  return t;
}

}  // namespace

TEST_CASE("ordering a measure costs the veileder the referral hours: the office's load and queue grow",
          "[model][measures][measure_knobs]") {
  // A referral at an interview's 8 h instead of 1 h (at most office.assessment_hours: the carry of a part done is
  // capped there, see the report on larger values).
  const auto base = test::run(params());
  const auto costly = run_with(params(), [](CountyParams& cp) { cp.measures.referral_hours = 8.0; });
  REQUIRE(assessed(base, AssessmentRoute::office_interview) > 1000);
  // The load is the offices' demand over their hours: it shortens the interview actually given (§7.2), so the
  // interviews' quality falls though no interview parameter changed.
  CHECK(quality_mean(costly, AssessmentRoute::office_interview) <
        quality_mean(base, AssessmentRoute::office_interview) - 0.02);
  // The hours go to orders, so the office's own queue (people not yet interviewed or referred) is longer.
  CHECK(queued(costly, Queue::assessment_in_house) > 1.08 * queued(base, Queue::assessment_in_house));
  // (Not the veiledere's hours used: their offices are short of hours in both runs, so every hour is used either
  // way and the totals differ by noise, +0.3% or -0.5% with other random numbers.)
}

TEST_CASE("fewer specialised veileder hours per place's money serve fewer at once: the queue for a place grows",
          "[model][measures][measure_knobs]") {
  const auto base = test::run(in_house());
  const auto fewer = run_with(in_house(), [](CountyParams& cp) { cp.measures.specialised_hours_per_place_week *= 0.2; });
  // The hours paid follow the knob exactly (the place budget is unchanged).
  REQUIRE(hours_paid(base, Actor::specialised_veileder) > 0);
  CHECK(hours_paid(fewer, Actor::specialised_veileder) ==
        Approx(0.2 * hours_paid(base, Actor::specialised_veileder)).epsilon(1e-9));
  // A fifth of the participants at once: the specialised veiledere are busy a larger share of their hours...
  const auto busy = [](const test::Totals& t) {
    return hours_used(t, Actor::specialised_veileder) / hours_paid(t, Actor::specialised_veileder);
  };
  CHECK(busy(fewer) > busy(base) + 0.3);
  // ...and the queue for a place with them is longer.
  REQUIRE(queued(base, Queue::measure_place) > 0);
  CHECK(queued(fewer, Queue::measure_place) > 3 * queued(base, Queue::measure_place));
}

TEST_CASE("a longer provider measure holds its place longer: the queue grows, fewer finish per place-week",
          "[model][measures][measure_knobs]") {
  const auto base = test::run(params());
  const auto longer = run_checking_quality(params(), AssessmentRoute::provider,
                                           [](CountyParams& cp) { cp.measures.provider_assessment_weeks = 12.0; });
  const auto shorter = run_with(params(), [](CountyParams& cp) { cp.measures.provider_assessment_weeks = 4.0; });
  REQUIRE(queued(base, Queue::measure_place) > 0);
  CHECK(queued(longer, Queue::measure_place) > 2 * queued(base, Queue::measure_place));
  CHECK(queued(shorter, Queue::measure_place) < queued(base, Queue::measure_place));
  // The same places are bought every week; a measure of 12 weeks finishes fewer assessments per place-week.
  REQUIRE(place_weeks(longer) == Approx(place_weeks(base)));
  const auto per_place_week = [](const test::Totals& t) { return assessed(t, AssessmentRoute::provider) / place_weeks(t); };
  REQUIRE(assessed(base, AssessmentRoute::provider) > 1000);
  CHECK(per_place_week(longer) < 0.92 * per_place_week(base));
  // The provider observes the person for more hours, so its report shows more.
  CHECK(quality_mean(longer, AssessmentRoute::provider) > quality_mean(base, AssessmentRoute::provider) + 0.03);
}

TEST_CASE("a longer in-house measure keeps the specialised veiledere busy longer and lengthens the queue",
          "[model][measures][measure_knobs]") {
  const auto base = test::run(in_house());
  const auto longer = run_with(in_house(), [](CountyParams& cp) { cp.measures.in_house_assessment_weeks = 24.0; });
  // Their hours used are participants × hours per participant-week: four times the weeks, about four times the
  // participants at once (less where the hours run out).
  REQUIRE(hours_used(base, Actor::specialised_veileder) > 0);
  CHECK(hours_used(longer, Actor::specialised_veileder) > 2.5 * hours_used(base, Actor::specialised_veileder));
  CHECK(queued(longer, Queue::measure_place) > 2 * queued(base, Queue::measure_place));
  // Fewer assessments finished for the same hours paid.
  REQUIRE(hours_paid(longer, Actor::specialised_veileder) == Approx(hours_paid(base, Actor::specialised_veileder)));
  REQUIRE(assessed(base, AssessmentRoute::specialised) > 1000);
  CHECK(assessed(longer, AssessmentRoute::specialised) < 0.95 * assessed(base, AssessmentRoute::specialised));
}

TEST_CASE("the hours a provider observes a participant set the quality of its reports", "[model][measures][measure_knobs]") {
  const auto base = test::run(params());
  const auto fewer = run_checking_quality(params(), AssessmentRoute::provider,
                                          [](CountyParams& cp) { cp.measures.provider_hours_per_participant_week = 1.0; });
  CHECK(quality_mean(fewer, AssessmentRoute::provider) < quality_mean(base, AssessmentRoute::provider) - 0.15);
}

TEST_CASE("the hours a specialised veileder observes a participant set the quality and the hours used",
          "[model][measures][measure_knobs]") {
  const auto base = test::run(in_house());
  const auto fewer = run_checking_quality(in_house(), AssessmentRoute::specialised,
                                          [](CountyParams& cp) { cp.measures.in_house_hours_per_participant_week = 0.5; });
  CHECK(quality_mean(fewer, AssessmentRoute::specialised) < quality_mean(base, AssessmentRoute::specialised) - 0.2);
  // A sixth of the hours for each participant (capacity is ample at both values, so about as many take part).
  CHECK(hours_used(fewer, Actor::specialised_veileder) < 0.25 * hours_used(base, Actor::specialised_veileder));
}

TEST_CASE("what an arena shows per hour, and what the hand-off keeps, move the route's quality in a run",
          "[model][measures][measure_knobs]") {
  const auto base = test::run(params());
  SECTION("the interview") {
    const auto dull = run_with(params(), [](CountyParams& cp) { cp.measures.interview_learning_per_hour *= 0.5; });
    REQUIRE(assessed(dull, AssessmentRoute::office_interview) > 1000);
    CHECK(quality_mean(dull, AssessmentRoute::office_interview) <
          quality_mean(base, AssessmentRoute::office_interview) - 0.08);
    // The provider's reports are untouched.
    CHECK(quality_mean(dull, AssessmentRoute::provider) == Approx(quality_mean(base, AssessmentRoute::provider)));
  }
  SECTION("the sheltered arena") {
    const auto dull = run_checking_quality(params(), AssessmentRoute::provider,
                                           [](CountyParams& cp) { cp.measures.sheltered_learning_per_hour *= 0.5; });
    CHECK(quality_mean(dull, AssessmentRoute::provider) < quality_mean(base, AssessmentRoute::provider) - 0.1);
  }
  SECTION("the hand-off") {
    const auto kept = run_checking_quality(params(), AssessmentRoute::provider,
                                           [](CountyParams& cp) { cp.measures.handoff_information_kept = 1.0; });
    CHECK(quality_mean(kept, AssessmentRoute::provider) > quality_mean(base, AssessmentRoute::provider) + 0.2);
  }
  SECTION("the workplace") {
    const auto at_home = test::run(in_house());
    const auto dull = run_checking_quality(in_house(), AssessmentRoute::specialised,
                                           [](CountyParams& cp) { cp.measures.workplace_learning_per_hour = 0.05; });
    CHECK(quality_mean(dull, AssessmentRoute::specialised) < quality_mean(at_home, AssessmentRoute::specialised) - 0.2);
  }
}

namespace {

// The mean and sd of the motivation of the people `keep` selects, at the end of a run.
struct Spread {
  double mean = 0, sd = 0, n = 0;
};
template <class Keep>
Spread motivation_of(const test::Ran& ran, Keep&& keep) {
  double sum = 0, sum2 = 0, n = 0;
  for (const auto& c : ran.counties())
    for (const auto& p : c.persons)
      if (keep(p)) {
        const double m = model::motivation(p);
        sum += m;
        sum2 += m * m;
        n += 1;
      }
  Spread s;
  s.n = n;
  if (n > 0) {
    s.mean = sum / n;
    s.sd = std::sqrt(std::max(0.0, sum2 / n - s.mean * s.mean));
  }
  return s;
}

}  // namespace

TEST_CASE("motivation at entry is spread by motivation_sd", "[model][motivation][measure_knobs]") {
  // The observations carry no motivation; the people do. Those who entered in the last eight weeks have had at
  // most eight weeks of decay while they wait (0.5 a year: under 8%), so their spread is nearly the entry draw's.
  const double day = 365.25;
  const auto recent = [day](const model::Person& p) { return p.entry_day > day - 56 && p.entry_day <= day; };
  const test::Ran base(params(), day);
  auto p = params();
  p.population.motivation_sd = 0.05;
  const test::Ran narrow(p, day);
  const Spread b = motivation_of(base, recent), n = motivation_of(narrow, recent);
  REQUIRE(b.n > 200);
  REQUIRE(n.n > 200);
  CHECK(b.sd > 0.75 * params().population.motivation_sd);  // N(0.5, 0.2) clamped to [0, 1] keeps most of its sd
  CHECK(n.sd < 0.4 * b.sd);
  CHECK(n.mean == Approx(b.mean).margin(0.03));  // the spread, not the level
}

TEST_CASE("a faster gain from follow-up raises the motivation of people in follow-up",
          "[model][motivation][measure_knobs]") {
  const double day = 2 * 365.25;
  const auto followed = [](const model::Person& p) { return p.state == S::follow_up; };
  const test::Ran base(params(), day);
  auto p = params();
  p.population.motivation_gain_follow_up_per_year *= 3;
  const test::Ran faster(p, day);
  p.population.motivation_gain_follow_up_per_year = 0;
  const test::Ran none(p, day);
  const Spread b = motivation_of(base, followed);
  REQUIRE(b.n > 500);
  CHECK(motivation_of(faster, followed).mean > b.mean + 0.03);
  CHECK(motivation_of(none, followed).mean < b.mean - 0.03);
  // Waiting people get no follow-up, so the gain does not reach them (their motivation is what they entered with,
  // worn down by waiting): it moves far less there than in follow-up.
  const auto waiting = [](const model::Person& q) { return q.state == S::waiting_assessment; };
  CHECK(std::abs(motivation_of(faster, waiting).mean - motivation_of(base, waiting).mean) <
        0.5 * (motivation_of(faster, followed).mean - b.mean));
}

// The coach's, the coordinator's and employer support's knobs that no other test turns (ODD §7.14, §7.15a, §7.21,
// §7.10): the same pattern, on the quantity each one acts on.
namespace {

double sum_of(const test::Totals& t, double CountyObservation::*field) {
  return total(t, [&](const CountyObservation& c) { return c.*field; });
}
double in_state(const test::Totals& t, S s) {
  return total(t, [&](const CountyObservation& c) { return c.persons[static_cast<std::size_t>(s)]; });
}

}  // namespace

TEST_CASE("the coach's hours per door and per case set how many doors and cases the week holds",
          "[model][job_strategy][measure_knobs]") {
  const auto base = test::run(params());
  REQUIRE(sum_of(base, &CountyObservation::doors_opened) > 100);
  const auto dear_doors = run_with(params(), [](CountyParams& cp) { cp.coach.hours_per_door_opening *= 2; });
  CHECK(sum_of(dear_doors, &CountyObservation::doors_opened) < 0.6 * sum_of(base, &CountyObservation::doors_opened));
  const auto coach_trials = [](const test::Totals& t) {
    return total(t, [](const CountyObservation& c) { return c.trials_by_broker[static_cast<std::size_t>(model::Broker::coach)]; });
  };
  REQUIRE(coach_trials(base) > 100);
  const auto dear_cases = run_with(params(), [](CountyParams& cp) { cp.coach.hours_per_case_week *= 2; });
  CHECK(coach_trials(dear_cases) < 0.7 * coach_trials(base));
}

TEST_CASE("a matchemøte's organiser hours come from the coach and then the coordinator, over its preparation weeks",
          "[model][job_strategy][measure_knobs]") {
  const auto base = test::run(params());
  REQUIRE(sum_of(base, &CountyObservation::matchmeetings) > 10);
  // Half as many hours again: the coach's system time of the week no longer covers them, and the coordinator
  // gives the rest (coordinator_week) out of the hours for following up offices' leadership: about one visit of
  // coach.anchoring_visit_hours fewer per meeting held (both times the population scale).
  const auto more = run_with(params(), [](CountyParams& cp) { cp.coach.matchmeeting_organiser_hours *= 1.5; });
  const double meetings = sum_of(more, &CountyObservation::matchmeetings);
  CHECK(meetings >= 0.9 * sum_of(base, &CountyObservation::matchmeetings));
  const model::CoachParams coach;
  const double visits_per_meeting = 0.5 * coach.matchmeeting_organiser_hours / coach.anchoring_visit_hours;
  CHECK(sum_of(more, &CountyObservation::leadership_visits) <
        sum_of(base, &CountyObservation::leadership_visits) - 0.5 * meetings * visits_per_meeting);
  // Three times the hours are more than one week of the coach's system time and the coordinator's spare hours,
  // but are gathered over the preparation weeks: the meetings are held. Prepared in its own week alone, they are not.
  const auto three = run_with(params(), [](CountyParams& cp) { cp.coach.matchmeeting_organiser_hours *= 3; });
  CHECK(sum_of(three, &CountyObservation::matchmeetings) >= 0.9 * sum_of(base, &CountyObservation::matchmeetings));
  const auto three_in_a_week = run_with(params(), [](CountyParams& cp) {
    cp.coach.matchmeeting_organiser_hours *= 3;
    cp.coach.matchmeeting_preparation_weeks = 1;
  });
  CHECK(sum_of(three_in_a_week, &CountyObservation::matchmeetings) < 0.5 * sum_of(base, &CountyObservation::matchmeetings));
}

TEST_CASE("a late answer to an employer's call comes later with late_answer_days_mean", "[model][employer_support][measure_knobs]") {
  const auto answer_days = [](const test::Totals& t) {
    const double n = sum_of(t, &CountyObservation::employer_calls);
    return total(t, [](const CountyObservation& c) {
      return c.employer_calls > 0 ? c.employer_calls * c.employer_call_answer_days_mean : 0.0;
    }) / n;
  };
  const auto base = test::run(params());
  const auto later = run_with(params(), [](CountyParams& cp) { cp.support.late_answer_days_mean *= 3; });
  REQUIRE(sum_of(base, &CountyObservation::employer_calls) > 1000);
  REQUIRE(answer_days(base) > 0);
  CHECK(answer_days(later) > 2 * answer_days(base));
}

TEST_CASE("longer trials and subsidies hold people in them longer", "[model][employer_support][measure_knobs]") {
  const auto base = test::run(params());
  const auto long_trials = run_with(params(), [](CountyParams& cp) { cp.support.trial_weeks = 30; });
  REQUIRE(in_state(base, S::work_trial) > 0);
  CHECK(in_state(long_trials, S::work_trial) > 1.1 * in_state(base, S::work_trial));
  const auto short_subsidies = run_with(params(), [](CountyParams& cp) { cp.support.subsidy_weeks = 26; });
  REQUIRE(in_state(base, S::subsidised_job) > 0);
  CHECK(in_state(short_subsidies, S::subsidised_job) < 0.85 * in_state(base, S::subsidised_job));
}

TEST_CASE("the subsidised wage sets what a subsidised job-week costs", "[model][employer_support][measure_knobs]") {
  const auto base = test::run(params());
  const auto dearer = run_with(params(), [](CountyParams& cp) { cp.support.wage_nok_per_week *= 2; });
  const auto per_job_week = [](const test::Totals& t) {
    return sum_of(t, &CountyObservation::subsidy_cost_nok) / in_state(t, S::subsidised_job);
  };
  REQUIRE(per_job_week(base) > 0);
  CHECK(per_job_week(dearer) > 1.8 * per_job_week(base));
}

TEST_CASE("employers keep more people at a subsidy's end with keep_after_subsidy_logit", "[model][employer_support][measure_knobs]") {
  const auto kept_share = [](const test::Totals& t) {
    const double kept = t.flow(S::subsidised_job, S::ordinary_job);
    return kept / (kept + t.flow(S::subsidised_job, S::follow_up));
  };
  const auto base = test::run(params());
  const auto keen = run_with(params(), [](CountyParams& cp) { cp.support.keep_after_subsidy_logit += 2; });
  REQUIRE(base.flow(S::subsidised_job, S::ordinary_job) > 100);
  CHECK(kept_share(keen) > kept_share(base) + 0.1);
}
