#pragma once
// Where the people, offices and employers come from (ODD §5, §7.1): building a county at the spin-up's start, and
// young people entering the target group afterwards. Internal to sim/model.
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// Sum of the counties' populations, thousands (people and employers are shared out by it).
double national_population_thousands(const Params& params);

// Builds county `c` (offices, employers, the initial stock of people) with its keyed streams.
void build_county(IaModel::Context& ctx, County& c, double national_pop_thousands);

// A young person enters the target group (an arrival event); schedules the next arrival.
void arrival(IaModel::Context& ctx, County& c, double now);
void schedule_arrival(IaModel::Context& ctx, County& c, double now);
// An office of the county for a new person, the larger (by staff) the likelier.
OfficeId pick_office(engine::Stream& s, const County& c);

}  // namespace iasim::model::detail
