#include "sim/cli/commands.hpp"

namespace iasim::cli {

std::span<const Command> commands() {
  static const Command table[] = {
      {"run", "run a scenario's replicates and write one HDF5 (netCDF-4) file", run_command},
      {"compare", "key outcomes of run files side by side, with 95% intervals and paired differences", compare_command},
      {"validate", "check scenario files; --resolved prints every parameter", validate_command},
      {"info", "summarise an output file", info_command},
      {"sweep", "parameter sweeps: plan, run (local, MPI, Slurm array), slurm script, merge", sweep_command},
      {"calibrate", "history matching against calibration targets, in waves of sweeps (docs/calibration.md)",
       calibrate_command},
  };
  return table;
}

}  // namespace iasim::cli
