#include "sim/model/ia_model.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>

#include <sys/mman.h>

#include <boost/random/normal_distribution.hpp>

#include "sim/engine/random.hpp"
#include "sim/model/norway_2015.hpp"
#include "sim/model/rules.hpp"
#include "sim/model/transitions.hpp"

namespace iasim::model {

namespace {

using engine::Stream;
using Context = IaModel::Context;
constexpr double week = 7.0;
constexpr double year = 365.25;
constexpr double month = year / 12.0;

// Keyed streams: the entity names who decides, the purpose what about; the counter is that entity's own
// count of decisions, so adding an agent or an event elsewhere leaves every other draw unchanged.
enum class EntityKind : std::uint64_t { person = 1, employer = 2, office = 3, county = 4 };
enum class Purpose : std::uint64_t { build, arrival, weekly, assessment, matching, decision, timer, meeting, anchoring };

std::uint64_t entity(EntityKind k, std::uint32_t county, std::uint64_t i) {
  return (static_cast<std::uint64_t>(k) << 56) | (std::uint64_t{county} << 40) | i;
}
Stream person_stream(const Context& ctx, const County& c, PersonId id, Person& p, Purpose why) {
  return ctx.stream(entity(EntityKind::person, c.index, id), static_cast<std::uint64_t>(why), p.draws++);
}
Stream employer_stream(const Context& ctx, const County& c, EmployerId id, Employer& e) {
  return ctx.stream(entity(EntityKind::employer, c.index, id), static_cast<std::uint64_t>(Purpose::decision), e.draws++);
}
Stream county_stream(const Context& ctx, County& c, Purpose why) {
  return ctx.stream(entity(EntityKind::county, c.index, 0), static_cast<std::uint64_t>(why), c.draws++);
}
// Asks the kernel to back a large array with transparent huge pages (Linux, THP in "madvise" mode).
void advise_huge_pages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t huge = 2u << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normal(Stream& s, double mean, double sd) { return boost::random::normal_distribution<double>{mean, sd}(s); }
float clamp01(double x) { return static_cast<float>(std::clamp(x, 0.0, 1.0)); }

double age_years(const Person& p, double now) { return age_at_entry(p) + (now - p.entry_day) / year; }

// ---- moving people -----------------------------------------------------------------------------------------

bool job_ready(const County& c, const Person& p) {
  return p.state == PersonState::follow_up && !p.supported_employment && p.readiness_estimate >= c.p->office.ready_threshold;
}

Tally tally_of(const County& c, const Person& p) {
  switch (p.state) {
    case PersonState::waiting_assessment: return p.referred ? Tally::waiting_referred : Tally::waiting;
    case PersonState::follow_up:
      return p.supported_employment ? Tally::follow_up_specialist : job_ready(c, p) ? Tally::follow_up_ready : Tally::follow_up;
    case PersonState::work_trial: return Tally::work_trial;
    case PersonState::subsidised_job: return p.supported_employment ? Tally::subsidised_specialist : Tally::subsidised;
    default: return Tally::out_of_services;
  }
}
void count_in_office(County& c, const Person& p, std::int32_t n) {
  c.offices[p.office].tally[static_cast<std::size_t>(tally_of(c, p))] += n;
}
// Applies `change` to a person and keeps the office's tally true. Every change of a person's state,
// referral or readiness estimate goes through here (move() does).
template <class Change>
void retally(County& c, Person& p, Change&& change) {
  count_in_office(c, p, -1);
  change();
  count_in_office(c, p, +1);
}

void move(County& c, Person& p, PersonState to, double now) {
  const auto t = transition_index(p.state, to);
  if (!t) {
    std::ostringstream os;
    os << "model invariant: transition " << person_state_labels[index(p.state)] << "->"
       << person_state_labels[index(to)] << " is not allowed (person " << (&p - c.persons.data()) << ", county "
       << c.facts->name << ", t=" << now << "; transitions.hpp lists the allowed ones)";
    throw ModelError(os.str());
  }
  c.step.transitions[*t] += 1;
  c.stock[index(p.state)] -= 1;
  c.stock[index(to)] += 1;
  retally(c, p, [&] { p.state = to; });
  p.state_since_day = now;
  ++p.timer_epoch;  // any timer set in the old state is now stale
}

void set_timer(Context& ctx, PersonId id, const Person& p, EventKind kind, double when) {
  ctx.schedule(when, ModelEvent{kind, id, p.timer_epoch}, /*priority=*/1);
}

void add_to_caseload(County& c, PersonId id, Person& p) {
  if (p.in_caseload) return;
  p.in_caseload = true;
  c.offices[p.office].caseload.push_back(id);
  if (p.state == PersonState::waiting_assessment) c.offices[p.office].assessment_queue.push_back(id);
}

Employer* current_employer(County& c, Person& p) { return p.employer == none ? nullptr : &c.employers[p.employer]; }

void release_employer(County& c, Person& p) {
  if (auto* e = current_employer(c, p); e && e->trainees > 0) --e->trainees;
}

void record_wait(County& c, Queue q, double days) {
  c.wait_days_sum[static_cast<std::size_t>(q)] += days;
  c.wait_count[static_cast<std::size_t>(q)] += 1;
}

// Employer trust with the contact-person relaxation brought up to date (SINTEF L251, L3476–3482).
void refresh_trust(County& c, Employer& e, double now) {
  if (e.contact) e.trust = relax(e.trust, c.p->als.contact_trust_target, c.contact_trust_rate_per_year, (now - e.trust_day) / year);
  e.trust_day = static_cast<float>(now);
}

void start_ordinary_job(Context& ctx, County& c, PersonId id, Person& p, double now) {
  move(c, p, PersonState::ordinary_job, now);
  // First-year job loss, lower for stronger candidates and for those a job specialist follows.
  double hazard = c.pop->job_loss_first_year * (1.0 - p.readiness);
  if (p.supported_employment) hazard *= 1.0 - c.p->support.supported_job_loss_reduction;
  if (hazard > 0) {
    auto s = person_stream(ctx, c, id, p, Purpose::timer);
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

// ---- placement ----------------------------------------------------------------------------------------------

enum class Broker { office, market_team, als, coach, matchmeeting, job_specialist };

std::optional<EmployerId> pick_employer(Context& ctx, County& c, bool among_contacts) {
  auto s = county_stream(ctx, c, Purpose::matching);
  const auto& pool_size = among_contacts ? c.contact_employers.size() : c.employers.size();
  if (pool_size == 0) return std::nullopt;
  for (int tries = 0; tries < 3; ++tries) {  // a firm with no free trainee slot says no at once
    const auto k = static_cast<std::uint32_t>(engine::uniform_int(s, 0, pool_size - 1));
    const EmployerId e = among_contacts ? c.contact_employers[k] : k;
    if (c.employers[e].trainees < c.employers[e].slots) return e;
  }
  return std::nullopt;
}

double draw_fit(Stream& s, const MatchingParams& m) {
  return std::clamp(normal(s, m.candidate_first ? m.fit_mean_candidate_first : m.fit_mean_employer_first, 0.15), 0.0, 1.0);
}

// One attempt to place a person: an employer is approached and decides. Returns true if the person moved.
// `employer`: the firm met at a matchemøte; otherwise the broker picks one. ALS advisers and market teams
// led by ALS go through the centre's IA contact firms; offices, coaches and job specialists approach any
// employer (most coach placements were in non-IA firms, SINTEF L3812–3821).
bool attempt_placement(Context& ctx, County& c, PersonId id, Broker broker, double now,
                       std::optional<EmployerId> employer = std::nullopt) {
  Person& p = c.persons[id];
  const auto& cp = *c.p;
  c.step.placement_attempts += 1;
  const bool via_contacts = broker == Broker::als || (broker == Broker::market_team && cp.als.leads_market_teams);
  const auto eid = employer ? employer : pick_employer(ctx, c, via_contacts);
  if (!eid) return false;
  Employer& e = c.employers[*eid];
  refresh_trust(c, e, now);
  auto ps = person_stream(ctx, c, id, p, Purpose::matching);
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
  auto es = employer_stream(ctx, c, *eid, e);
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
  auto s = county_stream(ctx, c, Purpose::matching);
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

// ---- assessment ----------------------------------------------------------------------------------------------

void complete_assessment(Context& ctx, County& c, PersonId id, Person& p, double quality, double now) {
  auto s = person_stream(ctx, c, id, p, Purpose::assessment);
  p.readiness_estimate = clamp01(p.readiness + normal(s, 0.0, c.p->office.readiness_error_sd_at_zero_quality * (1.0 - quality)));
  record_wait(c, p.purchased_assessment ? Queue::assessment_purchased : Queue::assessment_in_house, now - p.state_since_day);
  move(c, p, PersonState::follow_up, now);
}

// ---- the weekly round ------------------------------------------------------------------------------------

// A person waiting or in follow-up for one week: readiness moves with the follow-up received (share f),
// then exits by education, disability, drop-out, AAP expiry or ageing out.
void person_week(Context& ctx, County& c, PersonId id, Person& p, double f, double now) {
  const auto& pop = *c.pop;
  if (age_years(p, now) >= 30.0) return move(c, p, PersonState::aged_out, now);
  auto s = person_stream(ctx, c, id, p, Purpose::weekly);
  if (p.on_aap && now - p.entry_day >= pop.aap_max_years * year) {
    p.on_aap = false;
    if (engine::bernoulli(s, pop.disability_at_aap_expiry_share)) return move(c, p, PersonState::disability_benefit, now);
  }
  const double dt = week / year;
  p.readiness = clamp01(p.readiness + pop.readiness_gain_follow_up_per_year * f * (1 - p.readiness) * dt -
                        pop.readiness_decay_inactive_per_year * (1 - f) * p.readiness * dt);
  if (p.state == PersonState::follow_up)
    retally(c, p, [&] {
      p.readiness_estimate += static_cast<float>(std::min(1.0, c.p->office.estimate_learning_per_year * f * dt) *
                                                 (p.readiness - p.readiness_estimate));
    });
  const double h_edu = pop.education_exit_per_year * dt * (p.upper_secondary ? 0.5 : 1.5);
  const double h_dis = pop.disability_exit_per_year * dt;
  const double h_drop = pop.dropout_per_year * dt * (1.0 + pop.dropout_neglect_multiplier * (1.0 - f));
  const double u = engine::uniform01(s);
  if (u < h_edu) return move(c, p, PersonState::education, now);
  if (u < h_edu + h_dis) return move(c, p, PersonState::disability_benefit, now);
  if (u < h_edu + h_dis + h_drop) return move(c, p, PersonState::inactive, now);
}

// A caseload's people lie far apart in the county's array; asking for the one a few places ahead hides most
// of the memory latency of the weekly sweep (docs/performance.md). A 40-byte person straddles two cache
// lines half the time, so both ends are asked for.
inline void prefetch_ahead(const County& c, const PersonId*& ahead, const PersonId* end) {
  constexpr std::ptrdiff_t distance = 8;
  if (end - ahead > distance) {
    const auto* p = reinterpret_cast<const char*>(&c.persons[ahead[distance]]);
    __builtin_prefetch(p, 1);
    __builtin_prefetch(p + sizeof(Person) - 1, 1);
  }
  ++ahead;
}

struct OfficeWeekHours {
  double veileder_available, veileder_used, market_available, market_used, specialist_available, specialist_used;
};

OfficeWeekHours office_week(Context& ctx, County& c, Office& o, double extra_veileder_hours, double extra_market_hours,
                            double now) {
  const auto& op = c.p->office;
  const auto& sp = c.p->support;
  // The assessment queue keeps only those still waiting for the office, in order of arrival (assessment
  // is FIFO). The other services' demand comes from the office's running tally of its people.
  std::erase_if(o.assessment_queue, [&](PersonId id) {
    const Person& p = c.persons[id];
    return p.state != PersonState::waiting_assessment || p.referred;
  });
  std::array<double, office_service_count> demand{};
  for (PersonId id : o.assessment_queue)
    demand[0] += c.persons[id].purchased_assessment ? op.purchased_assessment_office_hours : op.assessment_hours;
  const auto tally = [&o](Tally t) { return o.tally[static_cast<std::size_t>(t)]; };
  const auto n_trial = tally(Tally::work_trial);
  const auto n_follow = tally(Tally::follow_up) + tally(Tally::follow_up_ready);
  const auto n_ready = tally(Tally::follow_up_ready);
  const auto n_se = tally(Tally::follow_up_specialist) + tally(Tally::subsidised_specialist);
  demand[0] = std::max(0.0, demand[0] - o.assessment_hours_carry);
  demand[1] = n_trial * op.trial_follow_up_hours_per_week;
  demand[2] = n_follow * op.user_follow_up_hours_per_week;
  demand[3] = n_ready * op.placement_attempt_hours;
  const double available = std::max(0.0, o.veileder_hours_per_week + extra_veileder_hours - o.hours_owed);
  o.hours_owed = 0;
  auto weight = op.priority_weight;
  weight[3] *= o.employer_contact_weight;
  const auto alloc = allocate_hours(available, demand, weight);
  const double total_demand = std::accumulate(demand.begin(), demand.end(), 0.0);
  const double load = available > 0 ? total_demand / available : (total_demand > 0 ? 1e9 : 0.0);

  // Assessments in order of arrival, as far as the hours go.
  double budget = alloc[0] + o.assessment_hours_carry;
  const double quality = assessment_quality(op, load);
  for (PersonId id : o.assessment_queue) {
    Person& p = c.persons[id];
    const double cost = p.purchased_assessment ? op.purchased_assessment_office_hours : op.assessment_hours;
    if (budget < cost) break;
    budget -= cost;
    if (p.purchased_assessment) {  // ordered from a provider; the person waits there (AFI seed)
      retally(c, p, [&] { p.referred = true; });
      auto s = person_stream(ctx, c, id, p, Purpose::assessment);
      set_timer(ctx, id, p, EventKind::provider_done, now + engine::exponential(s, op.purchased_wait_weeks_mean * week));
    } else {
      complete_assessment(ctx, c, id, p, quality, now);
    }
  }
  o.assessment_hours_carry = std::min(budget, op.assessment_hours);  // part of the next assessment is done

  const double f_trial = demand[1] > 0 ? alloc[1] / demand[1] : 1.0;
  const double f_user = demand[2] > 0 ? alloc[2] / demand[2] : 1.0;
  o.trial_follow_up_share = f_trial;
  // Job specialists: 15–20 people each (klar-supported-employment.txt); their hours are theirs alone.
  const double se_need = n_se * sp.job_specialist_hours_per_week / sp.job_specialist_caseload;
  const double f_se = se_need > 0 ? std::min(1.0, o.specialist_hours_per_week / se_need) : 1.0;

  // Employer contact: the office's own hours plus the market team's (less what uncoordinated contact wastes).
  const double waste = c.p->als.leads_market_teams ? 0.0 : op.uncoordinated_contact_waste_share;
  const double market_available = o.market_hours_per_week + extra_market_hours;
  double contact_hours = alloc[3] + market_available * (1.0 - waste);
  double market_used = 0, contact_used = 0;
  std::vector<PersonId> ready;
  std::vector<PersonId> se_people;
  // One sweep over the caseload, in order of arrival: people who left services since last week drop out of
  // it (those leaving this week stay listed until the next), the others have their week. The sweep's
  // reads of people far apart in memory overlap with the work of those before them (prefetch_ahead).
  const PersonId* ahead = o.caseload.data();
  const PersonId* const end = ahead + o.caseload.size();
  std::size_t kept = 0;
  for (std::size_t k = 0, n = o.caseload.size(); k < n; ++k) {
    prefetch_ahead(c, ahead, end);
    const PersonId id = o.caseload[k];
    Person& p = c.persons[id];
    p.in_caseload = in_services(p.state);
    if (!p.in_caseload) continue;
    o.caseload[kept++] = id;
    if (p.state == PersonState::work_trial) {
      if (p.trial_follow_up_weeks < 255) {  // both parts of the mean stop together at 255 weeks
        p.trial_follow_up_sum += static_cast<float>(p.supported_employment ? f_se : f_trial);
        ++p.trial_follow_up_weeks;
      }
    } else if (p.state == PersonState::waiting_assessment) {
      person_week(ctx, c, id, p, 0.0, now);
    } else if (p.state == PersonState::follow_up) {
      person_week(ctx, c, id, p, p.supported_employment ? f_se : f_user, now);
      if (p.state != PersonState::follow_up) continue;
      if (p.supported_employment) se_people.push_back(id);
      else if (job_ready(c, p)) ready.push_back(id);
    }
  }
  o.caseload.resize(kept);
  for (PersonId id : ready) {
    if (contact_hours < op.placement_attempt_hours) break;
    contact_hours -= op.placement_attempt_hours;
    const bool from_market = contact_used + op.placement_attempt_hours > alloc[3];
    if (from_market) market_used += op.placement_attempt_hours / (1.0 - waste);
    else contact_used += op.placement_attempt_hours;
    attempt_placement(ctx, c, id, from_market ? Broker::market_team : Broker::office, now);
  }
  // What is left ready is offered to ALS, the coach and matchemøter until next week.
  o.ready.clear();
  o.ready_next = 0;
  for (PersonId id : ready)
    if (job_ready(c, c.persons[id])) o.ready.push_back(id);
  // Place, then train: a job specialist's time covers follow-up and employer work alike, so each person
  // they follow is tried with an employer in a week with the share of the need their hours cover.
  for (PersonId id : se_people) {
    Person& p = c.persons[id];
    auto s = person_stream(ctx, c, id, p, Purpose::matching);
    if (engine::bernoulli(s, f_se)) attempt_placement(ctx, c, id, Broker::job_specialist, now);
  }
  const double se_used = std::min(se_need, o.specialist_hours_per_week);
  // Hours given to assessment are spent even when they only advance the next one (the carry).
  const double veileder_used = alloc[0] + alloc[1] + alloc[2] + contact_used;
  return {available, veileder_used, market_available, std::min(market_used, market_available), o.specialist_hours_per_week, se_used};
}

}  // namespace

std::string describe(const ModelEvent& e) {
  static const char* names[] = {"county_week", "arrival", "matchmeeting", "trial_end", "subsidy_end", "provider_done", "job_lost"};
  std::string s = names[static_cast<int>(e.kind)];
  if (e.person != none) s += "(person " + std::to_string(e.person) + ")";
  return s;
}

IaModel::IaModel(const Params& params) : params_(params) {
  if (params.counties.size() != params.county_params.size())
    throw ModelError("params: " + std::to_string(params.counties.size()) + " counties but " +
                     std::to_string(params.county_params.size()) + " county parameter sets");
}

namespace {

// ---- building a county ----------------------------------------------------------------------------------

double national_population_thousands(const Params& params) {
  double total = 0;
  for (const auto& f : params.counties) total += f.population_thousands;
  return total;
}

Person new_person(Stream& s, const PopulationParams& pop, const CountyParams& cp, OfficeId office, double entry_day) {
  Person p{};
  p.entry_day = entry_day;
  p.state_since_day = std::max(0.0, entry_day);
  set_age_at_entry(p, pop.entry_age_min_years + engine::uniform01(s) * (pop.entry_age_max_years - pop.entry_age_min_years));
  p.on_aap = engine::bernoulli(s, pop.aap_share);
  // The 68% applies to the AAP group (SINTEF L2443–2444); the model assumes it for everyone.
  p.mental_health = engine::bernoulli(s, pop.mental_health_share);
  p.upper_secondary = engine::bernoulli(s, pop.upper_secondary_share);
  // Readiness: a normal around the mean, clamped to [0, 1].
  p.readiness = clamp01(normal(s, pop.readiness_mean, pop.readiness_sd));
  p.readiness_estimate = p.readiness;
  p.office = office;
  p.purchased_assessment = engine::bernoulli(s, cp.office.purchased_assessment_share);
  p.supported_employment = engine::bernoulli(s, cp.support.supported_employment_share);
  p.state = PersonState::waiting_assessment;
  return p;
}

// Correlated cooperation propensities (SINTEF Tables 3.2, 3.4) through a Cholesky factor of their
// correlation matrix; the scenario loader has checked that it is one.
void draw_cooperation(Stream& s, const OfficeParams& op, Office& o) {
  const double r12 = op.cooperation_correlation_als_coach, r13 = op.cooperation_correlation_als_employers,
               r23 = op.cooperation_correlation_coach_employers;
  const double l22 = std::sqrt(std::max(0.0, 1 - r12 * r12));
  const double l32 = l22 > 0 ? (r23 - r12 * r13) / l22 : 0.0;
  const double l33 = std::sqrt(std::max(0.0, 1 - r13 * r13 - l32 * l32));
  const double e1 = normal(s, 0, 1), e2 = normal(s, 0, 1), e3 = normal(s, 0, 1);
  const double als = e1, coach = r12 * e1 + l22 * e2, employers = r13 * e1 + l32 * e2 + l33 * e3;
  // Engaged: the ALS and coach propensities together in the top engaged_share (their sum has sd sqrt(2 + 2 r12)).
  const double internal = (als + coach) / std::sqrt(2 + 2 * r12);
  o.engaged = normal_cdf(internal) > 1.0 - op.engaged_share;
  const double u = normal_cdf(employers);
  o.employer_contact_weight = static_cast<float>(u > 1.0 - op.employer_contact_close_share ? op.employer_contact_weight_close
                                                 : u < op.employer_contact_rare_share     ? op.employer_contact_weight_rare
                                                                                          : 1.0);
}

OfficeId pick_office(Stream& s, const County& c) {
  const double u = engine::uniform01(s) * c.office_weight_cumulative.back();
  const auto it = std::upper_bound(c.office_weight_cumulative.begin(), c.office_weight_cumulative.end(), u);
  return static_cast<OfficeId>(std::min<std::size_t>(it - c.office_weight_cumulative.begin(), c.offices.size() - 1));
}

double arrivals_per_day(const County& c) {
  return c.pop->entrants_per_year_per_1000_pop * c.facts->population_thousands * c.scale / year;
}

void build_county(Context& ctx, County& c, double national_pop_thousands) {
  const auto& cp = *c.p;
  const auto& pop = *c.pop;
  const auto& table = caseload_table_2013();
  auto s = county_stream(ctx, c, Purpose::build);

  // Offices: size class by the survey's distribution; users per veileder from the class's Table 3.1 column.
  const double n_surveyed = std::accumulate(std::begin(table.staff_class_offices), std::end(table.staff_class_offices), 0.0);
  double cum = 0;
  for (std::uint32_t k = 0; k < c.facts->offices; ++k) {
    Office o{};
    double u = engine::uniform01(s) * n_surveyed;
    o.staff_class = 0;
    while (o.staff_class + 1 < CaseloadTable::size_classes && u >= table.staff_class_offices[o.staff_class]) {
      u -= table.staff_class_offices[o.staff_class];
      ++o.staff_class;
    }
    double v = engine::uniform01(s) * 100.0;
    int bin = 0;
    while (bin + 1 < CaseloadTable::caseload_bins && v >= table.column_pct[bin][o.staff_class]) {
      v -= table.column_pct[bin][o.staff_class];
      ++bin;
    }
    o.users_per_veileder = static_cast<float>(table.bin_low[bin] + engine::uniform01(s) * (table.bin_high[bin] - table.bin_low[bin]));
    draw_cooperation(s, cp.office, o);
    cum += table.staff_class_midpoint[o.staff_class];
    c.office_weight_cumulative.push_back(cum);
    c.offices.push_back(std::move(o));
  }
  const double n_initial = pop.initial_persons * c.scale * c.facts->population_thousands / national_pop_thousands;
  // Hours for the target group follow from each office's share of the county's people and its caseload:
  // a veileder with N users gives each user casework_share / N of the week.
  const double per_user_week = cp.office.veileder_hours_per_week * cp.office.veileder_casework_share *
                               (1.0 - cp.office.competing_initiatives_share);
  for (auto& o : c.offices) {
    o.staff_share = table.staff_class_midpoint[o.staff_class] / cum;
    const double users = n_initial * o.staff_share;
    o.veileder_hours_per_week = users * per_user_week / (o.users_per_veileder * cp.office.caseload_multiplier);
    o.market_hours_per_week = cp.office.market_coordinator_hours_per_week * cp.office.market_target_group_share * c.scale;
    o.specialist_hours_per_week = users * cp.support.supported_employment_share / cp.support.job_specialist_caseload *
                                  cp.support.job_specialist_hours_per_week;
  }

  // Employers: establishments in proportion to population; IA firms have a fixed ALS contact (SINTEF L251).
  const auto n_employers = static_cast<std::size_t>(std::llround(cp.employer.establishments_per_1000_pop * c.facts->population_thousands * c.scale));
  c.employers.resize(n_employers);
  for (EmployerId i = 0; i < n_employers; ++i) {
    Employer& e = c.employers[i];
    const double u = engine::uniform01(s);
    e.trust = static_cast<float>(u < cp.employer.controller_share ? cp.employer.trust_controller
                                 : u < cp.employer.controller_share + cp.employer.partner_share ? cp.employer.trust_partner
                                                                                               : cp.employer.trust_neutral);
    e.ia = engine::bernoulli(s, cp.employer.ia_share);
    c.ia_employers += e.ia;
    e.is_public = engine::bernoulli(s, cp.employer.public_share);
    e.free_labour = engine::bernoulli(s, cp.employer.free_labour_share);
    e.slots = static_cast<std::uint8_t>(std::clamp(cp.employer.trainee_slots, 1.0, 255.0));
    e.contact = e.ia && engine::bernoulli(s, cp.als.contact_person_share *
                                                (cp.als.merged_into_offices ? cp.als.merger_contact_retained_share : 1.0));
    if (e.contact) c.contact_employers.push_back(i);
  }
  c.adviser_hours_per_week = cp.als.advisers_per_100k_population * c.facts->population_thousands / 100.0 * c.scale *
                             cp.als.adviser_hours_per_week;
  c.sick_leave_pct = cp.als.sick_leave_pct_initial;

  // The initial stock: people already in the target group on 1 January 2015, in their states.
  const auto n_persons = static_cast<std::size_t>(std::llround(n_initial));
  // Room for the whole run's entrants, so the array never moves; at national scale and above it spans
  // hundreds of MiB touched at random, where huge pages save most TLB misses.
  c.persons.reserve(n_persons + static_cast<std::size_t>(arrivals_per_day(c) * c.pop_horizon_days * 1.2) + 1024);
  advise_huge_pages(c.persons.data(), c.persons.capacity() * sizeof(Person));
  advise_huge_pages(c.employers.data(), c.employers.size() * sizeof(Employer));
  for (std::size_t k = 0; k < n_persons; ++k) {
    const PersonId id = static_cast<PersonId>(c.persons.size());
    auto ps = ctx.stream(entity(EntityKind::person, c.index, id), static_cast<std::uint64_t>(Purpose::build), 0);
    const double years_in = engine::uniform01(ps) * pop.initial_years_in_group_max;
    Person p = new_person(ps, pop, cp, pick_office(ps, c), -years_in * year);
    p.draws = 1;
    if (age_at_entry(p) + years_in >= 30.0) set_age_at_entry(p, 29.5 - years_in - engine::uniform01(ps) * 5.0);
    const double u = engine::uniform01(ps);
    PersonState st = PersonState::follow_up;
    if (u < pop.initial_waiting_share) st = PersonState::waiting_assessment;
    else if (u < pop.initial_waiting_share + pop.initial_trial_share) st = PersonState::work_trial;
    else if (u < pop.initial_waiting_share + pop.initial_trial_share + pop.initial_subsidised_share) st = PersonState::subsidised_job;
    if (st != PersonState::waiting_assessment) {
      const double q = p.purchased_assessment ? cp.office.purchased_assessment_quality : cp.office.in_house_assessment_quality;
      p.readiness_estimate = clamp01(p.readiness + normal(ps, 0.0, cp.office.readiness_error_sd_at_zero_quality * (1.0 - q)));
    }
    p.state = st;
    p.state_since_day = 0;
    c.stock[index(st)] += 1;
    c.persons.push_back(p);
    ++c.initial_persons;
    add_to_caseload(c, id, c.persons.back());
    count_in_office(c, c.persons.back(), +1);
    Person& placed = c.persons.back();
    if (st == PersonState::work_trial || st == PersonState::subsidised_job) {
      if (auto e = pick_employer(ctx, c, false)) {
        placed.employer = *e;
        ++c.employers[*e].trainees;
      }
      // Part-way through: started `length - left` weeks before the start, with half its follow-up met so far.
      const double length = st == PersonState::work_trial ? cp.support.trial_weeks : cp.support.subsidy_weeks;
      const double left = engine::uniform01(ps) * length;
      placed.state_since_day = -(length - left) * week;
      placed.trial_follow_up_weeks = static_cast<std::uint8_t>(std::min(255.0, length - left));
      placed.trial_follow_up_sum = 0.5f * placed.trial_follow_up_weeks;
      set_timer(ctx, id, placed, st == PersonState::work_trial ? EventKind::trial_end : EventKind::subsidy_end, left * week);
    }
  }
  c.cohorts.cohorts = 0;
}

void schedule_arrival(Context& ctx, County& c, double now) {
  const double rate = arrivals_per_day(c);
  if (rate <= 0) return;
  auto s = county_stream(ctx, c, Purpose::arrival);
  ctx.schedule(now + engine::exponential(s, 1.0 / rate), ModelEvent{EventKind::arrival});
}

void schedule_matchmeeting(Context& ctx, County& c, double now) {
  const double per_year = c.p->matching.matchmeetings_per_year;
  if (per_year <= 0) return;
  ctx.schedule(now + year / per_year, ModelEvent{EventKind::matchmeeting});
}

// ---- county-level rounds ------------------------------------------------------------------------------------

double merger_competence(const AlsParams& a, double now) {
  if (!a.merged_into_offices) return 1.0;
  return std::pow(0.5, (now / year) / a.merger_competence_half_life_years);
}

void county_week(Context& ctx, County& c, double now) {
  const auto& cp = *c.p;
  const auto& als = cp.als;
  const double competence = merger_competence(als, now);
  auto& used = c.step.hours_used;
  auto& available = c.step.hours_available;
  const auto actor = [](Actor a) { return static_cast<std::size_t>(a); };

  // NAV Arbeidslivssenter: adviser hours by IA sub-goal (Table 2.1). A merger moves the advisers into the
  // offices, where part of their hours is swallowed by casework (SINTEF L2192–2194); advisers who spend days
  // at offices (Telemark 4-1) lose a smaller part the same way (SINTEF L1824–1826).
  const double in_firms = c.adviser_hours_per_week * als.in_firm_share;
  const double absorbed_share = als.merged_into_offices ? als.merger_absorbed_share
                                                        : als.days_at_offices_share * als.days_at_offices_absorbed_share;
  const double absorbed = in_firms * absorbed_share;
  const double ia_hours = in_firms - absorbed;
  const double d1 = ia_hours * als.delmal1_share, d2 = ia_hours * als.delmal2_share;
  c.step.als_hours[0] += d1;
  c.step.als_hours[1] += d2;
  c.step.als_hours[2] += ia_hours * als.delmal3_share;
  c.step.als_hours[3] += ia_hours * als.other_share;
  available[actor(Actor::ia_adviser)] += c.adviser_hours_per_week;


  // Delmål 2 keeps contact relations alive; the rest opens doors for offices' candidates. After a merger
  // that part is the offices' own market work (given to them below), not the centre's.
  const double contact_hours_year = d2 * (1.0 - als.placement_share_of_delmal2) * (year / week);
  const double n_contacts = static_cast<double>(c.contact_employers.size());
  const double per_firm = n_contacts > 0 ? contact_hours_year / n_contacts : 0.0;
  c.contact_trust_rate_per_year =
      als.contact_trust_rate_per_year * std::min(1.0, per_firm / als.contact_hours_per_firm_per_year) * competence;
  // Delmål 1: sick leave in IA firms falls with adviser hours per IA firm and drifts back without them.
  const double h1 = d1 * (year / week) / std::max(1.0, double(c.ia_employers)) * competence;
  c.sick_leave_pct += (week / year) * (-als.sick_leave_reduction_per_hour_per_firm * h1 * (c.sick_leave_pct - als.sick_leave_pct_floor) +
                                       als.sick_leave_drift_per_year * (als.sick_leave_pct_initial - c.sick_leave_pct));
  // Inclusion work and hours moved into offices serve everyone with reduced work capacity; the target
  // group gets its share of them.
  const double tg_share = c.pop->target_group_share_of_reduced_capacity;
  const double door_opening = d2 * als.placement_share_of_delmal2 * tg_share;
  // Absorbed hours count as the offices' veileder hours, and after a merger the door-opening hours as
  // their market hours, each once.
  used[actor(Actor::ia_adviser)] += ia_hours - (als.merged_into_offices ? door_opening : 0.0);
  if (!als.merged_into_offices) {
    // ALS brokers placements with its IA firms for the offices that cooperate: engaged offices first, all
    // offices alike in proportion to the days advisers spend there.
    c.als_placement_carry += door_opening;
    const double attempt_hours = cp.office.placement_attempt_hours;
    while (c.als_placement_carry >= attempt_hours) {
      c.als_placement_carry -= attempt_hours;
      if (auto id = pick_candidate(ctx, c, 1.0 - als.days_at_offices_share)) attempt_placement(ctx, c, *id, Broker::als, now);
    }
  }

  // The coach: system work opens employers' doors and funds matchemøter; case work is absorbed by single
  // cases (SINTEF L3631–3637).
  const auto& coach = cp.coach;
  const double coach_hours = coach.coaches * coach.hours_per_week * c.scale;
  const double system = coach_hours * coach.system_share;
  // System time goes to the next matchemøte until one is paid for (the bank holds at most one), then to
  // door opening: a visit that moves the employer's trust a learning step toward a partner's view of NAV.
  const double to_bank = std::clamp(coach.matchmeeting_organiser_hours - c.coach_system_hours_banked, 0.0, system);
  c.coach_system_hours_banked += to_bank;
  // Hours short of a whole visit or case carry over to the next week (small runs have a fraction of a coach).
  double& door_hours = c.coach_door_carry;
  door_hours += system - to_bank;
  double coach_used = to_bank;
  while (door_hours >= coach.hours_per_door_opening && !c.employers.empty()) {
    door_hours -= coach.hours_per_door_opening;
    coach_used += coach.hours_per_door_opening;
    auto s = county_stream(ctx, c, Purpose::matching);
    Employer& e = c.employers[engine::uniform_int(s, 0, c.employers.size() - 1)];
    refresh_trust(c, e, now);
    e.trust += static_cast<float>(cp.employer.trust_learning_rate * (cp.employer.trust_partner - e.trust));
  }
  double& case_hours = c.coach_case_carry;
  case_hours += coach_hours * (1.0 - coach.system_share);
  while (case_hours >= coach.hours_per_case_week) {
    case_hours -= coach.hours_per_case_week;
    coach_used += coach.hours_per_case_week;
    if (auto id = pick_candidate(ctx, c, coach.engaged_office_focus)) attempt_placement(ctx, c, *id, Broker::coach, now);
  }
  available[actor(Actor::coach)] += coach_hours;
  used[actor(Actor::coach)] += coach_used;

  // The county coordinator: visits to offices' leadership anchor the strategy in offices not yet engaged,
  // which turnover slowly undoes; the rest of the week goes to the next matchemøte.
  const double coordinator = coach.coordinator_hours_per_week * c.scale;
  const double anchoring = coordinator * coach.coordinator_anchoring_share;
  const double to_meeting =
      std::clamp(coach.matchmeeting_organiser_hours - c.coach_system_hours_banked, 0.0, coordinator - anchoring);
  double& visit_hours = c.coordinator_visit_carry;
  visit_hours += anchoring;
  c.coach_system_hours_banked += to_meeting;
  double coordinator_used = to_meeting;
  auto cs = county_stream(ctx, c, Purpose::anchoring);
  while (visit_hours >= coach.anchoring_visit_hours && !c.offices.empty()) {
    visit_hours -= coach.anchoring_visit_hours;
    coordinator_used += coach.anchoring_visit_hours;
    Office& o = c.offices[engine::uniform_int(cs, 0, c.offices.size() - 1)];
    if (!o.engaged && engine::bernoulli(cs, coach.anchoring_success_per_visit)) o.engaged = true;
  }
  for (auto& o : c.offices)
    if (o.engaged && engine::bernoulli(cs, cp.office.engagement_loss_per_year * week / year)) o.engaged = false;
  available[actor(Actor::coordinator)] += coordinator;
  used[actor(Actor::coordinator)] += coordinator_used;

  // Wage subsidies paid this week.
  c.step.subsidy_cost_nok += c.stock[index(PersonState::subsidised_job)] * cp.support.wage_nok_per_week * cp.support.subsidy_share;

  // Every office spends its week; hours moved from ALS are shared by staff.
  for (auto& o : c.offices) {
    const double extra_market = als.merged_into_offices ? door_opening * o.staff_share : 0.0;
    const auto h = office_week(ctx, c, o, absorbed * tg_share * o.staff_share, extra_market, now);
    available[actor(Actor::veileder)] += h.veileder_available;
    used[actor(Actor::veileder)] += h.veileder_used;
    available[actor(Actor::market_coordinator)] += h.market_available;
    used[actor(Actor::market_coordinator)] += h.market_used;
    available[actor(Actor::job_specialist)] += h.specialist_available;
    used[actor(Actor::job_specialist)] += h.specialist_used;
  }
  ctx.schedule(now + week, ModelEvent{EventKind::county_week});
}

void matchmeeting(Context& ctx, County& c, double now) {
  const auto& m = c.p->matching;
  schedule_matchmeeting(ctx, c, now);
  // A matchemøte needs its organiser's hours (the coach's system time, SINTEF L2750–2759).
  if (c.coach_system_hours_banked < c.p->coach.matchmeeting_organiser_hours || c.contact_employers.empty()) return;
  c.coach_system_hours_banked -= c.p->coach.matchmeeting_organiser_hours;
  c.step.matchmeetings += 1;
  // The room: selected IA firms (one meeting had 9 firms and 5 offices' candidates, SINTEF L3001–3003).
  auto s = county_stream(ctx, c, Purpose::meeting);
  // Drawn without replacement: a partial Fisher-Yates shuffle over the contact firms' positions.
  const auto n_contacts = c.contact_employers.size();
  const auto n_employers = std::min<std::size_t>(
      n_contacts, std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(m.employers_per_matchmeeting * c.scale))));
  std::vector<EmployerId> room(c.contact_employers);
  for (std::size_t k = 0; k < n_employers; ++k) std::swap(room[k], room[engine::uniform_int(s, k, n_contacts - 1)]);
  room.resize(n_employers);
  const auto n_candidates = static_cast<long>(std::llround(m.candidates_per_matchmeeting * c.scale));
  for (long k = 0; k < n_candidates; ++k) {
    const auto id = pick_candidate(ctx, c, c.p->coach.engaged_office_focus);
    if (!id) break;
    Person& p = c.persons[*id];
    c.offices[p.office].hours_owed += m.matchmeeting_veileder_hours_per_candidate;
    // The candidate meets the firms in the room, who now know the person (SINTEF L6471–6480), and talks
    // to them in turn until one offers a trial.
    const auto first = engine::uniform_int(s, 0, room.size() - 1);
    for (std::size_t e = 0; e < room.size() && p.state == PersonState::follow_up; ++e)
      attempt_placement(ctx, c, *id, Broker::matchmeeting, now, room[(first + e) % room.size()]);
  }
}

void arrival(Context& ctx, County& c, double now) {
  const PersonId id = static_cast<PersonId>(c.persons.size());
  auto s = ctx.stream(entity(EntityKind::person, c.index, id), static_cast<std::uint64_t>(Purpose::build), 0);
  Person p = new_person(s, *c.pop, *c.p, pick_office(s, c), now);
  p.draws = 1;
  c.persons.push_back(p);
  add_to_caseload(c, id, c.persons.back());
  count_in_office(c, c.persons.back(), +1);
  c.stock[index(PersonState::waiting_assessment)] += 1;
  c.step.transitions[*transition_index(std::nullopt, PersonState::waiting_assessment)] += 1;
  schedule_arrival(ctx, c, now);
}

void trial_end(Context& ctx, County& c, PersonId id, Person& p, double now) {
  const auto& cp = *c.p;
  const double weeks = (now - p.state_since_day) / week;
  // The mean share of follow-up needs met over the weeks the office has reported on this trial.
  const double follow_up =
      p.trial_follow_up_weeks > 0 ? std::clamp(double(p.trial_follow_up_sum) / p.trial_follow_up_weeks, 0.0, 1.0) : 1.0;
  p.readiness = clamp01(p.readiness + c.pop->readiness_gain_work_per_year * (weeks * week / year) * (1 - p.readiness));
  if (age_years(p, now) >= 30.0) {
    release_employer(c, p);
    return move(c, p, PersonState::aged_out, now);
  }
  auto s = person_stream(ctx, c, id, p, Purpose::decision);
  const bool success = engine::bernoulli(s, trial_success(cp.employer, p.readiness, follow_up));
  Employer* e = current_employer(c, p);
  if (e) {
    refresh_trust(c, *e, now);
    e->trust += static_cast<float>(cp.employer.trust_learning_rate *
                                   (trial_experience(cp.employer, cp.support, follow_up, success) - e->trust));
    if (success) e->good_trials = static_cast<std::uint8_t>(std::min(255, e->good_trials + 1));
    else e->bad_trials = static_cast<std::uint8_t>(std::min(255, e->bad_trials + 1));
  }
  if (success && e) {
    auto es = employer_stream(ctx, c, p.employer, *e);
    const bool subsidy = engine::bernoulli(es, cp.support.subsidy_availability);
    if (engine::bernoulli(es, hire_probability(cp.employer, cp.support, *e, p.readiness, subsidy, p.employer_met_before)))
      return hire(ctx, c, id, p, subsidy, now);
  }
  release_employer(c, p);
  p.readiness_estimate = p.readiness;  // a trial shows what the person can do
  // A failed trial ends in drop-out for some (SINTEF L4090–4095).
  if (!success && engine::bernoulli(s, c.pop->dropout_after_failed_trial * (1.0 - follow_up)))
    return move(c, p, PersonState::inactive, now);
  move(c, p, PersonState::follow_up, now);
}

void subsidy_end(Context& ctx, County& c, PersonId id, Person& p, double now) {
  const auto& cp = *c.p;
  p.readiness = clamp01(p.readiness + c.pop->readiness_gain_work_per_year * ((now - p.state_since_day) / year) * (1 - p.readiness));
  release_employer(c, p);
  if (age_years(p, now) >= 30.0) return move(c, p, PersonState::aged_out, now);
  Employer* e = current_employer(c, p);
  double x = cp.support.keep_after_subsidy_logit + cp.employer.hire_readiness_logit * (p.readiness - 0.5);
  if (e) {
    refresh_trust(c, *e, now);
    x += cp.employer.hire_trust_logit * (e->trust - 0.5);
    if (e->free_labour) x += cp.employer.free_labour_hire_logit;
  }
  auto s = e ? employer_stream(ctx, c, p.employer, *e) : person_stream(ctx, c, id, p, Purpose::decision);
  if (engine::bernoulli(s, logistic(x))) return start_ordinary_job(ctx, c, id, p, now);
  move(c, p, PersonState::follow_up, now);
}

}  // namespace

void IaModel::initialise(engine::Engine<IaModel>& eng) {
  const double national = national_population_thousands(params_);
  counties_.resize(params_.counties.size());
  for (std::uint32_t i = 0; i < counties_.size(); ++i) {
    County& c = counties_[i];
    c.index = i;
    c.facts = &params_.counties[i];
    c.p = &params_.county_params[i];
    c.pop = &params_.population;
    c.scale = params_.run.population_scale;
    c.pop_horizon_days = params_.run.horizon_years * year;
    c.cohorts.cohorts = static_cast<std::size_t>(std::ceil(params_.run.horizon_years));
    c.cohorts.counts.assign(c.cohorts.cohorts * (cohort_max_months + 1) * person_state_count, 0.0);
    auto& ctx = eng.context(i);
    const auto cohorts = c.cohorts;
    build_county(ctx, c, national);
    c.cohorts = cohorts;
    ctx.schedule(0.0, ModelEvent{EventKind::county_week});
    schedule_arrival(ctx, c, 0.0);
    schedule_matchmeeting(ctx, c, 0.0);
  }
}

void IaModel::handle(Context& ctx, const ModelEvent& e) {
  // A broken invariant names the event being handled, which a throw deep inside a rule cannot know.
  try {
    dispatch(ctx, e);
  } catch (const ModelError& error) {
    throw ModelError(std::string(error.what()) + "; while handling event " + describe(e) + " in county " +
                     counties_[ctx.self()].facts->name + " at t=" + std::to_string(ctx.now()));
  }
}

void IaModel::dispatch(Context& ctx, const ModelEvent& e) {
  County& c = counties_[ctx.self()];
  const double now = ctx.now();
  switch (e.kind) {
    case EventKind::county_week: return county_week(ctx, c, now);
    case EventKind::arrival: return arrival(ctx, c, now);
    case EventKind::matchmeeting: return matchmeeting(ctx, c, now);
    default: break;
  }
  Person& p = c.persons.at(e.person);
  if (static_cast<std::uint16_t>(e.epoch) != p.timer_epoch) return;  // set in a state the person has since left
  switch (e.kind) {
    case EventKind::trial_end: return trial_end(ctx, c, e.person, p, now);
    case EventKind::subsidy_end: return subsidy_end(ctx, c, e.person, p, now);
    case EventKind::provider_done:
      return complete_assessment(ctx, c, e.person, p, c.p->office.purchased_assessment_quality, now);
    case EventKind::job_lost:
      move(c, p, PersonState::follow_up, now);
      add_to_caseload(c, e.person, p);
      return;
    default: break;
  }
}

CountyObservation IaModel::observe(std::uint32_t county, double now) {
  County& c = counties_.at(county);
  CountyObservation o = c.step;
  o.persons = c.stock;
  // Invariant: the stocks add up to everyone who ever entered, and none is negative.
  const std::string where = " in county " + c.facts->name + " at t=" + std::to_string(now);
  double sum = 0;
  for (std::size_t s = 0; s < person_state_count; ++s) {
    if (c.stock[s] < 0)
      throw ModelError("model invariant: negative stock of " + std::string(person_state_labels[s]) + " (" +
                       std::to_string(c.stock[s]) + ")" + where + "; every move must go through move()");
    sum += c.stock[s];
  }
  if (sum != static_cast<double>(c.persons.size()))
    throw ModelError("model invariant: people not conserved" + where + ": stocks sum to " + std::to_string(sum) +
                     ", but " + std::to_string(c.persons.size()) + " people have entered; every move must go "
                     "through move() and every entry through the arrival event");
  for (std::size_t a = 0; a < actor_count; ++a)
    if (o.hours_used[a] < -1e-9 || o.hours_available[a] < -1e-9)
      throw ModelError("model invariant: negative hours for " + std::string(actor_labels[a]) + where + ": used " +
                       std::to_string(o.hours_used[a]) + " h of " + std::to_string(o.hours_available[a]) + " h available");

  // Queues now, from the offices' tallies, which must agree with the county's stocks.
  std::array<std::int64_t, tally_count> tally{};
  for (const auto& off : c.offices)
    for (std::size_t t = 0; t < tally_count; ++t) tally[t] += off.tally[t];
  const auto tallied = [&tally](std::initializer_list<Tally> ts) {
    std::int64_t n = 0;
    for (Tally t : ts) n += tally[static_cast<std::size_t>(t)];
    return n;
  };
  const std::pair<PersonState, std::int64_t> by_state[] = {
      {PersonState::waiting_assessment, tallied({Tally::waiting, Tally::waiting_referred})},
      {PersonState::follow_up, tallied({Tally::follow_up, Tally::follow_up_ready, Tally::follow_up_specialist})},
      {PersonState::work_trial, tallied({Tally::work_trial})},
      {PersonState::subsidised_job, tallied({Tally::subsidised, Tally::subsidised_specialist})}};
  for (const auto& [state, n] : by_state)
    if (static_cast<double>(n) != c.stock[index(state)])
      throw ModelError("model invariant: the offices' tallies count " + std::to_string(n) + " people in " +
                       std::string(person_state_labels[index(state)]) + " but the stock is " +
                       std::to_string(c.stock[index(state)]) + where + "; every change of state, referral or " +
                       "readiness estimate must go through retally()");
  o.queue_length[static_cast<std::size_t>(Queue::assessment_in_house)] = static_cast<double>(tallied({Tally::waiting}));
  o.queue_length[static_cast<std::size_t>(Queue::assessment_purchased)] = static_cast<double>(tallied({Tally::waiting_referred}));
  o.queue_length[static_cast<std::size_t>(Queue::job_ready_unplaced)] = static_cast<double>(tallied({Tally::follow_up_ready}));
  for (std::size_t q = 0; q < queue_count; ++q)
    o.wait_days_mean[q] = c.wait_count[q] > 0 ? c.wait_days_sum[q] / c.wait_count[q] : std::nan("");
  // Employers, with contact relations brought up to date without changing state (observing must not
  // change the run).
  double trust = 0;
  for (const auto& e : c.employers)
    trust += e.contact ? relax(e.trust, c.p->als.contact_trust_target, c.contact_trust_rate_per_year, (now - e.trust_day) / year) : e.trust;
  o.employers = static_cast<double>(c.employers.size());
  o.employer_trust_mean = c.employers.empty() ? std::nan("") : trust / c.employers.size();
  o.employers_with_contact_share = c.employers.empty() ? std::nan("") : double(c.contact_employers.size()) / c.employers.size();
  o.ia_sick_leave_pct = c.sick_leave_pct;
  double engaged = 0;
  for (const auto& off : c.offices) engaged += off.engaged;
  o.engaged_offices_share = c.offices.empty() ? std::nan("") : engaged / c.offices.size();

  // Cohort outcomes: each person entered since 2015 is counted once per whole month since entry (outputs
  // come at most a month apart, so no month is skipped; a month seen twice is counted once). People
  // are stored in order of entry, so those past the last recorded month form a prefix that is skipped.
  const double oldest_tracked = now - (cohort_max_months + 1) * month;
  while (c.cohort_scan_from < c.persons.size() &&
         (c.persons[c.cohort_scan_from].entry_day < 0 ? c.cohort_scan_from < c.initial_persons
                                                      : c.persons[c.cohort_scan_from].entry_day < oldest_tracked))
    ++c.cohort_scan_from;
  for (std::size_t i = c.cohort_scan_from; i < c.persons.size(); ++i) {
    auto& p = c.persons[i];
    if (p.entry_day < 0) continue;
    const auto m = static_cast<std::int32_t>(std::floor((now - p.entry_day) / month + 1e-9));
    const auto cohort = static_cast<std::size_t>(p.entry_day / year);
    if (m <= p.last_cohort_month || m > static_cast<std::int32_t>(cohort_max_months) || cohort >= c.cohorts.cohorts) continue;
    p.last_cohort_month = m;
    c.cohorts.at(cohort, static_cast<std::size_t>(m), index(p.state)) += 1;
  }

  c.step = CountyObservation{};
  c.wait_days_sum = {};
  c.wait_count = {};
  return o;
}

}  // namespace iasim::model
