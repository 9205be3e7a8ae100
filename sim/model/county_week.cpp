#include "sim/model/county_week.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/model/als_week.hpp"
#include "sim/model/detail/moves.hpp"
#include "sim/model/employer_contact.hpp"
#include "sim/model/measures.hpp"
#include "sim/model/office_week.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/programme_budget.hpp"
#include "sim/model/rules.hpp"
#include "sim/model/timers.hpp"

namespace iasim::model::detail {

void schedule_matchmeeting(Context& ctx, County& c, double now) {
  const double per_year = c.p->matching.matchmeetings_per_year;
  if (per_year <= 0) return;
  c.next_matchmeeting_day = now + year / per_year;
  ctx.schedule(c.next_matchmeeting_day, ModelEvent{EventKind::matchmeeting});
}

namespace {

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

namespace {

// A week of AAP for everyone on it in services; a subsidised job pays a wage instead (the subgroup cells count
// them, so no pass over people is needed).
void pay_aap_week(County& c) {
  for (std::size_t cell = 0; cell < subgroup_cell_count; ++cell)
    if (subgroups_of_cell(cell)[2] == static_cast<std::size_t>(Subgroup::on_aap))
      for (std::size_t s = 0; s < person_state_count; ++s)
        if (aap_paid_in(static_cast<PersonState>(s))) c.step.aap_person_weeks += c.cell_stock[cell][s];
}

// A door-opening visit: a firm that takes trainees (the larger the likelier) is asked to take a candidate. The
// visit moves its trust a learning step toward a partner's view of NAV, and the firm agrees as it would to a trial
// with full follow-up from someone it does not know (rules.hpp: trial_acceptance); then its door is open.
void open_a_door(Context& ctx, County& c, double now) {
  const auto& cp = *c.p;
  auto s = county_stream(ctx, c, Purpose::door_opening);
  const EmployerId id = c.trainee_firms.pick(s);
  Employer& e = c.employers[id];
  refresh_trust(c, e, now);
  contact_employer(c, e, coach_unit, now);
  move_trust(c, e, cp.employer.trust_learning_rate, cp.employer.trust_partner);
  TrialOffer offer{cp.matching.fit_mean, cp.coach.door_promised_follow_up, false};
  offer.sick_leave_excess_pct = c.sick_leave_pct - cp.als.sick_leave_pct_initial;
  if (!engine::bernoulli(s, trial_acceptance(cp.employer, cp.support, e, offer))) return;
  c.open_doors.push_back({id, static_cast<float>(now + cp.coach.door_open_weeks * week)});
  c.step.doors_opened += 1;
}

// Doors past their day have lapsed unused (they lapse in the order they were opened).
void lapse_open_doors(County& c, double now) {
  while (c.open_doors_next < c.open_doors.size() && c.open_doors[c.open_doors_next].until < now) {
    ++c.open_doors_next;
    c.step.doors_lapsed += 1;
  }
  if (c.open_doors_next > 1024 && 2 * c.open_doors_next > c.open_doors.size()) {
    c.open_doors.erase(c.open_doors.begin(), c.open_doors.begin() + static_cast<std::ptrdiff_t>(c.open_doors_next));
    c.open_doors_next = 0;
  }
}

// The oldest door still open, taken for a placement attempt (only when a trial place is free to use it).
std::optional<EmployerId> next_open_door(County& c, double now) {
  lapse_open_doors(c, now);
  if (c.open_doors_next >= c.open_doors.size() || !work_trial_place_free(c)) return std::nullopt;
  return c.open_doors[c.open_doors_next++].employer;
}

// Hours to organise one matchemøte; its room and candidates scale with the population, so do they.
double organiser_hours(const County& c) { return c.p->coach.matchmeeting_organiser_hours * c.scale; }

// Hours still needed to prepare the next matchemøte, once its preparation has begun
// (coach.matchmeeting_preparation_weeks before it; none before that).
double matchmeeting_preparation_needed(const County& c, double now) {
  if (c.next_matchmeeting_day >= now + c.p->coach.matchmeeting_preparation_weeks * week) return 0.0;
  return std::max(0.0, organiser_hours(c) - c.matchmeeting_prepared_hours);
}

// The coach: system work prepares a matchemøte due this week and opens employers' doors; case work is absorbed
// by single cases (SINTEF L3631–3637). Hours short of a whole visit or case carry over to the next week (small
// runs have a fraction of a coach).
void coach_week(Context& ctx, County& c, double now) {
  const auto& cp = *c.p;
  const auto& coach = cp.coach;
  const double coach_hours = coach.coaches * coach.hours_per_week * c.scale;
  const double system = coach_hours * coach.system_share;
  // System time goes first to preparing a matchemøte due this week (SINTEF L2750–2759), then to door opening:
  // a visit that asks an employer to take candidates and moves its trust a learning step toward a partner's
  // view of NAV.
  const double to_meeting = std::min(matchmeeting_preparation_needed(c, now), system);
  c.matchmeeting_prepared_hours += to_meeting;
  double& door_hours = c.coach_door_carry;
  door_hours += system - to_meeting;
  double coach_used = to_meeting;
  while (door_hours >= coach.hours_per_door_opening && !c.trainee_firms.empty()) {
    door_hours -= coach.hours_per_door_opening;
    coach_used += coach.hours_per_door_opening;
    open_a_door(ctx, c, now);
  }
  lapse_open_doors(c, now);
  double& case_hours = c.coach_case_carry;
  case_hours += coach_hours * (1.0 - coach.system_share);
  while (case_hours >= coach.hours_per_case_week) {
    case_hours -= coach.hours_per_case_week;
    coach_used += coach.hours_per_case_week;
    if (auto id = pick_candidate(ctx, c, coach.engaged_office_focus)) {
      const auto door = next_open_door(c, now);
      if (door) c.step.doors_used += 1;
      attempt_placement(ctx, c, *id, Broker::coach, now, {.employer = door, .open_door = door.has_value()});
    }
  }
  c.step.hours_available[actor(Actor::coach)] += coach_hours;
  c.step.hours_paid[actor(Actor::coach)] += coach_hours;
  c.step.hours_used[actor(Actor::coach)] += coach_used;
}

// The county coordinator: visits to offices' leadership anchor the strategy in offices not yet engaged, drawn
// at random (SINTEF L2840–2843, L3282–3287: some refuse 4–5 times); the rest of the week, after helping prepare
// a matchemøte due this week (L2855–2856), follows up engaged offices, the one visited longest ago first. An
// engaged office followed up lately loses its engagement more slowly (L1549–1554, L3244–3247: turnover undoes it).
void coordinator_week(Context& ctx, County& c, double now) {
  const auto& cp = *c.p;
  const auto& coach = cp.coach;
  const double coordinator = coach.coordinator_hours_per_week * c.scale;
  const double anchoring = coordinator * coach.coordinator_anchoring_share;
  const double to_meeting = std::min(matchmeeting_preparation_needed(c, now), coordinator - anchoring);
  c.matchmeeting_prepared_hours += to_meeting;
  double coordinator_used = to_meeting;
  auto cs = county_stream(ctx, c, Purpose::anchoring);
  // The offices do not scale with the population, so a visit's hours do, like the coordinator's.
  const double visit_hours_each = coach.anchoring_visit_hours * c.scale;
  const auto visit = [&](Office& o) {
    coordinator_used += visit_hours_each;
    o.last_leadership_visit_day = now;
    c.step.leadership_visits += 1;
  };
  double& visit_hours = c.coordinator_visit_carry;
  visit_hours += anchoring;
  while (visit_hours >= visit_hours_each && !c.offices.empty()) {
    visit_hours -= visit_hours_each;
    Office& o = c.offices[engine::uniform_int(cs, 0, c.offices.size() - 1)];
    visit(o);
    if (!o.engaged && engine::bernoulli(cs, coach.anchoring_success_per_visit)) o.engaged = true;
  }
  double& follow_up_hours = c.coordinator_follow_up_carry;
  follow_up_hours += coordinator - anchoring - to_meeting;
  while (follow_up_hours >= visit_hours_each && !c.offices.empty()) {
    follow_up_hours -= visit_hours_each;
    Office* due = nullptr;
    for (auto& o : c.offices)
      if (o.engaged && (!due || o.last_leadership_visit_day < due->last_leadership_visit_day)) due = &o;
    if (due) {
      visit(*due);
      continue;
    }
    // Nothing engaged to follow up: one more anchoring visit.
    Office& o = c.offices[engine::uniform_int(cs, 0, c.offices.size() - 1)];
    visit(o);
    if (engine::bernoulli(cs, coach.anchoring_success_per_visit)) o.engaged = true;
  }
  for (auto& o : c.offices) {
    if (!o.engaged) continue;
    const bool followed_up = now - o.last_leadership_visit_day <= cp.office.engagement_follow_up_years * year;
    const double loss = followed_up ? cp.office.engagement_loss_per_year_followed_up : cp.office.engagement_loss_per_year;
    if (engine::bernoulli(cs, loss * week / year)) o.engaged = false;
  }
  c.step.hours_available[actor(Actor::coordinator)] += coordinator;
  c.step.hours_paid[actor(Actor::coordinator)] += coordinator;
  c.step.hours_used[actor(Actor::coordinator)] += coordinator_used;
}

// Every office spends its week. Adviser hours pulled into its casework reach the target group at its share;
// moved advisers' door opening becomes the office's market hours (both by the office's staff share).
void offices_week(Context& ctx, County& c, const AlsWeek& als, double now) {
  auto& step = c.step;
  const double tg_share = c.pop->target_group_share_of_reduced_capacity;
  for (auto& o : c.offices) {
    const double pulled = als.pull > 0 ? hours_pulled_at(c, o, als.in_firms, als.pull) : 0.0;
    const auto h = office_week(ctx, c, o, pulled * tg_share, als.door_opening_moved * o.staff_share, now);
    step.hours_available[actor(Actor::veileder)] += h.veileder_available;
    step.hours_used[actor(Actor::veileder)] += h.veileder_used;
    step.hours_available[actor(Actor::market_coordinator)] += h.market_available;
    step.hours_used[actor(Actor::market_coordinator)] += h.market_used;
    step.hours_available[actor(Actor::job_specialist)] += h.specialist_available;
    step.hours_used[actor(Actor::job_specialist)] += h.specialist_used;
    // The office's own staff for the target group, without the hours moved in from ALS.
    step.hours_paid[actor(Actor::veileder)] += o.veileder_hours_per_week;
    step.hours_paid[actor(Actor::market_coordinator)] += o.market_hours_per_week;
    step.hours_paid[actor(Actor::job_specialist)] += o.specialist_hours_per_week;
  }
}

}  // namespace

void county_week(Context& ctx, County& c, double now) {
  look_up_leavers(c, now);
  people_turning_30(c, now);
  pay_aap_week(c);
  const AlsWeek als = als_week(ctx, c, now);
  coach_week(ctx, c, now);
  coordinator_week(ctx, c, now);
  // Wage subsidies paid this week.
  c.step.subsidy_cost_nok += c.stock[index(PersonState::subsidised_job)] * c.p->support.wage_nok_per_week * c.p->support.subsidy_share;
  measures_week(ctx, c, now);
  offices_week(ctx, c, als, now);
  ctx.schedule(now + week, ModelEvent{EventKind::county_week});
}

void matchmeeting(Context& ctx, County& c, double now) {
  const auto& m = c.p->matching;
  schedule_matchmeeting(ctx, c, now);
  // A matchemøte needs its organiser's hours (the coach's system time, SINTEF L2750–2759).
  // Held if prepared in full in its week; the preparation belongs to this meeting either way.
  const bool prepared = c.matchmeeting_prepared_hours >= organiser_hours(c) - 1e-9;
  c.matchmeeting_prepared_hours = 0;
  if (!prepared || c.contact_trainee_firms.empty()) return;
  // The room: selected IA firms (one meeting had 9 firms and 5 offices' candidates, SINTEF L3001–3003).
  auto s = county_stream(ctx, c, Purpose::meeting);
  // Drawn without replacement from the contact firms that take trainees and still have their contact: a
  // partial Fisher-Yates shuffle.
  std::vector<EmployerId> room;
  for (EmployerId id : c.contact_trainee_firms.ids)  // by their bits of openings, not their records (county.hpp)
    if (openings_of(c, id) & EmployerOpenings::contact) room.push_back(id);
  if (room.empty()) return;
  c.step.matchmeetings += 1;
  const auto n_contacts = room.size();
  const auto n_employers = std::min<std::size_t>(
      n_contacts, std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(m.employers_per_matchmeeting * c.scale))));
  for (std::size_t k = 0; k < n_employers; ++k) std::swap(room[k], room[engine::uniform_int(s, k, n_contacts - 1)]);
  room.resize(n_employers);
  const auto n_candidates = static_cast<long>(std::llround(m.candidates_per_matchmeeting * c.scale));
  for (long k = 0; k < n_candidates; ++k) {
    // A trial needs a free place (programme_budget.hpp): without one nobody is brought, and that is one refusal.
    if (!work_trial_place_free(c)) {
      refuse_for_want_of_place(c, Programme::work_trial);
      break;
    }
    const auto id = pick_candidate(ctx, c, c.p->coach.engaged_office_focus);
    if (!id) break;
    Person& p = c.persons[*id];
    c.offices[p.office].hours_owed += m.matchmeeting_veileder_hours_per_candidate;
    // The candidate meets the firms in the room, who now know the person (SINTEF L6471–6480), and talks
    // to them in turn until one offers a trial.
    const auto first = engine::uniform_int(s, 0, room.size() - 1);
    for (std::size_t e = 0; e < room.size() && p.state == PersonState::follow_up; ++e)
      attempt_placement(ctx, c, *id, Broker::matchmeeting, now, {.employer = room[(first + e) % room.size()]});
  }
}

}  // namespace iasim::model::detail
