#pragma once
// What happens when a person's timer fires (ODD §7.8–§7.11): a work trial or a wage subsidy ends, a job is
// lost, someone comes back from inactivity or education, someone turns 30. Internal to sim/model.
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// The trial's employer judges it and may hire; otherwise the person returns to follow-up or drops out.
void trial_end(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

// The employer keeps the person in an ordinary job or lets them go back to follow-up.
void subsidy_end(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

// An ordinary or subsidised job ends; the person returns to NAV follow-up.
void job_lost(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

// Leaves NAV follow-up for inactivity or education (with the timer of a return) or for disability benefit.
void leave_services(IaModel::Context& ctx, County& c, PersonId id, Person& p, PersonState to, double now);
// Someone in education or inactive: when they come back to NAV follow-up (a `returned` timer).
void schedule_return(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

// Back from inactivity or education into NAV: waiting for a new assessment.
void returned(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

// Everyone leaves the target group at 30, from whatever state, remembering where they were. Birthdays are
// kept in weekly lists (County::turning_30) that the county's weekly round works through, so a person leaves
// at most a week after turning 30 and the event queue holds no timer per person for it.
void schedule_turning_30(County& c, PersonId id, const Person& p, double now);
void people_turning_30(County& c, double now);
void turned_30(County& c, Person& p, double now);

}  // namespace iasim::model::detail
