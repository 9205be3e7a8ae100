#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "sim/engine/engine.hpp"

using namespace iasim::engine;

namespace {

struct Note {
  int id;
  double reschedule_after = -1;  // >= 0: schedule a follow-up this many days later
  std::uint32_t to = 0;          // partition of the follow-up
};
std::string describe(const Note& n) { return "note#" + std::to_string(n.id); }

struct Recorder {
  using Payload = Note;
  std::vector<std::vector<std::pair<double, int>>> seen;
  explicit Recorder(std::uint32_t partitions) : seen(partitions) {}
  void handle(Context<Note>& ctx, const Note& n) {
    seen[ctx.self()].push_back({ctx.now(), n.id});
    if (n.reschedule_after >= 0) ctx.send(n.to, ctx.now() + n.reschedule_after, Note{n.id + 100});
  }
};

}  // namespace

TEST_CASE("scheduling in the past is an error that names the event", "[engine]") {
  struct Past {
    using Payload = Note;
    void handle(Context<Note>& ctx, const Note&) { ctx.schedule(ctx.now() - 1.0, Note{99}); }
  } model;
  Engine<Past> eng(model, {});
  eng.context(0).schedule(5.0, Note{1});
  try {
    eng.run_until(10.0);
    FAIL("expected EngineError");
  } catch (const EngineError& e) {
    const std::string what = e.what();
    CHECK(what.find("note#99") != std::string::npos);
    CHECK(what.find("in the past") != std::string::npos);
  }
}

TEST_CASE("a cross-partition message closer than the lookahead is refused", "[engine]") {
  Recorder model(2);
  EngineConfig cfg;
  cfg.partitions = 2;
  cfg.lookahead = 7.0;
  // Serial: a throw inside a parallel window ends the window on every thread before it reaches the caller
  // (oneTBB waits for its tasks), but ThreadSanitizer cannot see that wait inside libtbb and would report the
  // engine's destruction as a race with the other worker.
  cfg.schedule = Schedule::serial;
  Engine<Recorder> eng(model, cfg);
  eng.context(0).schedule(1.0, Note{1, 3.0, 1});  // 3 days < 7-day lookahead
  CHECK_THROWS_WITH(eng.run_until(30.0), Catch::Contains("breaks the lookahead") && Catch::Contains("note#1"));
}

TEST_CASE("messages arrive at their time, in a fixed order among equal times", "[engine]") {
  Recorder model(3);
  EngineConfig cfg;
  cfg.partitions = 3;
  cfg.lookahead = 2.0;
  Engine<Recorder> eng(model, cfg);
  // Partitions 0 and 1 both send to partition 2 for t = 5: source 0 first, whatever ran first.
  eng.context(1).schedule(3.0, Note{2, 2.0, 2});
  eng.context(0).schedule(3.0, Note{1, 2.0, 2});
  eng.run_until(10.0);
  REQUIRE(model.seen[2].size() == 2);
  CHECK(model.seen[2][0] == std::pair<double, int>{5.0, 101});
  CHECK(model.seen[2][1] == std::pair<double, int>{5.0, 102});
  CHECK(eng.now() == 10.0);
  CHECK(eng.stats().events == 4);
  CHECK(eng.stats().messages == 2);
}

TEST_CASE("run_until stops before the given time and can be resumed", "[engine]") {
  Recorder model(1);
  Engine<Recorder> eng(model, {});
  for (int i = 0; i < 10; ++i) eng.context(0).schedule(double(i), Note{i});
  eng.run_until(5.0);
  CHECK(model.seen[0].size() == 5);  // t = 0..4; the event at t = 5 belongs to the next step
  CHECK(eng.pending() == 5);
  eng.run_until(100.0);
  CHECK(model.seen[0].size() == 10);
  CHECK_THROWS_AS(eng.run_until(50.0), EngineError);
}

TEST_CASE("a message to a partition that does not exist names the message and the partition count", "[engine]") {
  Recorder model(2);
  EngineConfig cfg;
  cfg.partitions = 2;
  cfg.lookahead = 1.0;
  cfg.schedule = Schedule::serial;  // as above: an error path, not a parallel one
  Engine<Recorder> eng(model, cfg);
  eng.context(0).schedule(1.0, Note{7, 5.0, 2});  // partition 2 of 0..1
  CHECK_THROWS_WITH(eng.run_until(10.0), Catch::Contains("note#107") && Catch::Contains("sent to partition 2") &&
                                             Catch::Contains("only 2 partitions"));
}

TEST_CASE("an engine needs a partition and a positive lookahead", "[engine]") {
  Recorder model(1);
  EngineConfig none;
  none.partitions = 0;
  CHECK_THROWS_WITH(Engine<Recorder>(model, none), Catch::Contains("at least one partition"));
  for (const double lookahead : {0.0, -1.0, std::nan("")}) {
    EngineConfig cfg;
    cfg.lookahead = lookahead;
    CHECK_THROWS_WITH(Engine<Recorder>(model, cfg), Catch::Contains("lookahead must be positive"));
  }
}
