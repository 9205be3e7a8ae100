// `iasim run`: one scenario, all its replicates, one output file.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <tbb/global_control.h>
#include <thread>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/cli/progress.hpp"
#include "sim/model/ia_model.hpp"
#include "sim/model/simulate.hpp"
#include "sim/output/error.hpp"
#include "sim/output/interrupt.hpp"
#include "sim/output/recorder.hpp"
#include "sim/scenario/load.hpp"
#include "sim/sweep/parameter_sets.hpp"

namespace iasim::cli {

// More worker threads than this is a typing slip, not a machine.

int run_command(const Args& args) {
  std::vector<std::string> files, sets;
  std::string output, replicates, seed, horizon, threads_text = "0", sets_file, first_sets;
  po::options_description opts("run options");
  opts.add_options()
      ("output,o", po::value(&output), "output file (default: <scenario name>.h5 in the current directory)")
      ("replicates", po::value(&replicates), "replicates, at least 1 (same as --set run.replicates=N)")
      ("seed", po::value(&seed), "base seed, 0 to 18446744073709551615 (same as --set run.seed=S)")
      ("horizon", po::value(&horizon), "simulated years from 2015-01-01, more than 0 (same as --set run.horizon_years=Y)")
      ("set", po::value(&sets)->composing(), "override a parameter: --set office.caseload_multiplier=0.5 (repeatable)")
      ("parameter-sets", po::value(&sets_file), "run over the parameter sets of this CSV (a calibration's plausible.csv): "
                                                 "--replicates per set, common random numbers across scenarios")
      ("first-sets", po::value(&first_sets), "with --parameter-sets: only the file's first N sets")
      ("threads", po::value(&threads_text)->default_value(threads_text), "worker threads (0: all cores)")
      ("force", "overwrite an existing output file")
      ("quiet,q", "no progress display");
  po::positional_options_description pos;
  add_positional(opts, pos, "scenario", po::value(&files)->required(), "scenario file", -1);  // all of them, so that a second one is named in the error below
  po::variables_map vm;
  if (auto rc = parse_options("run", "iasim run SCENARIO.yaml [-o FILE] [--replicates N] [--seed S] [--threads T] "
                                     "[--horizon YEARS] [--set key=value]... [--parameter-sets FILE.csv [--first-sets N]] "
                                     "[--force] [--quiet]",
                              args, opts, pos, vm))
    return *rc;
  if (files.size() != 1) {
    std::cerr << "iasim run: expects one scenario file, got " << files.size() << ":";
    for (const auto& f : files) std::cerr << " '" << f << "'";
    std::cerr << "\n(run several scenarios as several commands, or compare their outputs)\n";
    return exit_bad_input;
  }
  const std::string& file = files.front();
  const auto threads = whole_number_option("run", "--threads", threads_text, 0, kMaxThreads,
                                           "0 (all cores) or a number of worker threads up to " + std::to_string(kMaxThreads));
  if (!threads) return exit_bad_input;
  // The shortcuts become overrides, as typed, so the resolved scenario in the output file says what was run; the
  // loader then checks them against the parameters' ranges like any other value.
  if (vm.count("replicates")) {
    if (!whole_number_option("run", "--replicates", replicates, 1, UINT32_MAX, "a whole number of replicates, at least 1"))
      return exit_bad_input;
    sets.push_back("run.replicates=" + replicates);
  }
  if (vm.count("seed")) {
    if (!whole_number_option("run", "--seed", seed, 0, UINT64_MAX, "a whole number from 0 to 18446744073709551615"))
      return exit_bad_input;
    sets.push_back("run.seed=" + seed);
  }
  if (vm.count("horizon")) {
    if (!positive_number_option("run", "--horizon", horizon, "a number of years more than 0 (e.g. 10 or 2.5)"))
      return exit_bad_input;
    sets.push_back("run.horizon_years=" + horizon);
  }

  std::size_t first = 0;
  if (vm.count("first-sets")) {
    if (sets_file.empty()) {
      std::cerr << "iasim run: --first-sets needs --parameter-sets FILE.csv\n";
      return exit_bad_input;
    }
    const auto n = whole_number_option("run", "--first-sets", first_sets, 1, UINT32_MAX, "a whole number of sets, at least 1");
    if (!n) return exit_bad_input;
    first = static_cast<std::size_t>(*n);
  }

  scenario::Scenario sc;
  std::vector<model::Params> set_params;  // one per parameter set, or empty
  std::optional<output::ParameterSetsMetadata> sets_meta;
  try {
    sc = scenario::load(file, sets);
    if (!sets_file.empty()) {
      const auto ps = sweep::read_parameter_sets(sets_file, first);
      for (std::size_t k = 0; k < ps.sets.size(); ++k) {
        auto with_set = sets;
        for (auto& o : sweep::parameter_set_overrides(ps, k)) with_set.push_back(std::move(o));
        try {
          set_params.push_back(scenario::load(file, with_set).params);
        } catch (const scenario::ScenarioError& e) {
          // The loader names the --set override; the row names the set.
          std::cerr << sets_file << ":" << k + 2 << ":1: error: parameter set " << k << " does not load:\n" << e.what() << "\n";
          return exit_bad_input;
        }
      }
      sets_meta = output::ParameterSetsMetadata{sets_file, ps.paths, ps.sets, sc.params.run.replicates};
    }
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return exit_bad_input;
  }
  if (output.empty()) output = sc.params.scenario_name + ".h5";
  const auto& run = sc.params.run;
  const std::size_t set_count = std::max<std::size_t>(1, set_params.size());
  const auto total_replicates = static_cast<std::uint32_t>(set_count * run.replicates);
  std::vector<std::uint32_t> ids;
  for (std::uint32_t r = 0; r < total_replicates; ++r) ids.push_back(r);
  const unsigned cores = *threads ? static_cast<unsigned>(*threads) : std::max(1u, std::thread::hardware_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, cores);
  output::install_interrupt_handlers();

  try {
    output::Recorder recorder(output, sc.params,
                              {sc.params.scenario_name, sc.resolved_yaml, joined_command_line("run", args), sets_meta},
                              vm.count("force") > 0, ids);
    Progress progress(recorder, total_replicates, model::output_days(run).size(),
                      progress_style_for(stderr, vm.count("quiet") > 0));
    const auto t0 = std::chrono::steady_clock::now();
    // Replicates in parallel when there are enough of them to keep every core busy; else counties in parallel.
    const bool in_parallel = total_replicates >= cores;
    const auto stats = set_params.empty() ? model::simulate(sc.params, progress, in_parallel)
                                          : model::simulate_parameter_sets(set_params, progress, in_parallel);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    progress.finish();
    recorder.commit(stats, secs);
    if (!vm.count("quiet"))
      std::fprintf(stderr, "wrote %s: %s, %u replicates x %.4g years, %zu counties, %.3g events in %.2f s (%.3g events/s)\n",
                   output.c_str(), sc.params.scenario_name.c_str(), total_replicates, run.horizon_years,
                   sc.params.counties.size(), double(stats.events), secs, stats.events / secs);
  } catch (const output::OutputError& e) {
    std::cerr << "iasim run: " << e.what() << "\n";
    return exit_bad_input;
  } catch (const model::ModelError& e) {
    std::cerr << "iasim run: " << e.what() << "\n(no output file was written)\n";
    return exit_failed;
  }
  return exit_ok;
}

}  // namespace iasim::cli
