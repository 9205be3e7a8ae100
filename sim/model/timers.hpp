#pragma once
// What happens when a work trial or a wage subsidy ends (ODD §7.8, §7.10). Internal to sim/model.
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// The trial's employer judges it and may hire; otherwise the person returns to follow-up or drops out.
void trial_end(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

// The employer keeps the person in an ordinary job or lets them go back to follow-up.
void subsidy_end(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

}  // namespace iasim::model::detail
