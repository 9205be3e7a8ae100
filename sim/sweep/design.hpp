#pragma once
// Designs in the unit cube and their points as scenario overrides. Every design is a deterministic function of
// (design, points, dimensions, seed): the same sweep file always gives the same points, on every machine.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/sweep/sweep.hpp"

namespace iasim::sweep {

using UnitPoint = std::vector<double>;  // one coordinate per dimension, each in [0, 1)

// Latin hypercube: n points in d dimensions; in every dimension each of the n strata [k/n, (k+1)/n) holds
// exactly one point (independent permutations, uniform position inside the stratum, keyed by `seed`).
std::vector<UnitPoint> latin_hypercube(std::uint32_t n, std::size_t d, std::uint64_t seed);

// The first n points of the d-dimensional Sobol sequence (Boost.Random, Joe–Kuo direction numbers), skipping
// the all-zero first point, each coordinate XOR-shifted by a mask derived from `seed` (a digital shift keeps the
// sequence's stratification). Precondition: 1 <= d <= 3667.
std::vector<UnitPoint> sobol_points(std::uint32_t n, std::size_t d, std::uint64_t seed);

// Saltelli's design for n base samples in d dimensions: rows A (first d coordinates) and B (last d) of a
// 2d-dimensional Sobol sequence, and AB_i = A with column i from B. Points are grouped per base sample j:
// j*(d+2) + 0 = A_j, + 1 = B_j, + 2 + i = AB_i,j.
std::vector<UnitPoint> saltelli_points(std::uint32_t n, std::size_t d, std::uint64_t seed);

// Grid: index vectors of every combination, the first dimension slowest. sizes[i] >= 1.
std::vector<std::vector<std::size_t>> grid_indices(const std::vector<std::size_t>& sizes);

// One point of a sweep: the value of each dimension, as numbers (for the merged file's coordinates) and as
// the YAML text handed to scenario::load ("path=text").
struct Point {
  std::vector<double> numbers;  // NaN for a non-numeric value
  std::vector<std::string> texts;
};

// The sweep's points in point order.
std::vector<Point> make_points(const Sweep& s);

// The overrides for one task: the sweep's `set:` entries, the point's values, run.seed = the sweep seed and
// run.replicates = the sweep's replicates (the task itself runs one replicate number).
std::vector<std::string> task_overrides(const Sweep& s, const Point& p);

}  // namespace iasim::sweep
