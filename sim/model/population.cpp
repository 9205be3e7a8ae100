#include "sim/model/population.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <sys/mman.h>

#include "sim/model/detail/moves.hpp"
#include "sim/model/norway_2015.hpp"
#include "sim/model/measures.hpp"
#include "sim/model/migration.hpp"
#include "sim/model/placement.hpp"
#include "sim/model/timers.hpp"

namespace iasim::model::detail {

double national_population_thousands(const Params& params) {
  double total = 0;
  for (const auto& f : params.counties) total += f.population_thousands;
  return total;
}

namespace {

// Asks the kernel to back a large array with transparent huge pages (Linux, THP in "madvise" mode).
void advise_huge_pages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t huge = 2u << 20;
  const auto begin = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

Person new_person(Stream& s, const PopulationParams& pop, const CountyParams& cp, OfficeId office, double entry_day) {
  Person p{};
  p.entry_day = entry_day;
  p.state_since_day = entry_day;
  set_age_at_entry(p, pop.entry_age_min_years + engine::uniform01(s) * (pop.entry_age_max_years - pop.entry_age_min_years));
  p.on_aap = engine::bernoulli(s, pop.aap_share);
  // The 68% applies to the AAP group (SINTEF L2443–2444); the model assumes it for everyone.
  p.mental_health = engine::bernoulli(s, pop.mental_health_share);
  p.upper_secondary = engine::bernoulli(s, pop.upper_secondary_share);
  // Readiness: a normal around the mean, clamped to [0, 1].
  p.readiness = clamp01(normal(s, pop.readiness_mean, pop.readiness_sd));
  p.readiness_estimate = p.readiness;
  p.office = static_cast<std::uint8_t>(office);
  p.purchased_assessment = engine::bernoulli(s, cp.office.purchased_assessment_share);
  p.supported_employment = engine::bernoulli(s, cp.support.supported_employment_share);
  p.state = PersonState::waiting_assessment;
  set_motivation(p, normal(s, pop.motivation_mean, pop.motivation_sd));
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

}  // namespace

OfficeId pick_office(Stream& s, const County& c) {
  const double u = engine::uniform01(s) * c.office_weight_cumulative.back();
  const auto it = std::upper_bound(c.office_weight_cumulative.begin(), c.office_weight_cumulative.end(), u);
  return static_cast<OfficeId>(std::min<std::size_t>(it - c.office_weight_cumulative.begin(), c.offices.size() - 1));
}

namespace {

double arrivals_per_day(const County& c) {
  return c.pop->entrants_per_year_per_1000_pop * c.facts->population_thousands * c.scale / year;
}

}  // namespace

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
  c.office_stock.assign(c.offices.size(), {});
  c.office_transitions.assign(c.offices.size(), {});
  const double n_initial = pop.initial_persons * c.scale * c.facts->population_thousands / national_pop_thousands;
  // Hours for the target group follow from each office's share of the county's people and its caseload:
  // a veileder with N users gives each user casework_share / N of the week.
  const double per_user_week = cp.office.veileder_hours_per_week * cp.office.veileder_casework_share *
                               (1.0 - cp.office.competing_initiatives_share);
  // The office's veiledere follow all its users with reduced work capacity, of whom the target group is
  // `target_group_share_of_reduced_capacity`; veiledere in the smallest caseload bin have other duties too
  // (SINTEF L4772–4774), so they count as having at least `other_duties_users_per_veileder` users.
  const double tg_share = std::clamp(pop.target_group_share_of_reduced_capacity, 1e-6, 1.0);
  for (auto& o : c.offices) {
    o.staff_share = table.staff_class_midpoint[o.staff_class] / cum;
    const double users = n_initial * o.staff_share;
    o.other_users = users * (1.0 - tg_share) / tg_share;
    const double users_per_veileder = std::max<double>(o.users_per_veileder, cp.office.other_duties_users_per_veileder);
    o.veileder_staff_hours_per_week = (users + o.other_users) * per_user_week / (users_per_veileder * cp.office.caseload_multiplier);
    o.market_hours_per_week = cp.office.market_coordinator_hours_per_week * cp.office.market_target_group_share * c.scale;
    o.specialist_hours_per_week = users * cp.support.supported_employment_share / cp.support.job_specialist_caseload *
                                  cp.support.job_specialist_hours_per_week;
  }

  // Employers: establishments in proportion to population, with sizes (IA firms are larger); IA firms have
  // a fixed ALS contact (SINTEF L251). Whether a firm takes trainees does not depend on its size (SINTEF
  // L4603–4605); its trainee slots and how often brokers approach it do.
  const auto& ep = cp.employer;
  const auto n_employers = static_cast<std::size_t>(std::llround(ep.establishments_per_1000_pop * c.facts->population_thousands * c.scale));
  c.employers.resize(n_employers);
  size_openings(c, n_employers);
  for (Employer& e : c.employers) {
    const double u = engine::uniform01(s);
    set_initial_trust(c, e, u < ep.controller_share                      ? ep.trust_controller
                            : u < ep.controller_share + ep.partner_share ? ep.trust_partner
                                                                         : ep.trust_neutral);
    e.trust_day = static_cast<float>(c.start_day);  // memory fades from the spin-up's start
    e.ia = engine::bernoulli(s, ep.ia_share);
    e.is_public = engine::bernoulli(s, ep.public_share);
    const double mean = e.ia ? ep.size_mean_ia : ep.size_mean_other;
    const double log_mu = std::log(std::max(1.0, mean)) - 0.5 * ep.size_log_sd * ep.size_log_sd;
    const double size = std::clamp(std::round(std::exp(normal(s, log_mu, ep.size_log_sd))), 1.0, 65535.0);
    e.size = static_cast<std::uint16_t>(size);
    e.takes_trainees = engine::bernoulli(s, ep.takes_trainees_share);
    e.slots = static_cast<std::uint8_t>(std::clamp(1.0 + std::floor(size / std::max(1.0, ep.employees_per_trainee_slot)), 1.0, 255.0));
    e.contact = e.ia && engine::bernoulli(s, cp.als.contact_person_share);
  }
  // Brokers approach firms that take trainees, the larger the likelier: with those first, largest first, the
  // firms approached most often share cache lines (at 10x the population the records span 62 MiB). An
  // employer's id, which keys its random streams, is its place in this order.
  std::stable_sort(c.employers.begin(), c.employers.end(), [](const Employer& a, const Employer& b) {
    if (a.takes_trainees != b.takes_trainees) return a.takes_trainees > b.takes_trainees;
    return a.size > b.size;
  });
  for (EmployerId i = 0; i < n_employers; ++i) {
    Employer& e = c.employers[i];
    c.ia_employers += e.ia;
    note_openings(c, i);
    if (e.ia) c.ia_firms.push_back(i);
    if (e.contact) {
      c.contact_employers.push_back(i);
      e.last_visit_day = static_cast<float>(c.start_day);  // visited when the spin-up starts
    }
    if (e.takes_trainees) {
      c.trainee_firms.add(i, e.size);
      if (e.contact) c.contact_trainee_firms.add(i, e.size);
    }
  }
  c.trainee_firms.finish();
  c.contact_trainee_firms.finish();
  c.good_partners_capacity = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::llround(ep.good_partners_per_1000_firms * c.trainee_firms.ids.size() / 1000.0)));
  for (std::size_t k = 0; k < age_table_size; ++k)
    c.disability_age_factor[k] = static_cast<float>(disability_age_factor(pop, age_table_from + (k + 0.5) / 10.0));
  for (std::size_t k = 0; k <= readiness_table_steps; ++k)
    c.own_search_readiness_factor[k] =
        static_cast<float>(std::exp(pop.own_job_search_readiness_logit * (double(k) / readiness_table_steps - 0.5)));
  c.adviser_hours_per_week = cp.als.advisers_per_100k_population * c.facts->population_thousands / 100.0 * c.scale *
                             cp.als.adviser_hours_per_week;
  c.sick_leave_pct = cp.als.sick_leave_pct_initial;

  // The initial stock: people already in the target group when the spin-up starts, in assumed states; the
  // spin-up's year of the model's own processes puts them where its flows would have them by 2015.
  // The spin-up starts from fewer people, as the stock grew into 2015 (data/public_facts.md).
  const double t0 = c.start_day;
  const auto n_persons = static_cast<std::size_t>(std::llround(n_initial * (t0 < 0 ? pop.spin_up_start_share : 1.0)));
  // Room for the whole run's entrants, so the array never moves; at national scale and above it spans
  // hundreds of MiB touched at random, where huge pages save most TLB misses.
  c.persons.reserve(n_persons + static_cast<std::size_t>(arrivals_per_day(c) * (c.pop_horizon_days - c.start_day) * 1.3) + 1024);
  advise_huge_pages(c.persons.data(), c.persons.capacity() * sizeof(Person));
  advise_huge_pages(c.employers.data(), c.employers.size() * sizeof(Employer));
  for (std::size_t k = 0; k < n_persons; ++k) {
    const PersonId id = static_cast<PersonId>(c.persons.size());
    auto ps = person_build_stream(ctx, c, id);
    const double years_in = engine::uniform01(ps) * pop.initial_years_in_group_max;
    Person p = new_person(ps, pop, cp, pick_office(ps, c), t0 - years_in * year);
    if (age_at_entry(p) + years_in >= 30.0) set_age_at_entry(p, 29.5 - years_in - engine::uniform01(ps) * 5.0);
    const double u = engine::uniform01(ps);
    PersonState st = PersonState::follow_up;
    if (u < pop.initial_waiting_share) st = PersonState::waiting_assessment;
    else if (u < pop.initial_waiting_share + pop.initial_trial_share) st = PersonState::work_trial;
    else if (u < pop.initial_waiting_share + pop.initial_trial_share + pop.initial_subsidised_share) st = PersonState::subsidised_job;
    if (st != PersonState::waiting_assessment) {
      // Assessed before 2015 as offices then did: by interview, or by a provider's measure and its report.
      const double q = p.purchased_assessment ? provider_report_quality(cp.measures) : interview_quality(cp, 1.0);
      p.readiness_estimate = clamp01(p.readiness + normal(ps, 0.0, cp.office.readiness_error_sd_at_zero_quality * (1.0 - q)));
    }
    p.state = st;
    p.state_since_day = static_cast<float>(t0);
    c.persons.push_back(p);
    schedule_turning_30(c, id, c.persons.back(), t0);
    schedule_migration(ctx, c, id, c.persons.back(), t0);
    count_in_stocks(c, c.persons.back(), +1);
    count_in_office(c, c.persons.back(), +1);
    add_to_caseload(c, id, c.persons.back(), t0);
    if (st == PersonState::subsidised_job) set_parked(c, c.persons.back(), id, true);
    Person& placed = c.persons.back();
    if (st == PersonState::work_trial || st == PersonState::subsidised_job) {
      if (auto e = pick_employer(ps, c, false)) {
        placed.employer = *e;
        ++c.employers[*e].trainees;
        note_openings(c, *e);
      }
      // Part-way through: started `length - left` weeks before the start, with half its follow-up met so far.
      const double length = st == PersonState::work_trial ? cp.support.trial_weeks : cp.support.subsidy_weeks;
      const double left = engine::uniform01(ps) * length;
      placed.state_since_day = static_cast<float>(t0 - (length - left) * week);
      placed.trial_follow_up_weeks = static_cast<std::uint8_t>(std::min(255.0, length - left));
      placed.trial_follow_up_sum = 0.5f * placed.trial_follow_up_weeks;
      set_timer(ctx, id, placed, st == PersonState::work_trial ? EventKind::trial_end : EventKind::subsidy_end, t0 + left * week);
      if (st == PersonState::subsidised_job) start_job_loss_clock(ctx, c, id, placed, (length - left) * week / year, t0);
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

void arrival(Context& ctx, County& c, double now) {
  const PersonId id = static_cast<PersonId>(c.persons.size());
  auto s = person_build_stream(ctx, c, id);
  Person p = new_person(s, *c.pop, *c.p, pick_office(s, c), now);
  c.persons.push_back(p);
  count_in_stocks(c, c.persons.back(), +1);
  count_in_office(c, c.persons.back(), +1);
  count_transition(c, c.persons.back(), *transition_index(std::nullopt, PersonState::waiting_assessment));
  add_to_caseload(c, id, c.persons.back(), now);
  schedule_turning_30(c, id, c.persons.back(), now);
  schedule_migration(ctx, c, id, c.persons.back(), now);
  schedule_arrival(ctx, c, now);
}

}  // namespace iasim::model::detail
