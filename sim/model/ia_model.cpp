#include "sim/model/ia_model.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>

#include "sim/model/county_week.hpp"
#include "sim/model/detail/moves.hpp"
#include "sim/model/ia_council.hpp"
#include "sim/model/measures.hpp"
#include "sim/model/migration.hpp"
#include "sim/model/programme_budget.hpp"
#include "sim/model/office_week.hpp"
#include "sim/model/population.hpp"
#include "sim/model/simulate.hpp"
#include "sim/model/timers.hpp"

namespace iasim::model {

// The processes this file wires to the engine, and the shared helpers it uses.
using detail::add_to_caseload, detail::arrival, detail::build_county, detail::county_week,
    detail::matchmeeting, detail::move, detail::national_population_thousands, detail::schedule_arrival,
    detail::schedule_matchmeeting, detail::subsidy_end, detail::trial_end;
using detail::month, detail::year;

std::string describe(const ModelEvent& e) {
  static const char* names[] = {"county_week",   "arrival",          "matchmeeting",  "trial_end",
                                "subsidy_end",   "job_lost",      "returned",
                                "ia_council_meeting", "migration_due", "budget_month", "moved_in",
                                "budget_report", "budget_allocation"};
  std::string s = names[static_cast<int>(e.kind)];
  if (e.person != none) s += "(person " + std::to_string(e.person) + ")";
  return s;
}

IaModel::IaModel(const Params& params) : params_(params) {
  if (params.counties.size() != params.county_params.size())
    throw ModelError("params: " + std::to_string(params.counties.size()) + " counties but " +
                     std::to_string(params.county_params.size()) + " county parameter sets");
}

void IaModel::initialise(engine::Engine<IaModel>& eng) {
  const double national = national_population_thousands(params_);
  counties_.resize(params_.counties.size());
  for (std::uint32_t i = 0; i < counties_.size(); ++i) {
    County& c = counties_[i];
    c.index = i;
    c.facts = &params_.counties[i];
    c.p = &params_.county_params[i];
    c.pop = &params_.population;
    c.scale = params_.run.population_scale;
    c.pop_horizon_days = params_.run.horizon_years * year;
    c.start_day = start_day(params_.run);
    c.cohorts.resize(static_cast<std::size_t>(std::ceil(params_.run.horizon_years)));
    auto& ctx = eng.context(i);
    const auto cohorts = c.cohorts;
    build_county(ctx, c, national);
    detail::build_measures(c);
    c.cohorts = cohorts;
    ctx.schedule(c.start_day, ModelEvent{EventKind::county_week});
    schedule_arrival(ctx, c, c.start_day);
    schedule_matchmeeting(ctx, c, c.start_day);
    detail::schedule_ia_council_meeting(ctx, c, c.start_day);
    c.programme_interval_days = params_.programme.allocation_interval_days;
    ctx.schedule(c.start_day + c.programme_interval_days, ModelEvent{EventKind::budget_month});
  }
  detail::allocate_by_population(params_, counties_);
}

namespace {
// Forgets what was accumulated since the last observation (flows, hours, waits): a new output step begins.
void start_step(County& c) {
  c.step = CountyObservation{};
  c.wait_days_sum = {};
  c.wait_count = {};
  c.call_answer_days_sum = 0;
  c.cell_transitions = {};
  std::fill(c.office_transitions.begin(), c.office_transitions.end(), std::array<double, key_transition_count>{});
}
}  // namespace

void IaModel::begin_outputs() {
  for (auto& c : counties_) {
    start_step(c);
    c.outputs_end_day = output_days(params_.run).back();
    c.observed_days.clear();
    c.observed_persons.clear();
    for (auto& p : c.persons) p.last_cohort_month = -1;
  }
}

void IaModel::handle(Context& ctx, const ModelEvent& e) {
  // A broken invariant names the event being handled, which a throw deep inside a rule cannot know.
  try {
    dispatch(ctx, e);
  } catch (const ModelError& error) {
    throw ModelError(std::string(error.what()) + "; while handling event " + describe(e) + " in county " +
                     counties_[ctx.self()].facts->name + " at t=" + std::to_string(ctx.now()));
  }
}

void IaModel::prefetch(const Context& ctx, const ModelEvent& e) const {
  const County& c = counties_[ctx.self()];
  switch (e.kind) {
    case EventKind::trial_end:
    case EventKind::subsidy_end:
    case EventKind::job_lost:
      // A trial or job ends at its employer (the one when the timer was set: if that changed, the timer is stale).
      if (e.employer < c.employers.size()) detail::prefetch_employer(c, e.employer);
      [[fallthrough]];
    case EventKind::returned:
    case EventKind::migration_due:
      if (e.person < c.persons.size()) __builtin_prefetch(&c.persons[e.person]);
      return;
    default: return;  // the county's own rounds, arrivals and messages
  }
}

void IaModel::dispatch(Context& ctx, const ModelEvent& e) {
  County& c = counties_[ctx.self()];
  const double now = ctx.now();
  switch (e.kind) {
    case EventKind::county_week: return county_week(ctx, c, now);
    case EventKind::arrival: return arrival(ctx, c, now);
    case EventKind::matchmeeting: return matchmeeting(ctx, c, now);
    case EventKind::ia_council_meeting: return detail::ia_council_meeting(ctx, c, now);
    case EventKind::budget_month: return detail::report_programme_use(ctx, c, now);
    case EventKind::budget_report:
      return detail::receive_programme_report(ctx, params_, directorate_, e, counties_.size(), now);
    case EventKind::budget_allocation: return detail::receive_allocation(c, e);
    case EventKind::moved_in: return detail::moved_in(ctx, c, detail::mover_of(e), now);
    case EventKind::migration_due: return detail::migration_due(ctx, params_, c, e.person, c.persons.at(e.person), now);
    default: break;
  }
  Person& p = c.persons.at(e.person);
  if (static_cast<std::uint16_t>(e.epoch) != p.timer_epoch) return;  // set in a state the person has since left
  switch (e.kind) {
    case EventKind::trial_end: return trial_end(ctx, c, e.person, p, now);
    case EventKind::subsidy_end: return subsidy_end(ctx, c, e.person, p, now);
    case EventKind::job_lost: return detail::job_lost(ctx, c, e.person, p, now);
    case EventKind::returned: return detail::returned(ctx, c, e.person, p, now);
    default: break;
  }
}

namespace {

// What the step's quantities cost (costs.*): AAP weeks, subsidies, purchased assessments, and the hours of staff
// employed in each role (hours_paid: idle hours are paid too, and hours moved from ALS count once).
std::array<double, cost_item_count> costs_of_step(const CountyParams& cp, const CountyObservation& o) {
  const auto& k = cp.costs;
  std::array<double, cost_item_count> cost{};
  auto at = [&cost](CostItem i) -> double& { return cost[static_cast<std::size_t>(i)]; };
  at(CostItem::aap_benefits) = o.aap_person_weeks * k.aap_nok_per_year * detail::week / year;
  at(CostItem::wage_subsidies) = o.subsidy_cost_nok;
  at(CostItem::purchased_measures) =
      o.provider_place_weeks * k.assessment_place_week_nok + o.provider_follow_up_place_weeks * k.follow_up_place_week_nok;
  at(CostItem::ia_council) = o.ia_council_nok;
  const std::array<double, actor_count> per_hour = {k.veileder_nok_per_hour, k.market_coordinator_nok_per_hour,
                                                    k.ia_adviser_nok_per_hour, k.coach_nok_per_hour,
                                                    k.job_specialist_nok_per_hour, k.coordinator_nok_per_hour,
                                                    k.specialised_veileder_nok_per_hour};
  for (std::size_t a = 0; a < actor_count; ++a) at(staff_cost_item[a]) = o.hours_paid[a] * per_hour[a];
  return cost;
}

// The kept stocks by subgroup and by office, and the step's key transitions by subgroup and by office.
void observe_groups(const County& c, CountyObservation& o) {
  for (std::size_t cell = 0; cell < subgroup_cell_count; ++cell)
    for (std::size_t g : subgroups_of_cell(cell)) {
      for (std::size_t s = 0; s < person_state_count; ++s) o.persons_by_subgroup[g][s] += c.cell_stock[cell][s];
      for (std::size_t t = 0; t < key_transition_count; ++t) o.transitions_by_subgroup[g][t] += c.cell_transitions[cell][t];
    }
  o.offices.resize(c.offices.size());
  for (std::size_t k = 0; k < c.offices.size(); ++k) {
    o.offices[k].persons = c.office_stock[k];
    o.offices[k].transitions = c.office_transitions[k];
    o.offices[k].engaged = c.offices[k].engaged;
    o.offices[k].size_class = c.offices[k].staff_class;
  }
}

}  // namespace

void IaModel::end_outputs() {
  // Jobs still held at the last output time: kept at every duration they reached (detail::count_job_end). The
  // months people spent in the state they are in now are counted in cohort outcomes.
  for (auto& c : counties_)
    for (std::size_t id = 0; id < c.persons.size(); ++id) {
      Person& p = c.persons[id];
      detail::count_cohort_months(c, p, static_cast<PersonId>(id));
      if (detail::in_job(p.state)) detail::count_job_end(c, p, /*ended=*/false, c.outputs_end_day);
    }
}

CountyObservation IaModel::observe(std::uint32_t county, double now) {
  County& c = counties_.at(county);
  CountyObservation o = c.step;
  o.persons = c.stock;
  // Invariant: the stocks add up to everyone who ever entered, and none is negative.
  const std::string where = " in county " + c.facts->name + " at t=" + std::to_string(now);
  double sum = 0;
  for (std::size_t s = 0; s < person_state_count; ++s) {
    if (c.stock[s] < 0)
      throw ModelError("model invariant: negative stock of " + std::string(person_state_labels[s]) + " (" +
                       std::to_string(c.stock[s]) + ")" + where + "; every move must go through move()");
    sum += c.stock[s];
  }
  if (sum != static_cast<double>(c.persons.size()))
    throw ModelError("model invariant: people not conserved" + where + ": stocks sum to " + std::to_string(sum) +
                     ", but " + std::to_string(c.persons.size()) + " people have entered; every move must go "
                     "through move() and every entry through the arrival event");
  // The subgroup cells and the offices hold everyone in each state.
  for (std::size_t s = 0; s < person_state_count; ++s) {
    double in_cells = 0, in_offices = 0;
    for (const auto& cell : c.cell_stock) in_cells += cell[s];
    for (const auto& office : c.office_stock) in_offices += office[s];
    if (in_cells != c.stock[s] || in_offices != c.stock[s])
      throw ModelError("model invariant: the subgroup cells (" + std::to_string(in_cells) + ") or offices (" +
                       std::to_string(in_offices) + ") do not hold everyone in " + std::string(person_state_labels[s]) +
                       where + "; every change of state or subgroup must go through move() or regroup()");
  }
  for (std::size_t a = 0; a < actor_count; ++a)
    if (o.hours_used[a] < -1e-9 || o.hours_available[a] < -1e-9)
      throw ModelError("model invariant: negative hours for " + std::string(actor_labels[a]) + where + ": used " +
                       std::to_string(o.hours_used[a]) + " h of " + std::to_string(o.hours_available[a]) + " h available");

  // Queues now, from the offices' tallies, which must agree with the county's stocks.
  std::array<std::int64_t, tally_count> tally{};
  for (const auto& off : c.offices)
    for (std::size_t t = 0; t < tally_count; ++t) tally[t] += off.tally[t];
  const auto tallied = [&tally](std::initializer_list<Tally> ts) {
    std::int64_t n = 0;
    for (Tally t : ts) n += tally[static_cast<std::size_t>(t)];
    return n;
  };
  const std::pair<PersonState, std::int64_t> by_state[] = {
      {PersonState::waiting_assessment, tallied({Tally::waiting, Tally::waiting_referred})},
      {PersonState::follow_up,
       tallied({Tally::follow_up, Tally::follow_up_ready, Tally::follow_up_referred, Tally::follow_up_specialist})},
      {PersonState::work_trial, tallied({Tally::work_trial})},
      {PersonState::subsidised_job, tallied({Tally::subsidised, Tally::subsidised_specialist})}};
  for (const auto& [state, n] : by_state)
    if (static_cast<double>(n) != c.stock[index(state)])
      throw ModelError("model invariant: the offices' tallies count " + std::to_string(n) + " people in " +
                       std::string(person_state_labels[index(state)]) + " but the stock is " +
                       std::to_string(c.stock[index(state)]) + where + "; every change of state, referral or " +
                       "readiness estimate must go through retally()");
  o.queue_length[static_cast<std::size_t>(Queue::assessment_in_house)] = static_cast<double>(tallied({Tally::waiting}));
  o.queue_length[static_cast<std::size_t>(Queue::assessment_purchased)] = static_cast<double>(tallied({Tally::waiting_referred}));
  o.queue_length[static_cast<std::size_t>(Queue::job_ready_unplaced)] = static_cast<double>(tallied({Tally::follow_up_ready}));
  o.queue_length[static_cast<std::size_t>(Queue::measure_place)] = detail::measure_queue_length(c);
  o.queue_length[static_cast<std::size_t>(Queue::follow_up_measure)] = static_cast<double>(tallied({Tally::follow_up_referred}));
  o.queue_length[static_cast<std::size_t>(Queue::follow_up_measure_place)] = detail::follow_up_measure_queue_length(c);
  for (const auto& off : c.offices)
    for (const auto& h : off.handoffs)
      o.queue_length[static_cast<std::size_t>(h.follow_up ? Queue::follow_up_handoff : Queue::handoff)] += 1;
  for (std::size_t r = 0; r < assessment_route_count; ++r)
    o.assessment_quality_mean[r] = o.assessments[r] > 0 ? o.assessment_quality_sum[r] / o.assessments[r] : std::nan("");
  for (std::size_t q = 0; q < queue_count; ++q)
    o.wait_days_mean[q] = c.wait_count[q] > 0 ? c.wait_days_sum[q] / c.wait_count[q] : std::nan("");
  // Employers' trust at the time (it changes only by experiences, so observing changes nothing).
  o.employers = static_cast<double>(c.employers.size());
  o.employer_trust_mean = c.employers.empty() ? std::nan("") : trust_of_units(c.employer_trust_units) / c.employers.size();
  o.employers_with_contact_share = c.employers.empty() ? std::nan("") : double(c.contact_employers.size()) / c.employers.size();
  o.ia_sick_leave_pct = c.sick_leave_pct;
  o.als_system_competence = c.als_competence;
  o.employer_call_answer_days_mean = o.employer_calls > 0 ? c.call_answer_days_sum / o.employer_calls : std::nan("");
  o.work_trial_places = c.work_trial_places;
  o.wage_subsidy_places = c.wage_subsidy_places;
  double engaged = 0;
  for (const auto& off : c.offices) engaged += off.engaged;
  o.engaged_offices_share = c.offices.empty() ? std::nan("") : engaged / c.offices.size();
  o.cost_nok = costs_of_step(*c.p, o);
  observe_groups(c, o);

  // Cohort outcomes are counted at each person's next change and at the end (detail::count_cohort_months).
  c.observed_days.push_back(now);
  c.observed_persons.push_back(static_cast<PersonId>(c.persons.size()));

  start_step(c);
  return o;
}

}  // namespace iasim::model
