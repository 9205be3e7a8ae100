#pragma once
// The model's keyed random streams and units of time (internal to sim/model). A stream is keyed by who
// decides (an entity: person, employer, office or county) and what about (a purpose); its counter is that
// entity's own count of decisions, so adding an agent or an event elsewhere leaves every other draw unchanged.
#include <algorithm>
#include <cstdint>

#include <boost/random/normal_distribution.hpp>

#include "sim/engine/random.hpp"
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

using engine::Stream;
using Context = IaModel::Context;
inline constexpr double week = 7.0;
inline constexpr double year = 365.25;
inline constexpr double month = year / 12.0;

// Keyed streams: the entity names who decides, the purpose what about; the counter is that entity's own
// count of decisions, so adding an agent or an event elsewhere leaves every other draw unchanged.
enum class EntityKind : std::uint64_t { person = 1, employer = 2, office = 3, county = 4 };
enum class Purpose : std::uint64_t { build, arrival, weekly, assessment, matching, decision, timer, meeting, anchoring };

inline std::uint64_t entity(EntityKind k, std::uint32_t county, std::uint64_t i) {
  return (static_cast<std::uint64_t>(k) << 56) | (std::uint64_t{county} << 40) | i;
}
inline Stream person_stream(const Context& ctx, const County& c, PersonId id, Person& p, Purpose why) {
  return ctx.stream(entity(EntityKind::person, c.index, id), static_cast<std::uint64_t>(why), p.draws++);
}
inline Stream employer_stream(const Context& ctx, const County& c, EmployerId id, Employer& e) {
  return ctx.stream(entity(EntityKind::employer, c.index, id), static_cast<std::uint64_t>(Purpose::decision), e.draws++);
}
inline Stream county_stream(const Context& ctx, County& c, Purpose why) {
  return ctx.stream(entity(EntityKind::county, c.index, 0), static_cast<std::uint64_t>(why), c.draws++);
}

inline double normal(Stream& s, double mean, double sd) { return boost::random::normal_distribution<double>{mean, sd}(s); }
inline float clamp01(double x) { return static_cast<float>(std::clamp(x, 0.0, 1.0)); }

}  // namespace iasim::model::detail
