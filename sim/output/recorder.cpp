#include "sim/output/recorder.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <vector>

#include "sim/model/county.hpp"
#include "sim/model/observation.hpp"
#include "sim/model/rules.hpp"
#include "sim/model/state.hpp"
#include "sim/model/transitions.hpp"
#include "sim/output/error.hpp"
#include "sim/output/metrics.hpp"
#include "sim/version.hpp"

namespace iasim::output {

namespace {

template <std::size_t N>
std::vector<std::string> labels(const std::array<std::string_view, N>& a) {
  return {a.begin(), a.end()};
}

Coordinate label_dim(std::string name, std::vector<std::string> l, std::string long_name) {
  Coordinate c;
  c.dim = std::move(name);
  c.labels = std::move(l);
  c.attrs["long_name"] = std::move(long_name);
  return c;
}

VariableSpec var(std::string name, std::vector<std::string> dims, std::string units, std::string long_name,
                 std::string comment = {}) {
  VariableSpec v;
  v.name = std::move(name);
  v.dims = std::move(dims);
  v.type = DType::f64;
  v.units = std::move(units);
  v.long_name = std::move(long_name);
  if (!comment.empty()) v.extra_attrs["comment"] = std::move(comment);
  return v;
}

std::string utc_now() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  // gmtime_r, not std::gmtime: its static result is shared, and sweep tasks create files on several threads at
  // once (a data race ThreadSanitizer found in the local sweep).
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

}  // namespace

namespace {
std::vector<std::uint32_t> default_ids(const model::Params& params, std::vector<std::uint32_t> ids) {
  if (ids.empty())
    for (std::uint32_t r = 0; r < params.run.replicates; ++r) ids.push_back(r);
  return ids;
}
}  // namespace

FileSpec run_file_spec(const model::Params& params, const RunMetadata& meta, const std::vector<std::uint32_t>& replicate_ids) {
  FileSpec spec;
  Coordinate replicate;
  replicate.dim = "replicate";
  for (std::uint32_t r : default_ids(params, replicate_ids)) replicate.numbers.push_back(r);
  replicate.attrs = {{"long_name", "replicate number (random streams keyed by seed and replicate)"}, {"units", "1"}};
  Coordinate time;
  time.dim = "time";
  time.numbers = model::output_days(params.run);
  time.attrs = {{"long_name", "time"},
                {"standard_name", "time"},
                {"units", "days since 2015-01-01"},
                {"calendar", "proleptic_gregorian"},
                {"comment", "end of each output step; flows are totals over the step ending here"}};
  std::vector<std::string> county_names;
  for (const auto& c : params.counties) county_names.push_back(c.name);
  std::vector<std::string> transition_labels;
  for (std::size_t i = 0; i < model::transition_count; ++i) transition_labels.push_back(model::transition_label(i));
  Coordinate cohort;
  cohort.dim = "cohort";
  for (std::size_t c = 0; c < static_cast<std::size_t>(std::ceil(params.run.horizon_years)); ++c) cohort.numbers.push_back(2015.0 + c);
  cohort.attrs = {{"long_name", "calendar year of entry into the target group"}, {"units", "1"}};
  Coordinate months;
  months.dim = "months_since_entry";
  for (std::size_t m = 0; m <= model::cohort_max_months; ++m) months.numbers.push_back(static_cast<double>(m));
  months.attrs = {{"long_name", "whole months since entry"}, {"units", "months"}};

  std::vector<std::string> office_labels;
  for (const auto& c : params.counties)
    for (std::uint32_t k = 0; k < c.offices; ++k) {
      char number[16];
      std::snprintf(number, sizeof number, "/%02u", k + 1);
      office_labels.push_back(c.name + number);
    }
  auto office = label_dim("office", office_labels, "NAV office, as county/number");
  office.attrs["comment"] = "the county is the label's part before '/'; offices are numbered within their county";
  std::vector<std::string> key_transition_labels;
  for (std::size_t k = 0; k < model::key_transition_count; ++k) key_transition_labels.push_back(model::key_transition_label(k));
  auto subgroup = label_dim("subgroup", labels(model::subgroup_labels), "subgroup of the target group");
  std::string kinds;
  for (std::size_t g = 0; g < model::subgroup_count; ++g)
    kinds += (g ? " " : "") + std::string(model::subgroup_kind_labels[model::subgroup_kind(g)]);
  subgroup.attrs["group_kinds"] = kinds;
  subgroup.attrs["comment"] =
      "in pairs, each person in one group of each pair at the time: age at entry (under 25 / 25-29), diagnosis group "
      "(mental health / other), AAP now (on AAP / not), upper secondary school completed (yes / no); group_kinds "
      "names each group's pair";
  Coordinate job_start_year;
  job_start_year.dim = "job_start_year";
  job_start_year.numbers = cohort.numbers;
  job_start_year.attrs = {{"long_name", "calendar year the job started"}, {"units", "1"}};
  Coordinate retention;
  retention.dim = "retention_months";
  retention.numbers.assign(model::retention_months.begin(), model::retention_months.end());
  retention.attrs = {{"long_name", "months since the job started"}, {"units", "months"}};

  spec.dims = {replicate,
               time,
               label_dim("county", county_names, "county (fylke) of 2015"),
               label_dim("state", labels(model::person_state_labels), "state of a young person"),
               label_dim("transition", transition_labels, "state transition from->to"),
               label_dim("queue", labels(model::queue_labels), "service queue"),
               label_dim("actor", labels(model::actor_labels), "type of actor whose hours are counted"),
               label_dim("delmal", labels(model::delmal_labels), "IA agreement sub-goal (delmål)"),
               label_dim("broker", labels(model::broker_labels), "who placed the person"),
               label_dim("cost_item", labels(model::cost_item_labels), "what NAV pays for"),
               label_dim("assessment_route", labels(model::assessment_route_labels),
                         "where an assessment was made: the office's interview, a provider's measure, a specialised "
                         "veileder's measure at an ordinary workplace"),
               label_dim("follow_up_measure_by", labels(model::follow_up_measure_by_labels),
                         "who follows a person up in a follow-up measure: a provider, or a specialised veileder at "
                         "an ordinary workplace"),
               subgroup,
               office,
               label_dim("key_transition", key_transition_labels,
                         "state transition from->to: the ones the key outcomes count (per office and subgroup)"),
               label_dim("milestone", labels(model::milestone_labels), "first event since entry"),
               cohort,
               months,
               job_start_year,
               retention};

  const std::vector<std::string> rtc{"replicate", "time", "county"};
  auto with = [&](std::string last) {
    auto d = rtc;
    d.push_back(std::move(last));
    return d;
  };
  spec.variables = {
      var("persons", with("state"), "1", "young people (<30, reduced work capacity) by state"),
      var("transitions", with("transition"), "1", "moves between states during the step"),
      var("queue_length", with("queue"), "1", "people waiting at the time",
          "assessment_in_house: not yet assessed by the office; assessment_purchased: a measure ordered, its result "
          "not yet with the veileder (of them, measure_place: waiting for a place at a provider or with a specialised "
          "veileder, handoff: a provider's report waiting for the veileder); job_ready_unplaced: assessed as ready, "
          "in follow-up, not yet placed"),
      var("wait_days_mean", with("queue"), "day", "mean wait of those served during the step",
          "NaN when nobody was served"),
      var("hours_used", with("actor"), "h", "hours spent on the target group's services during the step"),
      var("hours_available", with("actor"), "h", "hours available during the step",
          "hours moved from ALS into offices count as the advisers' and as the offices' (see hours_paid)"),
      var("hours_paid", with("actor"), "h", "hours of staff employed in each role during the step",
          "what the staff costs price: the offices' own veileder, market and job specialist hours for the target "
          "group, all ALS adviser hours (every sub-goal), the coach's and the coordinator's; hours moved from ALS "
          "into offices count once, as the advisers'"),
      var("als_hours", with("delmal"), "h", "IA adviser hours by IA sub-goal during the step"),
      var("employers", rtc, "1", "employer establishments"),
      var("employer_trust_mean", rtc, "1", "mean employer trust in NAV (0..1)"),
      var("employers_with_contact_share", rtc, "1", "share of employers with a fixed ALS contact person"),
      var("subsidy_cost_nok", rtc, "NOK", "wage subsidies paid during the step"),
      var("ia_sick_leave_pct", rtc, "percent", "mean sick-leave rate of IA firms (IA sub-goal 1 indicator)"),
      var("leavers_six_months", with("state"), "1",
          "people who left NAV follow-up six months before, by their state now (looked up during the step)",
          "as NAV's register statistics do: everyone who left waiting, follow-up, a trial or a subsidised job for "
          "work, disability benefit, education or inactivity, 182.6 days on; someone who has turned 30 since counts "
          "in the state they were in at 30"),
      var("substituted_hires", rtc, "1", "subsidised hires that displaced an ordinary hire during the step"),
      var("placement_attempts", rtc, "1", "employers approached for a candidate during the step"),
      var("engaged_offices_share", rtc, "1", "share of offices where the Job Strategy is anchored in the leadership"),
      var("matchmeetings", rtc, "1", "matchemøter held during the step"),
      var("employer_contacts", rtc, "1", "employers asked about candidates by a NAV unit during the step",
          "units: each office (veiledere, market team, job specialists), the ALS, the coach; matchemøter are not "
          "counted (the firms came to meet candidates)"),
      var("duplicate_contacts", rtc, "1", "contacts of an employer another NAV unit had asked within the window",
          "employer.duplicate_contact_window_days; each costs the employer time and some trust"),
      var("duplicate_contact_employer_hours", rtc, "h", "employers' hours spent on duplicate contacts during the step"),
      var("contact_visits", rtc, "1", "ALS contact persons' visits to their IA firms during the step"),
      var("contacts_lapsed", rtc, "1", "IA firms that lost their fixed ALS contact during the step",
          "a firm not visited for als.contact_lapse_years loses its contact person"),
      var("als_hours_in_casework", rtc, "h", "ALS adviser hours pulled into office casework during the step"),
      var("als_leader_hours", rtc, "h", "ALS leader hours spent leading the offices' market teams during the step"),
      var("als_system_competence", rtc, "1", "the ALS's system competence (1 = as in 2015)",
          "moves toward the share of in-firm adviser hours still spent on the centre's own work"),
      var("doors_opened", rtc, "1", "employers that agreed to the coach to take a candidate during the step"),
      var("doors_used", rtc, "1", "coach placement attempts through a door the coach had opened, during the step"),
      var("doors_lapsed", rtc, "1", "doors the coach had opened that lapsed unused during the step",
          "a door stays open coach.door_open_weeks"),
      var("leadership_visits", rtc, "1", "the county coordinator's visits to offices' leadership during the step",
          "anchoring visits to offices not yet engaged and follow-up of engaged ones"),
      var("measures_ordered", rtc, "1", "assessment measures the offices ordered during the step"),
      var("follow_up_measures_ordered", rtc, "1",
          "follow-up measures (Oppfolging, Arbeid med bistand) the offices ordered during the step"),
      var("follow_up_measures_ended", with("follow_up_measure_by"), "1",
          "follow-up measures that ended during the step, by who followed the person up"),
      var("provider_follow_up_place_weeks", rtc, "1", "follow-up place-weeks bought from providers during the step",
          "paid whether used or not"),
      var("provider_place_weeks", rtc, "1", "assessment place-weeks bought from providers during the step",
          "places are paid by the week, used or not (costs.assessment_place_week_nok)"),
      var("assessments", with("assessment_route"), "1", "assessments finished during the step, by where they were made"),
      var("assessment_quality_mean", with("assessment_route"), "0..1",
          "mean quality of the assessments finished during the step: the share of a person's readiness the veileder "
          "learns", "NaN when none was finished"),
      var("specialist_employer_meetings", rtc, "1", "job specialists' meetings with employers about a client during the step"),
      var("employer_calls", rtc, "1", "employers' calls to NAV about a trainee during the step"),
      var("employer_calls_answered_same_day", rtc, "1", "employers' calls answered the same day during the step"),
      var("employer_call_answer_days_mean", rtc, "day", "mean days from an employer's call to the answer",
          "0 for a same-day answer; NaN when no employer called during the step"),
      var("ia_council_arenas", rtc, "1", "IA council arenas held during the step"),
      var("persons_moved_in", with("state"), "1", "people who moved here from another county during the step, by state",
          "people who moved away are in the state moved_away of the county they left"),
      var("work_trial_places", rtc, "1", "the county's work-trial places from the national programme budget"),
      var("wage_subsidy_places", rtc, "1", "the county's wage-subsidy places from the national programme budget"),
      var("work_trial_starts_refused", rtc, "1", "work trials not started for want of a free place during the step"),
      var("wage_subsidy_starts_refused", rtc, "1", "wage subsidies refused for want of a free place during the step"),
      var("cohort_share", {"replicate", "cohort", "months_since_entry", "state"}, "1",
          "share of an entry cohort in each state by whole months since entry",
          "NaN where the cohort had not yet been observed that many months"),
      var("cohort_size", {"replicate", "cohort", "months_since_entry"}, "1",
          "people of the cohort observed that many months after entry"),
      var("cohort_survival", {"replicate", "cohort", "months_since_entry", "milestone"}, "1",
          "share of an entry cohort that has not yet had its first work trial, first job or first exit",
          "a survival curve by whole months since entry; exit: leaving services for work, education, disability "
          "benefit or inactivity (as NAV's register counts leavers); NaN beyond the months every member of the "
          "cohort was observed by the last output time"),
      var("cohort_aap_months_used", {"replicate", "cohort", "months_since_entry"}, "months",
          "mean months of AAP paid per member of an entry cohort up to that many months since entry",
          "the sum over earlier whole months of the share paid AAP then; NaN beyond the months every member of the "
          "cohort was observed by the last output time"),
      var("job_retention", {"replicate", "job_start_year", "retention_months"}, "1",
          "share of jobs (subsidised or ordinary) still held that many months after they started",
          "a subsidised job kept as an ordinary job is one job; jobs whose holder turned 30 first are left out; "
          "NaN unless every job started that year could have lasted that long by the last output time"),
      var("job_retention_jobs", {"replicate", "job_start_year", "retention_months"}, "1",
          "jobs whose outcome at that duration is known (the denominator of job_retention)"),
      var("trials_by_broker", with("broker"), "1", "work trials started during the step, by who placed the person"),
      var("hires_by_broker", with("broker"), "1",
          "job starts (subsidised or ordinary) during the step, by who placed the person",
          "after a trial: the broker of the trial; own_search: a job found by the person; sums to the hires "
          "metric's transitions"),
      var("cost_nok", with("cost_item"), "NOK", "what NAV paid during the step, by item",
          "unit costs are scenario parameters (costs.*, all ASSUMPTION, docs/ODD.md); staff: hours_paid at a full "
          "cost per hour; aap_benefits: weeks on AAP in services, not in a subsidised job; purchased_measures: "
          "assessment place-weeks bought from providers"),
      var("persons_by_subgroup", {"replicate", "time", "subgroup", "state"}, "1",
          "young people by subgroup and state, the whole country"),
      var("transitions_by_subgroup", {"replicate", "time", "subgroup", "key_transition"}, "1",
          "moves between states during the step by subgroup (at the time of the move), the whole country"),
      var("office_persons", {"replicate", "time", "office", "state"}, "1", "young people by office and state"),
      var("office_transitions", {"replicate", "time", "office", "key_transition"}, "1",
          "moves between states during the step, by office"),
      var("office_engaged", {"replicate", "time", "office"}, "1",
          "1 where the Job Strategy is anchored in the office's leadership at the time, else 0"),
      var("office_size_class", {"replicate", "office"}, "1", "office size class by staff (SINTEF Table 3.1)"),
  };
  for (auto& v : spec.variables) {
    if (v.name.rfind("office_", 0) == 0 && v.name != "office_size_class") {
      v.type = DType::f32;  // whole counts below 2^24 and 0/1: exact in f32, at half the size
      v.deflate_level = 1;  // most of a run file's bytes: level 1 costs a third of level 4's time, ~10% larger
      // Size class and engagement are the offices' coordinates: xarray groups office results by either.
      if (v.name != "office_engaged") v.extra_attrs["coordinates"] = "office_size_class office_engaged";
      else v.extra_attrs["coordinates"] = "office_size_class";
    }
  }
  {
    auto& sc = spec.variables.back();
    sc.type = DType::i32;
    std::string meanings;
    for (std::size_t k = 0; k < model::office_size_class_labels.size(); ++k)
      meanings += (k ? " " : "") + std::string(model::office_size_class_labels[k]);
    sc.extra_attrs["class_labels"] = meanings;
    sc.extra_attrs["comment"] = "0: staff under 10, 1: 10-19, 2: 20-39, 3: 40-59, 4: 60 or more; class_labels "
                                "names them in order; drawn per replicate";
  }

  if (const auto& ps = meta.parameter_sets) {
    Coordinate set;
    set.dim = "parameter_set";
    for (std::size_t k = 0; k < ps->values.size(); ++k) set.numbers.push_back(static_cast<double>(k));
    set.attrs = {{"long_name", "parameter set (row of the parameter sets file, from 0)"}, {"units", "1"}};
    spec.dims.push_back(std::move(set));
    spec.dims.push_back(label_dim("parameter", ps->paths, "scenario parameter set by the parameter sets"));
    spec.variables.push_back(var("parameter_value", {"parameter_set", "parameter"}, "1",
                                 "value of each parameter in each set, in the parameter's own unit (docs/scenarios.md)"));
    auto of = var("replicate_parameter_set", {"replicate"}, "1", "the parameter set a replicate ran with",
                  "set k holds replicates k*R .. k*R+R-1, R = replicates_per_parameter_set; the same set and "
                  "replicate draw the same random numbers in every scenario run over the same sets");
    of.type = DType::i32;
    spec.variables.push_back(std::move(of));
    spec.global_attrs["parameter_sets_file"] = ps->file;
    spec.global_attrs["replicates_per_parameter_set"] = static_cast<std::int64_t>(ps->replicates_per_set);
  }

  spec.global_attrs["Conventions"] = std::string("CF-1.8");
  spec.global_attrs["title"] = "iasim run: " + meta.scenario_name;
  spec.global_attrs["source"] = std::string("iasim ") + version() + " (git " + git_commit() + ")";
  spec.global_attrs["iasim_version"] = std::string(version());
  spec.global_attrs["git_commit"] = std::string(git_commit());
  spec.global_attrs["scenario"] = meta.scenario_name;
  spec.global_attrs["scenario_yaml"] = meta.scenario_yaml;
  // The key outcomes' definitions (metrics.hpp), which compare and the analysis scripts read.
  spec.global_attrs["metrics"] = metric_table_json();
  spec.global_attrs["seed"] = static_cast<std::int64_t>(params.run.seed);
  spec.global_attrs["replicates"] = static_cast<std::int64_t>(replicate.numbers.size());
  spec.global_attrs["horizon_years"] = params.run.horizon_years;
  spec.global_attrs["population_scale"] = params.run.population_scale;
  spec.global_attrs["command_line"] = meta.command_line;
  spec.global_attrs["history"] = utc_now() + ": " + meta.command_line;
  return spec;
}

Recorder::Recorder(const std::filesystem::path& target, const model::Params& params, const RunMetadata& meta,
                   bool overwrite, std::vector<std::uint32_t> replicate_ids)
    : writer_(NetcdfWriter::create(target, run_file_spec(params, meta, replicate_ids), overwrite)),
      counties_(params.counties.size()),
      outputs_end_day_(model::output_days(params.run).back()),
      replicate_ids_(default_ids(params, std::move(replicate_ids))) {
  if (const auto& ps = meta.parameter_sets) {
    const std::size_t K = ps->values.size(), P = ps->paths.size();
    std::vector<double> values;
    for (const auto& row : ps->values) values.insert(values.end(), row.begin(), row.end());
    const std::size_t start2[] = {0, 0}, count2[] = {K, P};
    writer_.write("parameter_value", start2, count2, values);
    std::vector<double> set_of;
    for (std::uint32_t id : replicate_ids_) set_of.push_back(static_cast<double>(id / ps->replicates_per_set));
    const std::size_t start1[] = {0}, count1[] = {set_of.size()};
    writer_.write("replicate_parameter_set", start1, count1, set_of);
  }
}

std::size_t Recorder::position(std::uint32_t replicate) const {
  const auto it = std::find(replicate_ids_.begin(), replicate_ids_.end(), replicate);
  if (it == replicate_ids_.end()) throw OutputError("replicate " + std::to_string(replicate) + " is not in this file");
  return static_cast<std::size_t>(it - replicate_ids_.begin());
}

void Recorder::on_step(std::uint32_t replicate, std::size_t step, double,
                       std::span<const model::CountyObservation> cs) {
  const std::size_t C = counties_;
  // Per county a vector of N values -> one [1, 1, C, N] slice.
  auto put = [&](std::string_view name, std::size_t n, auto&& get) {
    std::vector<double> data(C * n);
    for (std::size_t c = 0; c < C; ++c)
      for (std::size_t i = 0; i < n; ++i) data[c * n + i] = get(cs[c], i);
    const std::size_t start[] = {position(replicate), step, 0, 0};
    const std::size_t count[] = {1, 1, C, n};
    writer_.write(name, start, count, data);
  };
  auto put_scalar = [&](std::string_view name, auto&& get) {
    std::vector<double> data(C);
    for (std::size_t c = 0; c < C; ++c) data[c] = get(cs[c]);
    const std::size_t start[] = {position(replicate), step, 0};
    const std::size_t count[] = {1, 1, C};
    writer_.write(name, start, count, data);
  };
  using O = model::CountyObservation;
  put("persons", model::person_state_count, [](const O& o, std::size_t i) { return o.persons[i]; });
  put("transitions", model::transition_count, [](const O& o, std::size_t i) { return o.transitions[i]; });
  put("queue_length", model::queue_count, [](const O& o, std::size_t i) { return o.queue_length[i]; });
  put("wait_days_mean", model::queue_count, [](const O& o, std::size_t i) { return o.wait_days_mean[i]; });
  put("hours_used", model::actor_count, [](const O& o, std::size_t i) { return o.hours_used[i]; });
  put("hours_available", model::actor_count, [](const O& o, std::size_t i) { return o.hours_available[i]; });
  put("hours_paid", model::actor_count, [](const O& o, std::size_t i) { return o.hours_paid[i]; });
  put("als_hours", model::delmal_count, [](const O& o, std::size_t i) { return o.als_hours[i]; });
  put_scalar("employers", [](const O& o) { return o.employers; });
  put_scalar("employer_trust_mean", [](const O& o) { return o.employer_trust_mean; });
  put_scalar("employers_with_contact_share", [](const O& o) { return o.employers_with_contact_share; });
  put_scalar("subsidy_cost_nok", [](const O& o) { return o.subsidy_cost_nok; });
  put_scalar("ia_sick_leave_pct", [](const O& o) { return o.ia_sick_leave_pct; });
  put("leavers_six_months", model::person_state_count, [](const O& o, std::size_t i) { return o.leavers_six_months[i]; });
  put_scalar("substituted_hires", [](const O& o) { return o.substituted_hires; });
  put_scalar("placement_attempts", [](const O& o) { return o.placement_attempts; });
  put_scalar("engaged_offices_share", [](const O& o) { return o.engaged_offices_share; });
  put_scalar("matchmeetings", [](const O& o) { return o.matchmeetings; });
  put_scalar("employer_contacts", [](const O& o) { return o.employer_contacts; });
  put_scalar("duplicate_contacts", [](const O& o) { return o.duplicate_contacts; });
  put_scalar("duplicate_contact_employer_hours", [](const O& o) { return o.duplicate_contact_employer_hours; });
  put_scalar("contact_visits", [](const O& o) { return o.contact_visits; });
  put_scalar("contacts_lapsed", [](const O& o) { return o.contacts_lapsed; });
  put_scalar("als_hours_in_casework", [](const O& o) { return o.als_hours_in_casework; });
  put_scalar("als_leader_hours", [](const O& o) { return o.als_leader_hours; });
  put_scalar("als_system_competence", [](const O& o) { return o.als_system_competence; });
  put_scalar("doors_opened", [](const O& o) { return o.doors_opened; });
  put_scalar("doors_used", [](const O& o) { return o.doors_used; });
  put_scalar("doors_lapsed", [](const O& o) { return o.doors_lapsed; });
  put_scalar("leadership_visits", [](const O& o) { return o.leadership_visits; });
  put_scalar("specialist_employer_meetings", [](const O& o) { return o.specialist_employer_meetings; });
  put_scalar("measures_ordered", [](const O& o) { return o.measures_ordered; });
  put_scalar("provider_place_weeks", [](const O& o) { return o.provider_place_weeks; });
  put_scalar("follow_up_measures_ordered", [](const O& o) { return o.follow_up_measures_ordered; });
  put_scalar("provider_follow_up_place_weeks", [](const O& o) { return o.provider_follow_up_place_weeks; });
  put("assessments", model::assessment_route_count, [](const O& o, std::size_t i) { return o.assessments[i]; });
  put("follow_up_measures_ended", model::follow_up_measure_by_count,
      [](const O& o, std::size_t i) { return o.follow_up_measures_ended[i]; });
  put("assessment_quality_mean", model::assessment_route_count,
      [](const O& o, std::size_t i) { return o.assessment_quality_mean[i]; });
  put_scalar("employer_calls", [](const O& o) { return o.employer_calls; });
  put_scalar("employer_calls_answered_same_day", [](const O& o) { return o.employer_calls_answered_same_day; });
  put_scalar("employer_call_answer_days_mean", [](const O& o) { return o.employer_call_answer_days_mean; });
  put_scalar("ia_council_arenas", [](const O& o) { return o.ia_council_arenas; });
  put("persons_moved_in", model::person_state_count, [](const O& o, std::size_t i) { return o.persons_moved_in[i]; });
  put_scalar("work_trial_places", [](const O& o) { return o.work_trial_places; });
  put_scalar("wage_subsidy_places", [](const O& o) { return o.wage_subsidy_places; });
  put_scalar("work_trial_starts_refused", [](const O& o) { return o.work_trial_starts_refused; });
  put_scalar("wage_subsidy_starts_refused", [](const O& o) { return o.wage_subsidy_starts_refused; });
  put("trials_by_broker", model::broker_count, [](const O& o, std::size_t i) { return o.trials_by_broker[i]; });
  put("hires_by_broker", model::broker_count, [](const O& o, std::size_t i) { return o.hires_by_broker[i]; });
  put("cost_nok", model::cost_item_count, [](const O& o, std::size_t i) { return o.cost_nok[i]; });

  // The whole country by subgroup: [1, 1, G, N] slices summed over counties.
  auto national = [&](std::string_view name, std::size_t n, auto&& get) {
    std::vector<double> data(model::subgroup_count * n, 0.0);
    for (std::size_t c = 0; c < C; ++c)
      for (std::size_t g = 0; g < model::subgroup_count; ++g)
        for (std::size_t i = 0; i < n; ++i) data[g * n + i] += get(cs[c], g, i);
    const std::size_t start[] = {position(replicate), step, 0, 0};
    const std::size_t count[] = {1, 1, model::subgroup_count, n};
    writer_.write(name, start, count, data);
  };
  national("persons_by_subgroup", model::person_state_count,
           [](const O& o, std::size_t g, std::size_t i) { return o.persons_by_subgroup[g][i]; });
  national("transitions_by_subgroup", model::key_transition_count,
           [](const O& o, std::size_t g, std::size_t i) { return o.transitions_by_subgroup[g][i]; });

  // Per office, counties' offices one after the other.
  std::size_t n_offices = 0;
  for (std::size_t c = 0; c < C; ++c) n_offices += cs[c].offices.size();
  auto per_office = [&](std::string_view name, std::size_t n, auto&& get) {
    std::vector<double> data;
    data.reserve(n_offices * n);
    for (std::size_t c = 0; c < C; ++c)
      for (const auto& off : cs[c].offices)
        for (std::size_t i = 0; i < n; ++i) data.push_back(get(off, i));
    const std::size_t start[] = {position(replicate), step, 0, 0};
    const std::size_t count[] = {1, 1, n_offices, n};
    writer_.write(name, start, count, data);
  };
  using Off = model::OfficeObservation;
  per_office("office_persons", model::person_state_count, [](const Off& o, std::size_t i) { return o.persons[i]; });
  per_office("office_transitions", model::key_transition_count,
             [](const Off& o, std::size_t i) { return o.transitions[i]; });
  {
    std::vector<double> engaged;
    for (std::size_t c = 0; c < C; ++c)
      for (const auto& off : cs[c].offices) engaged.push_back(off.engaged ? 1.0 : 0.0);
    const std::size_t start[] = {position(replicate), step, 0}, count[] = {1, 1, n_offices};
    writer_.write("office_engaged", start, count, engaged);
  }
  if (step == 0) {
    std::vector<double> size_class;
    for (std::size_t c = 0; c < C; ++c)
      for (const auto& off : cs[c].offices) size_class.push_back(static_cast<double>(off.size_class));
    const std::size_t start[] = {position(replicate), 0}, count[] = {1, n_offices};
    writer_.write("office_size_class", start, count, size_class);
  }
}

void Recorder::on_cohorts(std::uint32_t replicate, const model::CohortCounts& national) {
  const std::size_t M = model::cohort_max_months + 1, S = model::person_state_count, K = national.cohorts;
  std::vector<double> share(K * M * S), size(K * M);
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t m = 0; m < M; ++m) {
      double n = 0;
      for (std::size_t s = 0; s < S; ++s) n += national.counts[(k * M + m) * S + s];
      size[k * M + m] = n;
      for (std::size_t s = 0; s < S; ++s)
        share[(k * M + m) * S + s] = n > 0 ? national.counts[(k * M + m) * S + s] / n : std::nan("");
    }
  const std::size_t start4[] = {position(replicate), 0, 0, 0}, count4[] = {1, K, M, S};
  writer_.write("cohort_share", start4, count4, share);
  const std::size_t start3[] = {position(replicate), 0, 0}, count3[] = {1, K, M};
  writer_.write("cohort_size", start3, count3, size);

  // Survival: the share without the milestone yet; AAP months used: the running sum of monthly shares on AAP.
  // Both only for months that every member of the cohort has been observed (a whole cohort: entered in its
  // year, seen that many months by the last output time), as a share among only those seen longer would mix
  // cohorts.
  const std::size_t X = model::milestone_count;
  constexpr double month_days = model::days_per_year / 12.0;
  std::vector<double> survival(K * M * X), aap_months(K * M);
  for (std::size_t k = 0; k < K; ++k) {
    double used = 0;
    const double complete_months = std::floor((outputs_end_day_ - (k + 1.0) * model::days_per_year) / month_days + 1e-9);
    for (std::size_t m = 0; m < M; ++m) {
      const double n = static_cast<double>(m) <= complete_months ? size[k * M + m] : 0.0;
      for (std::size_t x = 0; x < X; ++x)
        survival[(k * M + m) * X + x] = n > 0 ? 1.0 - national.milestones[(k * M + m) * X + x] / n : std::nan("");
      aap_months[k * M + m] = n > 0 ? used : std::nan("");
      if (n > 0) used += national.on_aap[k * M + m] / n;
    }
  }
  const std::size_t count4x[] = {1, K, M, X};
  writer_.write("cohort_survival", start4, count4x, survival);
  writer_.write("cohort_aap_months_used", start3, count3, aap_months);

  const std::size_t D = model::retention_months.size();
  std::vector<double> retention(K * D), known(K * D);
  // Only where every job started that year could have reached the duration by the last output time, for the
  // same reason.
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t j = 0; j < D; ++j) {
      const std::size_t i = k * D + j;
      const bool whole = (k + 1.0) * model::days_per_year + model::retention_months[j] * month_days <=
                         outputs_end_day_ + 1e-9;
      known[i] = whole ? national.jobs_kept[i] + national.jobs_ended[i] : 0.0;
      retention[i] = known[i] > 0 ? national.jobs_kept[i] / known[i] : std::nan("");
    }
  const std::size_t count3r[] = {1, K, D};
  writer_.write("job_retention", start3, count3r, retention);
  writer_.write("job_retention_jobs", start3, count3r, known);
}

void Recorder::commit(const model::RunStats& stats, double wall_seconds) {
  writer_.set_global_attr("events", static_cast<std::int64_t>(stats.events));
  writer_.set_global_attr("wall_seconds", wall_seconds);
  writer_.commit();
}

}  // namespace iasim::output
