// The national baseline at full scale: wall time, events/s, agents and peak memory, so that the model's
// cost is measured, not guessed. It runs scenarios/baseline_2015.yaml as an analyst would (with its county
// overrides), or another scenario; `--scale 10` multiplies the population to show how cost grows.
#include <sys/resource.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <tbb/global_control.h>

#include "sim/model/simulate.hpp"
#include "sim/scenario/error.hpp"
#include "sim/scenario/load.hpp"

namespace po = boost::program_options;
using namespace iasim;

namespace {
// Keeps the national totals of the last step so the benchmark can print a sanity line.
struct LastStep : model::RunObserver {
  std::array<double, model::person_state_count> persons{};
  double trials = 0, hires = 0, subsidy = 0;
  std::vector<std::pair<double, double>> in_services_by_year;  // (day, people in services), replicate 0
  void on_step(std::uint32_t r, std::size_t k, double day, std::span<const model::CountyObservation> cs) override {
    if (r != 0) return;
    persons = {};
    for (const auto& c : cs) {
      for (std::size_t s = 0; s < persons.size(); ++s) persons[s] += c.persons[s];
      trials += c.transitions[*model::transition_index(model::PersonState::follow_up, model::PersonState::work_trial)];
      hires += c.transitions[*model::transition_index(model::PersonState::work_trial, model::PersonState::ordinary_job)] +
               c.transitions[*model::transition_index(model::PersonState::work_trial, model::PersonState::subsidised_job)];
      subsidy += c.subsidy_cost_nok;
    }
    if (k % 6 == 0)
      in_services_by_year.push_back({day, persons[0] + persons[1] + persons[2] + persons[3]});
  }
  void on_cohorts(std::uint32_t, const model::CohortCounts&) override {}
};
}  // namespace

int main(int argc, char** argv) {
  double scale = 1.0, years = 10.0;
  unsigned threads = 1, replicates = 1;
  std::string scenario_file = IASIM_SOURCE_DIR "/scenarios/baseline_2015.yaml";
  po::options_description opts("model_bench options");
  opts.add_options()("help,h", "this help")
      ("scenario", po::value(&scenario_file)->default_value(scenario_file), "scenario file")
      ("scale", po::value(&scale)->default_value(scale), "population scale")
      ("years", po::value(&years)->default_value(years), "horizon in years")
      ("threads", po::value(&threads)->default_value(threads), "worker threads")
      ("replicates", po::value(&replicates)->default_value(replicates), "replicates (run in parallel)");
  po::variables_map vm;
  po::store(po::parse_command_line(argc, argv, opts), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  model::Params params;
  try {
    params = scenario::load(scenario_file).params;
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  params.run.population_scale = scale;
  params.run.horizon_years = years;
  params.run.replicates = replicates;
  LastStep obs;
  const auto t0 = std::chrono::steady_clock::now();
  const auto st = replicates > 1 ? model::simulate(params, obs, true)
                                 : model::simulate_replicate(params, 0, obs, threads > 1 ? engine::Schedule::parallel : engine::Schedule::serial);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("persons at end: ");
  for (std::size_t s = 0; s < obs.persons.size(); ++s) std::printf("%s=%.0f ", std::string(model::person_state_labels[s]).c_str(), obs.persons[s]);
  std::printf("\npeople in services (waiting, follow-up, trial, subsidised) every half year:");
  for (const auto& [day, n] : obs.in_services_by_year) std::printf(" %.1fy:%.0f", day / 365.25, n);
  std::printf("\ntrials=%.0f hires_after_trial=%.0f subsidy_nok=%.3g\n", obs.trials, obs.hires, obs.subsidy);
  std::printf("scale=%g years=%g threads=%u replicates=%u persons=%zu employers=%zu offices=%zu events=%llu\n", scale, years,
              threads, replicates, st.persons, st.employers, st.offices, (unsigned long long)st.events);
  std::printf("wall_s=%.3f events_per_s=%.0f peak_rss_mib=%.1f\n", secs, st.events / secs, ru.ru_maxrss / 1024.0);
}
