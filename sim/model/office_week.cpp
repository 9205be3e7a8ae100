#include "sim/model/office_week.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <vector>

#include "sim/model/detail/moves.hpp"
#include "sim/model/employer_contact.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/rules.hpp"
#include "sim/model/timers.hpp"

namespace iasim::model::detail {

void complete_assessment(Context& ctx, County& c, PersonId id, Person& p, double quality, double now) {
  auto s = person_spell_stream(ctx, c, id, p, Purpose::assessment);
  p.readiness_estimate = clamp01(p.readiness + normal(s, 0.0, c.p->office.readiness_error_sd_at_zero_quality * (1.0 - quality)));
  record_wait(c, p.purchased_assessment ? Queue::assessment_purchased : Queue::assessment_in_house, now - p.state_since_day);
  move(c, p, PersonState::follow_up, now);
}

// A person waiting or in follow-up for one week: AAP reaches its limit (extended, or ended with a move to
// disability benefit for some), readiness moves with the follow-up received (share f), then the week's
// hazards of leaving — for school, disability benefit, inactivity or a job found by own search — use up the
// spell's exit clock.
namespace {

// This week's seasonal factors on leaving for school and on finding a job (1 = the year's mean).
struct Season {
  double education, hiring;
};

void person_week(Context& ctx, County& c, PersonId id, Person& p, double f, const Season& season_now, double now) {
  const auto& pop = *c.pop;
  const double aap_years = (now - p.entry_day) / year;
  double aap_left = 0;
  if (p.on_aap) {
    aap_left = aap_limit_years(pop, p.entry_day, p.aap_extended) - aap_years;
    if (aap_left <= 0) {
      auto s = person_stream(ctx, c, id, Purpose::aap_limit, now);
      const double extension = now >= aap_reform_day(pop) ? pop.aap_extension_share_from_reform : pop.aap_extension_share;
      if (!p.aap_extended && engine::bernoulli(s, extension)) {
        p.aap_extended = true;
        aap_left += pop.aap_extension_years;
      } else {
        regroup(c, p, [&] { p.on_aap = false; });
        if (engine::bernoulli(s, pop.disability_at_aap_expiry_share))
          return leave_services(ctx, c, id, p, PersonState::disability_benefit, now);
      }
    }
  }
  const double dt = week / year;
  p.readiness = clamp01(p.readiness + pop.readiness_gain_follow_up_per_year * f * (1 - p.readiness) * dt -
                        pop.readiness_decay_inactive_per_year * (1 - f) * p.readiness * dt);
  if (p.state == PersonState::follow_up)
    retally(c, p, [&] {
      p.readiness_estimate += static_cast<float>(std::min(1.0, c.p->office.estimate_learning_per_year * f * dt) *
                                                 (p.readiness - p.readiness_estimate));
    });
  const double h_edu = pop.education_exit_per_year * dt * (p.upper_secondary ? 0.5 : 1.5) * season_now.education;
  const double h_job = pop.own_job_search_per_year * dt * season_now.hiring *
                       c.own_search_readiness_factor[static_cast<std::size_t>(p.readiness * readiness_table_steps + 0.5)];
  const double age = age_years(p, now);
  const auto age_bin = static_cast<std::size_t>(std::clamp((age - age_table_from) * 10.0, 0.0, double(age_table_size - 1)));
  const double h_dis =
      disability_hazard_per_year(pop, c.disability_age_factor[age_bin], p.mental_health, p.on_aap, aap_left) * dt;
  const double h_drop = pop.dropout_per_year * dt * (1.0 + pop.dropout_neglect_multiplier * (1.0 - f));
  // Competing risks on one clock: the spell's unit-exponential draw is used up by the summed hazard; when
  // it runs out, the exit is chosen in proportion to the four hazards of that week.
  if (p.exit_clock < 0) {
    auto s = person_spell_stream(ctx, c, id, p, Purpose::weekly);
    p.exit_clock = static_cast<float>(engine::exponential(s, 1.0));
  }
  const double h = h_edu + h_dis + h_drop + h_job;
  p.exit_clock -= static_cast<float>(h);
  if (p.exit_clock > 0 || h <= 0) return;
  auto s = person_spell_stream(ctx, c, id, p, Purpose::weekly, 1);
  const double u = engine::uniform01(s) * h;
  if (u < h_edu) return leave_services(ctx, c, id, p, PersonState::education, now);
  if (u < h_edu + h_dis) return leave_services(ctx, c, id, p, PersonState::disability_benefit, now);
  if (u < h_edu + h_dis + h_drop) return leave_services(ctx, c, id, p, PersonState::inactive, now);
  // Found a job by own search: an ordinary job with its job-loss clock.
  p.broker = Broker::own_search;
  c.step.hires_by_broker[static_cast<std::size_t>(Broker::own_search)] += 1;
  start_ordinary_job(ctx, c, id, p, 0.0, now);
}

// A job specialist meets an employer about a client (klar-supported-employment.txt): a firm that takes trainees,
// asked by the client's office; the employer now knows the person.
void meet_employer_for(Context& ctx, County& c, PersonId id, Person& p, double now) {
  auto s = person_stream(ctx, c, id, Purpose::specialist, now);
  const auto e = pick_employer(s, c, false);
  if (!e) return;
  Employer& firm = c.employers[*e];
  refresh_trust(c, firm, now);
  contact_employer(c, firm, office_unit(p.office), now);
  p.employer = *e;
  p.employer_met_before = true;
  c.step.specialist_employer_meetings += 1;
}

// A caseload's people lie far apart in the county's array; asking for the one a few places ahead hides most
// of the memory latency of the weekly sweep (docs/performance.md). A 40-byte person straddles two cache
// lines half the time, so both ends are asked for.
inline void prefetch_ahead(const County& c, const PersonId*& ahead, const PersonId* end) {
  constexpr std::ptrdiff_t distance = 8;
  if (end - ahead > distance) {
    const auto* p = reinterpret_cast<const char*>(&c.persons[ahead[distance]]);
    __builtin_prefetch(p, 1);
    __builtin_prefetch(p + sizeof(Person) - 1, 1);
  }
  ++ahead;
}

}  // namespace

OfficeWeekHours office_week(Context& ctx, County& c, Office& o, double extra_veileder_hours, double extra_market_hours,
                            double now) {
  const auto& op = c.p->office;
  const auto& sp = c.p->support;
  // The assessment queue keeps only those still waiting for the office, in order of arrival (assessment
  // is FIFO). The other services' demand comes from the office's running tally of its people.
  std::erase_if(o.assessment_queue, [&](PersonId id) {
    const Person& p = c.persons[id];
    return p.state != PersonState::waiting_assessment || p.referred;
  });
  std::array<double, office_service_count> demand{};
  for (PersonId id : o.assessment_queue)
    demand[0] += c.persons[id].purchased_assessment ? op.purchased_assessment_office_hours : op.assessment_hours;
  const auto tally = [&o](Tally t) { return o.tally[static_cast<std::size_t>(t)]; };
  const auto n_trial = tally(Tally::work_trial);
  const auto n_follow = tally(Tally::follow_up) + tally(Tally::follow_up_ready);
  const auto n_ready = tally(Tally::follow_up_ready);
  demand[0] = std::max(0.0, demand[0] - o.assessment_hours_carry);
  demand[1] = n_trial * op.trial_follow_up_hours_per_week;
  demand[2] = n_follow * op.user_follow_up_hours_per_week;
  demand[3] = n_ready * op.placement_attempt_hours;
  // The office's veiledere share their hours among all their users; the target group's part follows its
  // caseload now (people followed by job specialists are theirs, not the veiledere's).
  const double n_users = static_cast<double>(tally(Tally::waiting) + tally(Tally::waiting_referred) + n_follow + n_trial +
                                             tally(Tally::subsidised));
  // An office where the Job Strategy is anchored weighs the target group's users more (SINTEF L2840–2843, L3148–3167)
  // and gives its market coordinators' hours to them in a larger share.
  const double w = o.engaged ? op.engaged_target_group_weight : 1.0;
  o.veileder_hours_per_week = n_users > 0 ? o.veileder_staff_hours_per_week * w * n_users / (w * n_users + o.other_users) : 0.0;
  o.market_hours_per_week = op.market_coordinator_hours_per_week *
                            (o.engaged ? op.engaged_market_target_group_share : op.market_target_group_share) * c.scale;
  const double available = std::max(0.0, o.veileder_hours_per_week + extra_veileder_hours - o.hours_owed);
  o.hours_owed = 0;
  auto weight = op.priority_weight;
  weight[3] *= o.employer_contact_weight;
  const auto alloc = allocate_hours(available, demand, weight);
  const double total_demand = std::accumulate(demand.begin(), demand.end(), 0.0);
  // What the office's own veiledere could not cover of its casework (assessment and follow-up) this week: what
  // pulls at the hours of ALS advisers working at the office next week (als_week.cpp).
  const double casework = demand[0] + demand[1] + demand[2];
  o.casework_unmet_share = casework > 0 ? std::clamp(1.0 - o.veileder_hours_per_week / casework, 0.0, 1.0) : 0.0;
  const double load = available > 0 ? total_demand / available : (total_demand > 0 ? 1e9 : 0.0);

  // Assessments in order of arrival, as far as the hours go.
  double budget = alloc[0] + o.assessment_hours_carry;
  const double quality = assessment_quality(op, load);
  const double season_term = season(*c.pop, now);
  const Season season_now{std::max(0.0, 1.0 + c.pop->education_season_amplitude * season_term),
                          std::max(0.0, 1.0 + c.pop->own_job_search_season_amplitude * season_term)};
  for (PersonId id : o.assessment_queue) {
    Person& p = c.persons[id];
    if (p.state != PersonState::waiting_assessment || p.referred) continue;  // a second entry, already served
    const double cost = p.purchased_assessment ? op.purchased_assessment_office_hours : op.assessment_hours;
    if (budget < cost) break;
    budget -= cost;
    if (p.purchased_assessment) {  // ordered from a provider; the person waits there (AFI seed)
      retally(c, p, [&] { p.referred = true; });
      c.step.purchased_assessments += 1;
      auto s = person_spell_stream(ctx, c, id, p, Purpose::assessment, 1);
      set_timer(ctx, id, p, EventKind::provider_done, now + engine::exponential(s, op.purchased_wait_weeks_mean * week));
    } else {
      complete_assessment(ctx, c, id, p, quality, now);
    }
  }
  o.assessment_hours_carry = std::min(budget, op.assessment_hours);  // part of the next assessment is done

  const double f_trial = demand[1] > 0 ? alloc[1] / demand[1] : 1.0;
  const double f_user = demand[2] > 0 ? alloc[2] / demand[2] : 1.0;
  o.trial_follow_up_share = f_trial;
  // Job specialists (klar-supported-employment.txt): their hours are theirs alone. Follow-along support of their
  // clients in a job comes first; then each searching client needs a caseload's share of a specialist's week
  // (15–20 people each), part of it with employers (meetings, below), the rest with the client.
  const double fa_need = (tally(Tally::subsidised_specialist) + tally(Tally::ordinary_specialist)) * sp.follow_along_hours_per_week;
  const double fa_hours = std::min(o.specialist_hours_per_week, fa_need);
  o.follow_along_share = fa_need > 0 ? fa_hours / fa_need : 1.0;
  const double se_need = tally(Tally::follow_up_specialist) * sp.job_specialist_hours_per_week / sp.job_specialist_caseload;
  const double se_hours = std::min(o.specialist_hours_per_week - fa_hours, se_need);
  const double f_se = se_need > 0 ? se_hours / se_need : 1.0;
  // Hours for employer meetings: carried while short of a whole meeting, never more than one meeting's worth.
  o.specialist_meeting_carry = std::min(o.specialist_meeting_carry + se_hours * sp.employer_time_share,
                                        std::max(sp.employer_meeting_hours, se_hours * sp.employer_time_share));

  // Employer contact: the office's own hours plus the market team's; the coordinated share of the market
  // team's hours goes through the IA contact relations and avoids firms other units have just asked.
  const double market_available = o.market_hours_per_week + extra_market_hours;
  double contact_hours = alloc[3] + market_available;
  double coordinated_hours = market_available * c.market_coordination;
  double market_used = 0, contact_used = 0;
  std::vector<PersonId> ready;
  std::vector<PersonId> se_people;
  // One sweep over the caseload, in order of arrival: people who left services since last week drop out of
  // it (those leaving this week stay listed until the next), the others have their week. The sweep's
  // reads of people far apart in memory overlap with the work of those before them (prefetch_ahead).
  const PersonId* ahead = o.caseload.data();
  const PersonId* const end = ahead + o.caseload.size();
  std::size_t kept = 0;
  for (std::size_t k = 0, n = o.caseload.size(); k < n; ++k) {
    prefetch_ahead(c, ahead, end);
    const PersonId id = o.caseload[k];
    Person& p = c.persons[id];
    p.in_caseload = in_services(p.state);
    if (!p.in_caseload) continue;
    o.caseload[kept++] = id;
    if (p.state == PersonState::work_trial) {
      if (p.trial_follow_up_weeks < 255) {  // both parts of the mean stop together at 255 weeks
        p.trial_follow_up_sum += static_cast<float>(p.supported_employment ? f_se : f_trial);
        ++p.trial_follow_up_weeks;
      }
    } else if (p.state == PersonState::waiting_assessment) {
      person_week(ctx, c, id, p, 0.0, season_now, now);
    } else if (p.state == PersonState::follow_up) {
      person_week(ctx, c, id, p, p.supported_employment ? f_se : f_user, season_now, now);
      if (p.state != PersonState::follow_up) continue;
      if (p.supported_employment) se_people.push_back(id);
      else if (job_ready(c, p)) ready.push_back(id);
    }
  }
  o.caseload.resize(kept);
  for (PersonId id : ready) {
    if (contact_hours < op.placement_attempt_hours) break;
    contact_hours -= op.placement_attempt_hours;
    const bool from_market = contact_used + op.placement_attempt_hours > alloc[3];
    bool coordinated = false;
    if (from_market) {
      market_used += op.placement_attempt_hours;
      coordinated = coordinated_hours >= op.placement_attempt_hours;
      if (coordinated) coordinated_hours -= op.placement_attempt_hours;
    } else {
      contact_used += op.placement_attempt_hours;
    }
    attempt_placement(ctx, c, id, from_market ? Broker::market_team : Broker::office, now, {.coordinated = coordinated});
  }
  // What is left ready is offered to ALS, the coach and matchemøter until next week.
  o.ready.clear();
  o.ready_next = 0;
  for (PersonId id : ready)
    if (job_ready(c, c.persons[id])) o.ready.push_back(id);
  // Place, then train: a client whose specialist has met an employer about them is tried there (the employer
  // knows the person from the meeting); the others, in order of arrival, get a meeting while the week's hours for
  // meetings last.
  for (PersonId id : se_people) {
    Person& p = c.persons[id];
    if (p.state != PersonState::follow_up) continue;
    if (p.employer_met_before && p.employer != none) {
      attempt_placement(ctx, c, id, Broker::job_specialist, now, {.employer = p.employer});
      if (p.state == PersonState::follow_up) p.employer_met_before = false;  // it said no: meet another
    } else if (o.specialist_meeting_carry >= sp.employer_meeting_hours) {
      o.specialist_meeting_carry -= sp.employer_meeting_hours;
      meet_employer_for(ctx, c, id, p, now);
    }
  }
  const double se_used = fa_hours + se_hours;
  // Hours given to assessment are spent even when they only advance the next one (the carry).
  const double veileder_used = alloc[0] + alloc[1] + alloc[2] + contact_used;
  return {available, veileder_used, market_available, std::min(market_used, market_available), o.specialist_hours_per_week, se_used};
}

}  // namespace iasim::model::detail
