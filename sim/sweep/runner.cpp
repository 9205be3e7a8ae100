#include "sim/sweep/runner.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <chrono>
#include <mutex>

#include "sim/engine/tsan.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/simulate.hpp"
#include "sim/output/error.hpp"
#include "sim/output/recorder.hpp"

namespace iasim::sweep {

TaskOutcome run_task(const Plan& plan, const std::filesystem::path& out_dir, std::uint64_t task,
                     engine::Schedule schedule, const std::string& command_line) {
  TaskOutcome o;
  o.task = task;
  const TaskId id = task_id(task, plan.sweep.replicates);
  const auto t0 = std::chrono::steady_clock::now();
  try {
    const auto sc = point_scenario(plan, id.point);
    const auto file = task_path(out_dir, task);
    if (task_file_problem(file, sc, id.replicate).empty()) {
      o.status = TaskOutcome::Status::skipped;
      return o;
    }
    // A complete file from other parameters (the sweep changed) is replaced; a damaged one too.
    output::Recorder rec(file, sc.params, {sc.params.scenario_name, sc.resolved_yaml, command_line, std::nullopt}, true, {id.replicate});
    const auto stats = model::simulate_replicate(sc.params, id.replicate, rec, schedule);
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    o.events = stats.events;
    rec.commit(stats, o.seconds);
  } catch (const scenario::ScenarioError& e) {
    o.status = TaskOutcome::Status::failed;
    o.bad_input = true;
    o.message = "point " + std::to_string(id.point) + " does not load:\n" + e.what();
  } catch (const std::exception& e) {  // model::ModelError, output::OutputError, HDF5 trouble
    o.status = TaskOutcome::Status::failed;
    o.message = e.what();
  }
  return o;
}

std::vector<TaskOutcome> run_tasks_local(const Plan& plan, const std::filesystem::path& out_dir,
                                         const std::vector<std::uint64_t>& tasks, unsigned cores,
                                         const std::string& command_line,
                                         const std::function<void(const TaskOutcome&)>& report) {
  std::vector<TaskOutcome> out(tasks.size());
  std::mutex m;
  // Enough tasks to fill the cores: one task per core, each serial. Fewer: counties in parallel inside each.
  // Either way the results are the same (keyed random streams).
  const auto schedule = tasks.size() >= cores ? engine::Schedule::serial : engine::Schedule::parallel;
  // One task per chunk: tasks are long and uneven, so idle threads should take the next one at once. The
  // fork and join edges are declared for ThreadSanitizer, which cannot see them inside libtbb (tsan.hpp).
  engine::detail::ForkJoin edges;
  edges.fork();
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, tasks.size(), 1),
      [&](const tbb::blocked_range<std::size_t>& r) {
        edges.enter();
        for (std::size_t i = r.begin(); i != r.end(); ++i) {
          out[i] = run_task(plan, out_dir, tasks[i], schedule, command_line);
          std::lock_guard lock(m);
          if (report) report(out[i]);
        }
        edges.leave();
      },
      tbb::simple_partitioner());
  edges.join();
  return out;
}

}  // namespace iasim::sweep
