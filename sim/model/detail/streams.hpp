#pragma once
// The model's keyed random streams and units of time (internal to sim/model). A stream is keyed by who
// decides (an entity: person, employer, office or county), what about (a purpose) and which decision it is,
// so changing one process's draws, adding an agent or an event elsewhere leaves every other draw unchanged.
#include <algorithm>
#include <bit>
#include <cstdint>

#include <boost/random/normal_distribution.hpp>

#include "sim/engine/random.hpp"
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/rules.hpp"

namespace iasim::model::detail {

using engine::Stream;
using Context = IaModel::Context;
inline constexpr double week = 7.0;
inline constexpr double year = days_per_year;
inline constexpr double month = year / 12.0;

// Keyed streams, one per entity *and* purpose (common random numbers). The entity names who decides, the
// purpose what about, and the occasion which decision it is:
// - a person's decisions made once per spell (exit clock, which exit, a trial's outcome, an assessment, how
//   long a job lasts) are keyed by the spell's number (person_spell_stream), so the k-th spell draws the
//   same numbers whatever happened in matching before it, even if it began in another week;
// - a person's other draws and an employer's are keyed by the time of the decision (its bits) and a detail
//   that tells apart decisions of one purpose at one time (the employer approached, the broker, the person);
// - a county's draws are numbered per purpose (County::draws), so more matchemøter shift only the
//   matchemøter's own draws, never arrivals.
enum class EntityKind : std::uint64_t { person = 1, employer = 2, office = 3, county = 4 };
enum class Purpose : std::uint64_t {
  build,            // who a person or a county is (attributes at entry, offices and employers at build)
  arrival,          // times between arrivals
  weekly,           // a spell's exit clock and which exit (education, disability, inactivity, own job search)
  aap_limit,        // at the AAP limit: extended, or ended (and disability benefit for some)
  assessment,       // assessment error, provider waits
  matching,         // the fit of a candidate and the employer a broker approaches
  decision,         // a trial's outcome, drop-out after a failed trial
  timer,            // how long a job lasts, when someone returns from inactivity or education
  meeting,          // who sits in a matchemøte's room and who talks to whom
  anchoring,        // the coordinator's visits and engagement lost
  door_opening,     // which employer a coach visits
  candidate_search, // which office a broker looks at first for a candidate
  employer_choice,  // an employer's answers: trial, subsidy, hire, keep
  substitution,     // whether a subsidised hire displaces an ordinary one
  specialist,       // which employer a job specialist meets about a person
  employer_call,    // whether a trial's employer calls NAV in a week, and when the answer comes
  ia_council,       // who comes to an IA council arena
  migration,        // when a person moves to another county, where to, and their office there
  follow_up_measure,  // whether a follow-up measure is ordered, where, its workplace, what its report shows
  count
};
inline constexpr std::size_t purpose_count = static_cast<std::size_t>(Purpose::count);

static_assert(purpose_count <= std::tuple_size_v<decltype(County::draws)>, "County::draws needs a counter per purpose");

inline std::uint64_t entity(EntityKind k, std::uint32_t county, std::uint64_t i) {
  return (static_cast<std::uint64_t>(k) << 56) | (std::uint64_t{county} << 40) | i;
}
inline std::uint64_t purpose_word(Purpose why, std::uint64_t detail) {
  return (static_cast<std::uint64_t>(why) << 56) | (detail & ((std::uint64_t{1} << 56) - 1));
}
inline std::uint64_t occasion(double now) { return std::bit_cast<std::uint64_t>(now); }

// A person's draws for one decision of purpose `why` at time `now`; `detail` tells apart several such
// decisions at the same time.
inline Stream person_stream(const Context& ctx, const County& c, PersonId id, Purpose why, double now,
                            std::uint64_t detail = 0) {
  return ctx.stream(entity(EntityKind::person, c.index, id), purpose_word(why, detail), occasion(now));
}
// A person's draw for a decision made once per spell in a state (the exit clock and which exit, a trial's or
// a subsidy's outcome, an assessment's error and a provider's wait, how long a job lasts, when someone comes
// back): keyed by the spell's number (timer_epoch, the person's moves so far) instead of the time, so that the
// person's k-th spell draws the same numbers in two scenarios however much matching shifted when it began.
// Bit 55 of the detail keeps these apart from the time-keyed draws.
inline Stream person_spell_stream(const Context& ctx, const County& c, PersonId id, const Person& p, Purpose why,
                                  std::uint64_t detail = 0) {
  return ctx.stream(entity(EntityKind::person, c.index, id), purpose_word(why, detail | (std::uint64_t{1} << 55)),
                    p.timer_epoch);
}
// Who the person is when they enter: drawn once, from their own stream.
inline Stream person_build_stream(const Context& ctx, const County& c, PersonId id) {
  return ctx.stream(entity(EntityKind::person, c.index, id), purpose_word(Purpose::build, 0), 0);
}
// An employer's answer about person `about` at time `now` (trial, subsidy, hire or keep; `why` for another
// decision about the same person at the same time, which must not reuse those draws); `detail` tells apart
// answers to different brokers at the same time (ALS and the office in one county round).
inline Stream employer_stream(const Context& ctx, const County& c, EmployerId id, PersonId about, double now,
                              Purpose why = Purpose::employer_choice, std::uint64_t detail = 0) {
  return ctx.stream(entity(EntityKind::employer, c.index, id), purpose_word(why, (detail << 32) | about), occasion(now));
}
inline Stream county_stream(const Context& ctx, County& c, Purpose why) {
  return ctx.stream(entity(EntityKind::county, c.index, 0), purpose_word(why, 0), c.draws[static_cast<std::size_t>(why)]++);
}

inline double normal(Stream& s, double mean, double sd) { return boost::random::normal_distribution<double>{mean, sd}(s); }
inline float clamp01(double x) { return static_cast<float>(std::clamp(x, 0.0, 1.0)); }

}  // namespace iasim::model::detail
