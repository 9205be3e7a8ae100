#include "sim/model/measures.hpp"

#include <algorithm>
#include <cmath>

#include "sim/model/detail/moves.hpp"
#include "sim/model/employer_contact.hpp"
#include "sim/model/office_week.hpp"
#include "sim/model/placement.hpp"

namespace iasim::model::detail {

double quality_of_observation(double learning_per_hour, double hours) {
  return 1.0 - std::exp(-learning_per_hour * std::max(0.0, hours));
}

double interview_quality(const CountyParams& cp, double load) {
  const double hours = cp.office.assessment_hours / (1.0 + cp.office.assessment_overload_sensitivity * std::max(0.0, load - 1.0));
  return quality_of_observation(cp.measures.interview_learning_per_hour, hours);
}

double provider_report_quality(const MeasuresParams& m) {
  return m.handoff_information_kept *
         quality_of_observation(m.sheltered_learning_per_hour, m.provider_hours_per_participant_week * m.provider_assessment_weeks);
}

double workplace_assessment_quality(const MeasuresParams& m) {
  return quality_of_observation(m.workplace_learning_per_hour, m.in_house_hours_per_participant_week * m.in_house_assessment_weeks);
}

double provider_follow_up_report_quality(const MeasuresParams& m) {
  return m.handoff_information_kept *
         quality_of_observation(m.sheltered_learning_per_hour, m.provider_follow_up_hours_per_participant_week * m.provider_follow_up_weeks);
}

double workplace_follow_up_quality(const MeasuresParams& m) {
  return quality_of_observation(m.workplace_learning_per_hour,
                                m.in_house_follow_up_hours_per_participant_week * m.in_house_follow_up_weeks);
}

double follow_up_share_in_measure(const County& c, FollowUpPlace where) {
  const auto& m = c.p->measures;
  const double need = c.p->office.user_follow_up_hours_per_week;
  const double hours = where == FollowUpPlace::provider    ? m.provider_follow_up_hours_per_participant_week
                       : where == FollowUpPlace::specialised ? m.in_house_follow_up_hours_per_participant_week
                                                              : 0.0;
  return need > 0 ? std::min(1.0, hours / need) : 1.0;
}

void build_measures(County& c) {
  const auto& m = c.p->measures;
  const double per_100k = c.facts->population_thousands / 100.0 * c.scale;
  const double places = m.assessment_places_per_100k_population * per_100k;
  c.provider.places = places * (1.0 - m.in_house_share);
  c.specialised_hours_per_week = places * m.in_house_share * m.specialised_hours_per_place_week;
  c.specialised.places = c.specialised_hours_per_week / m.in_house_hours_per_participant_week;
  // Kjerneoppgaver moves the follow-up places' money to the specialised veiledere too.
  const double follow_up_places = m.follow_up_places_per_100k_population * per_100k;
  c.follow_up_provider.places = follow_up_places * (1.0 - m.in_house_share);
  c.specialised_follow_up_hours_per_week = follow_up_places * m.in_house_share * m.specialised_hours_per_follow_up_place_week;
  c.follow_up_specialised.places = c.specialised_follow_up_hours_per_week / m.in_house_follow_up_hours_per_participant_week;
}

namespace {

// Still waiting for the measure it was entered for (a person who left and came back is referred afresh).
bool current(const County& c, const MeasureEntry& e) { return waits_for_measure(c.persons[e.person], e.epoch); }

// A provider's measure ends: its report goes to the person's office and waits for the veileder.
void provider_measure_ends(County& c, const MeasureEntry& e, double now) {
  if (!current(c, e)) return;
  Person& p = c.persons[e.person];
  c.offices[p.office].handoffs.push_back(
      {e.person, e.epoch, false, static_cast<float>(now), static_cast<float>(provider_report_quality(c.p->measures))});
}

// A specialised veileder's measure ends: the assessment is NAV's own, and the workplace where it was made has met
// the person (the next placement attempt goes there first).
void specialised_measure_ends(Context& ctx, County& c, const MeasureEntry& e, double now) {
  release_trainee_slot(c, e.arena);
  if (!current(c, e)) return;
  Person& p = c.persons[e.person];
  complete_assessment(ctx, c, e.person, p, workplace_assessment_quality(c.p->measures), AssessmentRoute::specialised, now);
  if (e.arena != none) {
    p.employer = e.arena;
    p.employer_met_before = true;
  }
}

// A specialised veileder finds the workplace for a participant: a firm that takes trainees, asked by the person's
// office, which takes the person in as a trainee for the measure (no place: the measure goes on without one).
void find_arena(Context& ctx, County& c, MeasureEntry& e, Purpose why, std::uint64_t detail, double now) {
  const Person& p = c.persons[e.person];
  auto s = person_spell_stream(ctx, c, e.person, p, why, detail);
  const auto id = pick_employer(s, c, false, std::nullopt, now);
  if (!id) return;
  Employer& firm = c.employers[*id];
  refresh_trust(c, firm, now);
  contact_employer(c, firm, office_unit(p.office), now);
  ++firm.trainees;
  note_openings(c, *id);
  e.arena = *id;
}

FollowUpPlace& place_of(County& c, PersonId id) {
  if (c.follow_up_place.size() <= id) c.follow_up_place.resize(c.persons.size(), FollowUpPlace::waiting);
  return c.follow_up_place[id];
}

// A provider's follow-up measure ends: the person waits, without follow-up, for the veileder to take the
// provider's report over (the hand-off, office_week.cpp).
void provider_follow_up_ends(County& c, const MeasureEntry& e, double now) {
  c.step.follow_up_measures_ended[0] += 1;  // provider
  if (!current(c, e)) return;
  place_of(c, e.person) = FollowUpPlace::waiting;
  Person& p = c.persons[e.person];
  c.offices[p.office].handoffs.push_back({e.person, e.epoch, true, static_cast<float>(now),
                                          static_cast<float>(provider_follow_up_report_quality(c.p->measures))});
}

// A specialised veileder's follow-up ends: NAV knows what the workplace showed, with no report to wait for, and the
// workplace has met the person (the office's next attempt goes there first).
void specialised_follow_up_ends(Context& ctx, County& c, const MeasureEntry& e) {
  c.step.follow_up_measures_ended[1] += 1;  // specialised
  release_trainee_slot(c, e.arena);
  if (!current(c, e)) return;
  place_of(c, e.person) = FollowUpPlace::waiting;
  Person& p = c.persons[e.person];
  take_over_follow_up(ctx, c, e.person, p, workplace_follow_up_quality(c.p->measures));
  if (e.arena != none) {
    p.employer = e.arena;
    p.employer_met_before = true;
  }
}

// Ends the measures due by now, and frees the places of participants who have left services since.
template <class End>
void end_due(const County& c, Measure& m, double now, End&& end) {
  std::size_t kept = 0;
  constexpr std::size_t ahead = 8;  // participants are in order of starting, their records scattered
  for (std::size_t k = 0; k < m.participants.size(); ++k) {
    if (k + ahead < m.participants.size()) __builtin_prefetch(&c.persons[m.participants[k + ahead].person]);
    if (m.participants[k].day <= now + 1e-9 || !current(c, m.participants[k])) {
      end(m.participants[k]);
    } else {
      m.participants[kept++] = m.participants[k];
    }
  }
  m.participants.resize(kept);
}

// Fills free places in order of referral. A place is free while fewer than `places` take part
// (a fractional place admits one more at a time).
template <class Start>
void start_from_queue(County& c, Measure& m, Queue waited, double weeks, double now, Start&& start) {
  while (static_cast<double>(m.participants.size()) < m.places && m.queue_next < m.queue.size()) {
    MeasureEntry e = m.queue[m.queue_next++];
    if (!current(c, e)) continue;
    record_wait(c, waited, now - e.day);
    e.day = static_cast<float>(now + weeks * week);
    start(e);
    m.participants.push_back(e);
  }
  if (m.queue_next > 1024 && 2 * m.queue_next > m.queue.size()) {
    m.queue.erase(m.queue.begin(), m.queue.begin() + static_cast<std::ptrdiff_t>(m.queue_next));
    m.queue_next = 0;
  }
}

}  // namespace

void refer_to_measure(Context& ctx, County& c, PersonId id, Person& p, double now) {
  retally(c, p, [&] { p.referred = true; });
  c.step.measures_ordered += 1;
  auto s = person_spell_stream(ctx, c, id, p, Purpose::assessment, 1);
  Measure& m = engine::bernoulli(s, c.p->measures.in_house_share) ? c.specialised : c.provider;
  m.queue.push_back({id, p.timer_epoch, static_cast<float>(now)});
}

void refer_to_follow_up_measure(Context& ctx, County& c, PersonId id, Person& p, double now) {
  const auto& mp = c.p->measures;
  if (p.supported_employment || job_ready(c, p) || mp.follow_up_measure_share <= 0) return;
  auto s = person_spell_stream(ctx, c, id, p, Purpose::follow_up_measure);
  if (!engine::bernoulli(s, mp.follow_up_measure_share)) return;
  retally(c, p, [&] { p.referred = true; });
  place_of(c, id) = FollowUpPlace::waiting;
  c.step.follow_up_measures_ordered += 1;
  c.offices[p.office].hours_owed += mp.referral_hours;  // the order is written next week
  Measure& m = engine::bernoulli(s, mp.in_house_share) ? c.follow_up_specialised : c.follow_up_provider;
  m.queue.push_back({id, p.timer_epoch, static_cast<float>(now)});
}

namespace {

// The week's hours of the specialised veiledere in one kind of measure: paid in full, used by its participants.
void pay_specialised(County& c, double hours_per_week, const Measure& m, double hours_per_participant_week) {
  const double busy = std::min(hours_per_week, static_cast<double>(m.participants.size()) * hours_per_participant_week);
  c.step.hours_available[actor(Actor::specialised_veileder)] += hours_per_week;
  c.step.hours_paid[actor(Actor::specialised_veileder)] += hours_per_week;
  c.step.hours_used[actor(Actor::specialised_veileder)] += busy;
}

}  // namespace

void measures_week(Context& ctx, County& c, double now) {
  const auto& mp = c.p->measures;
  end_due(c, c.provider, now, [&](const MeasureEntry& e) { provider_measure_ends(c, e, now); });
  end_due(c, c.specialised, now, [&](const MeasureEntry& e) { specialised_measure_ends(ctx, c, e, now); });
  end_due(c, c.follow_up_provider, now, [&](const MeasureEntry& e) { provider_follow_up_ends(c, e, now); });
  end_due(c, c.follow_up_specialised, now, [&](const MeasureEntry& e) { specialised_follow_up_ends(ctx, c, e); });
  start_from_queue(c, c.provider, Queue::measure_place, mp.provider_assessment_weeks, now, [](MeasureEntry&) {});
  start_from_queue(c, c.specialised, Queue::measure_place, mp.in_house_assessment_weeks, now,
                   [&](MeasureEntry& e) { find_arena(ctx, c, e, Purpose::assessment, 2, now); });
  start_from_queue(c, c.follow_up_provider, Queue::follow_up_measure_place, mp.provider_follow_up_weeks, now,
                   [&](MeasureEntry& e) { place_of(c, e.person) = FollowUpPlace::provider; });
  start_from_queue(c, c.follow_up_specialised, Queue::follow_up_measure_place, mp.in_house_follow_up_weeks, now,
                   [&](MeasureEntry& e) {
                     place_of(c, e.person) = FollowUpPlace::specialised;
                     find_arena(ctx, c, e, Purpose::follow_up_measure, 1, now);
                   });
  // Places are bought by the week, used or not; specialised veiledere are employed, busy or not.
  c.step.provider_place_weeks += c.provider.places;
  c.step.provider_follow_up_place_weeks += c.follow_up_provider.places;
  pay_specialised(c, c.specialised_hours_per_week, c.specialised, mp.in_house_hours_per_participant_week);
  pay_specialised(c, c.specialised_follow_up_hours_per_week, c.follow_up_specialised,
                  mp.in_house_follow_up_hours_per_participant_week);
}

namespace {
double waiting_in(const County& c, const Measure& m) {
  double n = 0;
  for (std::size_t k = m.queue_next; k < m.queue.size(); ++k) n += current(c, m.queue[k]);
  return n;
}
}  // namespace

double measure_queue_length(const County& c) { return waiting_in(c, c.provider) + waiting_in(c, c.specialised); }

double follow_up_measure_queue_length(const County& c) {
  return waiting_in(c, c.follow_up_provider) + waiting_in(c, c.follow_up_specialised);
}

}  // namespace iasim::model::detail
