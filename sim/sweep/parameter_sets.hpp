#pragma once
// Parameter sets: a CSV file of whole parameter sets (a calibration's plausible.csv, or any table with one
// scenario parameter path per column), run as one scenario over every set by `iasim run --parameter-sets`.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace iasim::sweep {

struct ParameterSets {
  std::filesystem::path file;
  std::vector<std::string> paths;          // the columns: scenario paths as --set takes them
  std::vector<std::vector<double>> sets;   // [set][path], in the file's row order
};

// Reads the header (parameter paths; columns named I_* are a calibration's implausibilities and are skipped)
// and every row as numbers; keeps the first `first` rows when `first` > 0 (plausible.csv's rows are a random
// sample of the non-implausible space, so its first rows are a smaller random sample). Throws SweepError with
// "FILE:line:col: error: ..." for an unreadable file, a bad header or a field that is not a number. Whether each
// path is a parameter and each value inside its range is for scenario::load to say (parameter_set_overrides).
ParameterSets read_parameter_sets(const std::filesystem::path& csv, std::size_t first = 0);

// Set k as overrides "path=value" (the value at full precision), appended to a scenario's --set list.
std::vector<std::string> parameter_set_overrides(const ParameterSets& ps, std::size_t k);

}  // namespace iasim::sweep
