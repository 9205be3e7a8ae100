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

// More worker threads than this is a typing slip, not a machine.

int run_command(const Args& args) {
  std::vector<std::string> files, sets;
  std::string output, replicates, seed, horizon, threads_text = "0";
  po::options_description opts("run options");
  opts.add_options()
      ("output,o", po::value(&output), "output file (default: <scenario name>.h5 in the current directory)")
      ("replicates", po::value(&replicates), "replicates, at least 1 (same as --set run.replicates=N)")
      ("seed", po::value(&seed), "base seed, 0 to 18446744073709551615 (same as --set run.seed=S)")
      ("horizon", po::value(&horizon), "simulated years from 2015-01-01, more than 0 (same as --set run.horizon_years=Y)")
      ("set", po::value(&sets)->composing(), "override a parameter: --set office.caseload_multiplier=0.5 (repeatable)")
      ("threads", po::value(&threads_text)->default_value(threads_text), "worker threads (0: all cores)")
      ("force", "overwrite an existing output file")
      ("quiet,q", "no progress display");
  po::positional_options_description pos;
  add_positional(opts, pos, "scenario", po::value(&files)->required(), "scenario file", -1);  // all of them, so that a second one is named in the error below
  po::variables_map vm;
  if (auto rc = parse_options("run", "iasim run SCENARIO.yaml [-o FILE] [--replicates N] [--seed S] [--threads T] "
                                     "[--horizon YEARS] [--set key=value]... [--force] [--quiet]",
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

  scenario::Scenario sc;
  try {
    sc = scenario::load(file, sets);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return exit_bad_input;
  }
  if (output.empty()) output = sc.params.scenario_name + ".h5";
  const auto& run = sc.params.run;
  const unsigned cores = *threads ? static_cast<unsigned>(*threads) : std::max(1u, std::thread::hardware_concurrency());
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
