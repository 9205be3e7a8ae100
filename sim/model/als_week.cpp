// NAV Arbeidslivssenter's week (ODD §7.13, §7.16–7.18): the leader's hours leading market teams, adviser
// hours pulled into office casework, the centre's system competence, sick-leave work, visits that keep contact
// relations alive, and door opening for the offices' candidates.
#include "sim/model/als_week.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/detail/moves.hpp"
#include "sim/model/employer_contact.hpp"
#include "sim/model/placement.hpp"

namespace iasim::model::detail {

double merger_moved_share(const AlsParams& a, double now) {
  if (!a.merged_into_offices) return 0.0;
  const double years_in = 2015.0 + now / year - a.merger_start_year;
  if (years_in < 0) return 0.0;
  return a.merger_transition_years > 0 ? std::min(1.0, years_in / a.merger_transition_years) : 1.0;
}

double casework_pull(const AlsParams& a, double moved) {
  return moved * a.merged_casework_pull + (1.0 - moved) * a.days_at_offices_share * a.visiting_casework_pull;
}

double hours_pulled_at(const County&, const Office& o, double in_firm_hours, double pull) {
  return in_firm_hours * o.staff_share * std::min(1.0, pull * o.casework_unmet_share);
}

double market_coordination(const County& c, double leader_hours, double moved) {
  const auto& a = c.p->als;
  const double teams = static_cast<double>(c.offices.size()) * c.scale;
  const double by_leader =
      a.leads_market_teams && teams > 0
          ? std::min(1.0, leader_hours / std::max(1e-12, a.coordination_hours_needed_per_team_per_week * teams))
          : 0.0;
  const double by_forum = std::min(1.0, (1.0 - moved) * a.days_at_offices_share * a.market_forum_coordination);
  return 1.0 - (1.0 - by_leader) * (1.0 - by_forum);
}

namespace {

// The leader's hours leading the offices' market teams this week (Møre og Romsdal), out of the centre's hours.
double lead_market_teams(const County& c, double centre_hours) {
  const auto& a = c.p->als;
  if (!a.leads_market_teams) return 0.0;
  return std::min(centre_hours, a.leader_hours_per_market_team_per_week * static_cast<double>(c.offices.size()) * c.scale);
}

// System competence moves toward the share of in-firm hours still spent on the centre's own work.
void keep_up_competence(County& c, double system_work_share) {
  const double step = 1.0 - std::pow(0.5, (week / year) / c.p->als.competence_half_life_years);
  c.als_competence += step * (system_work_share - c.als_competence);
}

// Delmål 1: sick leave in IA firms falls with adviser hours per IA firm and drifts back without them.
void work_on_sick_leave(County& c, double d1_hours) {
  const auto& a = c.p->als;
  const double per_firm_year = d1_hours * (year / week) / std::max(1.0, double(c.ia_employers)) * c.als_competence;
  c.sick_leave_pct += (week / year) * (-a.sick_leave_reduction_per_hour_per_firm * per_firm_year * (c.sick_leave_pct - a.sick_leave_pct_floor) +
                                       a.sick_leave_drift_per_year * (a.sick_leave_pct_initial - c.sick_leave_pct));
}

// Delmål 2 keeps the fixed contacts alive: visits to the contact firms in turn. A firm whose last visit is
// longer ago than the lapse when its turn comes has lost its contact person.
void visit_contact_firms(County& c, double hours, double now) {
  const auto& a = c.p->als;
  auto& firms = c.contact_employers;
  const auto lapsed = [&](const Employer& e) { return now - e.last_visit_day > a.contact_lapse_years * year; };
  const auto drop_at_cursor = [&] {
    c.employers[firms[c.next_visit]].contact = false;
    note_openings(c, firms[c.next_visit]);
    firms[c.next_visit] = firms.back();
    firms.pop_back();
    c.step.contacts_lapsed += 1;
  };
  // The firms are visited in turn, so the next in turn is the one visited longest ago: contacts lapse there
  // even in a week without visit hours.
  while (!firms.empty()) {
    if (c.next_visit >= firms.size()) c.next_visit = 0;
    if (!lapsed(c.employers[firms[c.next_visit]])) break;
    drop_at_cursor();
  }
  c.visit_carry += hours;
  while (c.visit_carry >= a.contact_visit_hours && !firms.empty()) {
    if (c.next_visit >= firms.size()) c.next_visit = 0;
    Employer& e = c.employers[firms[c.next_visit]];
    if (lapsed(e)) {
      drop_at_cursor();
      continue;
    }
    c.visit_carry -= a.contact_visit_hours;
    refresh_trust(c, e, now);
    move_trust(c, e, a.contact_visit_trust_step * c.als_competence, a.contact_trust_target);
    e.last_visit_day = static_cast<float>(now);
    c.step.contact_visits += 1;
    ++c.next_visit;
  }
  if (firms.empty()) c.visit_carry = 0;
}

// Door opening for offices' candidates with the centre's IA firms: engaged offices first, all offices alike in
// proportion to the days advisers spend there. The hours are spent even when nobody is ready.
void open_doors(IaModel::Context& ctx, County& c, double hours, double now) {
  c.als_placement_carry += hours;
  const double attempt_hours = c.p->office.placement_attempt_hours;
  // The centre knows the market teams' contacts where it leads them or shares their fora.
  const bool coordinated = c.market_coordination > 0;
  while (c.als_placement_carry >= attempt_hours) {
    c.als_placement_carry -= attempt_hours;
    if (auto id = pick_candidate(ctx, c, 1.0 - c.p->als.days_at_offices_share))
      attempt_placement(ctx, c, *id, Broker::als, now, {.coordinated = coordinated});
  }
}

}  // namespace

AlsWeek als_week(IaModel::Context& ctx, County& c, double now) {
  const auto& a = c.p->als;
  AlsWeek w;
  const double moved = merger_moved_share(a, now);
  // Hours promised to IA council arenas last week come first, then the leader's market-team hours.
  const double owed = std::min(c.adviser_hours_per_week, c.als_hours_owed);
  c.als_hours_owed = 0;
  w.leader = lead_market_teams(c, c.adviser_hours_per_week - owed);
  c.market_coordination = market_coordination(c, w.leader, moved);
  w.in_firms = (c.adviser_hours_per_week - owed - w.leader) * a.in_firm_share;
  // Hours at the offices are pulled into casework as far as the office's own veiledere fall short.
  w.pull = casework_pull(a, moved);
  double pulled = 0;
  if (w.pull > 0)
    for (const auto& o : c.offices) pulled += hours_pulled_at(c, o, w.in_firms, w.pull);
  const double ia_hours = w.in_firms - pulled;
  keep_up_competence(c, w.in_firms > 0 ? ia_hours / w.in_firms : 1.0);

  const double d1 = ia_hours * a.delmal1_share, d2 = ia_hours * a.delmal2_share;
  c.step.als_hours[static_cast<std::size_t>(Delmal::sick_leave)] += d1;
  c.step.als_hours[static_cast<std::size_t>(Delmal::inclusion)] += d2;
  c.step.als_hours[static_cast<std::size_t>(Delmal::seniors)] += ia_hours * a.delmal3_share;
  c.step.als_hours[static_cast<std::size_t>(Delmal::other)] += ia_hours * a.other_share;
  c.step.als_hours_in_casework += pulled;
  c.step.als_leader_hours += w.leader;
  work_on_sick_leave(c, d1);
  const double visit_hours = d2 * (1.0 - a.placement_share_of_delmal2);
  // A contact person has free hours for a call as far as the visit hours cover the IA meetings owed to every
  // contact firm (the IA agreement's two a year, SINTEF L2026).
  const double need = a.ia_meetings_per_contact_firm_per_year * static_cast<double>(c.contact_employers.size()) *
                      a.contact_visit_hours * (week / year);
  c.contact_answer_share = need > 0 ? std::min(1.0, visit_hours / need) : 1.0;
  visit_contact_firms(c, visit_hours, now);
  // Inclusion work serves everyone with reduced work capacity; the target group gets its share. Moved advisers
  // open doors as the offices' market staff; the others still broker through the centre.
  const double door_opening = d2 * a.placement_share_of_delmal2 * c.pop->target_group_share_of_reduced_capacity;
  w.door_opening_moved = door_opening * moved;
  open_doors(ctx, c, door_opening - w.door_opening_moved, now);

  c.step.hours_available[actor(Actor::ia_adviser)] += c.adviser_hours_per_week;
  c.step.hours_paid[actor(Actor::ia_adviser)] += c.adviser_hours_per_week;  // the centre's whole staff, all sub-goals
  // Pulled hours count as the offices' veileder hours, and moved door opening as their market hours, each once.
  c.step.hours_used[actor(Actor::ia_adviser)] += owed + w.leader + ia_hours - w.door_opening_moved;
  return w;
}

}  // namespace iasim::model::detail
