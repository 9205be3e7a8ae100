#pragma once
// Merging a sweep's task files into one netCDF-4/CF file (docs/sweeps.md, "Merged file"):
//   dims point, replicate, then the run file's other dims (time, county, state, ...);
//   param_<path with . -> _>(point): each varied parameter's value, attribute scenario_path;
//   every run variable with dims (point, replicate, <its dims after replicate>);
//   events(point, replicate): events handled per task.
// The file holds no wall-clock time, host or command line, so the same sweep gives the same bytes however it
// was run (local, MPI, Slurm, interrupted and resumed). Tasks are read one at a time: memory holds one task.
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/sweep/plan.hpp"
#include "sim/sweep/problems.hpp"

namespace iasim::sweep {

// Every task that is missing or damaged, as "task-000012.h5 (point 4, replicate 0): missing".
class MergeError : public ProblemsError {
 public:
  using ProblemsError::ProblemsError;
};

// The name of a parameter's coordinate variable: "support.subsidy_share" -> "param_support_subsidy_share".
std::string param_variable_name(const std::string& scenario_path);

// Checks every task file first (throws MergeError naming all bad ones, writing nothing), then writes `target`
// atomically. Throws output::OutputError for trouble with the target, scenario::ScenarioError when a point's
// scenario no longer loads.
void merge(const Plan& plan, const std::filesystem::path& out_dir, const std::filesystem::path& target, bool overwrite);

}  // namespace iasim::sweep
