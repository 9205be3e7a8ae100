#include "sim/output/metrics.hpp"

#include <nlohmann/json.hpp>

namespace iasim::output {

namespace {
MetricDefinition metric(std::string name, std::string unit, std::string description, std::string kind,
                        std::string variable, std::vector<std::string> labels, double divisor = 1.0,
                        std::string weight = {}, double window_days = 0) {
  return {std::move(name),   std::move(unit), std::move(description), std::move(kind), std::move(variable),
          std::move(labels), divisor,         std::move(weight),      window_days};
}
}  // namespace

const std::vector<MetricDefinition>& metric_table() {
  static const std::vector<MetricDefinition> table = {
      metric("in_services", "people",
             "young people in NAV's services (waiting, follow-up, trial, subsidised job) at the date", "stock",
             "persons", {"waiting_assessment", "follow_up", "work_trial", "subsidised_job"}),
      metric("in_work", "people", "people in a job, subsidised or ordinary, at the date", "stock", "persons",
             {"subsidised_job", "ordinary_job"}),
      metric("ordinary_job", "people", "people in an ordinary job at the date", "stock", "persons", {"ordinary_job"}),
      metric("hires", "people",
             "job starts (subsidised or ordinary): from trials, direct placements and own search, from the start to "
             "the date",
             "cumulative_transitions", "transitions",
             {"work_trial->subsidised_job", "work_trial->ordinary_job", "follow_up->subsidised_job",
              "follow_up->ordinary_job", "waiting_assessment->ordinary_job"}),
      metric("trials_started", "people", "work trials started, from the start to the date", "cumulative_transitions",
             "transitions", {"follow_up->work_trial"}),
      metric("dropouts", "people", "moves to inactivity (drop-out), from the start to the date",
             "cumulative_transitions", "transitions",
             {"waiting_assessment->inactive", "follow_up->inactive", "work_trial->inactive"}),
      metric("assessment_queue", "people", "people waiting for assessment (in-house or at a provider) at the date",
             "queue", "queue_length", {"assessment_in_house", "assessment_purchased"}),
      metric("assessment_wait_days", "days", "mean wait for assessment of those assessed in the year up to the date",
             "recent_wait", "wait_days_mean", {"assessment_in_house", "assessment_purchased"}, 1.0,
             "waiting_assessment->follow_up", 365.0),
      metric("employer_trust", "0..1", "mean employer trust in NAV at the date", "employer_weighted",
             "employer_trust_mean", {}),
      metric("ia_sick_leave_pct", "percent", "IA firms' mean sick-leave rate at the date", "employer_weighted",
             "ia_sick_leave_pct", {}),
      metric("subsidy_cost_mnok", "MNOK", "wage subsidies paid, from the start to the date", "cumulative_sum",
             "subsidy_cost_nok", {}, 1e6),
      metric("programme_cost_mnok", "MNOK",
             "what the services cost, from the start to the date: wage subsidies, purchased measures, staff hours "
             "for the target group by role (unit costs: costs.*) and the IA councils' arenas",
             "cumulative_sum", "cost_nok",
             {"wage_subsidies", "purchased_measures", "staff_veileder", "staff_market_coordinator", "staff_ia_adviser",
              "staff_coach", "staff_job_specialist", "staff_coordinator", "ia_council", "staff_specialised_veileder"},
             1e6),
      metric("aap_cost_mnok", "MNOK", "AAP paid to the target group, from the start to the date", "cumulative_sum",
             "cost_nok", {"aap_benefits"}, 1e6),
      metric("total_cost_mnok", "MNOK", "programme cost and AAP paid, from the start to the date", "cumulative_sum",
             "cost_nok",
             {"aap_benefits", "wage_subsidies", "purchased_measures", "staff_veileder", "staff_market_coordinator",
              "staff_ia_adviser", "staff_coach", "staff_job_specialist", "staff_coordinator", "ia_council",
              "staff_specialised_veileder"},
             1e6),
  };
  return table;
}

std::string metric_table_json() {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& m : metric_table()) {
    nlohmann::ordered_json j = {{"name", m.name},   {"unit", m.unit},         {"description", m.description},
                                {"kind", m.kind},   {"variable", m.variable}, {"labels", m.labels}};
    if (m.kind == "cumulative_sum") j["divisor"] = m.divisor;
    if (m.kind == "recent_wait") {
      j["weight"] = m.weight;
      j["window_days"] = m.window_days;
    }
    out.push_back(std::move(j));
  }
  return out.dump();
}

}  // namespace iasim::output
