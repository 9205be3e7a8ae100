// `iasim sweep plan|run|slurm|merge`: parameter sweeps (docs/sweeps.md).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <tbb/global_control.h>
#include <thread>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/output/error.hpp"
#include "sim/output/interrupt.hpp"
#include "sim/sweep/merge.hpp"
#include "sim/sweep/mpi_farm.hpp"
#include "sim/sweep/runner.hpp"

namespace iasim::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* sweep_usage =
    "iasim sweep plan SWEEP.yaml                 points and tasks of a sweep\n"
    "       iasim sweep run SWEEP.yaml [--task I] [--mpi] [--out-dir DIR] [--threads T] [--tasks-per-element M]\n"
    "       iasim sweep slurm SWEEP.yaml [--throttle K] [--tasks-per-element M] [--out-dir DIR] [-o SCRIPT]\n"
    "       iasim sweep merge SWEEP.yaml [--out-dir DIR] -o FILE [--force]";

// Loads the sweep and its points; prints the problems and returns nullopt on bad input.
std::optional<sweep::Plan> load_plan(const std::string& file, std::string_view cmd) {
  try {
    return sweep::make_plan(sweep::load_sweep(file));
  } catch (const sweep::SweepError& e) {
    std::cerr << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "iasim sweep " << cmd << ": " << e.what() << "\n";
  }
  return std::nullopt;
}

fs::path out_dir_of(const sweep::Plan& p, const std::string& given) {
  return given.empty() ? sweep::default_out_dir(p.sweep) : fs::path(given);
}

int plan_command(const Args& args) {
  std::string file;
  po::options_description opts("sweep plan options");
  opts.add_options()("no-check", "do not load every point's scenario (faster for huge sweeps)");
  po::positional_options_description pos;
  add_positional(opts, pos, "sweep", po::value(&file)->required(), "sweep file", 1);
  po::variables_map vm;
  if (auto rc = parse_options("sweep plan", "iasim sweep plan SWEEP.yaml [--no-check]", args, opts, pos, vm)) return *rc;
  auto plan = load_plan(file, "plan");
  if (!plan) return exit_bad_input;
  const auto& s = plan->sweep;
  std::printf("sweep %s: base %s, design %s", s.name.c_str(), s.base.string().c_str(), std::string(design_name(s.design)).c_str());
  if (s.design == sweep::Design::saltelli) std::printf(" (N = %u base samples x (d + 2))", s.points);
  std::printf("\n%zu points x %u replicates = %llu tasks (task = point * %u + replicate), seed %llu\n",
              plan->points.size(), s.replicates, static_cast<unsigned long long>(plan->task_count()), s.replicates,
              static_cast<unsigned long long>(s.seed));
  for (const auto& o : s.set) std::printf("set %s\n", o.c_str());
  std::printf("\n%8s", "point");
  for (const auto& d : s.dimensions) std::printf("  %s", d.path.c_str());
  std::printf("\n");
  for (std::size_t p = 0; p < plan->points.size(); ++p) {
    std::printf("%8zu", p);
    for (std::size_t j = 0; j < s.dimensions.size(); ++j)
      std::printf("  %*s", static_cast<int>(s.dimensions[j].path.size()), plan->points[p].texts[j].c_str());
    std::printf("\n");
  }
  if (!vm.count("no-check")) {
    for (std::size_t p = 0; p < plan->points.size(); ++p) {
      try {
        (void)sweep::point_scenario(*plan, p);
      } catch (const scenario::ScenarioError& e) {
        std::cerr << "iasim sweep plan: point " << p << " does not load:\n" << e.what() << "\n";
        return exit_bad_input;
      }
    }
  }
  return exit_ok;
}

int run_sweep_command(const Args& args) {
  std::string file, out, task_text, threads_text = "0", per_element_text = "1";
  po::options_description opts("sweep run options");
  opts.add_options()
      ("task", po::value(&task_text), "run only this task (task = point * replicates + replicate)")
      ("mpi", "farm the tasks out over MPI ranks (under mpirun; rank 0 dispatches)")
      ("out-dir", po::value(&out), "directory of the task files (default: <sweep stem>.out beside the sweep file)")
      ("threads", po::value(&threads_text)->default_value("0"), "worker threads for a local run (0: all cores)")
      ("tasks-per-element", po::value(&per_element_text)->default_value("1"),
       "under a Slurm job array: tasks packed into each array element (as given to 'iasim sweep slurm')")
      ("quiet,q", "no progress lines");
  po::positional_options_description pos;
  add_positional(opts, pos, "sweep", po::value(&file)->required(), "sweep file", 1);
  po::variables_map vm;
  if (auto rc = parse_options("sweep run", "iasim sweep run SWEEP.yaml [--task I] [--mpi] [--out-dir DIR] [--threads T] "
                                           "[--tasks-per-element M] [--quiet]",
                              args, opts, pos, vm))
    return *rc;
  const bool mpi = vm.count("mpi") > 0, quiet = vm.count("quiet") > 0;
  if (mpi && !sweep::mpi_available()) {
    std::cerr << "iasim sweep run: --mpi: this iasim was built without MPI (CMake did not find it); install "
                 "libopenmpi-dev (scripts/install-deps) and rebuild, or run without --mpi (local cores) or as a "
                 "Slurm job array (iasim sweep slurm)\n";
    return exit_bad_input;
  }
  if (mpi && vm.count("task")) {
    std::cerr << "iasim sweep run: give either --task or --mpi\n";
    return exit_bad_input;
  }
  // Numbers are checked as typed: Boost.Program_options would read "-1" as 18446744073709551615.
  const auto threads = whole_number_option("sweep run", "--threads", threads_text, 0, kMaxThreads,
                                           "0 (all cores) or a number of worker threads up to " +
                                               std::to_string(kMaxThreads));
  const auto per_element = whole_number_option("sweep run", "--tasks-per-element", per_element_text, 1, UINT32_MAX,
                                               "a whole number of tasks per array element, at least 1");
  const auto task = vm.count("task") ? whole_number_option("sweep run", "--task", task_text, 0, UINT64_MAX,
                                                           "a task number (task = point * replicates + replicate)")
                                     : std::optional<std::uint64_t>(0);
  if (!threads || !per_element || !task) return exit_bad_input;
  auto plan = load_plan(file, "run");
  if (!plan) return exit_bad_input;
  const auto total = plan->task_count();
  const fs::path dir = out_dir_of(*plan, out);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "iasim sweep run: cannot create the output directory " << dir << ": " << ec.message() << "\n";
    return exit_bad_input;
  }

  std::vector<std::uint64_t> tasks;
  std::string mode = mpi ? "mpi" : "local";
  const char* array_id = std::getenv("SLURM_ARRAY_TASK_ID");
  if (vm.count("task")) {
    const auto t = *task;
    if (t >= total) {
      std::cerr << "iasim sweep run: --task " << t << " is out of range: this sweep has tasks 0.." << total - 1 << "\n";
      return exit_bad_input;
    }
    tasks.push_back(t);
    mode = "task";
  } else if (!mpi && array_id) {
    char* end = nullptr;
    const auto e = std::strtoull(array_id, &end, 10);
    const auto n = sweep::element_count(*per_element, total);
    if (!end || *end || e >= n) {
      std::cerr << "iasim sweep run: SLURM_ARRAY_TASK_ID=" << array_id << " is not an element of this sweep (0.."
                << n - 1 << " with --tasks-per-element " << *per_element << ")\n";
      return exit_bad_input;
    }
    const auto r = sweep::element_tasks(e, *per_element, total);
    for (auto t = r.first; t < r.last; ++t) tasks.push_back(t);
    mode = "slurm";
  } else {
    for (std::uint64_t t = 0; t < total; ++t) tasks.push_back(t);
  }

  output::install_interrupt_handlers();
  const std::string cmdline = joined_command_line("sweep run", args);
  std::size_t done = 0, ran = 0, skipped = 0, failed = 0, bad_points = 0;
  const auto t0 = std::chrono::steady_clock::now();
  auto report = [&](const sweep::TaskOutcome& o) {
    ++done;
    using S = sweep::TaskOutcome::Status;
    if (o.status == S::ran) ++ran;
    if (o.status == S::skipped) ++skipped;
    if (o.status == S::failed) {
      ++failed;
      bad_points += o.bad_input;
      std::fprintf(stderr, "iasim sweep: task %llu failed: %s\n", static_cast<unsigned long long>(o.task), o.message.c_str());
    } else if (!quiet) {
      const auto id = sweep::task_id(o.task, plan->sweep.replicates);
      std::fprintf(stderr, "[%zu/%zu] task %llu (point %llu, replicate %u) %s", done, tasks.size(),
                   static_cast<unsigned long long>(o.task), static_cast<unsigned long long>(id.point), id.replicate,
                   o.status == S::skipped ? "already done\n" : "");
      if (o.status == S::ran) std::fprintf(stderr, "%.3g events in %.2f s\n", double(o.events), o.seconds);
    }
  };

  int rc = exit_ok;
  if (mpi) {
    try {
      rc = sweep::run_mpi(*plan, dir, tasks, cmdline, report);
    } catch (const std::exception& e) {
      std::cerr << "iasim sweep run: " << e.what() << "\n";
      return exit_bad_input;
    }
    // Workers report nothing themselves; only rank 0 counted (done > 0 or no tasks).
    if (done == 0) return rc;
  } else {
    sweep::remove_stale_partials(dir, tasks);
    const unsigned cores = *threads ? static_cast<unsigned>(*threads) : std::max(1u, std::thread::hardware_concurrency());
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, cores);
    sweep::run_tasks_local(*plan, dir, tasks, cores, cmdline, report);
    // A point whose scenario does not load is the sweep file's fault: bad input, as `sweep plan` says.
    rc = bad_points ? exit_bad_input : failed ? exit_failed : exit_ok;
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet || failed)
    std::fprintf(stderr, "iasim sweep run (%s): %zu tasks: %zu ran, %zu already done, %zu failed, in %.1f s; files in %s\n",
                 mode.c_str(), tasks.size(), ran, skipped, failed, secs, dir.string().c_str());
  return rc;
}

int slurm_command(const Args& args) {
  std::string file, out, script, time_limit, partition, throttle_text = "0", per_element_text = "1", cpus_text = "1";
  po::options_description opts("sweep slurm options");
  opts.add_options()
      ("throttle", po::value(&throttle_text)->default_value("0"), "at most K array elements at once (--array=0-N%K; 0: no limit)")
      ("tasks-per-element", po::value(&per_element_text)->default_value("1"), "tasks packed into each array element")
      ("out-dir", po::value(&out), "directory of the task files and Slurm logs (default: <sweep stem>.out)")
      ("output,o", po::value(&script), "the sbatch script to write (default: <out-dir>/<sweep name>.sbatch)")
      ("time", po::value(&time_limit), "Slurm --time limit per element, e.g. 01:00:00")
      ("partition", po::value(&partition), "Slurm partition")
      ("cpus-per-task", po::value(&cpus_text)->default_value("1"), "cores per array element (counties run in parallel)");
  po::positional_options_description pos;
  add_positional(opts, pos, "sweep", po::value(&file)->required(), "sweep file", 1);
  po::variables_map vm;
  if (auto rc = parse_options("sweep slurm", "iasim sweep slurm SWEEP.yaml [--throttle K] [--tasks-per-element M] "
                                             "[--out-dir DIR] [-o SCRIPT] [--time T] [--partition P]",
                              args, opts, pos, vm))
    return *rc;
  // Numbers are checked as typed: Boost.Program_options would read "-2" as a huge throttle.
  const auto throttle_or = whole_number_option("sweep slurm", "--throttle", throttle_text, 0, UINT32_MAX,
                                               "0 (no limit) or a whole number of array elements at once");
  const auto per_element_or = whole_number_option("sweep slurm", "--tasks-per-element", per_element_text, 1, UINT32_MAX,
                                                  "a whole number of tasks per array element, at least 1");
  const auto cpus_or = whole_number_option("sweep slurm", "--cpus-per-task", cpus_text, 1, kMaxThreads,
                                           "a whole number of cores per array element, at least 1");
  if (!throttle_or || !per_element_or || !cpus_or) return exit_bad_input;
  const std::uint64_t throttle = *throttle_or, per_element = *per_element_or, cpus = *cpus_or;
  auto plan = load_plan(file, "slurm");
  if (!plan) return exit_bad_input;
  std::error_code ec;
  const fs::path dir = fs::absolute(out_dir_of(*plan, out), ec);
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "iasim sweep slurm: cannot create " << dir << ": " << ec.message() << "\n";
    return exit_bad_input;
  }
  const auto n = sweep::element_count(per_element, plan->task_count());
  const fs::path self = fs::canonical("/proc/self/exe", ec);
  const fs::path sweep_abs = fs::absolute(file);
  if (script.empty()) script = (dir / (plan->sweep.name + ".sbatch")).string();
  std::ofstream os(script);
  os << "#!/bin/bash\n"
     << "# iasim sweep '" << plan->sweep.name << "': " << plan->task_count() << " tasks in " << n << " array elements of "
     << per_element << " task(s).\n"
     << "# Written by: " << joined_command_line("sweep slurm", args) << "\n"
     << "# Submit: sbatch " << script << "    Afterwards: iasim sweep merge " << sweep_abs.string() << " --out-dir "
     << dir.string() << " -o MERGED.h5\n"
     << "# Resubmitting after a failure or cancellation reruns only unfinished tasks.\n"
     << "#SBATCH --job-name=iasim-" << plan->sweep.name << "\n"
     << "#SBATCH --array=0-" << n - 1 << (throttle ? "%" + std::to_string(throttle) : std::string()) << "\n"
     << "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=" << cpus << "\n"
     << "#SBATCH --output=" << (dir / "slurm-%A_%a.log").string() << "\n";
  if (!time_limit.empty()) os << "#SBATCH --time=" << time_limit << "\n";
  if (!partition.empty()) os << "#SBATCH --partition=" << partition << "\n";
  os << "set -euo pipefail\n"
     << "exec '" << (ec ? fs::path("iasim") : self).string() << "' sweep run '" << sweep_abs.string() << "' --out-dir '"
     << dir.string() << "' --tasks-per-element " << per_element << " --threads " << cpus << "\n";
  os.close();
  if (!os) {
    std::cerr << "iasim sweep slurm: cannot write " << script << "\n";
    return exit_bad_input;
  }
  fs::permissions(script, fs::perms::owner_exec | fs::perms::group_exec, fs::perm_options::add, ec);
  std::printf("%s\n", script.c_str());
  return exit_ok;
}

int merge_command(const Args& args) {
  std::string file, out, target;
  po::options_description opts("sweep merge options");
  opts.add_options()
      ("out-dir", po::value(&out), "directory of the task files (default: <sweep stem>.out beside the sweep file)")
      ("output,o", po::value(&target)->required(), "merged file to write")
      ("force", "overwrite an existing merged file");
  po::positional_options_description pos;
  add_positional(opts, pos, "sweep", po::value(&file)->required(), "sweep file", 1);
  po::variables_map vm;
  if (auto rc = parse_options("sweep merge", "iasim sweep merge SWEEP.yaml [--out-dir DIR] -o FILE [--force]", args, opts, pos, vm))
    return *rc;
  auto plan = load_plan(file, "merge");
  if (!plan) return exit_bad_input;
  output::install_interrupt_handlers();
  try {
    sweep::merge(*plan, out_dir_of(*plan, out), target, vm.count("force") > 0);
  } catch (const sweep::MergeError& e) {
    std::cerr << "iasim sweep merge: " << e.problems().size() << " task file(s) missing or damaged; nothing merged. "
              << "Run 'iasim sweep run' again to redo them:\n"
              << e.what() << "\n";
    return exit_bad_input;
  } catch (const std::exception& e) {
    std::cerr << "iasim sweep merge: " << e.what() << "\n";
    return exit_bad_input;
  }
  std::fprintf(stderr, "wrote %s: %zu points x %u replicates\n", target.c_str(), plan->points.size(), plan->sweep.replicates);
  return exit_ok;
}

}  // namespace

int sweep_command(const Args& args) {
  if (args.empty() || args[0] == "-h" || args[0] == "--help") {
    (args.empty() ? std::cerr : std::cout) << "usage: " << sweep_usage << "\n(each has --help; docs/sweeps.md)\n";
    return args.empty() ? exit_bad_input : exit_ok;
  }
  const Args rest(args.begin() + 1, args.end());
  if (args[0] == "plan") return plan_command(rest);
  if (args[0] == "run") return run_sweep_command(rest);
  if (args[0] == "slurm") return slurm_command(rest);
  if (args[0] == "merge") return merge_command(rest);
  std::cerr << "iasim sweep: unknown subcommand '" << args[0] << "'\nusage: " << sweep_usage << "\n";
  return exit_bad_input;
}

}  // namespace iasim::cli
