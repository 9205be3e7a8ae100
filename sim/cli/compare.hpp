#pragma once
// `iasim compare`: key outcomes of several run files side by side, each with its mean and 95% interval over
// replicates, and each file's difference to the first, paired replicate by replicate (the keyed random
// streams give common random numbers, so pairing removes most of the noise that both runs share).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/output/metrics.hpp"

namespace iasim::cli {

struct Interval {
  double mean = 0, low = 0, high = 0;  // 95% interval of the mean (Student t)
  std::size_t n = 0;
};
// Mean and 95% interval of the values (NaNs skipped); low = high = mean when n < 2.
Interval mean_interval(const std::vector<double>& values);

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

struct Comparison {
  std::vector<std::string> files, scenarios;
  double at_day = 0;
  std::size_t replicates = 0;
  std::vector<MetricResult> results;
};

class CompareError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the files and compares them at `at_day` (days since 2015-01-01; default: the end). Throws CompareError
// when the files do not line up (horizon, output times, counties, seed, replicates), or OutputError for files
// that are not iasim output.
Comparison compare_files(const std::vector<std::filesystem::path>& files, std::optional<double> at_day,
                         const std::vector<std::string>& metrics);

enum class CompareFormat { table, csv, json };
std::string format_comparison(const Comparison& c, CompareFormat format);

// "2019-06-30" -> days since 2015-01-01; nullopt if not a valid date.
std::optional<double> parse_date(const std::string& s);
std::string format_day(double day);

}  // namespace iasim::cli
