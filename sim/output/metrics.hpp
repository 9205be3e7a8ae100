#pragma once
// The key outcomes, defined once. `iasim compare` evaluates them from this table, and every run file carries the
// same table as its `metrics` attribute (JSON), which the Python analysis scripts read (analysis/iasim_files.py:
// metric_table, metric): neither keeps a list of its own. A metric is a kind of sum over one variable and labels:
//   stock                   persons in `labels` (states) at the date, summed over counties
//   cumulative_transitions  transitions in `labels` from the start to the date, summed over counties
//   queue                   queue_length in `labels` (queues) at the date, summed over counties
//   employer_weighted       `variable` at the date, averaged over counties weighted by their employers
//   cumulative_sum          `variable` divided by `divisor` from the start to the date, summed over counties
//                           (and over `labels` of its last dimension, when it has one: cost_nok's items)
//   recent_wait             the mean of `variable` over `labels` (queues), weighted by `weight` (a transition)
//                           over the `window_days` up to the date
#include <string>
#include <vector>

namespace iasim::output {

struct MetricDefinition {
  std::string name, unit, description;
  std::string kind;                 // one of the kinds above
  std::string variable;             // the variable summed or averaged
  std::vector<std::string> labels;  // states, transitions or queues
  double divisor = 1.0;             // cumulative_sum: unit conversion (1e6: NOK -> MNOK)
  std::string weight;               // recent_wait: the transition that weights the waits
  double window_days = 0;           // recent_wait
};

// In the order compare prints them.
const std::vector<MetricDefinition>& metric_table();

// The metrics compare's cost-effectiveness reads: people in work, and the costs with and without AAP.
inline constexpr const char* in_work_metric = "in_work";
inline constexpr const char* programme_cost_metric = "programme_cost_mnok";
inline constexpr const char* total_cost_metric = "total_cost_mnok";

// The table as JSON (an array of objects with the fields above), as run files store it in `metrics`.
std::string metric_table_json();

}  // namespace iasim::output
