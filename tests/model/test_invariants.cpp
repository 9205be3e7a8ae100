// The model's invariants fail loudly, naming the county, the time and (for moves) the person and the event:
// each is triggered here on a deliberately corrupted county. (No event in the past is the engine's check:
// tests/engine/test_engine.cpp.)
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sim/engine/engine.hpp"
#include "sim/model/detail/moves.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/norway_2015.hpp"
#include "sim/model/simulate.hpp"

using namespace iasim;
using Catch::Matchers::Contains;

namespace {

// A small national model, initialised and run to t=0.25 (before the first output time).
struct Built {
  model::Params params;
  model::IaModel model;
  engine::Engine<model::IaModel> eng;

  static model::Params small() {
    auto p = model::baseline_params();
    p.run.population_scale = 0.05;
    return p;
  }
  explicit Built(double until_day = 0.25, model::Params p = small())
      : params(std::move(p)), model(params), eng(model, model::engine_config(params, 0, engine::Schedule::serial)) {
    model::spin_up(model, eng);
    eng.run_until(until_day);
  }
  model::County& county() { return model.counties().at(0); }
  std::string name() { return county().facts->name; }
};

}  // namespace

TEST_CASE("invariants: an intact county observes without error", "[model][invariants]") {
  Built b;
  CHECK_NOTHROW(b.model.observe(0, 0.25));
}

TEST_CASE("invariants: people not conserved names the county and the time", "[model][invariants]") {
  Built b;
  b.county().stock[model::index(model::PersonState::follow_up)] += 1;  // someone appeared from nowhere
  CHECK_THROWS_WITH(b.model.observe(0, 0.25),
                    Contains("people not conserved") && Contains("county " + b.name()) && Contains("t=0.25"));
}

TEST_CASE("invariants: a negative stock names the state, the county and the time", "[model][invariants]") {
  Built b;
  auto& stock = b.county().stock;
  stock[model::index(model::PersonState::education)] = -1;
  stock[model::index(model::PersonState::follow_up)] += 1;  // still adds up: the sign is what is checked
  CHECK_THROWS_WITH(b.model.observe(0, 0.25), Contains("negative stock of education") &&
                                                  Contains("county " + b.name()) && Contains("t=0.25"));
}

TEST_CASE("invariants: negative hours name the actor, the county and the time", "[model][invariants]") {
  Built b;
  b.county().step.hours_used[0] = -3;
  CHECK_THROWS_WITH(b.model.observe(0, 0.25), Contains("negative hours for " + std::string(model::actor_labels[0])) &&
                                                  Contains("county " + b.name()) && Contains("t=0.25"));
}

TEST_CASE("invariants: an office tally out of step with the stocks names the state, the county and the time",
          "[model][invariants]") {
  Built b;
  b.county().offices.at(0).tally[static_cast<std::size_t>(model::Tally::work_trial)] += 1;  // a move not tallied
  CHECK_THROWS_WITH(b.model.observe(0, 0.25), Contains("tallies count") && Contains("in work_trial") &&
                                                  Contains("county " + b.name()) && Contains("t=0.25"));
}

// The offices' running tallies replace a weekly count over the caseloads (docs/performance.md); after
// three years of moves, assessments, referrals and learning they must still equal that count, class by class.
TEST_CASE("office tallies equal a recount of every office's people after three years", "[model][invariants]") {
  // With job specialists and in-house measures too, so that every class of the tally has people in it.
  auto params = Built::small();
  for (auto& cp : params.county_params) {
    cp.support.supported_employment_share = 0.2;
    cp.measures.in_house_share = 0.5;
  }
  Built b(3 * 365.25, params);
  std::size_t people_in_services = 0, followed_along = 0, referred = 0, in_follow_up_measures = 0;
  for (const auto& c : b.model.counties()) {
    std::vector<std::array<std::int32_t, model::tally_count>> recount(c.offices.size());
    for (const auto& p : c.persons) {
      using S = model::PersonState;
      using T = model::Tally;
      const bool ready = p.readiness_estimate >= c.p->office.ready_threshold;
      const T t = p.state == S::waiting_assessment ? (p.referred ? T::waiting_referred : T::waiting)
                  : p.state == S::follow_up        ? (p.referred               ? T::follow_up_referred
                                                      : p.supported_employment ? T::follow_up_specialist
                                                      : ready                  ? T::follow_up_ready
                                                                               : T::follow_up)
                  : p.state == S::work_trial       ? T::work_trial
                  : p.state == S::subsidised_job   ? (p.supported_employment ? T::subsidised_specialist : T::subsidised)
                  : p.state == S::ordinary_job && p.supported_employment ? T::ordinary_specialist
                                                                          : T::out_of_services;
      recount.at(p.office)[static_cast<std::size_t>(t)] += 1;
      people_in_services += t != T::out_of_services;
      followed_along += t == T::ordinary_specialist;
      referred += t == T::waiting_referred;
      in_follow_up_measures += t == T::follow_up_referred;
    }
    for (std::size_t o = 0; o < c.offices.size(); ++o) {
      INFO("county " << c.facts->name << ", office " << o);
      CHECK(c.offices[o].tally == recount[o]);
    }
  }
  CHECK(people_in_services > 1000);  // the run is not empty
  CHECK(followed_along > 10);
  CHECK(referred > 10);
  CHECK(in_follow_up_measures > 10);
}

TEST_CASE("invariants: a transition not in transitions.hpp names the person, the county, the time and the event",
          "[model][invariants]") {
  Built b;
  auto& c = b.county();
  const model::PersonId id = 0;
  auto& p = c.persons.at(id);
  // disability benefit is final: losing a job from there is a move the model does not allow.
  c.stock[model::index(p.state)] -= 1;
  p.state = model::PersonState::disability_benefit;
  c.stock[model::index(p.state)] += 1;
  b.eng.context(0).schedule(0.5, model::ModelEvent{.kind = model::EventKind::job_lost, .person = id, .epoch = p.timer_epoch});
  CHECK_THROWS_WITH(b.eng.run_until(1.0),
                    Contains("transition disability_benefit->follow_up is not allowed") && Contains("person 0") &&
                        Contains("county " + b.name()) && Contains("t=0.5") &&
                        Contains("while handling event job_lost(person 0)"));
}

TEST_CASE("invariants: the employers' trust mean is the mean of their records after years of trials, calls and visits",
          "[model][invariants]") {
  // observe() reads a running total kept at every change of trust (move_trust) instead of summing the records.
  auto p = Built::small();
  for (auto& cp : p.county_params) cp.support.employer_calls_per_trial_week = 0.9;  // many calls, so that their trust steps are among the changes
  Built b(3 * 365.25, p);
  for (std::uint32_t k = 0; k < b.model.counties().size(); ++k) {
    const auto& c = b.model.counties()[k];
    double sum = 0;
    for (const auto& e : c.employers) sum += e.trust;
    const double mean = sum / static_cast<double>(c.employers.size());
    const auto o = b.model.observe(k, 3 * 365.25);
    CHECK(o.employer_trust_mean == Approx(mean).epsilon(1e-12));
    CHECK(o.employer_calls > 0);  // nothing observed before: the calls of all three years
  }
}

TEST_CASE("invariants: exactly the caseload entries of people in a subsidised job are parked, in their places",
          "[model][invariants]") {
  // The weekly sweep passes over parked entries without reading the person (moves.hpp: set_parked); a person whose
  // subsidised job ends must be read again from the next week, in the same place in the caseload.
  Built b(3 * 365.25);
  std::size_t parked = 0, subsidised_listed = 0;
  for (const auto& c : b.model.counties()) {
    for (const auto& o : c.offices)
      for (const auto entry : o.caseload) {
        const bool is_parked = entry & model::detail::parked_in_caseload;
        const auto& p = c.persons.at(entry & ~model::detail::parked_in_caseload);
        CHECK(is_parked == (p.state == model::PersonState::subsidised_job));
        parked += is_parked;
      }
    for (const auto& p : c.persons) subsidised_listed += p.state == model::PersonState::subsidised_job && p.in_caseload;
  }
  CHECK(parked > 50);
  CHECK(parked == subsidised_listed);  // everyone in a subsidised job who is listed is listed once, parked
}

TEST_CASE("invariants: the caseload search finds an entry at every place, in any length, and nothing that is absent",
          "[model][invariants]") {
  // find_in_caseload compares blocks of 16 ids at once and the remainder one by one.
  for (std::size_t n = 0; n <= 50; ++n) {
    std::vector<model::PersonId> caseload(n);
    for (std::size_t i = 0; i < n; ++i) caseload[i] = static_cast<model::PersonId>(1000 + 3 * i);
    for (std::size_t i = 0; i < n; ++i) {
      const model::PersonId* found = model::detail::find_in_caseload(caseload, caseload[i]);
      REQUIRE(found == caseload.data() + i);
    }
    CHECK(model::detail::find_in_caseload(caseload, 1001) == nullptr);
    CHECK(model::detail::find_in_caseload(caseload, 1000 | model::detail::parked_in_caseload) == nullptr);
  }
}

TEST_CASE("invariants: cohort outcomes counted at people's changes equal a count of everyone at each output time",
          "[model][invariants]") {
  // The model counts a person's months at their next change and at the end (moves.hpp: count_cohort_months).
  // Here everyone is counted at every output time instead, by the rule ODD §7 states, and the counts must agree.
  auto params = Built::small();
  params.run.horizon_years = 6;  // long enough for AAP to run out (regroup) for people who entered in the run
  model::IaModel m(params);
  engine::Engine<model::IaModel> eng(m, model::engine_config(params, 0, engine::Schedule::serial));
  model::spin_up(m, eng);
  auto& counties = m.counties();
  std::vector<model::CohortCounts> counted(counties.size());
  std::vector<std::vector<std::int32_t>> last(counties.size());
  for (std::size_t k = 0; k < counted.size(); ++k) counted[k].resize(counties[k].cohorts.cohorts);
  std::size_t moved_in = 0;
  // A person who moves leaves a moved_away record behind and goes on in a new one: the same entry day and age.
  using Key = std::pair<float, std::uint16_t>;
  auto key = [](const model::Person& p) { return Key{p.entry_day, p.age_at_entry_units}; };
  for (const double day : model::output_days(params.run)) {
    eng.run_until(day);
    std::map<Key, std::int32_t> counted_before_moving;  // the last month counted in the county left (moved twice: later)
    for (std::size_t k = 0; k < counties.size(); ++k)
      for (std::size_t id = 0; id < last[k].size(); ++id)
        if (counties[k].persons[id].state == model::PersonState::moved_away) {
          auto [at, fresh] = counted_before_moving.try_emplace(key(counties[k].persons[id]), last[k][id]);
          if (!fresh) at->second = std::max(at->second, last[k][id]);
        }
    for (std::size_t k = 0; k < counties.size(); ++k) {
      const auto& persons = counties[k].persons;
      // A record that came since the last output goes on from where the person was counted: new (-1), or in the
      // county they left.
      for (std::size_t id = last[k].size(); id < persons.size(); ++id) {
        const auto before = persons[id].moved_in ? counted_before_moving.find(key(persons[id])) : counted_before_moving.end();
        last[k].push_back(before == counted_before_moving.end() ? -1 : before->second);
        moved_in += last[k].back() >= 0;
      }
      for (std::size_t id = 0; id < persons.size(); ++id) {
        const auto& p = persons[id];
        if (p.entry_day < 0 || p.state == model::PersonState::moved_away) continue;
        const auto month = static_cast<std::int32_t>(std::floor((day - p.entry_day) / model::detail::month + 1e-9));
        const auto cohort = static_cast<std::size_t>(p.entry_day / model::detail::year);
        if (month <= last[k][id] || month > static_cast<std::int32_t>(model::cohort_max_months) ||
            cohort >= counted[k].cohorts)
          continue;
        last[k][id] = month;
        const auto mm = static_cast<std::size_t>(month);
        counted[k].at(cohort, mm, model::index(p.state)) += 1;
        counted[k].milestone(cohort, mm, model::Milestone::first_work_trial) += p.had_trial;
        counted[k].milestone(cohort, mm, model::Milestone::first_job) += p.had_job;
        counted[k].milestone(cohort, mm, model::Milestone::exit) += p.exited;
        counted[k].on_aap[cohort * (model::cohort_max_months + 1) + mm] += p.on_aap && model::detail::aap_paid_in(p.state);
      }
      m.observe(static_cast<std::uint32_t>(k), day);
    }
  }
  m.end_outputs();
  CHECK(moved_in > 10);  // records that moved in with months already counted elsewhere
  double total = 0;
  for (std::size_t k = 0; k < counties.size(); ++k) {
    INFO("county " << counties[k].facts->name);
    CHECK(counties[k].cohorts.counts == counted[k].counts);
    CHECK(counties[k].cohorts.milestones == counted[k].milestones);
    CHECK(counties[k].cohorts.on_aap == counted[k].on_aap);
    for (double n : counted[k].counts) total += n;
  }
  CHECK(total > 10000);  // person-months counted: the comparison is not between empty tables
}
