#pragma once
// The MPI task farm: `mpirun -n P iasim sweep run SWEEP --mpi`. Rank 0 hands out task indices one at a time to
// whichever worker asks next (dynamic load balancing: tasks of slow points do not hold up the rest); ranks
// 1..P-1 run them (each one task at a time, counties serial: one rank per core). With P = 1 rank 0 runs every
// task itself. Built only when CMake finds MPI (compile definition IASIM_HAVE_MPI).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "sim/sweep/runner.hpp"

namespace iasim::sweep {

// True when this iasim was built with MPI.
bool mpi_available();

// Initialises MPI, farms out `tasks`, finalises MPI. `report` is called on rank 0 for each finished task.
// Returns this rank's exit status: 0 when every task ran or was already done, 2 when any failed because its
// point's scenario does not load (bad input), else 1 when any failed (rank 0 knows of all failures; a worker
// of those it ran). Rank 0 first removes stale partial files. Throws std::runtime_error when built without MPI.
int run_mpi(const Plan& plan, const std::filesystem::path& out_dir, const std::vector<std::uint64_t>& tasks,
            const std::string& command_line, const std::function<void(const TaskOutcome&)>& report);

}  // namespace iasim::sweep
