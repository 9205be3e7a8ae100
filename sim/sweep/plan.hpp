#pragma once
// A sweep with its points: what every way of running it (local, MPI, Slurm) and the merge share.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/load.hpp"
#include "sim/sweep/design.hpp"
#include "sim/sweep/sweep.hpp"
#include "sim/sweep/task.hpp"

namespace iasim::sweep {

struct Plan {
  Sweep sweep;
  std::vector<Point> points;
  std::uint64_t task_count() const { return points.size() * static_cast<std::uint64_t>(sweep.replicates); }
};

Plan make_plan(Sweep s);

// The scenario of one point: base + set: + the point's values + run.seed/run.replicates. Throws
// scenario::ScenarioError (e.g. a county name that does not exist).
scenario::Scenario point_scenario(const Plan& plan, std::uint64_t point);

// Why a task file does not count as done: empty when it is complete (exists, opens as an iasim file, holds
// replicate `replicate` of exactly this point's resolved scenario).
std::string task_file_problem(const std::filesystem::path& file, const scenario::Scenario& expected, std::uint32_t replicate);

// Removes `task-NNNNNN.h5.partial-*` files left by killed runs of the given tasks (all tasks when empty).
// Returns how many were removed.
std::size_t remove_stale_partials(const std::filesystem::path& out_dir, const std::vector<std::uint64_t>& tasks = {});

}  // namespace iasim::sweep
