#pragma once
// The IA / Job Strategy model on the engine: one partition per county, a handful of event kinds, and the
// rules in rules.hpp. It owns the counties' state; `observe` reports one county at an output time.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/engine/engine.hpp"
#include "sim/model/county.hpp"
#include "sim/model/params.hpp"
#include "sim/model/programme_budget_state.hpp"
#include "sim/model/rules.hpp"

namespace iasim::model {

// A broken model invariant (people not conserved, negative hours, a transition the model does not allow).
// The message names the county, time and agent.
class ModelError : public std::runtime_error {
 public:
  explicit ModelError(const std::string& what) : std::runtime_error(what) {}
};

enum class EventKind : std::uint8_t {
  county_week,   // the weekly round: ALS, coach, subsidies, then every office spends its hours
  arrival,       // a young person enters the target group
  matchmeeting,  // a matchemøte in the county
  trial_end,
  subsidy_end,
  job_lost,      // an ordinary or subsidised job ends
  returned,      // back from inactivity or education into NAV follow-up
  ia_council_meeting,  // the county's IA council meets and spends its budget on arenas
  migration_due,       // a person's time to move to another county (not tied to their state: see migration.cpp)
  budget_month,        // a county's monthly report of its programme places' use is due
  // Messages between counties (engine messages, at least a lookahead ahead):
  moved_in,            // a person arrives from another county (the Mover is the sender's)
  budget_report,       // a county's monthly report of its programme places' use, to the directorate
  budget_allocation,   // the directorate's allocation of places to a county
};

// An event's payload: a person's timer (person, epoch, employer), or a message's contents. The sender's Mover of
// a moved_in message is carried as its address in `person` and `epoch` (mover_message, mover_of), so that the
// engine's events stay 32 bytes.
struct ModelEvent {
  EventKind kind;
  std::uint16_t county = 0;   // messages: the county that sent it or is meant
  PersonId person = none;
  std::uint32_t epoch = 0;    // the person's timer_epoch when set; stale timers are ignored
  EmployerId employer = none; // timers: the person's employer when set, read only to ask memory for its record
};
static_assert(sizeof(engine::Event<ModelEvent>) == 32, "ModelEvent grew: engine events would no longer be 32 bytes");
std::string describe(const ModelEvent& e);

// When the model's clock starts: the spin-up's length before 2015-01-01 (day 0), in days.
inline double start_day(const RunParams& run) { return -run.spin_up_years * days_per_year; }

class IaModel {
 public:
  using Payload = ModelEvent;
  using Context = engine::Context<ModelEvent>;

  explicit IaModel(const Params& params);

  // Builds every county's agents (keyed draws, so independent of thread count) and seeds its events.
  void initialise(engine::Engine<IaModel>& eng);
  void handle(Context& ctx, const ModelEvent& e);
  // Asks memory for the record of the person an event soon to come is about (the engine calls it some events
  // ahead of the one it handles): at 10x the population a timer's first read of its person waits on memory.
  void prefetch(const Context& ctx, const ModelEvent& e) const;

  // At 1 January 2015, after the spin-up: forgets the spin-up's flows, so that outputs start from the stock.
  void begin_outputs();
  // After the last observation: counts what only the end of the run tells (jobs still held, for job retention).
  void end_outputs();

  // The county's observation for the step ending now; resets its flow accumulators. Checks invariants.
  CountyObservation observe(std::uint32_t county, double now);
  const std::vector<County>& counties() const { return counties_; }
  std::vector<County>& counties() { return counties_; }

 private:
  void dispatch(Context& ctx, const ModelEvent& e);

  const Params& params_;
  std::vector<County> counties_;
  detail::Directorate directorate_;  // partition 0's: the national programme budget
};

}  // namespace iasim::model
