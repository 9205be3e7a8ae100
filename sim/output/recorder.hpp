#pragma once
// The recorder: turns the model's observations into the output file's variables (docs/output.md is the
// catalogue). It is the model's only route to HDF5. Steps are written as they come, so memory does not
// grow with horizon x replicates; replicates may call it from several threads.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/params.hpp"
#include "sim/model/simulate.hpp"
#include "sim/output/file_spec.hpp"
#include "sim/output/netcdf_file.hpp"

namespace iasim::output {

// A run over parameter sets (`iasim run --parameter-sets`): which values each set gave, and how its
// replicates are numbered (set k holds replicates k*R .. k*R + R - 1).
struct ParameterSetsMetadata {
  std::string file;                         // the CSV as given
  std::vector<std::string> paths;           // scenario paths, one per column
  std::vector<std::vector<double>> values;  // [set][path]
  std::uint32_t replicates_per_set = 0;
};

// What a run file says about how it was made (global attributes).
struct RunMetadata {
  std::string scenario_name;
  std::string scenario_yaml;  // the fully resolved scenario (without the sets' values, which are variables)
  std::string command_line;
  std::optional<ParameterSetsMetadata> parameter_sets;
};

// The file layout for a run of `params`: dimensions, coordinates and every variable with units and
// long_name. Renaming a variable here is a breaking change for analysts' scripts. `replicate_ids` are the
// replicate numbers the file holds (default 0 .. run.replicates-1; a sweep task holds one).
FileSpec run_file_spec(const model::Params& params, const RunMetadata& meta,
                       const std::vector<std::uint32_t>& replicate_ids = {});

class Recorder : public model::RunObserver {
 public:
  // Creates the file under a temporary name (see NetcdfWriter::create); refuses an existing target unless
  // `overwrite`.
  Recorder(const std::filesystem::path& target, const model::Params& params, const RunMetadata& meta, bool overwrite,
           std::vector<std::uint32_t> replicate_ids = {});

  void on_step(std::uint32_t replicate, std::size_t step, double day,
               std::span<const model::CountyObservation> counties) override;
  void on_cohorts(std::uint32_t replicate, const model::CohortCounts& national) override;

  // Records run statistics and renames the file to its target: only now does the file exist there.
  void commit(const model::RunStats& stats, double wall_seconds);

 private:
  std::size_t position(std::uint32_t replicate) const;  // index along the file's replicate dimension

  NetcdfWriter writer_;
  std::size_t counties_;
  double outputs_end_day_;  // the last output time: cohort and retention figures need it
  std::vector<std::uint32_t> replicate_ids_;
};

}  // namespace iasim::output
