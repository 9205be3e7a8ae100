#include "sim/cli/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <string>

#include "sim/cli/compare.hpp"

namespace iasim::cli {

ProgressStyle progress_style_for(std::FILE* stream, bool quiet) {
  if (quiet) return ProgressStyle::quiet;
  return isatty(fileno(stream)) ? ProgressStyle::bar : ProgressStyle::lines;
}

Progress::Progress(model::RunObserver& inner, std::size_t replicates, std::size_t steps_per_replicate, ProgressStyle style,
                   std::FILE* out)
    : inner_(inner), replicates_(replicates), steps_per_replicate_(steps_per_replicate), style_(style), out_(out),
      events_(replicates, 0) {}

void Progress::on_events(std::uint32_t replicate, std::uint64_t events) {
  std::lock_guard lock(m_);
  if (replicate < events_.size()) events_[replicate] = events;
}

void Progress::on_step(std::uint32_t replicate, std::size_t step, double day, std::span<const model::CountyObservation> c) {
  inner_.on_step(replicate, step, day, c);
  std::lock_guard lock(m_);
  ++steps_done_;
  last_day_ = day;
  draw(day, false);
}

void Progress::on_cohorts(std::uint32_t replicate, const model::CohortCounts& national) {
  inner_.on_cohorts(replicate, national);
  std::lock_guard lock(m_);
  ++replicates_done_;
}


void Progress::draw(double day, bool force) {
  if (style_ == ProgressStyle::quiet) return;
  const auto now = std::chrono::steady_clock::now();
  const double total = static_cast<double>(replicates_ * steps_per_replicate_);
  const double frac = total > 0 ? steps_done_ / total : 1.0;
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
  if (style_ == ProgressStyle::lines) {
    const int decile = static_cast<int>(frac * 10);
    if (decile == last_decile_ && !force) return;
    last_decile_ = decile;
    std::fprintf(out_, "progress: %3.0f%%  replicates done %zu/%zu  simulated %s  elapsed %.1fs  eta %.1fs\n",
                 frac * 100, replicates_done_, replicates_, format_day(day).substr(0, 7).c_str(), elapsed, eta);
    return;
  }
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  double events = 0;
  for (auto e : events_) events += static_cast<double>(e);
  constexpr int width = 28;
  const int filled = static_cast<int>(frac * width);
  std::fprintf(out_, "\r[%s%s] %3.0f%%  replicates %zu/%zu  %s  %.2fM events/s  ETA %.0fs ",
               std::string(filled, '#').c_str(), std::string(width - filled, ' ').c_str(), frac * 100, replicates_done_,
               replicates_, format_day(day).substr(0, 7).c_str(), elapsed > 0 ? events / elapsed / 1e6 : 0.0, eta);
  std::fflush(out_);
}

void Progress::finish() {
  if (style_ == ProgressStyle::bar) {
    draw(last_day_, true);
    std::fprintf(out_, "\n");
  }
}

}  // namespace iasim::cli
