#pragma once
// Progress of a run for the person waiting on it: a bar on a terminal (replicates done, simulated date,
// steps per second, ETA), a plain line every 10% when output is not a terminal, nothing with --quiet.
// It forwards every observation to the real observer (the recorder).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <vector>

#include "sim/model/simulate.hpp"

namespace iasim::cli {

enum class ProgressStyle { bar, lines, quiet };
ProgressStyle progress_style_for(std::FILE* stream, bool quiet);

class Progress : public model::RunObserver {
 public:
  Progress(model::RunObserver& inner, std::size_t replicates, std::size_t steps_per_replicate, ProgressStyle style,
           std::FILE* out = stderr);
  void on_step(std::uint32_t replicate, std::size_t step, double day, std::span<const model::CountyObservation> c) override;
  void on_cohorts(std::uint32_t replicate, const model::CohortCounts& national) override;
  void on_events(std::uint32_t replicate, std::uint64_t events) override;
  void finish();  // ends the bar's line

 private:
  void draw(double day, bool force);
  model::RunObserver& inner_;
  std::size_t replicates_, steps_per_replicate_;
  ProgressStyle style_;
  std::FILE* out_;
  std::mutex m_;
  std::size_t steps_done_ = 0, replicates_done_ = 0;
  std::vector<std::uint64_t> events_;  // per replicate, latest count
  int last_decile_ = -1;
  double last_day_ = 0;  // simulated day of the latest step, for the final line
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_draw_{};
};

}  // namespace iasim::cli
