#include "sim/model/county_week.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/model/detail/moves.hpp"
#include "sim/model/office_week.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/timers.hpp"

namespace iasim::model::detail {

void schedule_matchmeeting(Context& ctx, County& c, double now) {
  const double per_year = c.p->matching.matchmeetings_per_year;
  if (per_year <= 0) return;
  ctx.schedule(now + year / per_year, ModelEvent{EventKind::matchmeeting});
}

namespace {

double merger_competence(const AlsParams& a, double now) {
  if (!a.merged_into_offices) return 1.0;
  return std::pow(0.5, (std::max(0.0, now) / year) / a.merger_competence_half_life_years);
}

// Where those who left NAV follow-up six months ago are now (NAV's register statistics look six months on,
// data/register_flows.md); someone who has turned 30 since counts where they were at 30.
void look_up_leavers(County& c, double now) {
  while (c.leavers_next < c.leavers.size() && c.leavers[c.leavers_next].day + year / 2 <= now) {
    const Person& p = c.persons[c.leavers[c.leavers_next++].person];
    c.step.leavers_six_months[index(p.state == PersonState::aged_out ? p.state_at_30 : p.state)] += 1;
  }
  if (c.leavers_next > 4096 && 2 * c.leavers_next > c.leavers.size()) {
    c.leavers.erase(c.leavers.begin(), c.leavers.begin() + static_cast<std::ptrdiff_t>(c.leavers_next));
    c.leavers_next = 0;
  }
}

}  // namespace

void county_week(Context& ctx, County& c, double now) {
  look_up_leavers(c, now);
  people_turning_30(c, now);
  // A week of AAP for everyone on it in services; a subsidised job pays a wage instead (the subgroup cells
  // count them, so no pass over people is needed).
  for (std::size_t cell = 0; cell < subgroup_cell_count; ++cell)
    if (subgroups_of_cell(cell)[2] == static_cast<std::size_t>(Subgroup::on_aap))
      for (std::size_t s = 0; s < person_state_count; ++s)
        if (aap_paid_in(static_cast<PersonState>(s))) c.step.aap_person_weeks += c.cell_stock[cell][s];
  const auto& cp = *c.p;
  const auto& als = cp.als;
  const double competence = merger_competence(als, now);
  auto& used = c.step.hours_used;
  auto& available = c.step.hours_available;
  const auto actor = [](Actor a) { return static_cast<std::size_t>(a); };

  // NAV Arbeidslivssenter: adviser hours by IA sub-goal (Table 2.1). A merger moves the advisers into the
  // offices, where part of their hours is swallowed by casework (SINTEF L2192–2194); advisers who spend days
  // at offices (Telemark 4-1) lose a smaller part the same way (SINTEF L1824–1826).
  const double in_firms = c.adviser_hours_per_week * als.in_firm_share;
  const double absorbed_share = als.merged_into_offices ? als.merger_absorbed_share
                                                        : als.days_at_offices_share * als.days_at_offices_absorbed_share;
  const double absorbed = in_firms * absorbed_share;
  const double ia_hours = in_firms - absorbed;
  const double d1 = ia_hours * als.delmal1_share, d2 = ia_hours * als.delmal2_share;
  c.step.als_hours[0] += d1;
  c.step.als_hours[1] += d2;
  c.step.als_hours[2] += ia_hours * als.delmal3_share;
  c.step.als_hours[3] += ia_hours * als.other_share;
  available[actor(Actor::ia_adviser)] += c.adviser_hours_per_week;
  auto& paid = c.step.hours_paid;
  paid[actor(Actor::ia_adviser)] += c.adviser_hours_per_week;  // the centre's whole staff, all sub-goals


  // Delmål 2 keeps contact relations alive; the rest opens doors for offices' candidates. After a merger
  // that part is the offices' own market work (given to them below), not the centre's.
  const double contact_hours_year = d2 * (1.0 - als.placement_share_of_delmal2) * (year / week);
  const double n_contacts = static_cast<double>(c.contact_employers.size());
  const double per_firm = n_contacts > 0 ? contact_hours_year / n_contacts : 0.0;
  c.contact_trust_rate_per_year =
      als.contact_trust_rate_per_year * std::min(1.0, per_firm / als.contact_hours_per_firm_per_year) * competence;
  // Delmål 1: sick leave in IA firms falls with adviser hours per IA firm and drifts back without them.
  const double h1 = d1 * (year / week) / std::max(1.0, double(c.ia_employers)) * competence;
  c.sick_leave_pct += (week / year) * (-als.sick_leave_reduction_per_hour_per_firm * h1 * (c.sick_leave_pct - als.sick_leave_pct_floor) +
                                       als.sick_leave_drift_per_year * (als.sick_leave_pct_initial - c.sick_leave_pct));
  // Inclusion work and hours moved into offices serve everyone with reduced work capacity; the target
  // group gets its share of them.
  const double tg_share = c.pop->target_group_share_of_reduced_capacity;
  const double door_opening = d2 * als.placement_share_of_delmal2 * tg_share;
  // Absorbed hours count as the offices' veileder hours, and after a merger the door-opening hours as
  // their market hours, each once.
  used[actor(Actor::ia_adviser)] += ia_hours - (als.merged_into_offices ? door_opening : 0.0);
  if (!als.merged_into_offices) {
    // ALS brokers placements with its IA firms for the offices that cooperate: engaged offices first, all
    // offices alike in proportion to the days advisers spend there.
    c.als_placement_carry += door_opening;
    const double attempt_hours = cp.office.placement_attempt_hours;
    while (c.als_placement_carry >= attempt_hours) {
      c.als_placement_carry -= attempt_hours;
      if (auto id = pick_candidate(ctx, c, 1.0 - als.days_at_offices_share)) attempt_placement(ctx, c, *id, Broker::als, now);
    }
  }

  // The coach: system work opens employers' doors and funds matchemøter; case work is absorbed by single
  // cases (SINTEF L3631–3637).
  const auto& coach = cp.coach;
  const double coach_hours = coach.coaches * coach.hours_per_week * c.scale;
  const double system = coach_hours * coach.system_share;
  // System time goes to the next matchemøte until one is paid for (the bank holds at most one), then to
  // door opening: a visit that moves the employer's trust a learning step toward a partner's view of NAV.
  const double to_bank = std::clamp(coach.matchmeeting_organiser_hours - c.coach_system_hours_banked, 0.0, system);
  c.coach_system_hours_banked += to_bank;
  // Hours short of a whole visit or case carry over to the next week (small runs have a fraction of a coach).
  double& door_hours = c.coach_door_carry;
  door_hours += system - to_bank;
  double coach_used = to_bank;
  while (door_hours >= coach.hours_per_door_opening && !c.employers.empty()) {
    door_hours -= coach.hours_per_door_opening;
    coach_used += coach.hours_per_door_opening;
    auto s = county_stream(ctx, c, Purpose::door_opening);
    Employer& e = c.employers[engine::uniform_int(s, 0, c.employers.size() - 1)];
    refresh_trust(c, e, now);
    e.trust += static_cast<float>(cp.employer.trust_learning_rate * (cp.employer.trust_partner - e.trust));
  }
  double& case_hours = c.coach_case_carry;
  case_hours += coach_hours * (1.0 - coach.system_share);
  while (case_hours >= coach.hours_per_case_week) {
    case_hours -= coach.hours_per_case_week;
    coach_used += coach.hours_per_case_week;
    if (auto id = pick_candidate(ctx, c, coach.engaged_office_focus)) attempt_placement(ctx, c, *id, Broker::coach, now);
  }
  available[actor(Actor::coach)] += coach_hours;
  paid[actor(Actor::coach)] += coach_hours;
  used[actor(Actor::coach)] += coach_used;

  // The county coordinator: visits to offices' leadership anchor the strategy in offices not yet engaged,
  // which turnover slowly undoes; the rest of the week goes to the next matchemøte.
  const double coordinator = coach.coordinator_hours_per_week * c.scale;
  const double anchoring = coordinator * coach.coordinator_anchoring_share;
  const double to_meeting =
      std::clamp(coach.matchmeeting_organiser_hours - c.coach_system_hours_banked, 0.0, coordinator - anchoring);
  double& visit_hours = c.coordinator_visit_carry;
  visit_hours += anchoring;
  c.coach_system_hours_banked += to_meeting;
  double coordinator_used = to_meeting;
  auto cs = county_stream(ctx, c, Purpose::anchoring);
  while (visit_hours >= coach.anchoring_visit_hours && !c.offices.empty()) {
    visit_hours -= coach.anchoring_visit_hours;
    coordinator_used += coach.anchoring_visit_hours;
    Office& o = c.offices[engine::uniform_int(cs, 0, c.offices.size() - 1)];
    if (!o.engaged && engine::bernoulli(cs, coach.anchoring_success_per_visit)) o.engaged = true;
  }
  for (auto& o : c.offices)
    if (o.engaged && engine::bernoulli(cs, cp.office.engagement_loss_per_year * week / year)) o.engaged = false;
  available[actor(Actor::coordinator)] += coordinator;
  paid[actor(Actor::coordinator)] += coordinator;
  used[actor(Actor::coordinator)] += coordinator_used;

  // Wage subsidies paid this week.
  c.step.subsidy_cost_nok += c.stock[index(PersonState::subsidised_job)] * cp.support.wage_nok_per_week * cp.support.subsidy_share;

  // Every office spends its week; hours moved from ALS are shared by staff.
  for (auto& o : c.offices) {
    const double extra_market = als.merged_into_offices ? door_opening * o.staff_share : 0.0;
    const auto h = office_week(ctx, c, o, absorbed * tg_share * o.staff_share, extra_market, now);
    available[actor(Actor::veileder)] += h.veileder_available;
    used[actor(Actor::veileder)] += h.veileder_used;
    available[actor(Actor::market_coordinator)] += h.market_available;
    used[actor(Actor::market_coordinator)] += h.market_used;
    available[actor(Actor::job_specialist)] += h.specialist_available;
    // The office's own staff for the target group, without the hours moved in from ALS.
    paid[actor(Actor::veileder)] += o.veileder_hours_per_week;
    paid[actor(Actor::market_coordinator)] += o.market_hours_per_week;
    paid[actor(Actor::job_specialist)] += o.specialist_hours_per_week;
    used[actor(Actor::job_specialist)] += h.specialist_used;
  }
  ctx.schedule(now + week, ModelEvent{EventKind::county_week});
}

void matchmeeting(Context& ctx, County& c, double now) {
  const auto& m = c.p->matching;
  schedule_matchmeeting(ctx, c, now);
  // A matchemøte needs its organiser's hours (the coach's system time, SINTEF L2750–2759).
  if (c.coach_system_hours_banked < c.p->coach.matchmeeting_organiser_hours || c.contact_trainee_firms.empty()) return;
  c.coach_system_hours_banked -= c.p->coach.matchmeeting_organiser_hours;
  c.step.matchmeetings += 1;
  // The room: selected IA firms (one meeting had 9 firms and 5 offices' candidates, SINTEF L3001–3003).
  auto s = county_stream(ctx, c, Purpose::meeting);
  // Drawn without replacement from the contact firms that take trainees: a partial Fisher-Yates shuffle.
  const auto n_contacts = c.contact_trainee_firms.ids.size();
  const auto n_employers = std::min<std::size_t>(
      n_contacts, std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(m.employers_per_matchmeeting * c.scale))));
  std::vector<EmployerId> room(c.contact_trainee_firms.ids);
  for (std::size_t k = 0; k < n_employers; ++k) std::swap(room[k], room[engine::uniform_int(s, k, n_contacts - 1)]);
  room.resize(n_employers);
  const auto n_candidates = static_cast<long>(std::llround(m.candidates_per_matchmeeting * c.scale));
  for (long k = 0; k < n_candidates; ++k) {
    const auto id = pick_candidate(ctx, c, c.p->coach.engaged_office_focus);
    if (!id) break;
    Person& p = c.persons[*id];
    c.offices[p.office].hours_owed += m.matchmeeting_veileder_hours_per_candidate;
    // The candidate meets the firms in the room, who now know the person (SINTEF L6471–6480), and talks
    // to them in turn until one offers a trial.
    const auto first = engine::uniform_int(s, 0, room.size() - 1);
    for (std::size_t e = 0; e < room.size() && p.state == PersonState::follow_up; ++e)
      attempt_placement(ctx, c, *id, Broker::matchmeeting, now, room[(first + e) % room.size()]);
  }
}

}  // namespace iasim::model::detail
