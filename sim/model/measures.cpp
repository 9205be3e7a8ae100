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

void build_measures(County& c) {
  const auto& m = c.p->measures;
  const double places = m.assessment_places_per_100k_population * c.facts->population_thousands / 100.0 * c.scale;
  c.provider.places = places * (1.0 - m.in_house_share);
  c.specialised_hours_per_week = places * m.in_house_share * m.specialised_hours_per_place_week;
  c.specialised.places = c.specialised_hours_per_week / m.in_house_hours_per_participant_week;
}

namespace {

// Still waiting for the measure it was entered for (a person who left and came back is referred afresh).
bool current(const County& c, const MeasureEntry& e) { return waits_for_measure(c.persons[e.person], e.epoch); }

// A provider's measure ends: its report goes to the person's office and waits for the veileder.
void provider_measure_ends(County& c, const MeasureEntry& e, double now) {
  if (!current(c, e)) return;
  Person& p = c.persons[e.person];
  c.offices[p.office].handoffs.push_back(
      {e.person, e.epoch, static_cast<float>(now), static_cast<float>(provider_report_quality(c.p->measures))});
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
void find_arena(Context& ctx, County& c, MeasureEntry& e, double now) {
  const Person& p = c.persons[e.person];
  auto s = person_spell_stream(ctx, c, e.person, p, Purpose::assessment, 2);
  const auto id = pick_employer(s, c, false, std::nullopt, now);
  if (!id) return;
  Employer& firm = c.employers[*id];
  refresh_trust(c, firm, now);
  contact_employer(c, firm, office_unit(p.office), now);
  ++firm.trainees;
  note_openings(c, *id);
  e.arena = *id;
}

// Ends the measures due by now, and frees the places of participants who have left services since.
template <class End>
void end_due(const County& c, AssessmentMeasure& m, double now, End&& end) {
  std::size_t kept = 0;
  for (std::size_t k = 0; k < m.participants.size(); ++k) {
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
void start_from_queue(County& c, AssessmentMeasure& m, double weeks, double now, Start&& start) {
  while (static_cast<double>(m.participants.size()) < m.places && m.queue_next < m.queue.size()) {
    MeasureEntry e = m.queue[m.queue_next++];
    if (!current(c, e)) continue;
    record_wait(c, Queue::measure_place, now - e.day);
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
  AssessmentMeasure& m = engine::bernoulli(s, c.p->measures.in_house_share) ? c.specialised : c.provider;
  m.queue.push_back({id, p.timer_epoch, static_cast<float>(now)});
}

void measures_week(Context& ctx, County& c, double now) {
  const auto& mp = c.p->measures;
  end_due(c, c.provider, now, [&](const MeasureEntry& e) { provider_measure_ends(c, e, now); });
  end_due(c, c.specialised, now, [&](const MeasureEntry& e) { specialised_measure_ends(ctx, c, e, now); });
  start_from_queue(c, c.provider, mp.provider_assessment_weeks, now, [](MeasureEntry&) {});
  start_from_queue(c, c.specialised, mp.in_house_assessment_weeks, now,
                   [&](MeasureEntry& e) { find_arena(ctx, c, e, now); });
  // Places are bought by the week, used or not; specialised veiledere are employed, busy or not.
  c.step.provider_place_weeks += c.provider.places;
  const double busy = std::min(c.specialised_hours_per_week,
                               static_cast<double>(c.specialised.participants.size()) * mp.in_house_hours_per_participant_week);
  c.step.hours_available[actor(Actor::specialised_veileder)] += c.specialised_hours_per_week;
  c.step.hours_paid[actor(Actor::specialised_veileder)] += c.specialised_hours_per_week;
  c.step.hours_used[actor(Actor::specialised_veileder)] += busy;
}

double measure_queue_length(const County& c) {
  double n = 0;
  for (const AssessmentMeasure* m : {&c.provider, &c.specialised})
    for (std::size_t k = m->queue_next; k < m->queue.size(); ++k) n += current(c, m->queue[k]);
  return n;
}

}  // namespace iasim::model::detail
