#pragma once
// Every number the model reads, as typed parameters with units in their names. The defaults here are the
// baseline (2015) values; each is either cited to a seed line / data table (SINTEF Lnnnn = line in
// seeds/sintef-report-ia-jobbstrategi-2015.txt) or marked ASSUMPTION and listed in docs/ODD.md.
// The scenario layer (sim/scenario/schema.cpp) describes each field (unit, range, source) for loading,
// validation and docs/scenarios.md; it reads the defaults from a default-constructed Params, so they live
// only here.
//
// Parameters in CountyParams may differ by county (a scenario can change only Møre og Romsdal);
// the rest are national.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace iasim::model {

// Services that draw on an office's veileder hours, in the order of `OfficeParams::priority_weight`.
enum class OfficeService : std::uint8_t { assessment, trial_follow_up, user_follow_up, employer_contact };
inline constexpr std::size_t office_service_count = 4;

struct RunParams {
  double horizon_years = 10.0;     // simulated years from 2015-01-01
  std::uint32_t replicates = 10;   // independent replications (common random numbers across scenarios)
  std::uint64_t seed = 2015;       // base seed; replicate r uses streams keyed (seed, r)
  // Sampling interval of the time series: four weeks, so that every step holds the same number of the
  // weekly rounds (with calendar months, flows alternate between 4 and 5 rounds a step).
  double output_step_days = 28.0;
  double lookahead_days = 7.0;     // engine window; cross-county messages travel at least this far ahead
  double population_scale = 1.0;  // multiplies people, employers and all staff hours (benchmarks use 10)
  // The model starts this many years before 2015-01-01 and runs its own processes up to it before any
  // output is written, so that on 1 January 2015 people are in states, with timers, that the model's flows
  // produce: no warm-up transient in the outputs (ASSUMPTION: one year covers trials and wage subsidies).
  double spin_up_years = 1.0;
};

struct PopulationParams {
  // On 1 January 2015: 42,000 under 30 with reduced work capacity in June 2015 (SINTEF L2441–2442), up 6%
  // on the year (NAV, data/public_facts.md), puts about 40,800 at the start of the year (42,000 / 1.06^0.5).
  double initial_persons = 40800.0;
  // The spin-up (RunParams::spin_up_years) starts from this share of initial_persons, so that the stock
  // the model's own flows produce is ~42,000 in June 2015 and grows ~6% a year (data/public_facts.md).
  // Calibrated with entrants_per_year_per_1000_pop (docs/calibration.md).
  double spin_up_start_share = 0.85;
  // 66% of them on AAP (SINTEF L2442–2443).
  double aap_share = 0.66;
  // 68% of the AAP group have a psychiatric diagnosis (SINTEF L2443–2444, L3949); ASSUMPTION: the same
  // share among those not on AAP.
  double mental_health_share = 0.68;
  // ASSUMPTION: share who completed upper secondary; the report says "many" lack it (SINTEF L341–355).
  double upper_secondary_share = 0.45;
  // ASSUMPTION: new entrants per year per 1,000 inhabitants (all ages); calibrated so that the stock
  // reaches about 42,000 in June 2015 and grows as it did then ("+6% on the year", data/public_facts.md).
  // See docs/calibration.md.
  double entrants_per_year_per_1000_pop = 2.7;
  // ASSUMPTION: age at entry is uniform on [min, max] years.
  double entry_age_min_years = 18.0;
  double entry_age_max_years = 28.0;
  // ASSUMPTION: initial latent readiness for work, normal with this mean and sd, clamped to [0, 1].
  double readiness_mean = 0.40;
  double readiness_sd = 0.18;
  // AAP lasts at most 4 years for recipients who started before the 2018 reform, 3 years for those who
  // started on or after it (data/register_flows.md "Rules that shape the flows"; data/public_facts.md). The
  // AAP clock of a person runs from entry into the target group (the initial stock has used up to
  // `initial_years_in_group_max` of it). Dates are calendar years as decimals: 2018.0 is 1 January 2018.
  double aap_max_years = 4.0;
  double aap_reform_year = 2018.0;
  double aap_max_years_from_reform = 3.0;
  // ASSUMPTION: share of recipients at the limit whose AAP is extended (extensions were possible before the
  // reform; from 2018 the rules were stricter for everyone then on AAP, data/register_flows.md), and by how long.
  double aap_extension_share = 0.3;
  double aap_extension_share_from_reform = 0.1;
  double aap_extension_years = 2.0;
  // The target group's share of people with reduced work capacity: 42,000 of 206,000 (June 2015,
  // data/public_facts.md). ALS inclusion work and adviser hours moved into offices serve all of them, so
  // this share of those hours reaches the under-30s.
  double target_group_share_of_reduced_capacity = 42000.0 / 206000.0;
  // ASSUMPTION: at AAP expiry without work or extension, this share moves to disability benefit; the rest
  // stay in follow-up without AAP. About three quarters of new disability recipients had received AAP
  // (data/register_flows.md), so most disability comes through AAP (this and the hazard's AAP terms below).
  double disability_at_aap_expiry_share = 0.45;
  // Disability benefit as a hazard (per year) for people waiting or in follow-up:
  //   h = disability_exit_per_year * exp(age_slope * (age - 25)) * (psychiatric ? mental_health_factor : 1)
  //       * (on AAP ? 1 + near_limit_factor * ramp : not_on_aap_factor),
  // where ramp rises from 0 to 1 over the last `disability_near_limit_years` before the AAP limit. The
  // register's disability share of leavers is higher at 25–29 than at 20–24 (24.1% vs 16.9%,
  // data/register_flows.md): the age slope. ASSUMPTION on the magnitudes (calibrated, docs/calibration.md).
  double disability_exit_per_year = 0.03;
  double disability_age_slope_per_year = 0.08;
  double disability_mental_health_factor = 1.3;
  double disability_near_limit_factor = 3.0;
  double disability_near_limit_years = 1.0;
  double disability_not_on_aap_factor = 0.5;
  // ASSUMPTION: weekly hazards of leaving the service states other than by work.
  double education_exit_per_year = 0.035;  // back to school (OT, SINTEF L218–224)
  // ...times these factors: those who have not completed upper secondary school are the follow-up service's (OT)
  // and go back to school more often (SINTEF L218–224). ASSUMPTION on the magnitudes (their mean over the
  // population's schooling mix is about 1).
  double education_factor_upper_secondary = 0.5;
  double education_factor_no_upper_secondary = 1.5;
  // Leaving for school peaks at the start of the school year: the hazard is multiplied by
  // 1 + amplitude * cos(2 pi (day of year - peak) / 365.25). Exits are ~40% higher in Q3 than in Q1
  // (data/register_flows.md). ASSUMPTION on the amplitude; the peak is mid-August (school starts).
  double education_season_amplitude = 0.35;
  double season_peak_day_of_year = 227.0;
  double dropout_per_year = 0.015;         // drop-out to inactivity with adequate follow-up
  // Most young people who leave for work find it themselves, not through a NAV broker (ASSUMPTION; the
  // register counts every exit to work, data/register_flows.md): a yearly hazard of an ordinary job by own
  // search for people waiting or in follow-up, times exp(own_job_search_readiness_logit * (readiness - 0.5)),
  // with the hiring season's amplitude (peak at season_peak_day_of_year). Calibrated, docs/calibration.md.
  double own_job_search_per_year = 0.14;
  double own_job_search_readiness_logit = 3.0;
  double own_job_search_season_amplitude = 0.25;
  // ASSUMPTION: yearly hazards of coming back to NAV follow-up from inactivity and from education
  // (4.1–4.8% of under-30 leavers are back in the status six months later, data/register_status_six_months.csv;
  // 3.5% of all ages in 2015, data/register_flows.md).
  double inactive_return_per_year = 0.12;
  double education_return_per_year = 0.08;
  // Drop-out multiplies by (1 + this) when a person gets none of the follow-up they need (SINTEF L2259–2261).
  double dropout_neglect_multiplier = 2.0;
  // ASSUMPTION: probability of dropping out after a failed trial with no follow-up at all (scaled by the
  // share of follow-up needs not met). Candidates from psychiatry "fall out again too easily" (SINTEF L4090–4095).
  double dropout_after_failed_trial = 0.1;
  // The longer someone is inactive, the lower the chance of success (SINTEF L6261–6270): readiness
  // decays at this rate per year without activity. ASSUMPTION on magnitude.
  double readiness_decay_inactive_per_year = 0.15;
  // ASSUMPTION: readiness gained per year of full follow-up (train-then-place).
  double readiness_gain_follow_up_per_year = 0.30;
  // Motivation (effort, attendance; SINTEF L6221–6233: "innsatsviljen og motivasjonen hos brukeren" matter more
  // to employers than the health problem): drawn at entry as a normal clamped to [0, 1]; it rises toward 1 at
  // gain * f per year with the share f of follow-up received and falls toward 0 at decay * (1 - f) per year
  // (waiting in a queue is f = 0). ASSUMPTION on every magnitude.
  double motivation_mean = 0.5;
  double motivation_sd = 0.2;
  double motivation_gain_follow_up_per_year = 1.0;
  double motivation_decay_waiting_per_year = 0.5;
  // ASSUMPTION: readiness gained per year in a work trial or job (work is the best training, SINTEF L6853–6859).
  double readiness_gain_work_per_year = 0.50;
  // Losing a job (ordinary or subsidised): a Weibull hazard in tenure with shape < 1, so it falls with
  // tenure, scaled by exp(readiness_logit * (0.5 - readiness)), so it rises with low readiness. Candidates
  // from psychiatry "fall out again too easily" (SINTEF L4090–4095); trials "rarely end in lasting
  // employment" (SINTEF L6424–6425). ASSUMPTION on magnitudes: `job_loss_first_year_share` of jobs at
  // readiness 0.5 end within a year.
  double job_loss_first_year_share = 0.15;
  double job_loss_tenure_shape = 0.6;
  double job_loss_readiness_logit = 2.0;
  // Young people move between counties (SINTEF L3556–3559: "these are young people who are mobile"): a yearly
  // hazard by age (under 25, 25–29), to a county drawn by population, from any state; a move ends a trial or a
  // job (the person arrives in follow-up). ASSUMPTION on both magnitudes (no count for the target group).
  double migration_per_year_under_25 = 0.04;
  double migration_per_year_25_29 = 0.03;
  // ASSUMPTION: states of the 42,000 at the start (the rest are in follow-up).
  double initial_waiting_share = 0.10;
  double initial_trial_share = 0.08;
  double initial_subsidised_share = 0.05;
  // ASSUMPTION: years already spent in the target group by the initial stock, uniform on [0, max].
  double initial_years_in_group_max = 3.0;
};

struct OfficeParams {
  // Veileder hours per full-time week (37.5 h Norwegian standard week).
  double veileder_hours_per_week = 37.5;
  // ASSUMPTION: share of a veileder's week spent on user and employer work (the rest: meetings, reception,
  // paperwork; SINTEF L6879–6880, L6962–6969).
  double veileder_casework_share = 0.55;
  // Competing initiatives (Ny Giv, Arbeid og psykisk helse, TG) take this share of casework time
  // (SINTEF L228–236, L3221–3223). ASSUMPTION on magnitude.
  double competing_initiatives_share = 0.10;
  // Veiledere whose caseload is in Table 3.1's smallest bin (0–19 users) have other duties besides
  // follow-up (SINTEF L4772–4774): they give each user the time a veileder with this many users would.
  double other_duties_users_per_veileder = 20.0;
  // Users per veileder: drawn per office from Table 3.1 (data/caseload_by_office_size_2013.csv) and
  // multiplied by this factor (a scenario can halve caseloads with 0.5).
  double caseload_multiplier = 1.0;
  // Hours per service (ASSUMPTION; no durations in the report, seed-facts §2.5).
  double assessment_hours = 8.0;               // one work capacity assessment
  double user_follow_up_hours_per_week = 0.75; // per person in follow-up, to progress at full speed
  double trial_follow_up_hours_per_week = 1.0; // per person in a trial (user + employer follow-up)
  double placement_attempt_hours = 3.0;        // contacting one employer for one candidate
  // Relative weights by which an office spreads scarce hours over services (targets / måltall,
  // SINTEF L1518–1520, L3164–3167): assessment, trial follow-up, user follow-up, employer contact.
  std::array<double, office_service_count> priority_weight{1.0, 1.0, 1.0, 1.0};
  // Share of offices engaged in the Job Strategy (leadership anchoring, SINTEF L2840–2843). About 20% of
  // offices cooperated much with ALS, coach or coordinator (SINTEF L2424–2429).
  double engaged_share = 0.20;
  // Offices' propensities to cooperate with ALS, with the coach and with local employers go together
  // (SINTEF Tables 3.2 and 3.4): drawn as correlated normals with ALS–coach 0.52 (Table 3.2, L2474–2517),
  // ALS–employers 0.35 and coach–employers 0.30 (L4725–4730). An office is engaged when its ALS and coach
  // propensities together are in the top `engaged_share`.
  double cooperation_correlation_als_coach = 0.52;
  double cooperation_correlation_als_employers = 0.35;
  double cooperation_correlation_coach_employers = 0.30;
  // Veiledere's contact with employers: close for 28%, occasional for 53%, rare for 15% (SINTEF L5739–5742),
  // by the office's employer propensity. ASSUMPTION: close contact weighs employer contact 1.5 times in the
  // office's hour allocation, rare contact half.
  double employer_contact_close_share = 0.28;
  double employer_contact_rare_share = 0.15;
  double employer_contact_weight_close = 1.5;
  double employer_contact_weight_rare = 0.5;
  // ASSUMPTION: engagement is lost at this yearly rate, as turnover and sick leave in offices undo it
  // (SINTEF L1549–1554, L3244–3247), and at the lower rate while the coordinator has followed the office up
  // within `engagement_follow_up_years`.
  double engagement_loss_per_year = 0.15;
  double engagement_loss_per_year_followed_up = 0.05;
  double engagement_follow_up_years = 1.0;
  // What anchoring changes in an office (SINTEF L2840–2843, L3148–3167: lists of long-term AAP recipients and a
  // target per office): its veiledere weigh the target group's users by this much when their hours are shared
  // among all users, and its market coordinators give this share of their hours to the target group (instead
  // of market_target_group_share). ASSUMPTION on both magnitudes.
  double engaged_target_group_weight = 1.25;
  double engaged_market_target_group_share = 0.5;
  // An office's own assessment is an interview of `assessment_hours`; overload shortens the time a veileder
  // really gives it to assessment_hours / (1 + sensitivity * max(0, demand/hours - 1)) (SINTEF L2259–2268:
  // assessed candidates "drown" in portfolios), and its quality follows from the hours as every observation's
  // does (measures.interview_learning_per_hour). ASSUMPTION on magnitude.
  double assessment_overload_sensitivity = 1.0;
  // Share of assessments the offices order as measures (tiltak) instead of making them themselves in 2015
  // (afi-kjerneoppgaver-i-nav.txt; SINTEF L4532–4536). ASSUMPTION on magnitude. Where a measure is made — at a
  // provider or by the county's specialised veiledere — is measures.in_house_share.
  double purchased_assessment_share = 0.5;
  // How wrong a veileder's reading of a person's readiness is after an assessment of quality 0 (sd).
  double readiness_error_sd_at_zero_quality = 0.35;
  // Readiness a veileder requires before trying to place someone (formidlingsklar).
  double ready_threshold = 0.5;
  // How fast a veileder's reading of readiness converges on the truth with full follow-up (per year).
  // ASSUMPTION.
  double estimate_learning_per_year = 2.0;
  // Market coordinator hours per office per week, for employer contact only. One county had four market
  // coordinators each covering several offices (SINTEF L3835–3837): ASSUMPTION, one full-time coordinator
  // per five offices.
  double market_coordinator_hours_per_week = 7.5;
  // Share of market coordinator hours spent on the Job Strategy target group (ASSUMPTION).
  double market_target_group_share = 0.3;
};

// Assessment measures (afi-kjerneoppgaver-i-nav.txt): an office orders them from a provider (tiltaksarrangør,
// Avklaring) with places bought by the week, or — the Kjerneoppgaver trial — from NAV's own specialised veiledere,
// who assess at an ordinary workplace. The money for places is split between the two by `in_house_share`: its
// share of the places becomes specialised veileder hours at `specialised_hours_per_place_week` each. A measure
// starts when a place (or a specialised veileder's hours for one more participant) is free, in order of referral;
// a provider's report waits for the ordering veileder's `handoff_hours` and keeps `handoff_information_kept` of
// what the provider saw. What an assessment shows follows from the hours spent observing the person and the arena:
// quality = 1 - exp(-learning_per_hour * hours) (interview at the office, sheltered provider arena, ordinary
// workplace). ASSUMPTION on every magnitude (the AFI report gives directions only); the defaults give an office
// interview of 8 h quality 0.85, a provider's 8 weeks quality 0.91 of which 0.60 reaches the veileder, and the
// workplace's 6 weeks quality 0.995.
struct MeasuresParams {
  // Assessment places a county buys (Avklaring), per 100,000 inhabitants. ASSUMPTION: close to what the
  // offices' referrals use in 2015, so that the wait before a measure is weeks, not months.
  double assessment_places_per_100k_population = 25.0;
  // Share of the place budget moved to in-house specialised veiledere (Kjerneoppgaver: 1).
  double in_house_share = 0.0;
  // Specialised veileder hours one place's money pays for a week: the place-week's price over a veileder hour's
  // full cost (costs.assessment_place_week_nok / costs.specialised_veileder_nok_per_hour).
  double specialised_hours_per_place_week = 4375.0 / 600.0;
  double provider_assessment_weeks = 8.0;
  double provider_hours_per_participant_week = 3.0;  // the provider's observation of one participant
  double in_house_assessment_weeks = 6.0;
  double in_house_hours_per_participant_week = 3.0;  // a specialised veileder's, partly at the workplace
  double interview_learning_per_hour = 0.237;
  double sheltered_learning_per_hour = 0.1;
  double workplace_learning_per_hour = 0.3;
  double referral_hours = 1.0;  // veileder hours to order a measure
  double handoff_hours = 1.0;   // veileder hours to take over a provider's report
  double handoff_information_kept = 0.66;
  // Follow-up measures (Oppfølging, Arbeid med bistand; afi-kjerneoppgaver-i-nav.txt L14): after an assessment
  // that finds a person not yet job-ready, the veileder orders one with probability `follow_up_measure_share`
  // (referral_hours, owed the next week). The person waits for a place without follow-up (the wait between
  // measures, L16), is followed up by the provider for `provider_follow_up_weeks`, and waits again for the
  // veileder to take the provider's report over (handoff_hours). Kjerneoppgaver (in_house_share) moves these
  // places' money to specialised veiledere too, who follow the person up at an ordinary workplace (L20–22).
  // ASSUMPTION on every magnitude: the report and data/ give no counts of these measures.
  double follow_up_places_per_100k_population = 40.0;
  double follow_up_measure_share = 0.3;
  double provider_follow_up_weeks = 26.0;
  double provider_follow_up_hours_per_participant_week = 1.5;
  double in_house_follow_up_weeks = 26.0;
  double in_house_follow_up_hours_per_participant_week = 1.5;
  // Specialised veileder hours one follow-up place's money pays for a week
  // (costs.follow_up_place_week_nok / costs.specialised_veileder_nok_per_hour).
  double specialised_hours_per_follow_up_place_week = 1750.0 / 600.0;
};

struct AlsParams {
  // ASSUMPTION: IA advisers per 100,000 inhabitants (no national count in the report, seed-facts §3.1).
  double advisers_per_100k_population = 5.0;
  double adviser_hours_per_week = 37.5;
  // One county aims at 70% of adviser time out in firms (SINTEF L1043).
  double in_firm_share = 0.7;
  // Hours split over IA sub-goals 1/2/3/other: per county from Table 2.1 (data/als_resource_split_2015.csv,
  // SINTEF L1180–1201); a scenario may override. Shares sum to 1.
  double delmal1_share = 0.5;
  double delmal2_share = 0.3;
  double delmal3_share = 0.1;
  double other_share = 0.1;
  // Share of IA firms with a fixed ALS contact person: each has one (SINTEF L251, L2005).
  double contact_person_share = 1.0;
  // Advisers keep their contact firms' relations alive by visits (SINTEF L251, L2003–2006, L3476–3482): the
  // delmål-2 hours not spent opening doors buy visits of `contact_visit_hours`, paid to the contact firms in
  // turn. A visit moves the firm's trust a step `contact_visit_trust_step` (times the centre's system
  // competence) toward `contact_trust_target`. A firm not visited for `contact_lapse_years` loses its fixed
  // contact. ASSUMPTION on the magnitudes.
  double contact_visit_hours = 2.0;
  // IA meetings a contact firm is owed a year (the IA agreement's two, SINTEF L2026): a contact person answers
  // calls the same day as far as the visit hours cover them.
  double ia_meetings_per_contact_firm_per_year = 2.0;
  double contact_visit_trust_step = 0.3;
  double contact_trust_target = 0.75;
  double contact_lapse_years = 2.0;
  // Share of delmål-2 hours that open doors for office candidates (placement attempts with IA firms).
  double placement_share_of_delmal2 = 0.3;
  // Sick leave: delmål-1 hours lower IA firms' sick-leave rate (IA delmål 1). ASSUMPTION on magnitudes;
  // ALS targets firms over 7% sick leave (SINTEF L987).
  double sick_leave_pct_initial = 6.5;
  double sick_leave_pct_floor = 5.0;
  double sick_leave_reduction_per_hour_per_firm = 0.02;  // per year, relative
  double sick_leave_drift_per_year = 0.3;                 // relaxation back to the initial level
  // Advisers' hours spent at NAV offices (all of them after a merger, `days_at_offices_share` under
  // Telemark 4-1) are pulled into the office's casework in proportion to the casework the office's own
  // veiledere could not cover last week (SINTEF L2192–2194: "quickly swallowed by office tasks"; L1824–1826).
  // The pull is stronger when the office leads the adviser (merger) than when the adviser visits (4-1).
  // ASSUMPTION on both magnitudes.
  double merged_casework_pull = 1.0;
  double visiting_casework_pull = 0.3;
  // The centre's system competence (knowledge of IA firms, HMS, the IA agreement) moves toward the share of
  // in-firm adviser hours still spent on system work, with this half-life (SINTEF L285–286: "diluted and
  // weakened" when spread). It scales visits' trust steps and the sick-leave work. ASSUMPTION.
  double competence_half_life_years = 3.0;
  // Vågeng merger (SINTEF L275–300, L1462–1484, L2186–2197): advisers move into the offices, a share growing
  // linearly from `merger_start_year` over `merger_transition_years` (calendar years as decimals).
  bool merged_into_offices = false;
  double merger_start_year = 2016.0;
  double merger_transition_years = 1.0;
  // Møre og Romsdal (SINTEF L298–303, L1586–1589): the ALS leader leads the offices' market coordinators and
  // teams. The leader spends `leader_hours_per_market_team_per_week` per office (taken from the centre's
  // hours); coordination covers a share min(1, spent / `coordination_hours_needed_per_team_per_week`) of the
  // market teams' contacts: a coordinated contact goes through the IA contact relations and avoids firms
  // another NAV unit has just contacted. ASSUMPTION on both magnitudes.
  bool leads_market_teams = false;
  double leader_hours_per_market_team_per_week = 1.0;
  double coordination_hours_needed_per_team_per_week = 1.0;
  // Telemark 4-1 (SINTEF L1591–1602): share of adviser days spent at NAV offices. Its costs are the hours
  // pulled into casework (visiting_casework_pull) and the system competence lost with them; its gain is the
  // shared market fora at the offices, which coordinate this share of the market teams' contacts per unit of
  // days_at_offices_share (SINTEF L1593–1595; ASSUMPTION on magnitude), and door opening for all offices alike.
  double days_at_offices_share = 0.0;
  double market_forum_coordination = 0.5;
};

// The Job Strategy's two posts in each county: the arbeidslivscoach at ALS and the county coordinator
// (fylkeskoordinator) in NAV Fylke (SINTEF L525, L4986).
struct CoachParams {
  // One arbeidslivscoach per county (SINTEF L525, L4986; data/public_facts.md).
  double coaches = 1.0;
  double hours_per_week = 37.5;
  // Share of coach time at system level (opening firms' doors, arenas) rather than in single cases,
  // which absorb it (SINTEF L3631–3637, L4638–4644). ASSUMPTION.
  double system_share = 0.4;
  // Coaches and coordinators concentrate on engaged offices (SINTEF L3225–3255, L5033–5038):
  // probability that a search for a candidate looks at engaged offices first.
  double engaged_office_focus = 0.8;
  double hours_per_case_week = 2.0;  // individual case work (ASSUMPTION)
  // System work: one employer visit that opens a door (ASSUMPTION), and organising one matchemøte.
  // The coach opens the door (SINTEF L3312–3319, L3844–3846): a visited firm that takes trainees agrees, as it
  // would to a trial with full follow-up, to take a candidate; the coach's later case work places candidates
  // through open doors first, and a door not used within `door_open_weeks` lapses (ASSUMPTION).
  double hours_per_door_opening = 3.0;
  double door_open_weeks = 12.0;
  // The follow-up the coach promises a firm that opens its door, as employers weigh it (rules.hpp:
  // expected_follow_up; 1 = full). ASSUMPTION. The firm weighs an average candidate (matching.fit_mean).
  double door_promised_follow_up = 1.0;
  double matchmeeting_organiser_hours = 15.0;
  // Preparation starts this many weeks before a matchemøte: each county round from then gives it what is still
  // missing of its organiser hours (ASSUMPTION; SINTEF L2750–2759: enough time is a success factor).
  double matchmeeting_preparation_weeks = 4.0;
  // The county coordinator anchors the strategy in office leadership — visits, lists of long-term AAP
  // recipients, targets per office (SINTEF L2840–2843, L3148–3167) — and co-organises matchemøter
  // (L2855–2856) with the rest of the time.
  double coordinator_hours_per_week = 37.5;
  // ASSUMPTION: the share of the coordinator's week for visits to offices not yet engaged; after any matchemøte
  // preparation the rest follows up engaged offices, the one visited longest ago first (no hours go unused).
  double coordinator_anchoring_share = 0.6;
  double anchoring_visit_hours = 7.5;        // ASSUMPTION: one visit to an office's leadership
  // ASSUMPTION: probability that a visit anchors the strategy in an office not yet engaged; some offices
  // refuse the coach 4–5 times (SINTEF L3282–3287).
  double anchoring_success_per_visit = 0.05;
};

struct MatchingParams {
  // Matchemøter per county per year (SINTEF L2855–2856, L3001–3003: 5 offices, 9 firms). ASSUMPTION: 4.
  double matchmeetings_per_year = 4.0;
  double employers_per_matchmeeting = 9.0;
  double candidates_per_matchmeeting = 10.0;
  double matchmeeting_veileder_hours_per_candidate = 2.0;
  // Candidate-first matching works, employer-first fails (SINTEF L3470–3481). They are procedures — who is
  // chosen first — and the fit follows from them: a candidate's fit to a job is a draw from normal(fit_mean,
  // fit_sd) clamped to 0..1 (ASSUMPTION). Employer-first: the broker takes an employer's opening and sends the
  // candidate at hand, one draw. Candidate-first: the broker starts from the candidate and weighs
  // `employers_considered` firms they know for the one the candidate fits best, and approaches that one
  // (ASSUMPTION; with these defaults the mean fit is ~0.69 against 0.4).
  bool candidate_first = true;
  double fit_mean = 0.4;
  double fit_sd = 0.25;
  double employers_considered = 5.0;
};

struct EmployerParams {
  // Establishments per 1,000 inhabitants: 194,220 establishments (data/public_facts.md, Q1 2009) over
  // 5.17 million inhabitants (data/counties_2015.csv).
  double establishments_per_1000_pop = 37.6;
  // 22.7% of establishments in IA firms (data/public_facts.md, Q1 2009).
  double ia_share = 0.227;
  // ASSUMPTION: public-sector share of establishments.
  double public_share = 0.15;
  // Trust in NAV at start: 2013, half of >800 firms saw NAV as a controller, 30% as a partner (SINTEF L7043).
  double controller_share = 0.5;
  double partner_share = 0.3;
  double trust_controller = 0.25;
  double trust_neutral = 0.5;
  double trust_partner = 0.75;
  // Logit of saying yes to a work trial (work practice is easy to get, SINTEF L4554–4559, L4574–4579).
  double trial_base_logit = 0.8;
  double trial_trust_logit = 2.0;           // per unit trust above 0.5
  double trial_follow_up_logit = 1.0;       // per unit expected follow-up
  double trial_ia_logit = 0.3;
  double trial_knows_person_logit = 1.5;    // SINTEF L6471–6480
  double trial_open_door_logit = 1.0;       // the coach opened the door for a candidate (ASSUMPTION)
  double trial_fit_logit = 1.5;
  double trial_bad_experience_logit = 0.8;  // per failed trial remembered (SINTEF L5852–5862, L5960–5964)
  double trial_good_experience_logit = 0.4; // per good trial remembered (L6645–6648)
  // ASSUMPTION: the trial logit reads at most this much remembered good and bad experience.
  double experience_memory_cap = 3.0;
  // Employers are sceptical of young people with mental health problems they have not met (SINTEF
  // L2254–2257); once they meet, motivation weighs more than the diagnosis (L6221–6233). ASSUMPTION on size.
  double trial_mental_health_logit = -0.3;
  // Logit of hiring after a successful trial: ordinary hiring is the bottleneck (SINTEF L4554–4555), and
  // trials rarely end in lasting employment (L6424–6425). Calibrated: about a fifth of trials end in a hire
  // (docs/calibration.md).
  double hire_base_logit = -2.2;
  double hire_subsidy_logit = 3.0;          // per unit subsidy share of wage (SINTEF L6350–6370)
  double hire_trust_logit = 1.5;
  double hire_readiness_logit = 2.0;
  double hire_public_logit = -0.5;          // public sector hires less permanently (SINTEF L4618–4627)
  double hire_knows_person_logit = 1.0;     // met the person beforehand (SINTEF L6471–6480)
  double hire_motivation_logit = 1.0;       // per unit motivation above 0.5 (effort seen in the trial, L6221–6233)
  // Trust learning rate per experience, and what each part of the experience is worth
  // (virke-afi-employer-needs.txt: follow-up, proactive contact, clear agreements; and the outcome).
  // ASSUMPTION on magnitudes; the weights sum to 1.
  double trust_learning_rate = 0.3;
  double experience_weight_follow_up = 0.4;
  double experience_weight_proactive = 0.2;
  double experience_weight_agreements = 0.2;
  double experience_weight_success = 0.2;
  // Establishment sizes (employees): lognormal with this log-sd, and means from data/public_facts.md: IA
  // establishments are 22.7% of 194,220 with 56.4% of 2,117,389 employees (mean 27.1), the others 6.15.
  // ASSUMPTION: the log-sd.
  double size_mean_ia = 0.564 * 2117389.0 / (0.227 * 194220.0);
  double size_mean_other = 0.436 * 2117389.0 / (0.773 * 194220.0);
  double size_log_sd = 1.2;
  // Whether an establishment takes trainees at all does not depend on its size: "both large and small firms
  // are good at including ... no systematic differences by size" (SINTEF L4603–4605); ASSUMPTION: half do.
  // Larger firms can commit to more (L4605–4611): one trainee slot plus one per `employees_per_trainee_slot`
  // employees (ASSUMPTION), and brokers approach firms in proportion to their size (more jobs to fill).
  double takes_trainees_share = 0.5;
  double employees_per_trainee_slot = 50.0;
  // ASSUMPTION: brokers go back to an employer where a trial went well with this probability (drawn from the
  // county's recent good trials); otherwise they approach a new firm that takes trainees, weighted by size.
  double broker_return_share = 0.4;
  double good_partners_per_1000_firms = 20.0;  // how many recent good trials the county remembers
  // Employers forget trials with this half-life (ASSUMPTION).
  double experience_half_life_years = 3.0;
  // Trials as free labour (SINTEF L6405–6433, L6842–6848): an employer's propensity to use them so is
  //   logistic(free_labour_base_logit + free_labour_subsidy_logit * subsidy share + free_labour_cycling_logit
  //            * min(trials in a row without a hire, cap)),
  // so it rises with the subsidy level and with trial cycling; it makes trials easier to get and hires rarer
  // (SINTEF L6864–6866). ASSUMPTION on magnitudes: about 5% at baseline.
  double free_labour_base_logit = -3.9;
  double free_labour_subsidy_logit = 2.0;
  double free_labour_cycling_logit = 0.5;
  double free_labour_cycling_cap = 4.0;
  double free_labour_trial_logit = 1.0;
  double free_labour_hire_logit = -2.5;
  // Substitution: a subsidised hire displaces an ordinary hire the employer would have made with probability
  // logistic(substitution_base_logit + substitution_subsidy_logit * subsidy share) ("we could not take more
  // part-timers, they got them free from NAV", SINTEF L6842–6845). ASSUMPTION on magnitudes.
  double substitution_base_logit = -3.0;
  double substitution_subsidy_logit = 3.0;
  // Hiring is seasonal (exits peak in Q3, data/register_flows.md): amplitude of the seasonal term in the
  // hire logit, peaking at `population.season_peak_day_of_year`. ASSUMPTION.
  double hire_season_logit = 0.25;
  // Logit of a trial succeeding (the person copes): readiness and follow-up received decide
  // (SINTEF L5952–5965, L6186–6192). ASSUMPTION on magnitudes.
  double trial_success_base_logit = 0.0;
  double trial_success_readiness_logit = 5.0;  // per unit readiness above 0.5
  double trial_success_follow_up_logit = 2.0;  // per unit follow-up received above 0.5
  double trial_success_agreements_logit = 0.5; // per unit share of trials with clear agreements (ASSUMPTION)
  // Per unit motivation above 0.5: attendance and effort (SINTEF L6221–6233). ASSUMPTION: one sd of motivation
  // (0.2) weighs more than the diagnosis does (trial_mental_health_logit).
  double trial_success_motivation_logit = 2.0;
  // An employer contacted by several NAV units (offices, market teams, ALS, the coach) about candidates within
  // a short time receives a duplicate contact (SINTEF L2195–2197, L4439–4440, L5801–5804;
  // virke-afi-employer-needs.txt: employers do not know whom at NAV to call). A duplicate costs the employer
  // time and moves its trust a step toward the controller view. ASSUMPTION on the magnitudes.
  double duplicate_contact_window_days = 30.0;
  double duplicate_contact_employer_hours = 0.5;
  double duplicate_contact_trust_step = 0.05;
  // An IA firm busy with its own sick employees has less room for a trainee: the trial logit falls by this
  // much per percentage point of the firm's sick leave above the county's 2015 level (direction:
  // SINTEF L3719–3726, L3789–3792; ASSUMPTION on magnitude).
  double trial_sick_leave_logit_per_pct = -0.15;
};

struct SupportParams {
  // Wage subsidy: up to 60% the first year (data/public_facts.md, approximate).
  double subsidy_share = 0.5;
  double subsidy_weeks = 52.0;
  // Probability that a subsidy is granted when an employer asks (budget periods, SINTEF L6350–6370).
  double subsidy_availability = 0.6;
  double wage_nok_per_week = 7000.0;        // ASSUMPTION: ~NOK 365,000 a year entry wage
  // ASSUMPTION: logit of keeping a person when the subsidy ends (plus the hire trust and readiness terms).
  double keep_after_subsidy_logit = 0.5;
  // ASSUMPTION: one work trial (arbeidspraksis lasted months, up to a year); calibrated with the programme
  // places so that trial starts are not three a year for every two people (docs/calibration.md).
  double trial_weeks = 20.0;
  // Employer-support knobs (virke-afi-employer-needs.txt; SINTEF L5818–5831): proactive follow-up by a
  // fixed contact, clear agreements at the start. 0 = as in 2015, 1 = always.
  double proactive_follow_up = 0.2;
  double clear_agreements = 0.3;
  // What those knobs cost and do (ASSUMPTION on the magnitudes): proactive follow-up is the veileder's call to
  // the employer every week of a trial, `proactive_call_hours` each, for the share proactive_follow_up of trials;
  // clear agreements take `agreement_hours` of veileder time at a trial's start for the share clear_agreements,
  // and raise the trial's chance of going well (employer.trial_success_agreements_logit per unit share).
  double proactive_call_hours = 0.25;
  double agreement_hours = 1.0;
  // Employers call NAV about their trainee (SINTEF L5818–5831: a call back within 48 hours is not always enough;
  // they want an answer the same day): in a week of a trial with probability employer_calls_per_trial_week, less
  // the share of weeks the veileder called first (proactive_follow_up). The call is answered the same day with the
  // probability that its answerer has free hours — the office's veileder: the share of trial follow-up the office
  // covered that week; a fixed ALS contact person: the share of the IA agreement's two meetings a year (SINTEF
  // L2026) the centre's visit hours cover — and otherwise after an exponential delay of mean
  // late_answer_days_mean. A same-day answer moves the employer's trust the step call_trust_step toward the
  // partner view, a later one toward the controller view. ASSUMPTION on the magnitudes.
  double employer_calls_per_trial_week = 0.3;
  double late_answer_days_mean = 3.0;
  double call_trust_step = 0.05;
  double fixed_contact_for_trials = 0.2;
  // An employer with a fixed contact expects at least this much follow-up: one person who answers the
  // same day (SINTEF L5818–5831). ASSUMPTION.
  double contact_expected_follow_up_floor = 0.5;
  // Supported Employment (klar-supported-employment.txt): share of the target group followed by job
  // specialists with 15–20 people each instead of ~150 (a fidelity item: caseload size), place-then-train: no
  // assessment queue and no work trial first.
  double supported_employment_share = 0.0;
  double job_specialist_caseload = 18.0;
  double job_specialist_hours_per_week = 37.5;
  // A specialist's week (ASSUMPTION on the magnitudes): follow-along support of the clients in a job first,
  // `follow_along_hours_per_week` each; then the searching clients, of whose time the share `employer_time_share`
  // (a fidelity item: time spent with employers) goes to meeting employers, `employer_meeting_hours` a meeting
  // about one client. A met employer knows the person, and the specialist's next attempt for the client goes to
  // it. Follow-along received lowers a client's job-loss hazard by up to `follow_along_job_loss_reduction` (the
  // same employer and employee followed over time).
  double follow_along_hours_per_week = 0.5;
  double employer_time_share = 0.5;
  double employer_meeting_hours = 3.0;
  double follow_along_job_loss_reduction = 0.5;
};

// Unit costs, for the cost outputs only (they change no decision). All ASSUMPTION (docs/ODD.md §7.22): the seeds
// and data/ give none.
struct CostParams {
  // AAP for a young person with little earlier income: the minimum, 2 G (G = NOK 90,068 from 1 May 2015).
  double aap_nok_per_year = 180136.0;
  // Full cost of an hour of staff time: salary, employer's social costs, pension and overheads, about NOK 1
  // million a year over ~1,650 productive hours.
  double veileder_nok_per_hour = 600.0;
  double market_coordinator_nok_per_hour = 600.0;
  double ia_adviser_nok_per_hour = 600.0;
  double coach_nok_per_hour = 600.0;
  double job_specialist_nok_per_hour = 600.0;
  double coordinator_nok_per_hour = 600.0;
  // One week of an assessment place bought from a provider (tiltaksarrangør): ASSUMPTION, NOK 35,000 for an
  // assessment of 8 weeks.
  double assessment_place_week_nok = 35000.0 / 8.0;
  // One week of a follow-up place (Oppfølging, Arbeid med bistand): ASSUMPTION, about NOK 7,500 a month.
  double follow_up_place_week_nok = 1750.0;
  double specialised_veileder_nok_per_hour = 600.0;
};

// The county IA council (regionalt IA-råd) of the IA partners (SINTEF L2279): a budget it spends on arenas that
// bring ALS, NAV offices and employers together (SINTEF L771–774; NOK 400,000–600,000, too small by the ALS
// leaders' account, L2199–2202). At each of its meetings the council spends the budget since the last one on
// arenas of `arena_cost_nok`; at an arena `employers_per_arena` IA firms meet the centre's advisers, who
// spend `als_hours_per_arena`. ASSUMPTION on meetings, cost, attendance and hours.
struct IaCouncilParams {
  double budget_nok_per_year = 400000.0;
  double meetings_per_year = 4.0;
  double arena_cost_nok = 100000.0;
  double employers_per_arena = 40.0;
  double als_hours_per_arena = 30.0;
  // An arena is a meeting with NAV: an employer's trust moves this step toward the partner view, and an IA
  // firm that lost its fixed contact gets one again (ASSUMPTION).
  double arena_trust_step = 0.1;
};

struct CountyParams {
  OfficeParams office;
  MeasuresParams measures;
  AlsParams als;
  CoachParams coach;
  MatchingParams matching;
  EmployerParams employer;
  SupportParams support;
  CostParams costs;
  IaCouncilParams ia_council;
};

// One county's fixed facts (data/counties_2015.csv, data/als_resource_split_2015.csv).
struct CountyFacts {
  std::string name;
  std::uint32_t offices;         // NAV-kontor
  double population_thousands;
};

// The national programme budget: places in work trials and in wage subsidies for the target group. The
// 2014 budget had 56,700 places for people with reduced work capacity (data/public_facts.md); the target
// group's share of them is population.target_group_share_of_reduced_capacity, and of those the shares below are
// work trials and wage subsidies (ASSUMPTION: split as the model's own use with unlimited places, 9,110 : 2,840
// in June 2015, docs/calibration.md). The directorate allocates the places to the counties every
// `allocation_interval_days` in proportion to their use (places taken plus places wanted: job-ready people
// waiting, subsidies refused since the last report); a trial or subsidy starts only
// in a free place of the county's allocation. Times population_scale.
struct ProgrammeParams {
  double places_for_reduced_capacity = 56700.0;
  double work_trial_share_of_places = 0.76;
  double wage_subsidy_share_of_places = 0.24;
  double allocation_interval_days = 365.25 / 12.0;
  // ASSUMPTION: the places grow by this share a year from 2015 (2014's places in 2015), as the target group does
  // (~2% a year to 2024 in the model; no budget series in the sources).
  double places_growth_per_year = 0.02;
};

struct Params {
  std::string scenario_name = "baseline_2015";
  RunParams run;
  PopulationParams population;
  ProgrammeParams programme;
  std::vector<CountyFacts> counties;        // in output order
  std::vector<CountyParams> county_params;  // one per county, same order
};

}  // namespace iasim::model
