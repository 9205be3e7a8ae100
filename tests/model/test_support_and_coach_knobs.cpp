// The Job Strategy's coach and coordinator knobs and the employer-support and Supported Employment knobs that no
// other test turned (ODD §7.6, §7.7, §7.14, §7.15a, §7.19, §7.21). Each test turns one knob of a small national
// run under common random numbers (the same seed; streams keyed per entity and purpose) and checks that the
// quantity the knob acts on — hours paid, used or left available, the share of a need met, the doors opened, who
// the coach's attention reaches, offices anchored, employers' yes to a trial, clients still searching — moves the
// way its mechanism says, against the same test's baseline run. Where a knob acts only through another parameter,
// the test also shows that it does nothing when that parameter is 0 (an exact identity under common random
// numbers), so a knob wired to the wrong place fails even if the outcome moves.
#include <catch2/catch.hpp>

#include <cmath>

#include "sim/model/rules.hpp"
#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::Actor;
using model::Broker;
using model::CountyObservation;
using model::CountyParams;
using model::Tally;
using S = model::PersonState;

namespace {

using test::in_every_county;
using test::run_with;
using test::total;

model::Params params() { return test::small_params(0.15, 3.0, 1); }
template <class F>
model::Params with(F&& set) {
  return in_every_county(params(), std::forward<F>(set));
}

double sum_of(const test::Totals& t, double CountyObservation::*field) {
  return total(t, [&](const CountyObservation& c) { return c.*field; });
}
double hours_used(const test::Totals& t, Actor a) {
  return total(t, [&](const CountyObservation& c) { return c.hours_used[model::actor(a)]; });
}
double hours_available(const test::Totals& t, Actor a) {
  return total(t, [&](const CountyObservation& c) { return c.hours_available[model::actor(a)]; });
}
double hours_paid(const test::Totals& t, Actor a) {
  return total(t, [&](const CountyObservation& c) { return c.hours_paid[model::actor(a)]; });
}
double trials_by(const test::Totals& t, Broker b) {
  return total(t, [&](const CountyObservation& c) { return c.trials_by_broker[static_cast<std::size_t>(b)]; });
}
double trials_started(const test::Totals& t) { return t.flow(S::follow_up, S::work_trial); }
// Employers' yes to a trial: trials started per placement attempt (an attempt refused for want of a programme
// place is not an attempt, ODD §7.6 step 0).
double yes_per_attempt(const test::Totals& t) { return trials_started(t) / t.placement_attempts; }
// The county mean of the share of offices where the strategy is anchored, at output step k.
double engaged_at(const test::Totals& t, std::size_t k) {
  double e = 0;
  for (const auto& c : t.by_step[k]) e += c.engaged_offices_share;
  return e / t.by_step[k].size();
}
double engaged_first(const test::Totals& t) { return engaged_at(t, 0); }
double engaged_last(const test::Totals& t) { return engaged_at(t, t.by_step.size() - 1); }
std::int32_t tallied(const model::Office& o, Tally k) { return o.tally[static_cast<std::size_t>(k)]; }

}  // namespace

// ---- The coach and the coordinator (ODD §7.14, §7.15, §7.15a) -------------------------------------------------

TEST_CASE("coach.engaged_office_focus: the coach's and matchemøter's candidates come from engaged offices",
          "[model][knobs][job_strategy]") {
  // Feeds the candidate search (pick_candidate, placement.cpp:189–197) of the coach's case work
  // (county_week.cpp:128) and of matchemøter (county_week.cpp:260): with probability engaged_office_focus the
  // search looks at engaged offices first (ODD §7.6 broker table, §7.14, §7.15, §7.15a; SINTEF L3225–3255,
  // L5033–5038: coaches and coordinators concentrate on engaged offices). The observations do not say whose
  // office a trial's candidate came from, so the test looks at the people in a trial at two years.
  const double day = 2 * 365.25;
  struct Reach {
    double from_engaged = 0, n = 0, engaged_offices = 0;
  };
  const auto reach = [day](const model::Params& p) {
    const test::Ran ran(p, day);
    Reach r;
    for (const auto& c : ran.counties()) {
      for (const auto& o : c.offices) r.engaged_offices += o.engaged;
      for (const auto& q : c.persons)
        if (q.state == S::work_trial && (q.broker == Broker::coach || q.broker == Broker::matchmeeting)) {
          r.n += 1;
          r.from_engaged += c.offices[q.office].engaged;
        }
    }
    return r;
  };
  const Reach none = reach(with([](CountyParams& cp) { cp.coach.engaged_office_focus = 0; }));
  const Reach base = reach(params());  // 0.8
  const Reach all = reach(with([](CountyParams& cp) { cp.coach.engaged_office_focus = 1; }));
  REQUIRE(none.n > 200);
  REQUIRE(all.n > 200);
  // Where the coach looks, not how many offices are anchored: the coordinator's draws are its own.
  CHECK(none.engaged_offices == base.engaged_offices);
  CHECK(all.engaged_offices == base.engaged_offices);
  const auto share = [](const Reach& r) { return r.from_engaged / r.n; };
  // Looking at engaged offices first every time, nearly every such candidate is from one (the others only when
  // the engaged offices have nobody ready); never looking there first, about as many as engaged offices' share
  // of the ready people.
  CHECK(share(all) > 0.85);
  CHECK(share(all) > share(none) + 0.15);
  CHECK(share(base) > share(none) + 0.08);
  CHECK(share(base) < share(all));
}

TEST_CASE("coach.hours_per_week: the coach's hours buy door-opening visits and case-weeks",
          "[model][knobs][job_strategy]") {
  // Feeds the coach's week (coach_week, county_week.cpp:107): C = coaches × hours_per_week × scale, of which
  // system_share opens doors (after any matchemøte preparation) and the rest buys case-weeks, each one placement
  // attempt (ODD §7.14; SINTEF L525, L4984–4988: one coach a county, a full week).
  const auto base = test::run(params());
  const auto twice = run_with(params(), [](CountyParams& cp) { cp.coach.hours_per_week *= 2; });
  const auto half = run_with(params(), [](CountyParams& cp) { cp.coach.hours_per_week *= 0.5; });
  // The hours paid are the knob times the coaches (exactly: nothing else changes them).
  REQUIRE(hours_paid(base, Actor::coach) > 0);
  CHECK(hours_paid(twice, Actor::coach) == Approx(2 * hours_paid(base, Actor::coach)).epsilon(1e-9));
  CHECK(hours_paid(half, Actor::coach) == Approx(0.5 * hours_paid(base, Actor::coach)).epsilon(1e-9));
  // Door-opening visits follow the system hours (more than twice at twice the hours: the matchemøte's
  // preparation takes a fixed part of a week).
  const double doors = sum_of(base, &CountyObservation::doors_opened);
  REQUIRE(doors > 100);
  CHECK(sum_of(twice, &CountyObservation::doors_opened) > 1.8 * doors);
  CHECK(sum_of(half, &CountyObservation::doors_opened) < 0.6 * doors);
  // Case-weeks follow the case hours; the trials they start, less than in proportion (a case-week needs a ready
  // candidate and a free trial place).
  REQUIRE(trials_by(base, Broker::coach) > 100);
  CHECK(trials_by(twice, Broker::coach) > 1.3 * trials_by(base, Broker::coach));
  CHECK(trials_by(half, Broker::coach) < 0.7 * trials_by(base, Broker::coach));
}

TEST_CASE("coach.coaches: the county's coach hours are coaches × hours_per_week", "[model][knobs][job_strategy]") {
  // Feeds the same C = coaches × hours_per_week × scale (county_week.cpp:107; ODD §7.14; one coach per county,
  // SINTEF L525, L4986, data/public_facts.md).
  const auto base = test::run(params());
  const auto two = run_with(params(), [](CountyParams& cp) { cp.coach.coaches = 2; });
  const auto long_weeks = run_with(params(), [](CountyParams& cp) { cp.coach.hours_per_week *= 2; });
  const auto none = run_with(params(), [](CountyParams& cp) { cp.coach.coaches = 0; });
  // Two coaches are one coach with twice the week: the same run, draw for draw.
  CHECK(hours_paid(two, Actor::coach) == hours_paid(long_weeks, Actor::coach));
  CHECK(sum_of(two, &CountyObservation::doors_opened) == sum_of(long_weeks, &CountyObservation::doors_opened));
  CHECK(trials_by(two, Broker::coach) == trials_by(long_weeks, Broker::coach));
  CHECK(trials_started(two) == trials_started(long_weeks));
  // And a second coach opens more doors and starts more trials than one.
  REQUIRE(sum_of(base, &CountyObservation::doors_opened) > 100);
  CHECK(sum_of(two, &CountyObservation::doors_opened) > 1.8 * sum_of(base, &CountyObservation::doors_opened));
  CHECK(trials_by(two, Broker::coach) > 1.3 * trials_by(base, Broker::coach));
  // No coach: no hours, no doors, no coach trials.
  CHECK(hours_paid(none, Actor::coach) == 0);
  CHECK(sum_of(none, &CountyObservation::doors_opened) == 0);
  CHECK(trials_by(none, Broker::coach) == 0);
}

TEST_CASE("coach.coordinator_anchoring_share: anchoring visits anchor offices, follow-up visits keep them",
          "[model][knobs][job_strategy]") {
  // Splits the coordinator's week (coordinator_week, county_week.cpp:147): the share buys anchoring visits to
  // offices drawn at random (:159–166), which anchor an office not yet engaged with anchoring_success_per_visit;
  // the rest, after any matchemøte preparation, buys follow-up visits to the engaged office visited longest ago
  // (:167–182); an engaged office not visited within office.engagement_follow_up_years loses its engagement at
  // the higher rate (:183–188). ODD §7.15a; SINTEF L2840–2843, L3148–3167 (anchoring in the leadership),
  // L3282–3287 (offices refuse 4–5 times), L1549–1554, L3244–3247 (turnover undoes it).
  //
  // Why the knob can look inert: every visit costs the same hours and none is left unused, so leadership_visits and
  // the coordinator's hours do not move with the share (checked below). And at the defaults the follow-up half
  // never binds: an anchoring visit to an engaged office sets its last visit too (:156), and five visits a week
  // drawn at random reach nearly every one of a county's offices (at most 44) within the one-year window even at
  // share 1, with no follow-up hours at all. So the share acts only through the anchoring draws: with
  // anchoring_success_per_visit = 0 it moves the engaged share by noise only. The second section shows the
  // follow-up half where it binds.
  const auto visits = [](const test::Totals& t) { return sum_of(t, &CountyObservation::leadership_visits); };
  SECTION("more anchoring visits anchor more offices; the visits themselves are the same") {
    const auto share = [](double s) {
      return run_with(params(), [s](CountyParams& cp) { cp.coach.coordinator_anchoring_share = s; });
    };
    const auto none = share(0), low = share(0.3), base = test::run(params()), all = share(1);
    // The engaged share over the run rises with the anchoring visits.
    CHECK(low.engaged_mean() > none.engaged_mean() + 0.1);
    CHECK(base.engaged_mean() > low.engaged_mean() + 0.08);
    CHECK(all.engaged_mean() > base.engaged_mean() + 0.05);
    // With no anchoring visits, no office is anchored once any is engaged: engagement only decays over the run,
    // while at the default share it grows.
    CHECK(engaged_last(none) <= engaged_first(none) + 0.01);
    CHECK(engaged_last(base) > engaged_first(base) + 0.1);
    // The same hours buy the same number of visits at every share, up to what the two carries hold at the end
    // (less than a visit each per county): the visits count cannot show the knob.
    const double counties = static_cast<double>(base.by_step.front().size());
    REQUIRE(visits(base) > 1000);
    CHECK(std::abs(visits(none) - visits(base)) <= 2 * counties);
    CHECK(std::abs(visits(all) - visits(base)) <= 2 * counties);
    CHECK(hours_used(all, Actor::coordinator) == Approx(hours_used(base, Actor::coordinator)).epsilon(0.01));
  }
  SECTION("where follow-up binds, fewer follow-up hours lose engaged offices") {
    // No new anchoring, and only a visit within four weeks protects an office: engaged offices are lost (fast)
    // only where the coordinator has not come lately.
    const auto share = [](double s) {
      return run_with(params(), [s](CountyParams& cp) {
        cp.coach.coordinator_anchoring_share = s;
        cp.coach.anchoring_success_per_visit = 0;
        cp.office.engagement_follow_up_years = 4 * 7 / 365.25;
        cp.office.engagement_loss_per_year = 1.0;
        cp.office.engagement_loss_per_year_followed_up = 0;
      });
    };
    const auto follow_all = share(0), base = share(0.6), follow_none = share(1);
    REQUIRE(engaged_first(follow_all) > 0.1);
    // All hours on follow-up: once the spin-up's first weeks have reached them, every engaged office is visited
    // every week or two, and none is lost.
    CHECK(engaged_last(follow_all) == engaged_first(follow_all));
    // No follow-up hours: only the random visits protect, and most of the engaged offices are lost. At the default
    // share the two follow-up visits a week keep most of them.
    CHECK(engaged_last(follow_none) < 0.5 * engaged_first(follow_all));
    CHECK(follow_none.engaged_mean() < base.engaged_mean() - 0.05);
  }
}

// ---- Employer support (ODD §7.7, §7.21) -----------------------------------------------------------------------

TEST_CASE("support.proactive_call_hours: proactive calls are trial follow-up the veiledere must give",
          "[model][knobs][employer_support]") {
  // Feeds the office's trial follow-up demand (veileder_demand, office_week.cpp:180–183): per person in a trial,
  // office.trial_follow_up_hours_per_week + proactive_follow_up × proactive_call_hours (ODD §3.3 step 2, §7.21;
  // virke-afi-employer-needs.txt, SINTEF L5816–5832: employers want to be called first). More demand takes more
  // veileder hours where they are free and lowers the share of trial follow-up met where they are not.
  // The share met is read from the offices every four weeks through the second year, weighted by their trials.
  const auto trial_share_met = [](const model::Params& p) {
    test::Ran ran(p, 365.25);
    double met = 0, n = 0;
    for (int k = 0; k < 13; ++k) {
      ran.eng.run_until(365.25 + 28.0 * k);
      for (const auto& c : ran.counties())
        for (const auto& o : c.offices) {
          const double trials = tallied(o, Tally::work_trial);
          met += trials * o.trial_follow_up_share;
          n += trials;
        }
    }
    return met / n;
  };
  // Ten hours a call: the trial follow-up demand triples (1 h + 0.2 × 10 h a trial-week).
  const auto dear = [](CountyParams& cp) { cp.support.proactive_call_hours = 10.0; };
  const auto base = test::run(params());
  const auto costly = run_with(params(), dear);
  CHECK(hours_used(costly, Actor::veileder) > 1.05 * hours_used(base, Actor::veileder));
  CHECK(trial_share_met(with(dear)) < trial_share_met(params()) - 0.08);
  // The hours are paid only for the proactive share of trials: with no proactive follow-up they cost nothing.
  const auto quiet = [](CountyParams& cp) { cp.support.proactive_follow_up = 0; };
  const auto a = run_with(params(), quiet);
  const auto b = run_with(params(), [&](CountyParams& cp) {
    quiet(cp);
    dear(cp);
  });
  CHECK(hours_used(a, Actor::veileder) == hours_used(b, Actor::veileder));
  CHECK(trials_started(a) == trials_started(b));
}

TEST_CASE("support.agreement_hours: clear agreements at a trial's start come off the veiledere's next week",
          "[model][knobs][employer_support]") {
  // Feeds the office's hours owed (placement.cpp:179): each trial an office's person starts owes
  // agreement_hours × clear_agreements, taken off the next week's available hours (office_week.cpp:370)
  // (ODD §3.3 hours_owed, §7.21; virke-afi-employer-needs.txt: clear agreements at the start).
  const double extra = 8.0 - model::SupportParams{}.agreement_hours;
  const double clear = model::SupportParams{}.clear_agreements;
  const auto base = test::run(params());
  const auto costly = run_with(params(), [](CountyParams& cp) { cp.support.agreement_hours = 8.0; });
  REQUIRE(trials_started(costly) > 1000);
  // At least half of what the trials started owe comes off the hours available (the rest where an office's owed
  // hours exceed its week, and in the veiledere's share of staff as the caseload moves).
  CHECK(hours_available(base, Actor::veileder) - hours_available(costly, Actor::veileder) >
        0.5 * trials_started(costly) * extra * clear);
  // Only for the share of trials with clear agreements: without them the hours are never owed.
  const auto none = [](CountyParams& cp) { cp.support.clear_agreements = 0; };
  const auto a = run_with(params(), none);
  const auto b = run_with(params(), [&](CountyParams& cp) {
    none(cp);
    cp.support.agreement_hours = 8.0;
  });
  CHECK(hours_available(a, Actor::veileder) == hours_available(b, Actor::veileder));
  CHECK(trials_started(a) == trials_started(b));
}

TEST_CASE("support.fixed_contact_for_trials: a fixed contact gives the trial's employer the contact floor",
          "[model][knobs][employer_support]") {
  // Feeds has_contact in the offer's expected follow-up (placement.cpp:155–158), which lifts it to
  // contact_expected_follow_up_floor + (1 − floor) × e (rules.cpp:39), a term of the trial logit (ODD §7.6 step 3,
  // §7.7, §7.21; virke-afi-employer-needs.txt, SINTEF L5816–5832: one person who answers).
  const auto fixed = [](double share, double floor, double follow_up_logit) {
    return test::run(with([=](CountyParams& cp) {
      cp.support.fixed_contact_for_trials = share;
      cp.support.contact_expected_follow_up_floor = floor;
      cp.employer.trial_follow_up_logit = follow_up_logit;
    }));
  };
  const double floor = model::SupportParams{}.contact_expected_follow_up_floor;
  const double logit = model::EmployerParams{}.trial_follow_up_logit;
  // At the defaults the lift in yes is small — the trial logit weighs a unit of expected follow-up by
  // employer.trial_follow_up_logit = 1, and many offers go to firms with a contact already or find no free slot —
  // but it is there.
  const auto base = fixed(0, floor, logit), always = fixed(1, floor, logit);
  REQUIRE(base.placement_attempts > 5000);
  CHECK(yes_per_attempt(always) > yes_per_attempt(base));
  // Where the contact promises full follow-up (floor 1) and employers weigh follow-up three times as much, the
  // same knob lifts the yes clearly.
  CHECK(yes_per_attempt(fixed(1, 1.0, 3.0)) > yes_per_attempt(fixed(0, 1.0, 3.0)) + 0.03);
  // The contact acts only through the floor: with a floor of 0 a contact changes nothing, draw for draw.
  const auto a = fixed(0, 0.0, logit), b = fixed(1, 0.0, logit);
  CHECK(a.placement_attempts == b.placement_attempts);
  CHECK(trials_started(a) == trials_started(b));
}

TEST_CASE("support.contact_expected_follow_up_floor: employers with a contact expect at least the floor",
          "[model][knobs][employer_support]") {
  // Feeds expected_follow_up (rules.cpp:37–41) for every offer to an employer with a contact — an IA firm's fixed
  // ALS contact, an ALS or coordinated attempt, a fixed contact for the trial — and through it the trial logit
  // (ODD §7.7; SINTEF L5816–5832: one person who answers the same day).
  const model::SupportParams sp;
  auto floor_at = [sp](double f) {
    auto s = sp;
    s.contact_expected_follow_up_floor = f;
    return s;
  };
  // The rule: the floor lifts a contact's expected follow-up, and at 0 a contact adds nothing.
  CHECK(model::expected_follow_up(floor_at(1.0), 0.3, true) == Approx(1.0));
  CHECK(model::expected_follow_up(floor_at(0.0), 0.3, true) == Approx(model::expected_follow_up(sp, 0.3, false)));
  CHECK(model::expected_follow_up(floor_at(0.8), 0.3, true) > model::expected_follow_up(sp, 0.3, true));
  // In a run: more employers say yes to a trial.
  const auto low = test::run(with([](CountyParams& cp) { cp.support.contact_expected_follow_up_floor = 0; }));
  const auto high = test::run(with([](CountyParams& cp) { cp.support.contact_expected_follow_up_floor = 1; }));
  REQUIRE(low.placement_attempts > 5000);
  CHECK(yes_per_attempt(high) > yes_per_attempt(low) + 0.01);  // +0.02 to +0.04 over seeds and versions
  // ALS attempts always go through the contact firms, so its trials gain too.
  CHECK(trials_by(high, Broker::als) > trials_by(low, Broker::als));
}

// ---- Supported Employment (ODD §7.19) -------------------------------------------------------------------------

TEST_CASE("support.job_specialist_hours_per_week: a specialist's week staffs the offices and is each client's time",
          "[model][knobs][supported_employment]") {
  // Feeds the offices' job specialist staffing at build (population.cpp:138–139: users × supported_employment_share
  // / job_specialist_caseload × hours_per_week) and each searching client's weekly need (office_week.cpp:258:
  // hours_per_week / caseload), of which employer_time_share goes to meetings with employers (ODD §7.19;
  // klar-supported-employment.txt: 15–20 clients a specialist, time with employers).
  const auto se = [](double factor) {
    return with([factor](CountyParams& cp) {
      cp.support.supported_employment_share = 0.33;
      cp.support.job_specialist_hours_per_week *= factor;
    });
  };
  const auto base = test::run(se(1)), twice = test::run(se(2)), half = test::run(se(0.5));
  // The staff paid follow the knob exactly (the staffing is fixed at build, before any draw it could move).
  REQUIRE(hours_paid(base, Actor::job_specialist) > 0);
  CHECK(hours_paid(twice, Actor::job_specialist) == Approx(2 * hours_paid(base, Actor::job_specialist)).epsilon(1e-9));
  CHECK(hours_paid(half, Actor::job_specialist) == Approx(0.5 * hours_paid(base, Actor::job_specialist)).epsilon(1e-9));
  // More of each client's week with employers: more meetings, and more hours used; fewer at half the week.
  const double meetings = sum_of(base, &CountyObservation::specialist_employer_meetings);
  REQUIRE(meetings > 1000);
  CHECK(sum_of(twice, &CountyObservation::specialist_employer_meetings) > 1.03 * meetings);
  CHECK(sum_of(half, &CountyObservation::specialist_employer_meetings) < 0.9 * meetings);
  CHECK(hours_used(twice, Actor::job_specialist) > 1.05 * hours_used(base, Actor::job_specialist));
  CHECK(hours_used(half, Actor::job_specialist) < 0.95 * hours_used(base, Actor::job_specialist));
  // And the clients are placed sooner: fewer are still searching at two years.
  const auto searching = [](const model::Params& p) {
    const test::Ran ran(p, 2 * 365.25);
    double n = 0;
    for (const auto& c : ran.counties())
      for (const auto& o : c.offices) n += tallied(o, Tally::follow_up_specialist);
    return n;
  };
  const double clients = searching(se(1));
  REQUIRE(clients > 100);
  CHECK(searching(se(2)) < 0.8 * clients);
  CHECK(searching(se(0.5)) > 1.3 * clients);
}
