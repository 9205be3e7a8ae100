#include "sim/model/placement.hpp"

#include <algorithm>

#include "sim/model/detail/moves.hpp"
#include "sim/model/rules.hpp"

namespace iasim::model::detail {

void start_ordinary_job(Context& ctx, County& c, PersonId id, Person& p, double now) {
  move(c, p, PersonState::ordinary_job, now);
  // First-year job loss, lower for stronger candidates and for those a job specialist follows.
  double hazard = c.pop->job_loss_first_year * (1.0 - p.readiness);
  if (p.supported_employment) hazard *= 1.0 - c.p->support.supported_job_loss_reduction;
  if (hazard > 0) {
    auto s = person_stream(ctx, c, id, Purpose::timer, now);
    const double t = engine::exponential(s, year / hazard);
    if (t < year) set_timer(ctx, id, p, EventKind::job_lost, now + t);
  }
}

void hire(Context& ctx, County& c, PersonId id, Person& p, bool subsidised, double now) {
  if (subsidised) {
    move(c, p, PersonState::subsidised_job, now);
    set_timer(ctx, id, p, EventKind::subsidy_end, now + c.p->support.subsidy_weeks * week);
  } else {
    release_employer(c, p);  // an ordinary hire no longer takes a trainee slot
    start_ordinary_job(ctx, c, id, p, now);
  }
}

std::optional<EmployerId> pick_employer(Stream& s, County& c, bool among_contacts) {
  const auto& pool_size = among_contacts ? c.contact_employers.size() : c.employers.size();
  if (pool_size == 0) return std::nullopt;
  for (int tries = 0; tries < 3; ++tries) {  // a firm with no free trainee slot says no at once
    const auto k = static_cast<std::uint32_t>(engine::uniform_int(s, 0, pool_size - 1));
    const EmployerId e = among_contacts ? c.contact_employers[k] : k;
    if (c.employers[e].trainees < c.employers[e].slots) return e;
  }
  return std::nullopt;
}

namespace {

double draw_fit(Stream& s, const MatchingParams& m) {
  return std::clamp(normal(s, m.candidate_first ? m.fit_mean_candidate_first : m.fit_mean_employer_first, 0.15), 0.0, 1.0);
}

}  // namespace

// One attempt to place a person: an employer is approached and decides. Returns true if the person moved.
// `employer`: the firm met at a matchemøte; otherwise the broker picks one. ALS advisers and market teams
// led by ALS go through the centre's IA contact firms; offices, coaches and job specialists approach any
// employer (most coach placements were in non-IA firms, SINTEF L3812–3821).
bool attempt_placement(Context& ctx, County& c, PersonId id, Broker broker, double now,
                       std::optional<EmployerId> employer) {
  Person& p = c.persons[id];
  const auto& cp = *c.p;
  c.step.placement_attempts += 1;
  const bool via_contacts = broker == Broker::als || (broker == Broker::market_team && cp.als.leads_market_teams);
  // The person's own draws for this attempt: by whom, and with which firm if it was met at a matchemøte.
  auto ps = person_stream(ctx, c, id, Purpose::matching, now,
                          (std::uint64_t(broker) << 32) | (employer ? *employer : std::uint64_t{none}));
  const auto eid = employer ? employer : pick_employer(ps, c, via_contacts);
  if (!eid) return false;
  Employer& e = c.employers[*eid];
  refresh_trust(c, e, now);
  const Office& office = c.offices[p.office];
  const bool specialist = broker == Broker::job_specialist;
  TrialOffer offer;
  offer.fit = draw_fit(ps, cp.matching);
  offer.knows_person = broker == Broker::matchmeeting || specialist;
  offer.mental_health = p.mental_health;
  offer.expected_follow_up = specialist ? 1.0
                                        : expected_follow_up(cp.support, office.trial_follow_up_share,
                                                             e.contact || via_contacts ||
                                                                 engine::bernoulli(ps, cp.support.fixed_contact_for_trials));
  auto es = employer_stream(ctx, c, *eid, id, now);
  if (e.trainees >= e.slots || !engine::bernoulli(es, trial_acceptance(cp.employer, e, offer))) return false;
  p.employer = *eid;
  p.employer_met_before = offer.knows_person;
  ++e.trainees;
  if (specialist) {
    // Place, then train (klar-supported-employment.txt): the employer hires at once if it will.
    const bool subsidy = engine::bernoulli(es, cp.support.subsidy_availability);
    if (engine::bernoulli(es, hire_probability(cp.employer, cp.support, e, p.readiness, subsidy, true))) {
      hire(ctx, c, id, p, subsidy, now);
      return true;
    }
    release_employer(c, p);
    return false;
  }
  move(c, p, PersonState::work_trial, now);
  p.trial_follow_up_sum = 0;
  p.trial_follow_up_weeks = 0;
  set_timer(ctx, id, p, EventKind::trial_end, now + cp.support.trial_weeks * week);
  return true;
}

// A ready candidate, the earliest arrival on the ready list of an office picked at random. With probability `engaged_focus`
// the search looks at engaged offices first (coaches and coordinators concentrate on engaged offices,
// SINTEF L3225–3255); it falls back to the other offices when the engaged ones have nobody ready.
std::optional<PersonId> pick_candidate(Context& ctx, County& c, double engaged_focus) {
  auto s = county_stream(ctx, c, Purpose::candidate_search);
  const bool engaged_first = engine::bernoulli(s, engaged_focus);
  const auto n_off = c.offices.size();
  const auto start = engine::uniform_int(s, 0, n_off - 1);
  for (int pass = engaged_first ? 0 : 1; pass < 2; ++pass) {
    for (std::size_t k = 0; k < n_off; ++k) {
      Office& o = c.offices[(start + k) % n_off];
      if (pass == 0 && !o.engaged) continue;
      // Each search offers the next person on the office's list, so searches spread over the ready
      // people instead of returning the same one; people placed or gone since the list was made are skipped.
      while (o.ready_next < o.ready.size()) {
        const PersonId id = o.ready[o.ready_next++];
        if (job_ready(c, c.persons[id])) return id;
      }
    }
  }
  return std::nullopt;
}

}  // namespace iasim::model::detail
