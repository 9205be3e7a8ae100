#include "sim/scenario/schema.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace iasim::scenario {

namespace {

// The kind of YAML value follows from the field's C++ type, so an entry cannot claim a type the field lacks.
template <class T>
constexpr ParamType type_of() {
  if constexpr (std::is_same_v<T, bool>) return ParamType::flag;
  else if constexpr (std::is_same_v<T, double>) return ParamType::real;
  else if constexpr (std::is_same_v<T, std::uint32_t> || std::is_same_v<T, std::uint64_t>) return ParamType::count;
  else if constexpr (std::is_same_v<T, std::string>) return ParamType::text;
  else if constexpr (std::is_same_v<T, Weights>) return ParamType::weights;
  else static_assert(sizeof(T) == 0, "params.hpp gained a field type the scenario schema cannot load yet");
}

template <class T>
Value to_value(const T& field) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) return Value{std::uint64_t{field}};
  else return Value{field};
}

template <class T>
void from_value(T& field, const Value& v) {
  if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    const std::uint64_t n = std::get<std::uint64_t>(v);
    // The schema's max keeps loaded values in range; this guards a table entry whose max exceeds the field.
    if (n > std::numeric_limits<T>::max()) throw std::out_of_range("count does not fit its field");
    field = static_cast<T>(n);
  } else {
    field = std::get<T>(v);
  }
}

template <auto Section, auto Field>
constexpr Param national(std::string_view path, std::string_view unit, double lo, double hi, std::string_view source,
                         std::string_view description) {
  using T = std::remove_cvref_t<decltype(std::declval<model::Params&>().*Section.*Field)>;
  return {path,
          type_of<T>(),
          Scope::national,
          unit,
          lo,
          hi,
          source,
          description,
          [](const model::Params& p, std::size_t) { return to_value(p.*Section.*Field); },
          [](model::Params& p, std::size_t, const Value& v) { from_value(p.*Section.*Field, v); }};
}

template <auto Section, auto Field>
constexpr Param per_county(std::string_view path, std::string_view unit, double lo, double hi,
                           std::string_view source, std::string_view description) {
  using T = std::remove_cvref_t<decltype(std::declval<model::CountyParams&>().*Section.*Field)>;
  return {path,
          type_of<T>(),
          Scope::county,
          unit,
          lo,
          hi,
          source,
          description,
          [](const model::Params& p, std::size_t c) { return to_value(p.county_params.at(c).*Section.*Field); },
          [](model::Params& p, std::size_t c, const Value& v) { from_value(p.county_params.at(c).*Section.*Field, v); }};
}

template <auto Field>
constexpr Param county_fact(std::string_view path, std::string_view unit, double lo, double hi,
                            std::string_view source, std::string_view description) {
  using T = std::remove_cvref_t<decltype(std::declval<model::CountyFacts&>().*Field)>;
  return {path,
          type_of<T>(),
          Scope::county_only,
          unit,
          lo,
          hi,
          source,
          description,
          [](const model::Params& p, std::size_t c) { return to_value(p.counties.at(c).*Field); },
          [](model::Params& p, std::size_t c, const Value& v) { from_value(p.counties.at(c).*Field, v); }};
}

constexpr Param scenario_name() {
  return {"name",
          ParamType::text,
          Scope::national,
          "",
          0,
          0,
          "scenario file",
          "Scenario name; labels every output file.",
          [](const model::Params& p, std::size_t) { return Value{p.scenario_name}; },
          [](model::Params& p, std::size_t, const Value& v) { p.scenario_name = std::get<std::string>(v); }};
}

// The YAML path is spelled from the member names, so path and field cannot drift apart.
// Arguments after the field: unit, min, max (inclusive), source, description.
#define IASIM_NATIONAL(section, field, ...) \
  national<&model::Params::section, &decltype(model::Params::section)::field>(#section "." #field, __VA_ARGS__)
#define IASIM_COUNTY(section, field, ...)                                                        \
  per_county<&model::CountyParams::section, &decltype(model::CountyParams::section)::field>( \
      #section "." #field, __VA_ARGS__)
#define IASIM_FACT(field, ...) county_fact<&model::CountyFacts::field>("facts." #field, __VA_ARGS__)

constexpr double kLogit = 20.0;  // |logit| beyond 20 is probability 0 or 1 to 9 digits: surely a typo
constexpr double kMaxU64 = 18446744073709551615.0;
constexpr const char* kAssume = "ASSUMPTION";
constexpr const char* kRun = "run setting";

// ---- THE TABLE: one line per field of sim/model/params.hpp, in its order. ------------------------------------
const Param kSchema[] = {
    scenario_name(),
    // RunParams
    IASIM_NATIONAL(run, horizon_years, "year", 0.01, 200, kRun, "Simulated years from 2015-01-01."),
    IASIM_NATIONAL(run, replicates, "count", 1, 1e6, kRun,
                   "Independent replications (common random numbers across scenarios)."),
    IASIM_NATIONAL(run, seed, "", 0, kMaxU64, kRun, "Base seed; replicate r uses streams keyed (seed, r)."),
    IASIM_NATIONAL(run, output_step_days, "day", 0.01, 30.4375, kRun,
                   "Sampling interval of the time series; at most a month, so cohort outcomes miss no month."),
    IASIM_NATIONAL(run, lookahead_days, "day", 0.001, 366, kRun,
                   "Engine window; cross-county messages travel at least this far ahead."),
    IASIM_NATIONAL(run, population_scale, "factor", 1e-4, 1e4, kRun,
                   "Multiplies people, employers, all staff hours and matchemøte sizes (benchmarks use 10)."),
    // PopulationParams
    IASIM_NATIONAL(run, spin_up_years, "year", 0, 20, "ASSUMPTION (docs/calibration.md: no warm-up transient)",
                   "Years the model runs before 2015-01-01, unrecorded, so that states and timers match its flows."),
    IASIM_NATIONAL(population, initial_persons, "person", 0, 1e8, "SINTEF L2441–2442; data/public_facts.md",
                   "Persons under 30 with reduced work capacity on 1 January 2015 (42,000 in June, +6% a year)."),
    IASIM_NATIONAL(population, aap_share, "share", 0, 1, "SINTEF L2442–2443", "Share of them on AAP."),
    IASIM_NATIONAL(population, mental_health_share, "share", 0, 1, "SINTEF L2443–2444, L3949",
                   "Share with a psychiatric diagnosis: 68% of the AAP group, assumed for everyone."),
    IASIM_NATIONAL(population, target_group_share_of_reduced_capacity, "share", 0, 1, "data/public_facts.md (42,000 of 206,000)",
                   "Share of ALS inclusion work and of adviser hours moved into offices that reaches the under-30s."),
    IASIM_NATIONAL(population, upper_secondary_share, "share", 0, 1, "ASSUMPTION (SINTEF L341–355)",
                   "Share who completed upper secondary school."),
    IASIM_NATIONAL(population, entrants_per_year_per_1000_pop, "1/year per 1000 inhabitants", 0, 1000,
                   "ASSUMPTION (calibrated, docs/calibration.md; +6% in data/public_facts.md)",
                   "New entrants per year per 1,000 inhabitants; stock grows ~6% a year."),
    IASIM_NATIONAL(population, entry_age_min_years, "year", 0, 120, kAssume,
                   "Lower bound of the uniform age at entry."),
    IASIM_NATIONAL(population, entry_age_max_years, "year", 0, 120, kAssume,
                   "Upper bound of the uniform age at entry."),
    IASIM_NATIONAL(population, readiness_mean, "readiness 0..1", 0, 1, kAssume,
                   "Mean initial latent readiness for work."),
    IASIM_NATIONAL(population, readiness_sd, "readiness", 0, 1, kAssume,
                   "Spread of initial readiness (normal, clamped to 0..1)."),
    IASIM_NATIONAL(population, aap_max_years, "year", 0, 100, "data/public_facts.md",
                   "Maximum duration of AAP for recipients who started before the reform."),
    IASIM_NATIONAL(population, aap_reform_year, "calendar year", 1900, 2200, "data/register_flows.md (NAV rules)",
                   "Date of the AAP reform as a decimal year (2018.0 = 1 January 2018)."),
    IASIM_NATIONAL(population, aap_max_years_from_reform, "year", 0, 100, "data/register_flows.md (NAV rules)",
                   "Maximum duration of AAP for recipients who start on or after the reform."),
    IASIM_NATIONAL(population, aap_extension_share, "share", 0, 1, "ASSUMPTION (data/register_flows.md)",
                   "Share of recipients at the limit whose AAP is extended, before the reform."),
    IASIM_NATIONAL(population, aap_extension_share_from_reform, "share", 0, 1, "ASSUMPTION (data/register_flows.md)",
                   "Share extended at the limit from the reform on (stricter rules for everyone then on AAP)."),
    IASIM_NATIONAL(population, aap_extension_years, "year", 0, 100, kAssume, "Length of an AAP extension."),
    IASIM_NATIONAL(population, disability_at_aap_expiry_share, "share", 0, 1, "ASSUMPTION (calibrated, docs/calibration.md)",
                   "Share moving to disability benefit at AAP expiry without work or extension."),
    IASIM_NATIONAL(population, education_factor_upper_secondary, "factor", 0, 100, "ASSUMPTION (SINTEF L218–224)",
                   "Factor on leaving for school for those who completed upper secondary school."),
    IASIM_NATIONAL(population, education_factor_no_upper_secondary, "factor", 0, 100, "ASSUMPTION (SINTEF L218–224)",
                   "Factor on leaving for school for those who did not (the follow-up service's, OT)."),
    IASIM_NATIONAL(population, education_exit_per_year, "1/year", 0, 100, "ASSUMPTION (SINTEF L218–224)",
                   "Hazard of leaving for school."),
    IASIM_NATIONAL(population, disability_exit_per_year, "1/year", 0, 100, "ASSUMPTION (calibrated, docs/calibration.md)",
                   "Hazard of leaving for disability benefit at age 25, without a diagnosis, on AAP far from its limit."),
    IASIM_NATIONAL(population, disability_age_slope_per_year, "1/year", -10, 10, "ASSUMPTION (data/register_flows.md, by age)",
                   "The disability hazard grows by exp(this) per year of age."),
    IASIM_NATIONAL(population, disability_mental_health_factor, "factor", 0, 100, kAssume,
                   "Disability hazard multiplier for a psychiatric diagnosis."),
    IASIM_NATIONAL(population, disability_near_limit_factor, "factor", 0, 1000, kAssume,
                   "The disability hazard rises by up to (1 + this) times as the AAP limit nears."),
    IASIM_NATIONAL(population, disability_near_limit_years, "year", 0, 100, kAssume,
                   "Years before the AAP limit over which the disability hazard rises."),
    IASIM_NATIONAL(population, disability_not_on_aap_factor, "factor", 0, 100, "ASSUMPTION (data/register_flows.md: 3/4 had AAP)",
                   "Disability hazard multiplier for people not on AAP."),
    IASIM_NATIONAL(population, education_season_amplitude, "factor", 0, 1, "ASSUMPTION (data/register_flows.md: Q3 ~40% above Q1)",
                   "Seasonal amplitude of leaving for school."),
    IASIM_NATIONAL(population, season_peak_day_of_year, "day of year", 0, 366, "ASSUMPTION (school starts mid-August)",
                   "Day of the year at which leaving for school and hiring peak."),
    IASIM_NATIONAL(population, inactive_return_per_year, "1/year", 0, 100, "ASSUMPTION (data/register_flows.md: back in status)",
                   "Hazard of coming back to NAV follow-up from inactivity."),
    IASIM_NATIONAL(population, education_return_per_year, "1/year", 0, 100, "ASSUMPTION (data/register_flows.md: back in status)",
                   "Hazard of coming back to NAV follow-up from education."),
    IASIM_NATIONAL(population, dropout_per_year, "1/year", 0, 100, kAssume,
                   "Hazard of dropping out to inactivity with adequate follow-up."),
    IASIM_NATIONAL(population, dropout_neglect_multiplier, "factor", 0, 1000, "SINTEF L2259–2261",
                   "Drop-out multiplies by (1 + this) without any of the follow-up needed."),
    IASIM_NATIONAL(population, dropout_after_failed_trial, "probability", 0, 1, "ASSUMPTION (SINTEF L4090–4095)",
                   "Drop-out after a failed trial with no follow-up, scaled by the share of needs not met."),
    IASIM_NATIONAL(population, readiness_decay_inactive_per_year, "1/year", 0, 100,
                   "SINTEF L6261–6270; ASSUMPTION on magnitude", "Readiness decay per year without activity."),
    IASIM_NATIONAL(population, readiness_gain_follow_up_per_year, "1/year", 0, 100, kAssume,
                   "Readiness gained per year of full follow-up (train-then-place)."),
    IASIM_NATIONAL(population, motivation_mean, "0..1", 0, 1, "ASSUMPTION (SINTEF L6221–6233)",
                   "Mean motivation (effort, attendance) at entry."),
    IASIM_NATIONAL(population, motivation_sd, "0..1", 0, 10, kAssume, "Spread of motivation at entry (sd, clamped to 0..1)."),
    IASIM_NATIONAL(population, motivation_gain_follow_up_per_year, "1/year", 0, 100, kAssume,
                   "Motivation gained per year of full follow-up."),
    IASIM_NATIONAL(population, motivation_decay_waiting_per_year, "1/year", 0, 100, kAssume,
                   "Motivation lost per year without follow-up (waiting in a queue)."),
    IASIM_NATIONAL(population, readiness_gain_work_per_year, "1/year", 0, 100, "ASSUMPTION (SINTEF L6853–6859)",
                   "Readiness gained per year in a work trial or job."),
    IASIM_NATIONAL(population, job_loss_first_year_share, "share", 0, 0.999, "ASSUMPTION (SINTEF L4090–4095, L6424–6425)",
                   "Share of jobs (ordinary or subsidised) at readiness 0.5 that end within their first year."),
    IASIM_NATIONAL(population, job_loss_tenure_shape, "Weibull shape", 0.01, 10, kAssume,
                   "Below 1: the job-loss hazard falls with tenure."),
    IASIM_NATIONAL(population, job_loss_readiness_logit, "log factor", -100, 100, "ASSUMPTION (SINTEF L4090–4095)",
                   "Job-loss hazard multiplies by exp(this * (0.5 - readiness))."),
    IASIM_NATIONAL(population, migration_per_year_under_25, "1/year", 0, 100, kAssume,
                   "Hazard of moving to another county, under 25 (SINTEF L3556–3559: young people are mobile)."),
    IASIM_NATIONAL(population, migration_per_year_25_29, "1/year", 0, 100, kAssume,
                   "Hazard of moving to another county, 25–29."),
    IASIM_NATIONAL(population, initial_waiting_share, "share", 0, 1, kAssume, "Initial stock waiting."),
    IASIM_NATIONAL(population, initial_trial_share, "share", 0, 1, kAssume, "Initial stock in a work trial."),
    IASIM_NATIONAL(population, initial_subsidised_share, "share", 0, 1, kAssume,
                   "Initial stock in subsidised work."),
    IASIM_NATIONAL(population, spin_up_start_share, "share", 0, 10, "ASSUMPTION (calibrated, docs/calibration.md)",
                   "The spin-up starts from this share of initial_persons."),
    IASIM_NATIONAL(population, own_job_search_per_year, "1/year", 0, 100, "ASSUMPTION (calibrated to data/register_status_six_months.csv)",
                   "Hazard of finding an ordinary job by own search at readiness 0.5, waiting or in follow-up."),
    IASIM_NATIONAL(population, own_job_search_readiness_logit, "log factor", -100, 100, kAssume,
                   "Own-search hazard multiplies by exp(this * (readiness - 0.5))."),
    IASIM_NATIONAL(population, own_job_search_season_amplitude, "factor", 0, 1, "ASSUMPTION (data/register_exits_under30.csv)",
                   "Seasonal amplitude of finding a job by own search."),
    IASIM_NATIONAL(population, initial_years_in_group_max, "year", 0, 100, kAssume,
                   "Years already spent in the group by the initial stock, uniform on [0, max]."),
    // ProgrammeParams
    IASIM_NATIONAL(programme, places_for_reduced_capacity, "place", 0, 1e8, "data/public_facts.md (2014 budget)",
                   "Programme places for people with reduced work capacity (the target group's share is theirs)."),
    IASIM_NATIONAL(programme, work_trial_share_of_places, "share", 0, 1, kAssume,
                   "Share of the target group's places that are work trials."),
    IASIM_NATIONAL(programme, wage_subsidy_share_of_places, "share", 0, 1, kAssume,
                   "Share of the target group's places that are wage subsidies."),
    IASIM_NATIONAL(programme, allocation_interval_days, "day", 1, 3650, "ASSUMPTION (monthly)",
                   "How often the directorate allocates places to the counties by their use."),
    IASIM_NATIONAL(programme, places_growth_per_year, "1/year", -1, 10, kAssume,
                   "Yearly growth of the places from 2015 (the target group grows ~2% a year)."),
    // OfficeParams
    IASIM_COUNTY(office, veileder_hours_per_week, "h/week", 0, 168, "Norwegian standard week",
                 "Veileder hours per full-time week."),
    IASIM_COUNTY(office, veileder_casework_share, "share", 0, 1, "ASSUMPTION (SINTEF L6879–6880, L6962–6969)",
                 "Share of a veileder's week spent on user and employer work."),
    IASIM_COUNTY(office, competing_initiatives_share, "share", 0, 1,
                 "SINTEF L228–236, L3221–3223; ASSUMPTION on magnitude",
                 "Share of casework time taken by competing initiatives."),
    IASIM_COUNTY(office, other_duties_users_per_veileder, "users", 0, 10000, "SINTEF L4772–4774",
                 "Veiledere with fewer users have other duties: they give each user this caseload's time."),
    IASIM_COUNTY(office, caseload_multiplier, "factor", 0.001, 1000, "data/caseload_by_office_size_2013.csv",
                 "Multiplies the users per veileder drawn from Table 3.1 (0.5 halves caseloads)."),
    IASIM_COUNTY(office, assessment_hours, "h", 0, 10000, kAssume, "Hours for one work capacity assessment."),
    IASIM_COUNTY(office, user_follow_up_hours_per_week, "h/week per person", 0, 168, kAssume,
                 "Follow-up per person to progress at full speed."),
    IASIM_COUNTY(office, trial_follow_up_hours_per_week, "h/week per person", 0, 168, kAssume,
                 "Follow-up per person in a trial (user and employer)."),
    IASIM_COUNTY(office, placement_attempt_hours, "h", 0, 10000, kAssume,
                 "Hours contacting one employer for one candidate."),
    IASIM_COUNTY(office, priority_weight, "weight", 0, 1e6, "SINTEF L1518–1520, L3164–3167",
                 "Relative weights for spreading scarce hours: assessment, trial_follow_up, user_follow_up, "
                 "employer_contact."),
    IASIM_COUNTY(office, engaged_share, "share", 0, 1, "SINTEF L2840–2843, L2424–2429",
                 "Share of offices engaged in the Job Strategy."),
    IASIM_COUNTY(office, engagement_loss_per_year, "1/year", 0, 100, "ASSUMPTION (SINTEF L1549–1554, L3244–3247)",
                 "Yearly rate at which turnover undoes an office's engagement."),
    IASIM_COUNTY(office, engagement_loss_per_year_followed_up, "1/year", 0, 52, kAssume,
                 "Engagement lost per year while the coordinator has followed the office up lately."),
    IASIM_COUNTY(office, engagement_follow_up_years, "year", 0, 100, kAssume,
                 "A coordinator's visit counts as follow-up for this long."),
    IASIM_COUNTY(office, engaged_target_group_weight, "factor", 0, 100, "ASSUMPTION (SINTEF L2840–2843, L3148–3167)",
                 "Weight of the target group's users in an engaged office's share of veileder hours."),
    IASIM_COUNTY(office, engaged_market_target_group_share, "share", 0, 1, "ASSUMPTION (SINTEF L2840–2843)",
                 "Share of an engaged office's market coordinator hours for the target group."),
    IASIM_COUNTY(office, cooperation_correlation_als_coach, "correlation", -1, 1, "SINTEF Table 3.2 (L2474–2517)",
                 "Correlation of offices' propensities to cooperate with ALS and with the coach."),
    IASIM_COUNTY(office, cooperation_correlation_als_employers, "correlation", -1, 1, "SINTEF L4725–4730",
                 "Correlation of offices' propensities to cooperate with ALS and with local employers."),
    IASIM_COUNTY(office, cooperation_correlation_coach_employers, "correlation", -1, 1, "SINTEF L4725–4730",
                 "Correlation of offices' propensities to cooperate with the coach and with local employers."),
    IASIM_COUNTY(office, employer_contact_close_share, "share", 0, 1, "SINTEF L5739–5742",
                 "Share of offices whose veiledere have close contact with employers."),
    IASIM_COUNTY(office, employer_contact_rare_share, "share", 0, 1, "SINTEF L5739–5742",
                 "Share of offices whose veiledere rarely contact employers."),
    IASIM_COUNTY(office, employer_contact_weight_close, "factor", 0, 100, kAssume,
                 "Multiplier on employer contact in the hour allocation of close-contact offices."),
    IASIM_COUNTY(office, employer_contact_weight_rare, "factor", 0, 100, kAssume,
                 "Multiplier on employer contact in the hour allocation of rare-contact offices."),
    IASIM_COUNTY(office, assessment_overload_sensitivity, "factor", 0, 1000,
                 "SINTEF L2259–2268; ASSUMPTION on magnitude", "How fast assessment quality falls with overload."),
    IASIM_COUNTY(office, purchased_assessment_share, "share", 0, 1,
                 "afi-kjerneoppgaver-i-nav.txt; SINTEF L4532–4536; ASSUMPTION on magnitude",
                 "Share of assessments the offices order as measures instead of making them themselves."),
    IASIM_COUNTY(office, readiness_error_sd_at_zero_quality, "readiness sd", 0, 100, kAssume,
                 "Error in a veileder's reading of readiness after an assessment of quality 0."),
    IASIM_COUNTY(office, ready_threshold, "readiness 0..1", 0, 1, kAssume,
                 "Readiness required before trying to place someone (formidlingsklar)."),
    IASIM_COUNTY(office, estimate_learning_per_year, "1/year", 0, 1000, kAssume,
                 "How fast a veileder's reading of readiness converges on the truth with full follow-up."),
    IASIM_COUNTY(office, market_coordinator_hours_per_week, "h/week per office", 0, 10000,
                 "ASSUMPTION (SINTEF L3835–3837: four coordinators for several offices each)",
                 "Market coordinator hours for employer contact (one full-time coordinator per five offices)."),
    IASIM_COUNTY(office, market_target_group_share, "share", 0, 1, kAssume,
                 "Share of market coordinator hours spent on the target group."),
    // MeasuresParams
    IASIM_COUNTY(measures, assessment_places_per_100k_population, "place/100k", 0, 1e5,
                 "ASSUMPTION (afi-kjerneoppgaver-i-nav.txt)", "Assessment places a county buys or staffs, per 100,000 inhabitants."),
    IASIM_COUNTY(measures, in_house_share, "share", 0, 1, "afi-kjerneoppgaver-i-nav.txt",
                 "Share of the place budget moved to in-house specialised veiledere (Kjerneoppgaver: 1)."),
    IASIM_COUNTY(measures, specialised_hours_per_place_week, "h/place-week", 0, 1000, kAssume,
                 "Specialised veileder hours one place's money pays for a week."),
    IASIM_COUNTY(measures, provider_assessment_weeks, "week", 0.1, 520, kAssume, "Length of a provider's assessment."),
    IASIM_COUNTY(measures, provider_hours_per_participant_week, "h/week", 0, 168, kAssume,
                 "Provider hours observing one participant a week."),
    IASIM_COUNTY(measures, in_house_assessment_weeks, "week", 0.1, 520, kAssume,
                 "Length of a specialised veileder's assessment at a workplace."),
    IASIM_COUNTY(measures, in_house_hours_per_participant_week, "h/week", 0.01, 168, kAssume,
                 "Specialised veileder hours for one participant a week."),
    IASIM_COUNTY(measures, interview_learning_per_hour, "1/h", 0, 100, kAssume,
                 "What an hour of interview at the office shows of a person's readiness."),
    IASIM_COUNTY(measures, sheltered_learning_per_hour, "1/h", 0, 100, kAssume,
                 "What an hour of observation in a provider's sheltered arena shows."),
    IASIM_COUNTY(measures, workplace_learning_per_hour, "1/h", 0, 100, "ASSUMPTION (afi-kjerneoppgaver-i-nav.txt)",
                 "What an hour of observation at an ordinary workplace shows."),
    IASIM_COUNTY(measures, referral_hours, "h", 0, 10000, kAssume, "Veileder hours to order a measure."),
    IASIM_COUNTY(measures, handoff_hours, "h", 0, 10000, kAssume, "Veileder hours to take over a provider's report."),
    IASIM_COUNTY(measures, handoff_information_kept, "share", 0, 1, "ASSUMPTION (afi-kjerneoppgaver-i-nav.txt)",
                 "Share of what a provider saw that reaches the veileder in its report."),
    IASIM_COUNTY(measures, follow_up_places_per_100k_population, "place/100k", 0, 1e5,
                 "ASSUMPTION (afi-kjerneoppgaver-i-nav.txt L14)",
                 "Follow-up measure places (Oppfolging, Arbeid med bistand) a county buys or staffs, per 100,000 inhabitants."),
    IASIM_COUNTY(measures, follow_up_measure_share, "share", 0, 1, "ASSUMPTION (afi-kjerneoppgaver-i-nav.txt L14)",
                 "Share of those assessed as not yet job-ready for whom the veileder orders a follow-up measure."),
    IASIM_COUNTY(measures, provider_follow_up_weeks, "week", 0.1, 520, kAssume, "Length of a provider's follow-up measure."),
    IASIM_COUNTY(measures, provider_follow_up_hours_per_participant_week, "h/week", 0, 168, kAssume,
                 "Provider hours following up one participant a week."),
    IASIM_COUNTY(measures, in_house_follow_up_weeks, "week", 0.1, 520, kAssume,
                 "Length of a specialised veileder's follow-up at an ordinary workplace."),
    IASIM_COUNTY(measures, in_house_follow_up_hours_per_participant_week, "h/week", 0.01, 168, kAssume,
                 "Specialised veileder hours following up one participant a week at the workplace."),
    IASIM_COUNTY(measures, specialised_hours_per_follow_up_place_week, "h/place-week", 0, 1000, kAssume,
                 "Specialised veileder hours one follow-up place's money pays for a week."),
    // AlsParams
    IASIM_COUNTY(als, advisers_per_100k_population, "adviser per 100k inhabitants", 0, 10000, kAssume,
                 "IA advisers of NAV Arbeidslivssenter."),
    IASIM_COUNTY(als, adviser_hours_per_week, "h/week", 0, 168, "Norwegian standard week",
                 "Hours per adviser per week."),
    IASIM_COUNTY(als, in_firm_share, "share", 0, 1, "SINTEF L1043", "Share of adviser time out in firms."),
    IASIM_COUNTY(als, delmal1_share, "share", 0, 1, "data/als_resource_split_2015.csv (SINTEF L1180–1201)",
                 "Share of hours on IA sub-goal 1 (sick leave); the four shares sum to 1."),
    IASIM_COUNTY(als, delmal2_share, "share", 0, 1, "data/als_resource_split_2015.csv (SINTEF L1180–1201)",
                 "Share of hours on IA sub-goal 2 (inclusion)."),
    IASIM_COUNTY(als, delmal3_share, "share", 0, 1, "data/als_resource_split_2015.csv (SINTEF L1180–1201)",
                 "Share of hours on IA sub-goal 3 (older workers)."),
    IASIM_COUNTY(als, other_share, "share", 0, 1, "data/als_resource_split_2015.csv (SINTEF L1180–1201)",
                 "Share of hours on other tasks."),
    IASIM_COUNTY(als, contact_person_share, "share", 0, 1, "SINTEF L251, L2005",
                 "Share of IA firms with a fixed ALS contact person (each has one in 2015)."),
    IASIM_COUNTY(als, ia_meetings_per_contact_firm_per_year, "1/year", 0, 365, "SINTEF L2026",
                 "IA meetings a contact firm is owed a year; a contact person answers calls the same day as far as the visit hours cover them."),
    IASIM_COUNTY(als, contact_visit_hours, "h", 0.001, 10000, "ASSUMPTION (SINTEF L251, L2003–2006, L2026)",
                 "Adviser hours of one visit to a contact firm (the IA agreement asks for two IA meetings a year, L2026)."),
    IASIM_COUNTY(als, contact_visit_trust_step, "share", 0, 1, kAssume,
                 "Step of a visited firm's trust toward contact_trust_target (times system competence)."),
    IASIM_COUNTY(als, contact_trust_target, "trust 0..1", 0, 1, "ASSUMPTION (SINTEF L249–250, L3476–3482)",
                 "Trust a fixed-contact employer's visits lead toward."),
    IASIM_COUNTY(als, contact_lapse_years, "year", 0.001, 1000, kAssume,
                 "A contact firm not visited for this long loses its fixed contact person."),
    IASIM_COUNTY(als, placement_share_of_delmal2, "share", 0, 1, kAssume,
                 "Share of delmål-2 hours that open doors for office candidates."),
    IASIM_COUNTY(als, sick_leave_pct_initial, "percent", 0, 100, "ASSUMPTION (SINTEF L987)",
                 "Initial sick-leave rate of IA firms."),
    IASIM_COUNTY(als, sick_leave_pct_floor, "percent", 0, 100, kAssume, "Lowest reachable sick-leave rate."),
    IASIM_COUNTY(als, sick_leave_reduction_per_hour_per_firm, "relative/year per h per firm", 0, 1, kAssume,
                 "Relative sick-leave reduction per delmål-1 hour per firm."),
    IASIM_COUNTY(als, sick_leave_drift_per_year, "1/year", 0, 1000, kAssume,
                 "Relaxation back to the initial sick-leave level."),
    IASIM_COUNTY(als, merged_casework_pull, "factor", 0, 100, "ASSUMPTION (SINTEF L2192–2194, L1566–1567)",
                 "How strongly an office's uncovered casework pulls at the hours of advisers it leads (merger)."),
    IASIM_COUNTY(als, visiting_casework_pull, "factor", 0, 100, "ASSUMPTION (SINTEF L1616–1617, L1824–1826)",
                 "How strongly an office's uncovered casework pulls at visiting advisers' hours (Telemark 4-1)."),
    IASIM_COUNTY(als, competence_half_life_years, "year", 0.001, 1000, "ASSUMPTION (SINTEF L285–286)",
                 "Half-life of the centre's system competence moving toward the share of hours still on system work."),
    IASIM_COUNTY(als, merged_into_offices, "", 0, 0, "SINTEF L92–98, L275–300, L1462–1484, L2186–2197",
                 "Vågeng merger: advisers move into the NAV offices (from merger_start_year)."),
    IASIM_COUNTY(als, merger_start_year, "calendar year", 1900, 2200, "ASSUMPTION (proposal April 2015, SINTEF L70)",
                 "When advisers start moving into the offices (2016.0 = 1 January 2016)."),
    IASIM_COUNTY(als, merger_transition_years, "year", 0, 100, kAssume,
                 "Years over which the moved share of advisers rises from 0 to 1."),
    IASIM_COUNTY(als, leads_market_teams, "", 0, 0, "SINTEF L298–303, L1586–1589, L2195–2197",
                 "Møre og Romsdal model: the ALS leader leads the offices' market coordinators and teams."),
    IASIM_COUNTY(als, leader_hours_per_market_team_per_week, "h/week per office", 0, 168, kAssume,
                 "ALS leader hours spent leading each office's market team (out of the centre's hours)."),
    IASIM_COUNTY(als, coordination_hours_needed_per_team_per_week, "h/week per office", 0.001, 168, kAssume,
                 "Leader hours per team for all of its contacts to be coordinated."),
    IASIM_COUNTY(als, days_at_offices_share, "share", 0, 1, "SINTEF L1591–1602",
                 "Telemark 4-1: share of adviser days spent at NAV offices."),
    IASIM_COUNTY(als, market_forum_coordination, "share", 0, 1, "ASSUMPTION (SINTEF L1593–1596)",
                 "Share of market-team contacts coordinated in shared market fora, per unit days_at_offices_share."),
    // CoachParams
    IASIM_COUNTY(coach, coaches, "person", 0, 10000, "SINTEF L525, L4986", "Arbeidslivscoaches per county."),
    IASIM_COUNTY(coach, hours_per_week, "h/week", 0, 168, "Norwegian standard week", "Hours per coach per week."),
    IASIM_COUNTY(coach, system_share, "share", 0, 1, "ASSUMPTION (SINTEF L3631–3637, L4638–4644)",
                 "Share of coach time at system level rather than single cases."),
    IASIM_COUNTY(coach, engaged_office_focus, "probability", 0, 1, "SINTEF L3225–3255, L5033–5038",
                 "Probability that a search for a candidate (coach, matchemøte) looks at engaged offices first."),
    IASIM_COUNTY(coach, hours_per_case_week, "h/week per case", 0, 168, kAssume, "Individual case work."),
    IASIM_COUNTY(coach, hours_per_door_opening, "h", 0.001, 10000, kAssume,
                 "System work: one employer visit that opens a door."),
    IASIM_COUNTY(coach, door_promised_follow_up, "0..1", 0, 1, kAssume,
                 "Follow-up the coach promises a firm that opens its door, as the firm weighs it."),
    IASIM_COUNTY(coach, door_open_weeks, "week", 0, 1000, "ASSUMPTION (SINTEF L3312–3319)",
                 "How long an employer's agreement to take a candidate, won by the coach, stays open."),
    IASIM_COUNTY(coach, matchmeeting_organiser_hours, "h", 0, 10000, "ASSUMPTION (SINTEF L2750–2759)",
                 "Coach system hours to organise one matchemøte."),
    IASIM_COUNTY(coach, matchmeeting_preparation_weeks, "week", 0.001, 52, "ASSUMPTION (SINTEF L2750–2759)",
                 "Weeks before a matchemote its preparation starts; each week gives what is still missing."),
    IASIM_COUNTY(coach, coordinator_hours_per_week, "h/week", 0, 10000, "SINTEF L525, L4986 (one coordinator per county)",
                 "County coordinator (NAV Fylke) hours per week."),
    IASIM_COUNTY(coach, coordinator_anchoring_share, "share", 0, 1, "ASSUMPTION (SINTEF L2840–2843, L3148–3167)",
                 "Share of coordinator time for anchoring visits to offices; the rest prepares matchemøter and follows up engaged offices."),
    IASIM_COUNTY(coach, anchoring_visit_hours, "h", 0.001, 10000, kAssume, "One coordinator visit to an office's leadership."),
    IASIM_COUNTY(coach, anchoring_success_per_visit, "probability", 0, 1, "ASSUMPTION (SINTEF L3282–3287)",
                 "Probability that a visit anchors the strategy in an office not yet engaged."),
    // MatchingParams
    IASIM_COUNTY(matching, matchmeetings_per_year, "1/year", 0, 10000, "ASSUMPTION (SINTEF L2855–2856, L3001–3003)",
                 "Matchemøter per county per year."),
    IASIM_COUNTY(matching, employers_per_matchmeeting, "employer", 0, 10000, "SINTEF L3001–3003",
                 "Employers at one matchemøte."),
    IASIM_COUNTY(matching, candidates_per_matchmeeting, "person", 0, 10000, kAssume,
                 "Candidates at one matchemøte."),
    IASIM_COUNTY(matching, matchmeeting_veileder_hours_per_candidate, "h per candidate", 0, 10000, kAssume,
                 "Veileder preparation per candidate."),
    IASIM_COUNTY(matching, candidate_first, "", 0, 0, "SINTEF L3470–3481",
                 "Candidate-first matching (works) instead of employer-first (fails): who is chosen first."),
    IASIM_COUNTY(matching, fit_mean, "fit 0..1", 0, 1, kAssume, "Mean fit of a candidate to a job, one draw."),
    IASIM_COUNTY(matching, fit_sd, "fit", 0, 10, kAssume, "Spread of a candidate's fit to a job."),
    IASIM_COUNTY(matching, employers_considered, "employer", 1, 1000, kAssume,
                 "Firms a candidate-first broker weighs for the one the candidate fits best."),
    // EmployerParams
    IASIM_COUNTY(employer, establishments_per_1000_pop, "per 1000 inhabitants", 0, 10000,
                 "data/public_facts.md; data/counties_2015.csv", "Establishments per 1,000 inhabitants."),
    IASIM_COUNTY(employer, ia_share, "share", 0, 1, "data/public_facts.md", "Share of establishments in IA firms."),
    IASIM_COUNTY(employer, public_share, "share", 0, 1, kAssume, "Public-sector share of establishments."),
    IASIM_COUNTY(employer, controller_share, "share", 0, 1, "SINTEF L7043",
                 "Share of firms seeing NAV as a controller at start."),
    IASIM_COUNTY(employer, partner_share, "share", 0, 1, "SINTEF L7043",
                 "Share of firms seeing NAV as a partner at start."),
    IASIM_COUNTY(employer, trust_controller, "trust 0..1", 0, 1, kAssume, "Initial trust of a 'controller' firm."),
    IASIM_COUNTY(employer, trust_neutral, "trust 0..1", 0, 1, kAssume, "Initial trust of a neutral firm."),
    IASIM_COUNTY(employer, trust_partner, "trust 0..1", 0, 1, kAssume, "Initial trust of a 'partner' firm."),
    IASIM_COUNTY(employer, trial_base_logit, "logit", -kLogit, kLogit, "SINTEF L4554–4559, L4574–4579",
                 "Base logit of saying yes to a work trial."),
    IASIM_COUNTY(employer, trial_trust_logit, "logit per unit trust", -kLogit, kLogit, kAssume,
                 "Per unit trust above 0.5."),
    IASIM_COUNTY(employer, trial_follow_up_logit, "logit per unit follow-up", -kLogit, kLogit, kAssume,
                 "Per unit expected follow-up."),
    IASIM_COUNTY(employer, trial_ia_logit, "logit", -kLogit, kLogit, kAssume, "IA firms."),
    IASIM_COUNTY(employer, trial_knows_person_logit, "logit", -kLogit, kLogit, "SINTEF L6471–6480",
                 "Employer already knows the person."),
    IASIM_COUNTY(employer, trial_open_door_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L3312–3319)",
                 "Trial logit bonus when the coach opened the door for a candidate."),
    IASIM_COUNTY(employer, trial_fit_logit, "logit per unit fit", -kLogit, kLogit, kAssume,
                 "Per unit fit of candidate to job."),
    IASIM_COUNTY(employer, trial_bad_experience_logit, "logit per trial", -kLogit, kLogit,
                 "SINTEF L5852–5862, L5960–5964", "Per failed trial remembered (lowers the logit)."),
    IASIM_COUNTY(employer, trial_good_experience_logit, "logit per trial", -kLogit, kLogit, "SINTEF L6645–6648",
                 "Per good trial remembered."),
    IASIM_COUNTY(employer, experience_memory_cap, "trials", 0, 255, kAssume,
                 "Good and bad trials an employer remembers, at most (memory never fades)."),
    IASIM_COUNTY(employer, trial_mental_health_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L2254–2257, L6221–6233)",
                 "Candidate with a psychiatric diagnosis the employer has not met."),
    IASIM_COUNTY(employer, hire_base_logit, "logit", -kLogit, kLogit, "SINTEF L4554–4555",
                 "Base logit of hiring after a successful trial."),
    IASIM_COUNTY(employer, hire_subsidy_logit, "logit per unit subsidy share", -kLogit, kLogit,
                 "SINTEF L6350–6370", "Per unit subsidy share of wage."),
    IASIM_COUNTY(employer, hire_trust_logit, "logit per unit trust", -kLogit, kLogit, kAssume, "Per unit trust."),
    IASIM_COUNTY(employer, hire_readiness_logit, "logit per unit readiness", -kLogit, kLogit, kAssume,
                 "Per unit readiness."),
    IASIM_COUNTY(employer, hire_public_logit, "logit", -kLogit, kLogit, "SINTEF L4618–4627",
                 "Public sector hires less permanently."),
    IASIM_COUNTY(employer, hire_motivation_logit, "logit per unit", -kLogit, kLogit, "ASSUMPTION (SINTEF L6221–6233)",
                 "Hire after a trial or a job specialist's direct placement: per unit motivation above 0.5 (effort seen)."),
    IASIM_COUNTY(employer, hire_knows_person_logit, "logit", -kLogit, kLogit, "SINTEF L6471–6480; ASSUMPTION on magnitude",
                 "The employer met the person beforehand (matchemøte, job specialist)."),
    IASIM_COUNTY(employer, trust_learning_rate, "rate 0..1", 0, 1, "virke-afi-employer-needs.txt",
                 "Trust learning rate per experience."),
    IASIM_COUNTY(employer, experience_weight_follow_up, "weight", 0, 1, "ASSUMPTION (virke-afi-employer-needs.txt)",
                 "Weight of follow-up received in an employer's experience of a trial; the four weights sum to 1."),
    IASIM_COUNTY(employer, experience_weight_proactive, "weight", 0, 1, "ASSUMPTION (virke-afi-employer-needs.txt)",
                 "Weight of proactive contact in an employer's experience of a trial."),
    IASIM_COUNTY(employer, experience_weight_agreements, "weight", 0, 1, "ASSUMPTION (virke-afi-employer-needs.txt)",
                 "Weight of clear agreements in an employer's experience of a trial."),
    IASIM_COUNTY(employer, experience_weight_success, "weight", 0, 1, "ASSUMPTION",
                 "Weight of the trial's outcome in an employer's experience of it."),
    IASIM_COUNTY(employer, size_mean_ia, "employees", 1, 100000, "data/public_facts.md (Q1 2009)",
                 "Mean size of IA establishments."),
    IASIM_COUNTY(employer, size_mean_other, "employees", 1, 100000, "data/public_facts.md (Q1 2009)",
                 "Mean size of other establishments."),
    IASIM_COUNTY(employer, size_log_sd, "log employees", 0, 10, kAssume, "Spread of establishment sizes (lognormal)."),
    IASIM_COUNTY(employer, takes_trainees_share, "share", 0, 1, "ASSUMPTION (SINTEF L4603–4605: not by size)",
                 "Share of establishments that take trainees at all, whatever their size."),
    IASIM_COUNTY(employer, employees_per_trainee_slot, "employees", 1, 100000, kAssume,
                 "One trainee slot, plus one per this many employees."),
    IASIM_COUNTY(employer, broker_return_share, "probability", 0, 1, "ASSUMPTION (SINTEF L6645–6648)",
                 "Probability that a broker goes back to an employer where a trial went well."),
    IASIM_COUNTY(employer, good_partners_per_1000_firms, "per 1000 firms", 0, 1000, kAssume,
                 "Recent good trials a county's brokers remember, per 1,000 firms that take trainees."),
    IASIM_COUNTY(employer, experience_half_life_years, "year", 0, 100, kAssume,
                 "Half-life of an employer's memory of trials."),
    IASIM_COUNTY(employer, free_labour_base_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L6405–6433)",
                 "Base logit of an employer's propensity to use trials as free labour (~5% at baseline)."),
    IASIM_COUNTY(employer, free_labour_subsidy_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L6352–6434)",
                 "Free-labour propensity per unit subsidy share."),
    IASIM_COUNTY(employer, free_labour_cycling_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L6842–6848)",
                 "Free-labour propensity per trial in a row without a hire."),
    IASIM_COUNTY(employer, free_labour_cycling_cap, "trials", 0, 255, kAssume,
                 "Trials in a row without a hire counted at most."),
    IASIM_COUNTY(employer, substitution_base_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L6842–6845)",
                 "Base logit that a subsidised hire displaces an ordinary hire."),
    IASIM_COUNTY(employer, substitution_subsidy_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L6842–6845)",
                 "Substitution logit per unit subsidy share."),
    IASIM_COUNTY(employer, hire_season_logit, "logit", -kLogit, kLogit, "ASSUMPTION (data/register_flows.md: Q3 exits)",
                 "Seasonal amplitude of the hire logit."),
    IASIM_COUNTY(employer, free_labour_trial_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L6864–6866)",
                 "Free-labour employers say yes to trials more readily."),
    IASIM_COUNTY(employer, free_labour_hire_logit, "logit", -kLogit, kLogit, "ASSUMPTION (SINTEF L6864–6866)",
                 "Free-labour employers hire far less."),
    IASIM_COUNTY(employer, trial_success_base_logit, "logit", -kLogit, kLogit,
                 "SINTEF L5952–5965, L6186–6192; ASSUMPTION on magnitude", "Base logit of a trial succeeding."),
    IASIM_COUNTY(employer, trial_success_readiness_logit, "logit per unit readiness", -kLogit, kLogit,
                 "SINTEF L5952–5965, L6186–6192; ASSUMPTION on magnitude", "Per unit readiness above 0.5."),
    IASIM_COUNTY(employer, trial_success_follow_up_logit, "logit per unit follow-up", -kLogit, kLogit,
                 "SINTEF L5952–5965, L6186–6192; ASSUMPTION on magnitude", "Per unit follow-up received above 0.5."),
    IASIM_COUNTY(employer, trial_success_motivation_logit, "logit per unit", -kLogit, kLogit,
                 "ASSUMPTION (SINTEF L6221–6233)", "Trial success: per unit motivation above 0.5 (attendance, effort)."),
    IASIM_COUNTY(employer, trial_success_agreements_logit, "logit per unit share", -kLogit, kLogit,
                 "ASSUMPTION (virke-afi-employer-needs.txt)", "Trial success logit per unit share of clear agreements."),
    IASIM_COUNTY(employer, duplicate_contact_window_days, "day", 0, 3650, "ASSUMPTION (SINTEF L3538–3543)",
                 "A contact by another NAV unit within this many days of the last is a duplicate."),
    IASIM_COUNTY(employer, duplicate_contact_employer_hours, "h", 0, 1000, kAssume,
                 "Employer hours one duplicate contact costs (output only)."),
    IASIM_COUNTY(employer, duplicate_contact_trust_step, "share", 0, 1, "ASSUMPTION (SINTEF L1574–1575, L1647–1649)",
                 "Step of trust toward the controller view per duplicate contact."),
    IASIM_COUNTY(employer, trial_sick_leave_logit_per_pct, "logit per pct point", -kLogit, kLogit,
                 "ASSUMPTION (direction: SINTEF L3743–3746, L3789–3792)",
                 "Trial logit change per point of an IA firm's sick leave above its 2015 level."),
    // SupportParams
    IASIM_COUNTY(support, subsidy_share, "share of wage", 0, 1, "data/public_facts.md",
                 "Wage subsidy (up to 60% the first year)."),
    IASIM_COUNTY(support, subsidy_weeks, "week", 0, 10000, "data/public_facts.md", "Duration of a wage subsidy."),
    IASIM_COUNTY(support, subsidy_availability, "probability", 0, 1, "SINTEF L6350–6370",
                 "Probability that a subsidy is granted when asked for."),
    IASIM_COUNTY(support, wage_nok_per_week, "NOK/week", 0, 1e7, kAssume, "Entry wage (~NOK 365,000 a year)."),
    IASIM_COUNTY(support, keep_after_subsidy_logit, "logit", -kLogit, kLogit, kAssume,
                 "Logit of keeping a person when the subsidy ends."),
    IASIM_COUNTY(support, trial_weeks, "week", 0.1, 10000, kAssume, "Length of one work trial."),
    IASIM_COUNTY(support, proactive_follow_up, "0..1", 0, 1, "virke-afi-employer-needs.txt; SINTEF L5818–5831",
                 "Proactive follow-up by a fixed contact: 0 = as in 2015, 1 = always."),
    IASIM_COUNTY(support, clear_agreements, "0..1", 0, 1, "virke-afi-employer-needs.txt; SINTEF L5818–5831",
                 "Clear agreements at the start: 0 = as in 2015, 1 = always."),
    IASIM_COUNTY(support, proactive_call_hours, "h", 0, 100, kAssume,
                 "Veileder hours of one proactive call to a trial's employer (every week, for the proactive share)."),
    IASIM_COUNTY(support, agreement_hours, "h", 0, 1000, kAssume,
                 "Veileder hours to make clear agreements at a trial's start (for the clear_agreements share)."),
    IASIM_COUNTY(support, employer_calls_per_trial_week, "probability", 0, 1, "ASSUMPTION (SINTEF L5818–5831)",
                 "Probability that a trial's employer calls NAV in a week (less the proactive share)."),
    IASIM_COUNTY(support, late_answer_days_mean, "day", 0, 365, "ASSUMPTION (SINTEF L5818–5823: 48 hours)",
                 "Mean delay of an answer not given the same day."),
    IASIM_COUNTY(support, call_trust_step, "share", 0, 1, "ASSUMPTION (SINTEF L5818–5831)",
                 "Step of trust toward partner (same-day answer) or controller (later answer)."),
    IASIM_COUNTY(support, fixed_contact_for_trials, "0..1", 0, 1, "virke-afi-employer-needs.txt; SINTEF L5818–5831",
                 "Fixed contact person for trials: 0 = as in 2015, 1 = always."),
    IASIM_COUNTY(support, contact_expected_follow_up_floor, "0..1", 0, 1, "ASSUMPTION (SINTEF L5818–5831)",
                 "Follow-up an employer with a fixed contact expects at least."),
    IASIM_COUNTY(support, supported_employment_share, "share", 0, 1, "klar-supported-employment.txt",
                 "Share of the target group followed by job specialists (place-then-train)."),
    IASIM_COUNTY(support, job_specialist_caseload, "person", 1, 10000, "klar-supported-employment.txt",
                 "People per job specialist (15–20 instead of ~150)."),
    IASIM_COUNTY(support, job_specialist_hours_per_week, "h/week", 0, 168, "Norwegian standard week",
                 "Hours per job specialist per week."),
    IASIM_COUNTY(support, follow_along_hours_per_week, "h/week per client", 0, 168,
                 "ASSUMPTION (klar-supported-employment.txt)", "A job specialist's follow-along support per client in a job."),
    IASIM_COUNTY(support, employer_time_share, "share", 0, 1, "ASSUMPTION (klar-supported-employment.txt: fidelity)",
                 "Share of a specialist's time for searching clients spent meeting employers."),
    IASIM_COUNTY(support, employer_meeting_hours, "h", 0.001, 1000, kAssume,
                 "A specialist's meeting with an employer about one client."),
    IASIM_COUNTY(support, follow_along_job_loss_reduction, "share", 0, 1, "ASSUMPTION (klar-supported-employment.txt)",
                 "Job-loss hazard lower by this share with full follow-along support."),
    // CostParams (outputs only: no decision reads them)
    IASIM_COUNTY(costs, aap_nok_per_year, "NOK/year", 0, 1e7, kAssume,
                 "AAP paid to one person for a year: the minimum, 2 G (G = NOK 90,068 from May 2015)."),
    IASIM_COUNTY(costs, veileder_nok_per_hour, "NOK/h", 0, 1e5, kAssume,
                 "Full cost of a veileder hour (salary, social costs, pension, overheads)."),
    IASIM_COUNTY(costs, market_coordinator_nok_per_hour, "NOK/h", 0, 1e5, kAssume, "Full cost of a market coordinator hour."),
    IASIM_COUNTY(costs, ia_adviser_nok_per_hour, "NOK/h", 0, 1e5, kAssume, "Full cost of an ALS IA adviser hour."),
    IASIM_COUNTY(costs, coach_nok_per_hour, "NOK/h", 0, 1e5, kAssume, "Full cost of a Job Strategy coach hour."),
    IASIM_COUNTY(costs, job_specialist_nok_per_hour, "NOK/h", 0, 1e5, kAssume, "Full cost of a job specialist hour."),
    IASIM_COUNTY(costs, coordinator_nok_per_hour, "NOK/h", 0, 1e5, kAssume,
                 "Full cost of a county Job Strategy coordinator hour."),
    IASIM_COUNTY(costs, assessment_place_week_nok, "NOK/week", 0, 1e8, kAssume,
                 "Price of one week of an assessment place bought from a provider (tiltaksarrangør)."),
    IASIM_COUNTY(costs, follow_up_place_week_nok, "NOK/week", 0, 1e8, kAssume,
                 "Price of one week of a follow-up measure place (Oppfolging, Arbeid med bistand)."),
    IASIM_COUNTY(costs, specialised_veileder_nok_per_hour, "NOK/h", 0, 1e5, kAssume,
                 "Full cost of an in-house specialised veileder hour."),
    // IaCouncilParams
    IASIM_COUNTY(ia_council, budget_nok_per_year, "NOK/year", 0, 1e10, "SINTEF L771–774",
                 "The county IA council's budget for activities (NOK 400,000 in 2015; 600,000 for two counties)."),
    IASIM_COUNTY(ia_council, meetings_per_year, "1/year", 0.001, 365, "SINTEF L812", "IA council meetings a year."),
    IASIM_COUNTY(ia_council, arena_cost_nok, "NOK", 0, 1e9, "ASSUMPTION (SINTEF L771–774, L812–820)",
                 "Cost of one arena (seminar, conference, employer network meeting)."),
    IASIM_COUNTY(ia_council, employers_per_arena, "employer", 0, 1e6, kAssume, "IA firms at one arena."),
    IASIM_COUNTY(ia_council, als_hours_per_arena, "h", 0, 1e5, kAssume, "ALS adviser hours one arena takes."),
    IASIM_COUNTY(ia_council, arena_trust_step, "share", 0, 1, kAssume,
                 "Step of an attending firm's trust toward the partner view."),
    // CountyFacts (the name is the key under `counties:`)
    IASIM_FACT(offices, "office", 1, 255, "data/counties_2015.csv; norway_2015.cpp",
               "NAV offices in the county (incl. city district offices)."),
    IASIM_FACT(population_thousands, "thousand inhabitants", 0.001, 1e6, "data/counties_2015.csv",
               "County population."),
};

#undef IASIM_NATIONAL
#undef IASIM_COUNTY
#undef IASIM_FACT

constexpr std::string_view kWeightNames[model::office_service_count] = {"assessment", "trial_follow_up",
                                                                      "user_follow_up", "employer_contact"};

std::string format_double(double x) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, x);  // shortest form that reads back exactly
  return std::string(buf, r.ptr);
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (u < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\x";
          out += hex[u >> 4];
          out += hex[u & 15];
        } else {
          out += ch;  // UTF-8 passes through: YAML is UTF-8
        }
    }
  }
  return out + "\"";
}

}  // namespace

std::span<const Param> schema() { return kSchema; }

const Param* find_param(std::string_view path) {
  for (const Param& p : kSchema)
    if (p.path == path) return &p;
  return nullptr;
}

std::span<const std::string_view> weight_names() { return kWeightNames; }

std::vector<std::string_view> sections() {
  std::vector<std::string_view> out;
  for (const Param& p : kSchema) {
    const auto dot = p.path.find('.');
    if (dot == std::string_view::npos) continue;
    const auto s = p.path.substr(0, dot);
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::string to_yaml(const Value& v) {
  struct Visitor {
    std::string operator()(double x) const { return format_double(x); }
    std::string operator()(std::uint64_t x) const { return std::to_string(x); }
    std::string operator()(bool x) const { return x ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return quote(s); }
    std::string operator()(const Weights& w) const {
      std::string out = "[";
      for (std::size_t i = 0; i < w.size(); ++i) out += (i ? ", " : "") + format_double(w[i]);
      return out + "]";
    }
  };
  return std::visit(Visitor{}, v);
}

std::vector<std::string> differences(const model::Params& a, const model::Params& b) {
  std::vector<std::string> out;
  if (a.counties.size() != b.counties.size() || a.county_params.size() != b.county_params.size()) {
    out.push_back("counties: " + std::to_string(a.counties.size()) + " vs " + std::to_string(b.counties.size()));
    return out;
  }
  for (std::size_t c = 0; c < a.counties.size(); ++c)
    if (a.counties[c].name != b.counties[c].name)
      out.push_back("counties[" + std::to_string(c) + "].name = " + a.counties[c].name + " vs " + b.counties[c].name);
  if (!out.empty()) return out;
  for (const Param& p : kSchema) {
    if (p.scope == Scope::national) {
      const Value va = p.get(a, 0), vb = p.get(b, 0);
      if (va != vb) out.push_back(std::string(p.path) + " = " + to_yaml(va) + " vs " + to_yaml(vb));
      continue;
    }
    for (std::size_t c = 0; c < a.counties.size(); ++c) {
      const Value va = p.get(a, c), vb = p.get(b, c);
      if (va != vb)
        out.push_back("counties." + a.counties[c].name + "." + std::string(p.path) + " = " + to_yaml(va) + " vs " +
                      to_yaml(vb));
    }
  }
  return out;
}

}  // namespace iasim::scenario
