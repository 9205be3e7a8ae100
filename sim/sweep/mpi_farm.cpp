#include "sim/sweep/mpi_farm.hpp"

#include <stdexcept>

#ifdef IASIM_HAVE_MPI
#include <mpi.h>

#include <array>
#include <cstdio>
#endif

namespace iasim::sweep {

#ifndef IASIM_HAVE_MPI

bool mpi_available() { return false; }

int run_mpi(const Plan&, const std::filesystem::path&, const std::vector<std::uint64_t>&, const std::string&,
            const std::function<void(const TaskOutcome&)>&) {
  throw std::runtime_error(
      "this iasim was built without MPI (CMake did not find it), so --mpi is not available; install "
      "libopenmpi-dev (scripts/install-deps) and rebuild, or run the sweep locally (no --mpi) or as a Slurm job "
      "array (iasim sweep slurm)");
}

#else

namespace {

constexpr int tag_request = 1;  // worker -> rank 0: the outcome of the last task (or none) and "give me more"
constexpr int tag_task = 2;     // rank 0 -> worker: a task index, or -1 for "no more"

// The request message: {last task or -1, status (0 none, 1 ran, 2 skipped, 3 failed, 4 failed: point does not
// load), events, microseconds}.
using Request = std::array<long long, 4>;

Request encode(const TaskOutcome* o) {
  if (!o) return {-1, 0, 0, 0};
  const int st = o->status == TaskOutcome::Status::ran       ? 1
                 : o->status == TaskOutcome::Status::skipped ? 2
                 : o->bad_input                              ? 4
                                                             : 3;
  return {static_cast<long long>(o->task), st, static_cast<long long>(o->events), static_cast<long long>(o->seconds * 1e6)};
}

TaskOutcome decode(const Request& r) {
  TaskOutcome o;
  o.task = static_cast<std::uint64_t>(r[0]);
  o.status = r[1] == 1 ? TaskOutcome::Status::ran : r[1] == 2 ? TaskOutcome::Status::skipped : TaskOutcome::Status::failed;
  o.events = static_cast<std::uint64_t>(r[2]);
  o.seconds = static_cast<double>(r[3]) * 1e-6;
  o.bad_input = r[1] == 4;
  if (o.status == TaskOutcome::Status::failed) o.message = "(see the worker's error above)";
  return o;
}

}  // namespace

bool mpi_available() { return true; }

int run_mpi(const Plan& plan, const std::filesystem::path& out_dir, const std::vector<std::uint64_t>& tasks,
            const std::string& command_line, const std::function<void(const TaskOutcome&)>& report) {
  int provided = 0;
  // Only the main thread calls MPI; TBB threads inside a task never do.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int failures = 0, bad_points = 0;
  if (rank == 0) remove_stale_partials(out_dir);  // the farm owns the whole directory

  if (size == 1) {
    for (auto t : tasks) {
      const auto o = run_task(plan, out_dir, t, engine::Schedule::parallel, command_line);
      failures += o.status == TaskOutcome::Status::failed;
      bad_points += o.bad_input;
      if (report) report(o);  // prints a failure
    }
  } else if (rank == 0) {
    std::size_t next = 0;
    int stopped = 0;
    while (stopped < size - 1) {
      Request req{};
      MPI_Status st;
      MPI_Recv(req.data(), 4, MPI_LONG_LONG, MPI_ANY_SOURCE, tag_request, MPI_COMM_WORLD, &st);
      if (req[0] >= 0) {
        const auto o = decode(req);
        failures += o.status == TaskOutcome::Status::failed;
        bad_points += o.bad_input;
        if (report) report(o);
      }
      long long give = -1;
      if (next < tasks.size()) give = static_cast<long long>(tasks[next++]);
      else ++stopped;
      MPI_Send(&give, 1, MPI_LONG_LONG, st.MPI_SOURCE, tag_task, MPI_COMM_WORLD);
    }
  } else {
    // Stale partial files must be gone before any worker writes: wait for rank 0's clean-up via the first
    // exchange (rank 0 cleans before its first receive).
    TaskOutcome last;
    bool have_last = false;
    for (;;) {
      const Request req = encode(have_last ? &last : nullptr);
      MPI_Send(req.data(), 4, MPI_LONG_LONG, 0, tag_request, MPI_COMM_WORLD);
      long long task = -1;
      MPI_Recv(&task, 1, MPI_LONG_LONG, 0, tag_task, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (task < 0) break;
      last = run_task(plan, out_dir, static_cast<std::uint64_t>(task), engine::Schedule::serial, command_line);
      have_last = true;
      if (last.status == TaskOutcome::Status::failed) {
        ++failures;
        bad_points += last.bad_input;
        std::fprintf(stderr, "iasim sweep: rank %d: task %lld failed: %s\n", rank, task, last.message.c_str());
      }
    }
  }
  MPI_Finalize();
  return bad_points ? 2 : failures ? 1 : 0;
}

#endif

}  // namespace iasim::sweep
