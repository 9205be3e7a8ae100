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

namespace iasim::cli {

int run_command(const Args& args) {
  std::string file, output;
  std::vector<std::string> sets;
  unsigned threads = 0;
  po::options_description opts("run options");
  opts.add_options()
      ("output,o", po::value(&output), "output file (default: <scenario name>.h5 in the current directory)")
      ("replicates", po::value<std::uint32_t>(), "replicates (same as --set run.replicates=N)")
      ("seed", po::value<std::uint64_t>(), "base seed (same as --set run.seed=S)")
      ("horizon", po::value<double>(), "simulated years from 2015-01-01 (same as --set run.horizon_years=Y)")
      ("set", po::value(&sets)->composing(), "override a parameter: --set office.caseload_multiplier=0.5 (repeatable)")
      ("threads", po::value(&threads)->default_value(0), "worker threads (0: all cores)")
      ("force", "overwrite an existing output file")
      ("quiet,q", "no progress display");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&file)->required(), "scenario file");
  opts.add(hidden);
  po::positional_options_description pos;
  pos.add("scenario", 1);
  po::variables_map vm;
  if (auto rc = parse_options("run", "iasim run SCENARIO.yaml [-o FILE] [--replicates N] [--seed S] [--threads T] "
                                     "[--horizon YEARS] [--set key=value]... [--force] [--quiet]",
                              args, opts, pos, vm))
    return *rc;
  // The shortcuts become overrides, so the resolved scenario in the output file says what was run.
  if (vm.count("replicates")) sets.push_back("run.replicates=" + std::to_string(vm["replicates"].as<std::uint32_t>()));
  if (vm.count("seed")) sets.push_back("run.seed=" + std::to_string(vm["seed"].as<std::uint64_t>()));
  if (vm.count("horizon")) sets.push_back("run.horizon_years=" + std::to_string(vm["horizon"].as<double>()));

  scenario::Scenario sc;
  try {
    sc = scenario::load(file, sets);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return exit_bad_input;
  }
  if (output.empty()) output = sc.params.scenario_name + ".h5";
  const auto& run = sc.params.run;
  const unsigned cores = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, cores);
  output::install_interrupt_handlers();

  try {
    output::Recorder recorder(output, sc.params, {sc.params.scenario_name, sc.resolved_yaml, joined_command_line("run", args)},
                              vm.count("force") > 0);
    Progress progress(recorder, run.replicates, model::output_days(run).size(),
                      progress_style_for(stderr, vm.count("quiet") > 0));
    const auto t0 = std::chrono::steady_clock::now();
    // Replicates in parallel when there are enough of them to keep every core busy; else counties in parallel.
    const auto stats = model::simulate(sc.params, progress, run.replicates >= cores);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    progress.finish();
    recorder.commit(stats, secs);
    if (!vm.count("quiet"))
      std::fprintf(stderr, "wrote %s: %s, %u replicates x %.4g years, %zu counties, %.3g events in %.2f s (%.3g events/s)\n",
                   output.c_str(), sc.params.scenario_name.c_str(), run.replicates, run.horizon_years,
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
