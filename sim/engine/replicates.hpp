#pragma once
// Replicates of one scenario are independent engines; run them side by side on oneTBB.
// Each replicate's engine is built inside `run_one(replicate)`, so nothing is shared but read-only input.
#include <cstdint>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "sim/engine/tsan.hpp"

namespace iasim::engine {

template <class Fn>
void for_each_replicate(std::uint32_t replicates, Fn&& run_one) {
  detail::ForkJoin edges;  // for ThreadSanitizer: see tsan.hpp
  edges.fork();
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, replicates, 1), [&](const auto& r) {
    edges.enter();
    for (auto i = r.begin(); i != r.end(); ++i) run_one(i);
    edges.leave();
  });
  edges.join();
}

}  // namespace iasim::engine
