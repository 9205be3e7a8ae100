#include "sim/model/migration.hpp"

#include <algorithm>
#include <memory>

#include "sim/model/detail/moves.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/population.hpp"
#include "sim/model/timers.hpp"

namespace iasim::model::detail {

void schedule_migration(Context& ctx, County& c, PersonId id, const Person& p, double now) {
  const auto& pop = *c.pop;
  const double age = age_years(p, now);
  if (age >= 30.0) return;
  // A piecewise constant hazard by age: under 25, then 25–29; the unit exponential draw is used up over them.
  auto s = person_stream(ctx, c, id, Purpose::migration, now);
  double e = engine::exponential(s, 1.0);
  double years = 0;
  const double to_25 = std::max(0.0, 25.0 - age);
  const double h1 = pop.migration_per_year_under_25, h2 = pop.migration_per_year_25_29;
  if (to_25 > 0 && e <= h1 * to_25) {
    years = h1 > 0 ? e / h1 : to_25;
  } else {
    e -= h1 * to_25;
    if (h2 <= 0) return;
    years = to_25 + e / h2;
  }
  const double when = now + years * year;
  if (age + years >= 30.0 || when >= c.pop_horizon_days) return;
  ctx.schedule(when, ModelEvent{.kind = EventKind::migration_due, .person = id}, /*priority=*/1);
}

namespace {

// Another county, drawn by population.
std::uint32_t destination(Stream& s, const Params& params, std::uint32_t from) {
  double total = 0;
  for (std::uint32_t k = 0; k < params.counties.size(); ++k)
    if (k != from) total += params.counties[k].population_thousands;
  double u = engine::uniform01(s) * total;
  std::uint32_t last = from;
  for (std::uint32_t k = 0; k < params.counties.size(); ++k) {
    if (k == from) continue;
    last = k;
    if ((u -= params.counties[k].population_thousands) < 0) return k;
  }
  return last;
}

}  // namespace

void migration_due(Context& ctx, const Params& params, County& c, PersonId id, Person& p, double now) {
  // Whoever is still in the group moves, whatever their state, so that who moves when is the same in every
  // scenario (common random numbers: people's ids in the county they move to do not depend on the scenario).
  if (p.state == PersonState::aged_out || p.state == PersonState::moved_away || params.counties.size() < 2) return;
  if (p.state == PersonState::work_trial || p.state == PersonState::subsidised_job) release_employer(c, p);
  auto s = person_stream(ctx, c, id, Purpose::migration, now, 1);
  const std::uint32_t to = destination(s, params, c.index);
  count_cohort_months(c, p, id);  // the record that goes on has its months here counted
  c.emigrants.push_back(std::make_unique<Mover>(Mover{p, c.index}));
  move(c, p, PersonState::moved_away, now);
  ctx.send(to, now + ctx.lookahead(), mover_message(c.emigrants.back().get(), to));
}

void moved_in(Context& ctx, County& c, const Mover& m, double now) {
  const PersonId id = static_cast<PersonId>(c.persons.size());
  Person p = m.person;
  // The record goes on here; what tied the person to the old county does not: a move ends a trial or a
  // subsidised job (both tied to an employer and the county's places), and the person looks for work here, in
  // follow-up (ASSUMPTION); an ordinary job goes on (a job here, or the same one from here), with its tenure.
  if (p.state == PersonState::work_trial || p.state == PersonState::subsidised_job) {
    p.state = PersonState::follow_up;
    p.state_since_day = static_cast<float>(now);
    p.readiness_estimate = p.readiness;  // the trial or job showed what the person can do
  }
  auto s = person_stream(ctx, c, id, Purpose::migration, now, /*detail=*/2);  // apart from the next move's time
  p.office = static_cast<std::uint8_t>(pick_office(s, c));
  p.employer = none;
  p.timer_epoch = 0;
  p.in_caseload = false;
  p.referred = false;
  p.employer_met_before = false;
  p.moved_in = true;
  c.persons.push_back(p);
  Person& here = c.persons.back();
  count_in_stocks(c, here, +1);
  count_in_office(c, here, +1);
  if (in_services(here.state)) add_to_caseload(c, id, here, now);
  schedule_turning_30(c, id, here, now);
  if (here.state == PersonState::education || here.state == PersonState::inactive) schedule_return(ctx, c, id, here, now);
  if (here.state == PersonState::ordinary_job) start_job_loss_clock(ctx, c, id, here, (now - here.state_since_day) / year, now);
  schedule_migration(ctx, c, id, here, now);
  c.step.persons_moved_in[index(here.state)] += 1;
}

}  // namespace iasim::model::detail
