// PHOLD on the iasim engine. Same parameters as ROSS's PHOLD, so the two can be run side by side.
// The last line is "N events/s".
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include "bench/phold.hpp"

namespace po = boost::program_options;
using namespace iasim;

int main(int argc, char** argv) {
  bench::PholdParams p;
  unsigned threads = 1;
  std::uint64_t seed = 1;
  po::options_description opts("phold options");
  opts.add_options()("help,h", "this help")
      ("lps", po::value(&p.lps)->default_value(p.lps), "logical processes (each an engine partition)")
      ("events-per-lp", po::value(&p.events_per_lp)->default_value(p.events_per_lp), "initial events per process")
      ("remote", po::value(&p.remote)->default_value(p.remote), "fraction of events sent to a random process")
      ("lookahead", po::value(&p.lookahead)->default_value(p.lookahead), "minimum delay, also the window length")
      ("end-time", po::value(&p.end_time)->default_value(p.end_time), "simulated end time")
      ("threads", po::value(&threads)->default_value(threads), "worker threads")
      ("seed", po::value(&seed)->default_value(seed), "random seed");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, opts), vm);
    po::notify(vm);
  } catch (const std::exception& e) {
    std::cerr << "phold: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  bench::Phold model(p);
  engine::EngineConfig cfg;
  cfg.partitions = p.lps;
  cfg.lookahead = p.lookahead;
  cfg.streams = {seed, 0};
  cfg.schedule = threads == 1 ? engine::Schedule::serial : engine::Schedule::parallel;
  engine::Engine<bench::Phold> eng(model, cfg);
  model.seed(eng);
  const auto t0 = std::chrono::steady_clock::now();
  eng.run_until(p.end_time);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto st = eng.stats();
  std::printf("lps=%u events_per_lp=%u remote=%g lookahead=%g end_time=%g threads=%u\n", p.lps, p.events_per_lp,
              p.remote, p.lookahead, p.end_time, threads);
  std::printf("committed=%llu windows=%llu messages=%llu bytes_per_event=%zu fingerprint=%016llx seconds=%.3f\n",
              (unsigned long long)st.events, (unsigned long long)st.windows, (unsigned long long)st.messages,
              engine::Engine<bench::Phold>::bytes_per_event(), (unsigned long long)model.fingerprint(), secs);
  std::printf("%.0f events/s\n", st.events / secs);
}
