#pragma once
// NAV Arbeidslivssenter's week (als_week.cpp; ODD §7.13, §7.16–7.18). Internal to sim/model.
#include "sim/model/county.hpp"
#include "sim/model/ia_model.hpp"

namespace iasim::model::detail {

// What the offices get from the centre's week.
struct AlsWeek {
  double leader = 0;              // leader hours spent leading market teams
  double in_firms = 0;            // adviser hours for work out in firms (before any pull into casework)
  double pull = 0;                // how strongly the offices' casework pulls at the advisers' hours (casework_pull)
  double door_opening_moved = 0;  // door-opening hours of advisers moved into offices: the offices' market hours
};

// The centre's week: leader hours, casework pull, competence, sick-leave work, contact visits, door opening.
AlsWeek als_week(IaModel::Context& ctx, County& c, double now);

// Share of the advisers moved into the offices by a Vågeng merger at `now`: 0 before als.merger_start_year,
// rising linearly to 1 over als.merger_transition_years.
double merger_moved_share(const AlsParams& a, double now);
// How strongly casework pulls at in-firm adviser hours, given the moved share: moved advisers are led by the
// office (merged_casework_pull), the others spend days_at_offices_share of their days there (visiting pull).
double casework_pull(const AlsParams& a, double moved);
// Adviser hours pulled into office `o`'s casework this week: its staff share of the in-firm hours, times the
// pull and the share of casework its own veiledere could not cover last week.
double hours_pulled_at(const County& c, const Office& o, double in_firm_hours, double pull);
// Share of market-team contacts that are coordinated: by the ALS leader's hours (Møre og Romsdal) and by the
// market fora advisers share at the offices (Telemark 4-1).
double market_coordination(const County& c, double leader_hours, double moved);

}  // namespace iasim::model::detail
