#pragma once
// Employer contact as a process (ODD §7.23): NAV units — an office's veiledere, market team and job
// specialists, the ALS advisers and the coach — contact named employers about candidates. Each contact is
// recorded on the employer (when, by which unit). An employer asked by another unit within
// `employer.duplicate_contact_window_days` receives a duplicate contact: it costs the employer time and moves
// its trust toward the controller view (SINTEF L3538–3543: ALS visits a firm one day, the office comes a few
// days later unaware; L1574–1575 "we stumble over each other's feet"; L1466). A coordinated contact (market
// teams led by the ALS, or sharing market fora with advisers) knows of the others' contacts and avoids firms
// just contacted (SINTEF L3551–3553: "one-point contact with an employer").
// Internal to sim/model.
#include <cstdint>

#include "sim/model/county.hpp"
#include "sim/model/detail/streams.hpp"

namespace iasim::model::detail {

// The NAV unit making a contact: an office (its veiledere, market team and job specialists: one unit, who know
// each other's work), the county's ALS, or its coach.
using NavUnit = std::uint16_t;
inline constexpr NavUnit als_unit = 0xfffe;
inline constexpr NavUnit coach_unit = 0xfffd;
inline NavUnit office_unit(OfficeId o) { return static_cast<NavUnit>(o); }

// Whether another unit asked this employer about candidates within the window before `now`.
inline bool contacted_by_other_unit(const County& c, const Employer& e, NavUnit unit, double now) {
  return e.last_contact_unit != unit && now - e.last_contact_day < c.p->employer.duplicate_contact_window_days;
}

// `unit` asks employer `e` about a candidate at `now`: recorded, and if another unit asked within the window, a
// duplicate with its cost in trust and in the employer's hours. Call after refresh_trust(e).
inline void contact_employer(County& c, Employer& e, NavUnit unit, double now) {
  c.step.employer_contacts += 1;
  if (contacted_by_other_unit(c, e, unit, now)) {
    const auto& ep = c.p->employer;
    c.step.duplicate_contacts += 1;
    c.step.duplicate_contact_employer_hours += ep.duplicate_contact_employer_hours;
    move_trust(c, e, ep.duplicate_contact_trust_step, ep.trust_controller);
  }
  e.last_contact_unit = unit;
  e.last_contact_day = static_cast<float>(now);
}

}  // namespace iasim::model::detail
