// Common random numbers per purpose (docs/engine.md): a scenario that changes only one process leaves every
// other process's draws unchanged. Here only matching changes — three times as many matchemøter — and every
// person's arrival time and attributes must stay bit-identical, while the matching itself does change.
#include <catch2/catch.hpp>

#include <cstring>
#include <vector>

#include "sim/engine/engine.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/norway_2015.hpp"
#include "sim/model/simulate.hpp"

using namespace iasim;

namespace {

// Who entered, when and as whom: what a change in matching must not touch.
struct Entrant {
  float entry_day, age;
  bool mental_health, upper_secondary;  // (AAP is a state that ends, not an attribute)
  std::uint16_t office;
  bool operator==(const Entrant&) const = default;
};

struct Run {
  std::vector<std::vector<Entrant>> entrants;  // per county, in order of entry
  double matchmeetings = 0, trials = 0;
};

Run run(double matchmeetings_per_year) {
  auto p = model::baseline_params();
  p.run.population_scale = 0.1;
  p.run.horizon_years = 2.0;
  for (auto& cp : p.county_params) cp.matching.matchmeetings_per_year = matchmeetings_per_year;
  model::IaModel m(p);
  const auto cfg = model::engine_config(p, 0, engine::Schedule::serial);
  engine::Engine<model::IaModel> eng(m, cfg);
  model::spin_up(m, eng);
  Run r;
  for (double day = 28; day <= p.run.horizon_years * 365.25; day += 28) {
    eng.run_until(day);
    for (std::uint32_t c = 0; c < cfg.partitions; ++c) {
      const auto o = m.observe(c, day);
      r.matchmeetings += o.matchmeetings;
      r.trials += o.transitions[*model::transition_index(model::PersonState::follow_up, model::PersonState::work_trial)];
    }
  }
  for (const auto& c : m.counties()) {
    auto& list = r.entrants.emplace_back();
    for (const auto& person : c.persons)
      if (!person.moved_in)  // a mover's record (readiness, history) depends on matching where they came from
        list.push_back({person.entry_day, static_cast<float>(model::age_at_entry(person)),
                      person.mental_health, person.upper_secondary, person.office});
  }
  return r;
}

}  // namespace

TEST_CASE("more matchemøter leave every person's arrival time and attributes bit-identical", "[model][crn]") {
  const auto few = run(2);
  const auto many = run(6);
  REQUIRE(many.matchmeetings > 2 * few.matchmeetings);  // the knob did turn matching
  CHECK(many.trials != few.trials);                     // and matching did change
  REQUIRE(few.entrants.size() == many.entrants.size());
  for (std::size_t c = 0; c < few.entrants.size(); ++c) {
    INFO("county " << c);
    REQUIRE(few.entrants[c].size() > 100);
    REQUIRE(few.entrants[c].size() == many.entrants[c].size());
    std::size_t differ = 0, first = few.entrants[c].size();
    for (std::size_t i = 0; i < few.entrants[c].size(); ++i)
      if (!(few.entrants[c][i] == many.entrants[c][i])) {
        ++differ;
        first = std::min(first, i);
      }
    INFO("first differing person " << first);
    CHECK(differ == 0);
  }
}
