#pragma once
// Young people moving between counties (ODD §7.26): the move is an engine message that carries the person's
// record to the county they move to. Internal to sim/model.
#include <bit>
#include <cstdint>

#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// The message that carries `m` to county `to`: the Mover's address in the payload's two 32-bit words. The
// sender keeps the Mover (County::emigrants) until the run ends and never changes it after sending; the
// engine's window boundary orders the write before the receiver's read.
inline ModelEvent mover_message(const Mover* m, std::uint32_t to) {
  const auto bits = std::bit_cast<std::uint64_t>(m);
  return {.kind = EventKind::moved_in, .county = static_cast<std::uint16_t>(to), .person = static_cast<std::uint32_t>(bits),
          .epoch = static_cast<std::uint32_t>(bits >> 32)};
}
inline const Mover& mover_of(const ModelEvent& e) {
  return *std::bit_cast<const Mover*>((std::uint64_t{e.epoch} << 32) | e.person);
}

// Schedules person `id`'s next move, if it comes before they turn 30 and before the horizon.
void schedule_migration(IaModel::Context& ctx, County& c, PersonId id, const Person& p, double now);
// The person's time to move, to a county drawn by population, from whatever state they are in.
void migration_due(IaModel::Context& ctx, const Params& params, County& c, PersonId id, Person& p, double now);
// A person arrives from another county and goes on here in the state they left in (from a trial or a subsidised
// job: in follow-up; an ordinary job goes on, with a new job-loss clock for its tenure).
void moved_in(IaModel::Context& ctx, County& c, const Mover& m, double now);

}  // namespace iasim::model::detail
