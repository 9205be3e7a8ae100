#include "sim/model/placement.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "sim/model/detail/moves.hpp"
#include "sim/model/employer_contact.hpp"
#include "sim/model/programme_budget.hpp"
#include "sim/model/rules.hpp"

namespace iasim::model::detail {

void start_job_loss_clock(Context& ctx, County& c, PersonId id, Person& p, double tenure_years, double now) {
  // Job loss at any time, with a hazard that falls with tenure and rises with low readiness; a job
  // specialist's follow-along support lowers it (klar-supported-employment.txt).
  auto s = person_spell_stream(ctx, c, id, p, Purpose::timer);
  double e = engine::exponential(s, 1.0);
  if (p.supported_employment) {
    // Follow-along support lowers the hazard in proportion to the share of it the office's specialists give.
    const double keep = 1.0 - c.p->support.follow_along_job_loss_reduction * c.offices[p.office].follow_along_share;
    if (keep <= 0) return;
    e /= keep;
  }
  const double t = job_duration_years(*c.pop, p.readiness, tenure_years, e) * year;
  if (now + t < c.pop_horizon_days) set_timer(ctx, id, p, EventKind::job_lost, now + t);
}

void start_ordinary_job(Context& ctx, County& c, PersonId id, Person& p, double tenure_years, double now) {
  move(c, p, PersonState::ordinary_job, now);
  start_job_loss_clock(ctx, c, id, p, tenure_years, now);
}

void hire(Context& ctx, County& c, PersonId id, Person& p, bool subsidised, double now) {
  c.step.hires_by_broker[static_cast<std::size_t>(p.broker)] += 1;
  if (Employer* e = current_employer(c, p)) e->trials_without_hire = 0;
  if (subsidised) {
    move(c, p, PersonState::subsidised_job, now);
    set_timer(ctx, id, p, EventKind::subsidy_end, now + c.p->support.subsidy_weeks * week);
    start_job_loss_clock(ctx, c, id, p, 0.0, now);
    // Some subsidised hires take the place of an ordinary hire the employer would have made anyway.
    auto es = employer_stream(ctx, c, p.employer, id, now, Purpose::substitution);
    if (engine::bernoulli(es, substitution_probability(c.p->employer, c.p->support))) c.step.substituted_hires += 1;
  } else {
    release_employer(c, p);  // an ordinary hire no longer takes a trainee slot
    start_ordinary_job(ctx, c, id, p, 0.0, now);
  }
}

void remember_good_trial(County& c, EmployerId e) {
  if (c.good_partners.size() < c.good_partners_capacity) {
    c.good_partners.push_back(e);
  } else {
    c.good_partners[c.good_partners_next] = e;
    c.good_partners_next = (c.good_partners_next + 1) % c.good_partners.size();
  }
}

std::optional<EmployerId> pick_employer(Stream& s, County& c, bool among_contacts, std::optional<NavUnit> avoid_others_of,
                                        double now) {
  const EmployerPool& pool = among_contacts ? c.contact_trainee_firms : c.trainee_firms;
  if (pool.empty()) return std::nullopt;
  const double back = c.p->employer.broker_return_share;
  for (int tries = 0; tries < 3; ++tries) {  // a firm with no free trainee slot says no at once
    // Brokers go back to firms where trials went well (among contacts: only to contact firms); otherwise
    // they approach a new firm that takes trainees, the larger the likelier.
    // The firm's record is read only when a coordinated contact must avoid firms just asked: the other tests
    // read its bits of openings (County::employer_openings), which mostly stay in cache.
    EmployerId e = none;
    if (!c.good_partners.empty() && engine::bernoulli(s, back)) {
      e = c.good_partners[engine::uniform_int(s, 0, c.good_partners.size() - 1)];
      if (among_contacts && !(openings_of(c, e) & EmployerOpenings::contact)) e = none;
    }
    if (e == none) e = pool.pick(s);
    const std::uint8_t openings = openings_of(c, e);
    if (among_contacts && !(openings & EmployerOpenings::contact)) continue;  // its contact lapsed (als_week.cpp)
    if (!(openings & EmployerOpenings::free_slot)) continue;
    if (avoid_others_of && contacted_by_other_unit(c, c.employers[e], *avoid_others_of, now)) continue;
    return e;
  }
  return std::nullopt;
}

namespace {

double draw_fit(Stream& s, const MatchingParams& m) {
  return std::clamp(normal(s, m.fit_mean, m.fit_sd), 0.0, 1.0);
}

struct FirmAndFit {
  EmployerId employer;
  double fit;
};

// Candidate-first (SINTEF L3470–3481): the broker weighs `weighed` firms it could approach for the candidate and
// approaches the one the candidate fits best. Whether a firm is found for one of the places weighed (pick_employer)
// does not depend on the candidate's fit there, and a search changes nothing, so the fits are drawn first and firms
// are looked for in order of fit, best first (equal fits in the order drawn): the first firm found is the one the
// candidate fits best among those that would be found — the same choice as finding every firm first, with one
// search instead of `weighed`, each a random read of the county's firms.
std::optional<FirmAndFit> best_fitting_firm(Stream& s, County& c, std::size_t weighed, bool among_contacts,
                                            std::optional<NavUnit> avoid_others_of, double now) {
  thread_local std::vector<std::pair<double, std::size_t>> fits;  // (fit, order drawn), one thread's attempts at a time
  fits.clear();
  for (std::size_t k = 0; k < weighed; ++k) fits.emplace_back(draw_fit(s, c.p->matching), k);
  std::sort(fits.begin(), fits.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  for (const auto& [fit, k] : fits)
    if (const auto e = pick_employer(s, c, among_contacts, avoid_others_of, now)) return FirmAndFit{*e, fit};
  return std::nullopt;
}

}  // namespace

// One attempt to place a person: an employer is approached and decides. Returns true if the person moved.
// `employer`: the firm met at a matchemøte; otherwise the broker picks one. ALS advisers and market teams
// led by ALS go through the centre's IA contact firms; offices, coaches and job specialists approach any
// employer (most coach placements were in non-IA firms, SINTEF L3812–3821).
namespace {

// Who at NAV asks the employer: the person's office (veileder, market team, job specialist), ALS or the coach.
NavUnit unit_of(Broker broker, const Person& p) {
  switch (broker) {
    case Broker::als: return als_unit;
    case Broker::coach: return coach_unit;
    default: return office_unit(p.office);
  }
}

}  // namespace

bool attempt_placement(Context& ctx, County& c, PersonId id, Broker broker, double now, const Approach& how) {
  const auto& employer = how.employer;
  const bool coordinated = how.coordinated;
  Person& p = c.persons[id];
  const auto& cp = *c.p;
  const bool specialist = broker == Broker::job_specialist;
  // A trial needs a free place in the county's share of the national programme budget (programme_budget.cpp).
  if (!specialist && !work_trial_place_free(c)) {
    refuse_for_want_of_place(c, Programme::work_trial);
    return false;
  }
  c.step.placement_attempts += 1;
  const bool via_contacts = broker == Broker::als || coordinated;
  const NavUnit unit = unit_of(broker, p);
  // The person's own draws for this attempt: by whom, and with which firm if it was met at a matchemøte.
  auto ps = person_stream(ctx, c, id, Purpose::matching, now,
                          (std::uint64_t(broker) << 32) | (employer ? *employer : std::uint64_t{none}));
  // Which firm, and how well the person fits its job: given (a matchemøte, an open door, a specialist's
  // meeting); employer-first, the firm's opening with the candidate at hand; candidate-first, the best fit among
  // the firms the broker weighs for this candidate (SINTEF L3470–3481).
  const auto avoid = coordinated ? std::optional(unit) : std::nullopt;
  std::optional<EmployerId> eid = employer;
  double fit = 0;
  if (eid) {
    fit = draw_fit(ps, cp.matching);
  } else if (const auto weighed = cp.matching.candidate_first
                                       ? static_cast<std::size_t>(std::max(1L, std::lround(cp.matching.employers_considered)))
                                       : std::size_t{1};
             weighed == 1) {  // employer-first, or candidate-first weighing one firm: the same procedure
    eid = pick_employer(ps, c, via_contacts, avoid, now);
    if (eid) fit = draw_fit(ps, cp.matching);
  } else {
    if (const auto best = best_fitting_firm(ps, c, weighed, via_contacts, avoid, now)) {
      eid = best->employer;
      fit = best->fit;
    }
  }
  if (!eid) return false;
  Employer& e = c.employers[*eid];
  refresh_trust(c, e, now);
  // A firm met at a matchemøte came to meet candidates; every other firm is asked (employer_contact.hpp).
  if (broker != Broker::matchmeeting) contact_employer(c, e, unit, now);
  const Office& office = c.offices[p.office];
  TrialOffer offer;
  offer.sick_leave_excess_pct = c.sick_leave_pct - cp.als.sick_leave_pct_initial;
  offer.fit = fit;
  // Met at a matchemøte, or before: by a job specialist's meeting with this employer about the person, or at the
  // workplace where a specialised veileder assessed them (measures.cpp).
  offer.knows_person = broker == Broker::matchmeeting || (p.employer_met_before && p.employer == *eid);
  offer.open_door = how.open_door;
  offer.mental_health = p.mental_health;
  offer.expected_follow_up = specialist ? office.follow_along_share
                                        : expected_follow_up(cp.support, office.trial_follow_up_share,
                                                             e.contact || via_contacts ||
                                                                 engine::bernoulli(ps, cp.support.fixed_contact_for_trials));
  auto es = employer_stream(ctx, c, *eid, id, now, Purpose::employer_choice, 1 + static_cast<std::uint64_t>(broker));
  if (e.trainees >= e.slots || !engine::bernoulli(es, trial_acceptance(cp.employer, cp.support, e, offer))) return false;
  p.employer = *eid;
  p.employer_met_before = offer.knows_person;
  p.broker = broker;
  ++e.trainees;
  note_openings(c, *eid);
  if (specialist) {
    // Place, then train (klar-supported-employment.txt): the employer hires at once if it will.
    const bool subsidy = grant_subsidy(c, engine::bernoulli(es, cp.support.subsidy_availability));
    if (engine::bernoulli(es, hire_probability(cp.employer, cp.support, e, p.readiness, subsidy, true, season(*c.pop, now),
                                               motivation(p)))) {
      hire(ctx, c, id, p, subsidy, now);
      return true;
    }
    release_employer(c, p);
    return false;
  }
  move(c, p, PersonState::work_trial, now);
  c.step.trials_by_broker[static_cast<std::size_t>(broker)] += 1;
  // Clear agreements at the start take the person's veileder's time next week (for the share of trials that get them).
  c.offices[p.office].hours_owed += cp.support.agreement_hours * cp.support.clear_agreements;
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
        // The next on the list is read if this one is no longer ready, or at the next search here.
        if (o.ready_next < o.ready.size()) __builtin_prefetch(&c.persons[o.ready[o.ready_next]]);
        if (job_ready(c, c.persons[id])) return id;
      }
    }
  }
  return std::nullopt;
}

}  // namespace iasim::model::detail
