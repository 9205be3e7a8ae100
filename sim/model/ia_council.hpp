#pragma once
// The county IA council (regionalt IA-råd) and its arenas (ODD §7.24). Internal to sim/model.
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

void schedule_ia_council_meeting(IaModel::Context& ctx, County& c, double now);
// The council meets: the budget since its last meeting buys arenas, held now, where IA firms meet ALS advisers.
void ia_council_meeting(IaModel::Context& ctx, County& c, double now);

}  // namespace iasim::model::detail
