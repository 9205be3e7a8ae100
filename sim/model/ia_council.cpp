#include "sim/model/ia_council.hpp"

#include <cmath>

#include "sim/model/detail/moves.hpp"

namespace iasim::model::detail {

void schedule_ia_council_meeting(Context& ctx, County& c, double now) {
  const double per_year = c.p->ia_council.meetings_per_year;
  if (per_year <= 0) return;
  ctx.schedule(now + year / per_year, ModelEvent{EventKind::ia_council_meeting});
}

namespace {

// An IA firm at an arena: it meets NAV (trust moves toward the partner view), and if it has lost its fixed ALS
// contact person it gets one again.
void meet_at_arena(County& c, EmployerId id, double now) {
  const auto& k = c.p->ia_council;
  Employer& e = c.employers[id];
  refresh_trust(c, e, now);
  move_trust(c, e, k.arena_trust_step, c.p->employer.trust_partner);
  if (!e.contact && c.p->als.contact_person_share > 0) {
    e.contact = true;
    note_openings(c, id);
    e.last_visit_day = static_cast<float>(now);
    c.contact_employers.push_back(id);
  }
}

}  // namespace

void ia_council_meeting(Context& ctx, County& c, double now) {
  schedule_ia_council_meeting(ctx, c, now);
  const auto& k = c.p->ia_council;
  c.ia_council_funds += k.budget_nok_per_year / k.meetings_per_year;
  if (k.arena_cost_nok <= 0 || c.ia_firms.empty()) return;
  // Arenas are whole: money short of one waits for the next meeting. The number of arenas does not depend on
  // the population scale; who attends and what it costs do.
  const auto attendance = static_cast<long>(std::llround(k.employers_per_arena * c.scale));
  auto s = county_stream(ctx, c, Purpose::ia_council);
  while (c.ia_council_funds >= k.arena_cost_nok) {
    c.ia_council_funds -= k.arena_cost_nok;
    c.step.ia_council_arenas += 1;
    c.step.ia_council_nok += k.arena_cost_nok * c.scale;
    c.als_hours_owed += k.als_hours_per_arena * c.scale;
    for (long n = 0; n < attendance; ++n) meet_at_arena(c, c.ia_firms[engine::uniform_int(s, 0, c.ia_firms.size() - 1)], now);
  }
}

}  // namespace iasim::model::detail
