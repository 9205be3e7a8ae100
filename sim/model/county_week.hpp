#pragma once
// The county's rounds (ODD §3.2, §7.15): the weekly round of ALS, the coach, the coordinator, wage subsidies
// and every office's week; and the matchemøter. Internal to sim/model.
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// The weekly round; schedules the next one a week later.
void county_week(IaModel::Context& ctx, County& c, double now);

// A matchemøte, held if the coach and coordinator prepared it in its week; schedules the next one.
void matchmeeting(IaModel::Context& ctx, County& c, double now);
void schedule_matchmeeting(IaModel::Context& ctx, County& c, double now);

}  // namespace iasim::model::detail
