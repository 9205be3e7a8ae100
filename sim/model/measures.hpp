#pragma once
// Assessment measures (afi-kjerneoppgaver-i-nav.txt; ODD §7.20): an office orders a measure from a provider
// (tiltaksarrangør) whose places the county buys by the week, or from the county's specialised veiledere, who
// assess at an ordinary workplace. Both have a queue before the measure; a provider's report waits for the
// ordering veileder (the hand-off, office_week.cpp), a specialised veileder's result is NAV's own. Internal to
// sim/model.
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// What observing a person for `hours` in an arena that shows `learning_per_hour` reveals of their readiness:
// 1 - exp(-learning_per_hour * hours), 0 (nothing) to 1 (all).
double quality_of_observation(double learning_per_hour, double hours);

// The quality of an office's interview of `assessment_hours` made at `load` (demand / hours): overload shortens
// the time the veileder really gives it (SINTEF L2259–2268).
double interview_quality(const CountyParams& cp, double load);
// The quality of what reaches the veileder from a provider's measure, and of a specialised veileder's at a workplace.
double provider_report_quality(const MeasuresParams& m);
double workplace_assessment_quality(const MeasuresParams& m);

// The same for follow-up measures: what the provider's report of a follow-up measure carries to the veileder, and
// what a specialised veileder's follow-up at a workplace shows.
double provider_follow_up_report_quality(const MeasuresParams& m);
double workplace_follow_up_quality(const MeasuresParams& m);
// The follow-up share a participant receives a week where they are (waiting: none), as a share of a full
// follow-up need (office.user_follow_up_hours_per_week).
double follow_up_share_in_measure(const County& c, FollowUpPlace where);

// The county's places and specialised veileder hours, from its population and measures.*.
void build_measures(County& c);

// The office orders a measure for person `id` (they stay waiting_assessment, now referred): to the specialised
// veiledere with probability measures.in_house_share, otherwise to a provider, at the back of its queue.
void refer_to_measure(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

// After an assessment finds person `id` (now in follow-up) not yet job-ready, the veileder may order a follow-up
// measure (measures.follow_up_measure_share; the order's hours are owed next week): to the specialised veiledere
// with probability measures.in_house_share, otherwise to a provider. The person stays in follow-up, referred, and
// waits for a place without follow-up.
void refer_to_follow_up_measure(IaModel::Context& ctx, County& c, PersonId id, Person& p, double now);

// The measures' week, before the offices': measures that are done end (a provider's report goes to the office's
// hand-offs; a specialised veileder's assessment is complete), then free places are filled in order of referral.
void measures_week(IaModel::Context& ctx, County& c, double now);

// People waiting for a place now (stale entries not counted): in assessment measures, in follow-up measures.
double measure_queue_length(const County& c);
double follow_up_measure_queue_length(const County& c);
// Where person `id`, referred to a follow-up measure, is now (read in every such person's week: inline).
inline FollowUpPlace follow_up_place(const County& c, PersonId id) {
  return id < c.follow_up_place.size() ? c.follow_up_place[id] : FollowUpPlace::waiting;
}

}  // namespace iasim::model::detail
