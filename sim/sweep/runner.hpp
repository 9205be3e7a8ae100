#pragma once
// Running sweep tasks: one task = one replicate of one point, written to its own file (task-NNNNNN.h5) through
// output::Recorder (temporary name + rename), so a task file either exists complete or not at all.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/engine/engine.hpp"
#include "sim/sweep/plan.hpp"

namespace iasim::sweep {

struct TaskOutcome {
  std::uint64_t task = 0;
  enum class Status { ran, skipped, failed } status = Status::ran;
  double seconds = 0;
  std::uint64_t events = 0;
  std::string message;  // why it failed
  bool bad_input = false;  // failed because its point's scenario does not load (the sweep file's fault)
};

// Runs task `task` unless its file is already complete (then skipped). Never throws for the task's own
// failures (bad point scenario, model error, output error): they come back as Status::failed.
TaskOutcome run_task(const Plan& plan, const std::filesystem::path& out_dir, std::uint64_t task,
                     engine::Schedule schedule, const std::string& command_line);

// Runs `tasks` on the current TBB arena, several at once; `report` is called (serialised) after each.
// Returns the outcomes in the order of `tasks`.
std::vector<TaskOutcome> run_tasks_local(const Plan& plan, const std::filesystem::path& out_dir,
                                         const std::vector<std::uint64_t>& tasks, unsigned cores,
                                         const std::string& command_line,
                                         const std::function<void(const TaskOutcome&)>& report);

}  // namespace iasim::sweep
