// The county side as mechanisms (ODD §7.13, §7.16–7.18, §7.23–7.26): each test turns one organisational knob of
// a small national run and checks the intermediate quantity it acts on — duplicate contacts, adviser hours in
// casework, visits and contacts kept, sick leave, arenas, places, moves — under common random numbers.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstring>

#include "sim/model/programme_budget.hpp"
#include "sim/model/rules.hpp"
#include "tests/model/run_helpers.hpp"

using namespace iasim;
using model::CountyObservation;
using S = model::PersonState;

namespace {

model::Params params() { return test::small_params(0.15, 3.0, 1); }

using test::total;

double duplicate_share(const test::Totals& t) {
  return total(t, [](const auto& c) { return c.duplicate_contacts; }) /
         total(t, [](const auto& c) { return c.employer_contacts; });
}
double ia_hours(const CountyObservation& c) {
  double h = 0;
  for (double x : c.als_hours) h += x;
  return h;
}
template <class F>
model::Params with_als(model::Params p, F&& set) {
  return test::in_every_county(std::move(p), [&](auto& cp) { set(cp.als); });
}

}  // namespace

TEST_CASE("employer contacts are counted, and a duplicate is another unit's contact within the window",
          "[model][county_side]") {
  const auto base = test::run(params());
  REQUIRE(total(base, [](const auto& c) { return c.employer_contacts; }) > 1000);
  REQUIRE(duplicate_share(base) > 0.0);
  // A window of zero days leaves no duplicates; a wider window more.
  auto none = params(), wide = params();
  for (auto& cp : none.county_params) cp.employer.duplicate_contact_window_days = 0;
  for (auto& cp : wide.county_params) cp.employer.duplicate_contact_window_days = 90;
  CHECK(total(test::run(none), [](const auto& c) { return c.duplicate_contacts; }) == 0);
  CHECK(duplicate_share(test::run(wide)) > duplicate_share(base));
  // Each duplicate costs the employer its hours.
  CHECK(total(base, [](const auto& c) { return c.duplicate_contact_employer_hours; }) ==
        Approx(total(base, [](const auto& c) { return c.duplicate_contacts; }) *
               params().county_params[0].employer.duplicate_contact_employer_hours));
}

TEST_CASE("Møre og Romsdal: the ALS leader's hours lead market teams, cost IA hours and cut duplicate contacts",
          "[model][county_side]") {
  // Without Møre og Romsdal's and Telemark's own settings, so that only the knob differs; and with market teams
  // that make many of the contacts (by default they make a tenth), so that their coordination shows.
  auto p = params();
  for (auto& cp : p.county_params) cp.office.market_coordinator_hours_per_week *= 10;
  const auto plain = with_als(p, [](auto& a) { a.leads_market_teams = false; a.days_at_offices_share = 0; });
  const auto led = with_als(plain, [](auto& a) { a.leads_market_teams = true; });
  const auto a = test::run(plain), b = test::run(led);
  CHECK(total(a, [](const auto& c) { return c.als_leader_hours; }) == 0);
  CHECK(total(b, [](const auto& c) { return c.als_leader_hours; }) > 0);
  // The leader's hours come out of the centre's IA work (SINTEF gives no cost; the hours must come from somewhere).
  CHECK(total(b, ia_hours) < total(a, ia_hours));
  // Coordinated contacts avoid firms other units have just asked (SINTEF L3551–3553).
  CHECK(duplicate_share(b) < 0.8 * duplicate_share(a));
  // Leading without hours coordinates nothing: the run is the unled run, bit for bit.
  const auto idle = test::run(with_als(led, [](auto& a) { a.leader_hours_per_market_team_per_week = 0; }));
  CHECK(total(idle, [](const auto& c) { return c.duplicate_contacts; }) ==
        total(a, [](const auto& c) { return c.duplicate_contacts; }));
  CHECK(idle.flow(S::follow_up, S::work_trial) == a.flow(S::follow_up, S::work_trial));
}

TEST_CASE("Telemark 4-1: advisers at offices are pulled into uncovered casework and share market fora",
          "[model][county_side]") {
  const auto plain = with_als(params(), [](auto& a) { a.leads_market_teams = false; a.days_at_offices_share = 0; });
  const auto four_one = with_als(plain, [](auto& a) { a.days_at_offices_share = 0.8; });
  const auto a = test::run(plain), b = test::run(four_one);
  CHECK(total(a, [](const auto& c) { return c.als_hours_in_casework; }) == 0);
  const double pulled = total(b, [](const auto& c) { return c.als_hours_in_casework; });
  CHECK(pulled > 0);
  // The cost: fewer IA hours and system competence lost with them (SINTEF L1616–1617, L1824–1826).
  CHECK(total(b, ia_hours) < total(a, ia_hours));
  CHECK(b.by_step.back()[0].als_system_competence < 1.0);
  // A gain: shared market fora coordinate contacts (SINTEF L1593–1596).
  CHECK(duplicate_share(b) < duplicate_share(a));
  // The pull follows the offices' casework: with twice the users per veileder more of the hours are pulled.
  auto loaded = four_one;
  for (auto& cp : loaded.county_params) cp.office.caseload_multiplier = 2.0;
  CHECK(total(test::run(loaded), [](const auto& c) { return c.als_hours_in_casework; }) > 1.2 * pulled);
}

TEST_CASE("the Vågeng merger is dated: the same bits as the baseline before it starts, processes after",
          "[model][county_side]") {
  auto base = params();
  auto merged = with_als(base, [](auto& a) { a.merged_into_offices = true; a.merger_start_year = 2016.0; });
  const auto a = test::run(base), b = test::run(merged);
  REQUIRE(a.by_step.size() == b.by_step.size());
  // Every number of every county's observation for the steps that end before 1 January 2016.
  std::size_t before = 0;
  for (std::size_t k = 0; k < a.by_step.size() && (k + 1) * base.run.output_step_days <= 365.25; ++k, ++before)
    for (std::size_t c = 0; c < a.by_step[k].size(); ++c) {
      constexpr std::size_t numbers = offsetof(CountyObservation, offices);
      INFO("step " << k << " county " << c);
      CHECK(std::memcmp(&a.by_step[k][c], &b.by_step[k][c], numbers) == 0);
    }
  REQUIRE(before >= 12);
  // After: moved advisers' hours are pulled into casework, fewer hours visit contact firms, whose contacts lapse
  // when unvisited, and system competence falls toward the hours still on system work.
  const auto after = [&](const test::Totals& t, auto f) { return total(t, f, before + 14); };
  CHECK(after(b, [](const auto& c) { return c.als_hours_in_casework; }) >
        2 * after(a, [](const auto& c) { return c.als_hours_in_casework; }));
  CHECK(after(b, [](const auto& c) { return c.contact_visits; }) < after(a, [](const auto& c) { return c.contact_visits; }));
  CHECK(b.by_step.back()[0].als_system_competence < a.by_step.back()[0].als_system_competence);
  // The moved advisers' door opening is the offices' market work: the ALS no longer brokers trials.
  const auto als_trials = [](const auto& c) { return c.trials_by_broker[static_cast<std::size_t>(model::Broker::als)]; };
  CHECK(after(b, als_trials) < 0.05 * after(a, als_trials));
}

TEST_CASE("the Vågeng merger moves the advisers over merger_transition_years", "[model][county_side]") {
  // The share of advisers moved into the offices grows linearly from merger_start_year over
  // merger_transition_years (als_week.cpp: merger_progress): over three years, the first year pulls about a third
  // of what a one-year transition pulls in its first year (a sixth against a half, on average), and the centre's
  // system competence falls more slowly.
  const auto merger = [](double years) {
    return with_als(params(), [years](auto& a) {
      a.merged_into_offices = true;
      a.merger_start_year = 2016.0;
      a.merger_transition_years = years;
    });
  };
  const auto fast = test::run(merger(1.0)), slow = test::run(merger(3.0));
  const double step_days = params().run.output_step_days;
  std::size_t first = 0, second = 0;  // the steps that end in 2016, and after it
  while ((first + 1) * step_days <= 365.25) ++first;
  while ((second + 1) * step_days <= 2 * 365.25) ++second;
  const auto in_2016 = [&](const test::Totals& t, auto f) { return total(t, f, first) - total(t, f, second); };
  const auto pulled = [](const CountyObservation& c) { return c.als_hours_in_casework; };
  REQUIRE(in_2016(fast, pulled) > 0);
  CHECK(in_2016(slow, pulled) < 0.6 * in_2016(fast, pulled));
  CHECK(in_2016(slow, pulled) > 0.1 * in_2016(fast, pulled));
  // By the end of the one-year transition every adviser has moved; over three years, a third of them.
  CHECK(slow.by_step[second - 1][0].als_system_competence > fast.by_step[second - 1][0].als_system_competence);
}

TEST_CASE("a fixed contact lapses when its adviser has no hours left to visit it", "[model][county_side]") {
  auto scarce = params();
  for (auto& cp : scarce.county_params) cp.als.contact_visit_hours = 8.0;  // visits four times as dear
  const auto a = test::run(params()), b = test::run(scarce);
  CHECK(total(b, [](const auto& c) { return c.contact_visits; }) < 0.5 * total(a, [](const auto& c) { return c.contact_visits; }));
  CHECK(total(b, [](const auto& c) { return c.contacts_lapsed; }) > 0);
  CHECK(b.by_step.back()[0].employers_with_contact_share < a.by_step.back()[0].employers_with_contact_share);
}

TEST_CASE("hours moved from sick-leave work to inclusion raise sick leave and buy more contact visits",
          "[model][county_side]") {
  auto moved = params();
  for (auto& cp : moved.county_params) {
    cp.als.delmal1_share = 0.1;
    cp.als.delmal2_share = 0.7;
    cp.als.delmal3_share = 0.1;
    cp.als.other_share = 0.1;
  }
  const auto a = test::run(params()), b = test::run(moved);
  // The price: IA firms' sick leave (SINTEF L3789–3792: sick-leave time and inclusion time compete).
  double sick_a = 0, sick_b = 0;
  for (const auto& c : a.by_step.back()) sick_a += c.ia_sick_leave_pct;
  for (const auto& c : b.by_step.back()) sick_b += c.ia_sick_leave_pct;
  CHECK(sick_b > sick_a);
  // The gain: more visits to contact firms.
  CHECK(total(b, [](const auto& c) { return c.contact_visits; }) > total(a, [](const auto& c) { return c.contact_visits; }));
}

TEST_CASE("an IA firm's sick leave above its 2015 level makes it less willing to take a trainee", "[model][county_side]") {
  const auto cp = model::CountyParams{};
  model::Employer ia{};
  ia.trust = 0.5f;
  ia.ia = true;
  model::Employer other = ia;
  other.ia = false;
  model::TrialOffer offer{0.6, 0.7, false};
  const double at_2015 = model::trial_acceptance(cp.employer, cp.support, ia, offer);
  offer.sick_leave_excess_pct = 1.0;
  CHECK(model::trial_acceptance(cp.employer, cp.support, ia, offer) < at_2015);
  offer.sick_leave_excess_pct = 0.0;
  const double other_2015 = model::trial_acceptance(cp.employer, cp.support, other, offer);
  offer.sick_leave_excess_pct = 1.0;
  CHECK(model::trial_acceptance(cp.employer, cp.support, other, offer) == other_2015);  // not an IA firm
}

TEST_CASE("IA council budgets buy arenas, which cost adviser hours and give lapsed firms a contact again",
          "[model][county_side]") {
  auto base = params();
  for (auto& cp : base.county_params) cp.als.contact_visit_hours = 8.0;  // contacts lapse
  auto funded = base;
  for (auto& cp : funded.county_params) cp.ia_council.budget_nok_per_year *= 3;
  const auto a = test::run(base), b = test::run(funded);
  const double arenas_a = total(a, [](const auto& c) { return c.ia_council_arenas; });
  CHECK(arenas_a > 0);
  CHECK(total(b, [](const auto& c) { return c.ia_council_arenas; }) == 3 * arenas_a);
  CHECK(total(b, [](const auto& c) { return c.cost_nok[static_cast<std::size_t>(model::CostItem::ia_council)]; }) >
        2.9 * total(a, [](const auto& c) { return c.cost_nok[static_cast<std::size_t>(model::CostItem::ia_council)]; }));
  CHECK(total(b, ia_hours) < total(a, ia_hours));  // the advisers' hours at the arenas
  double share_a = 0, share_b = 0;
  for (const auto& c : a.by_step.back()) share_a += c.employers_with_contact_share;
  for (const auto& c : b.by_step.back()) share_b += c.employers_with_contact_share;
  CHECK(share_b > share_a);
}

TEST_CASE("the directorate allocates programme places by use, and trials start only in a free place",
          "[model][county_side]") {
  auto tight = params();
  tight.programme.places_for_reduced_capacity /= 2;
  const auto a = test::run(params()), b = test::run(tight);
  const auto refused = [](const auto& c) { return c.work_trial_starts_refused; };
  CHECK(total(b, refused) > 2 * total(a, refused) + 10);
  CHECK(b.flow(S::follow_up, S::work_trial) < a.flow(S::follow_up, S::work_trial));
  // In every county and step the trials in progress stay within the places (a place taken is not taken back
  // when a smaller allocation arrives, so allow what was in progress then).
  for (std::size_t k = 0; k < b.by_step.size(); ++k) {
    const auto& step = b.by_step[k];
    // The places of the last allocation, made up to two lookaheads and a month before.
    const double national = model::detail::national_places(tight, model::detail::Programme::work_trial,
                                                           k * tight.run.output_step_days);
    double trials = 0, places = 0;
    for (const auto& c : step) {
      trials += c.persons[model::index(S::work_trial)];
      places += c.work_trial_places;
    }
    CHECK(places == Approx(national).epsilon(0.005).margin(step.size()));  // rounding per county
    CHECK(trials <= 1.1 * places);
  }
  // The allocation moves with use: by the end, some county's places differ from its population share.
  bool moved = false;
  const auto& first = b.by_step.front();
  for (std::size_t c = 0; c < first.size(); ++c)
    moved |= std::abs(b.by_step.back()[c].work_trial_places - first[c].work_trial_places) > 2;
  CHECK(moved);
}

TEST_CASE("people move between counties as messages, carrying their record", "[model][county_side]") {
  const test::Ran ran(params(), 2 * 365.25);
  REQUIRE(ran.eng.stats().messages > 100);
  std::size_t away = 0, in = 0;
  for (const auto& c : ran.counties())
    for (const auto& p : c.persons) {
      away += p.state == S::moved_away;
      in += p.moved_in;
    }
  REQUIRE(away > 50);
  // Everyone who left one county arrived in another, but those still on the way (sent in the last lookahead).
  CHECK(in <= away);
  CHECK(in + 20 >= away);
  // No migration, no movers and no moved_away.
  auto still = params();
  still.population.migration_per_year_under_25 = still.population.migration_per_year_25_29 = 0;
  const test::Ran none(still, 365.25);
  std::size_t moved = 0;
  for (const auto& c : none.counties())
    for (const auto& p : c.persons) moved += p.state == S::moved_away || p.moved_in;
  CHECK(moved == 0);
}
