#pragma once
// An office's week (ODD §3.3): demand from its tally, hours by water-filling, assessments in order of arrival,
// one sweep over the caseload giving each person their week, then placement attempts. Internal to sim/model.
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// Hours an office had and used in one week, by actor.
struct OfficeWeekHours {
  double veileder_available, veileder_used, market_available, market_used, specialist_available, specialist_used;
};

// Runs office `o`'s week; `extra_*_hours` are hours moved in from ALS this week.
OfficeWeekHours office_week(IaModel::Context& ctx, County& c, Office& o, double extra_veileder_hours,
                            double extra_market_hours, double now);

// Ends person `id`'s assessment at quality 0..1, made by `route`: the veileder's reading of readiness is drawn,
// the wait recorded, and the person moves to follow-up.
void complete_assessment(IaModel::Context& ctx, County& c, PersonId id, Person& p, double quality,
                         AssessmentRoute route, double now);

// The veileder takes over person `id` after a follow-up measure whose result shows readiness at quality 0..1: the
// reading of readiness is drawn anew, and the person is back in the office's own follow-up.
void take_over_follow_up(IaModel::Context& ctx, County& c, PersonId id, Person& p, double quality);

}  // namespace iasim::model::detail
