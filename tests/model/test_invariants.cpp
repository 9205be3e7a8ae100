// The model's invariants fail loudly, naming the county, the time and (for moves) the person and the event:
// each is triggered here on a deliberately corrupted county. (No event in the past is the engine's check:
// tests/engine/test_engine.cpp.)
#include <catch2/catch.hpp>

#include <string>

#include "sim/engine/engine.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/norway_2015.hpp"

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
  static engine::EngineConfig config(const model::Params& p) {
    engine::EngineConfig cfg;
    cfg.partitions = static_cast<std::uint32_t>(p.counties.size());
    cfg.lookahead = p.run.lookahead_days;
    cfg.schedule = engine::Schedule::serial;
    return cfg;
  }
  Built() : params(small()), model(params), eng(model, config(params)) {
    model.initialise(eng);
    eng.run_until(0.25);
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

TEST_CASE("invariants: a transition not in transitions.hpp names the person, the county, the time and the event",
          "[model][invariants]") {
  Built b;
  auto& c = b.county();
  const model::PersonId id = 0;
  auto& p = c.persons.at(id);
  // education is final: losing a job from there is a move the model does not allow.
  c.stock[model::index(p.state)] -= 1;
  p.state = model::PersonState::education;
  c.stock[model::index(p.state)] += 1;
  b.eng.context(0).schedule(0.5, model::ModelEvent{model::EventKind::job_lost, id, p.timer_epoch});
  CHECK_THROWS_WITH(b.eng.run_until(1.0),
                    Contains("transition education->follow_up is not allowed") && Contains("person 0") &&
                        Contains("county " + b.name()) && Contains("t=0.5") &&
                        Contains("while handling event job_lost(person 0)"));
}
