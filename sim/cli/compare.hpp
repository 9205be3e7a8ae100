#pragma once
// `iasim compare`: key outcomes of several run files side by side, each with its mean and 95% interval over
// replicates, and each file's difference to the first, paired replicate by replicate (the keyed random
// streams give common random numbers, so pairing removes most of the noise that both runs share).
#include <cmath>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/output/metrics.hpp"

namespace iasim::cli {

struct Interval {
  double mean = 0, low = 0, high = 0;  // 95% interval of the mean (Student t); over parameter sets, see below
  std::size_t n = 0;
  std::size_t sets = 0;                // parameter sets behind it (0: a run without --parameter-sets)
  double parameter_share = std::nan("");  // over sets: the share of the interval's variance from the parameters
};
// Mean and 95% interval of the values (NaNs skipped); low = high = mean when n < 2.
Interval mean_interval(const std::vector<double>& values);

// Over parameter sets: value[r] belongs to set set_of[r]. The interval is for the outcome under parameters
// drawn from the sets (the calibration's plausible space), not for the mean over them. With set means m_k,
// their variance B over the K sets and the pooled within-set variance W of the n replicates per set, the
// stochastic variance of a set's mean is W / n and the parameter variance is max(0, B - W / n); their sum V gives
// mean(m_k) +- t(K-1) sqrt(V (1 + 1/K)), a prediction interval for one more set. parameter_share is the
// parameter variance over V (NaN when n = 1: noise and parameters cannot be told apart, and V = B).
Interval sets_interval(const std::vector<double>& values, const std::vector<std::size_t>& set_of);

// The key outcomes, in the order they are printed: the one table of sim/output/metrics.hpp, which run files
// also carry for the analysis scripts.
using Metric = output::MetricDefinition;
const std::vector<Metric>& key_metrics();

struct MetricResult {
  Metric metric;
  std::vector<Interval> per_file;              // one per file
  std::vector<Interval> difference;            // file i minus file 0 (entry 0 is empty)
  std::vector<bool> significant;               // the difference's interval excludes 0
};

// A ratio of two paired means (extra cost per extra person in work) with Fieller's 95% interval, which is
// bounded only when the denominator's mean is clearly away from 0; otherwise the ratio is not defined.
struct Ratio {
  double estimate = 0, low = 0, high = 0;
  bool bounded = false;
};
// Fieller's interval for mean(x) / mean(y) of paired values (x[r], y[r]) (Student t, n - 1 degrees of freedom).
Ratio ratio_interval(const std::vector<double>& x, const std::vector<double>& y);
// Over parameter sets: the ratio of the means over the sets, +- t(K-1) sd(r_k) sqrt(1 + 1/K) with r_k each set's
// ratio of means (a prediction for one more set, as sets_interval; Fieller's interval would be unbounded as soon
// as the denominator's spread over sets is wide, even when every set's ratio is the same). Not bounded when a
// set's denominator is not above 0.
Ratio sets_ratio_interval(const std::vector<double>& x, const std::vector<double>& y, const std::vector<std::size_t>& set_of);

// A file's cost-effectiveness relative to the first: extra people in work at the date, extra cost from the start
// to the date (programme cost; net: with AAP, so benefits saved count), and their ratios, paired by replicate.
// A cost per extra person is defined only when the extra in work is clearly above 0 (`bounded`); the quadrant
// of the cost-effectiveness plane says what else is known: more_work_more_cost, more_work_less_cost,
// less_work_more_cost, less_work_less_cost, or unclear when the extra in work's interval includes 0.
struct CostEffect {
  Interval extra_in_work, extra_cost_mnok, extra_net_cost_mnok;
  Ratio cost_per_extra_person_nok, net_cost_per_extra_person_nok;
  std::string quadrant;
  std::vector<double> in_work_by_replicate, cost_by_replicate, net_cost_by_replicate;
};

// Splitting the comparison by group: by county, by subgroup (age band, diagnosis, AAP, upper secondary) or by
// office size class.
enum class GroupBy { none, county, subgroup, office_size };
std::optional<GroupBy> parse_group_by(const std::string& s);

struct Group {
  std::string label, kind;
};
struct GroupedResult {
  Metric metric;
  std::vector<MetricResult> per_group;  // in Comparison::groups order
};

struct Comparison {
  std::vector<std::string> files, scenarios;
  double at_day = 0;
  std::size_t replicates = 0;
  std::size_t parameter_sets = 0;                      // 0: runs without --parameter-sets
  std::vector<MetricResult> results;                   // by == none
  std::vector<std::optional<CostEffect>> cost_effect;  // by == none; one per file, none for the first
  GroupBy by = GroupBy::none;
  std::vector<Group> groups;                           // by != none
  std::vector<GroupedResult> grouped;                  // by != none: the metrics that split by it
};

class CompareError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the files and compares them at `at_day` (days since 2015-01-01; default: the end). Throws CompareError
// when the files do not line up (horizon, output times, counties, seed, replicates), or OutputError for files
// that are not iasim output.
Comparison compare_files(const std::vector<std::filesystem::path>& files, std::optional<double> at_day,
                         const std::vector<std::string>& metrics, GroupBy by = GroupBy::none);

enum class CompareFormat { table, csv, json };
std::string format_comparison(const Comparison& c, CompareFormat format);

// "2019-06-30" -> days since 2015-01-01; nullopt if not a valid date.
std::optional<double> parse_date(const std::string& s);
std::string format_day(double day);

}  // namespace iasim::cli
