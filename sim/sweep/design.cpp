#include "sim/sweep/design.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>

#include "sim/scenario/schema.hpp"

namespace iasim::sweep {

namespace {

// SplitMix64: a tiny, fully specified generator, so designs are the same with every compiler and library
// (std:: and Boost distributions are not guaranteed to be).
struct SplitMix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }  // [0, 1)
  std::uint64_t below(std::uint64_t n) {  // [0, n), unbiased (rejection of the incomplete last block)
    const std::uint64_t reject_below = (0 - n) % n;
    for (;;)
      if (const std::uint64_t x = next(); x >= reject_below) return x % n;
  }
};

// Separate streams per purpose so adding a dimension leaves the others' draws unchanged.
SplitMix64 stream(std::uint64_t seed, std::uint64_t purpose, std::uint64_t dim) {
  SplitMix64 g{seed};
  const std::uint64_t a = g.next() ^ (purpose * 0xd1b54a32d192ed03ull);
  SplitMix64 h{a ^ (dim + 1) * 0x9e3779b97f4a7c15ull};
  h.next();
  return h;
}

double number_of(const std::string& text) {
  if (text == "true") return 1;
  if (text == "false") return 0;
  char* end = nullptr;
  const double x = std::strtod(text.c_str(), &end);
  return (end && *end == '\0' && !text.empty()) ? x : std::numeric_limits<double>::quiet_NaN();
}

std::string text_of(double x, bool integer) {
  if (integer) return std::to_string(static_cast<std::uint64_t>(std::llround(x)));
  return scenario::to_yaml(scenario::Value(x));
}

// The value of dimension `d` at unit coordinate u (lhs, sobol, saltelli).
void at_unit(const Dimension& d, double u, Point& p) {
  if (!d.values.empty()) {
    const std::size_t k = d.values.size();
    const std::size_t i = std::min(k - 1, static_cast<std::size_t>(u * static_cast<double>(k)));
    p.texts.push_back(d.values[i]);
    p.numbers.push_back(number_of(d.values[i]));
    return;
  }
  double x = d.min + u * (d.max - d.min);
  if (d.integer) x = std::clamp(std::round(x), std::ceil(d.min), std::floor(d.max));
  p.texts.push_back(text_of(x, d.integer));
  p.numbers.push_back(x);
}

std::size_t grid_size(const Dimension& d) { return d.values.empty() ? d.steps : d.values.size(); }

void at_grid(const Dimension& d, std::size_t i, Point& p) {
  if (!d.values.empty()) {
    p.texts.push_back(d.values[i]);
    p.numbers.push_back(number_of(d.values[i]));
    return;
  }
  // Exactly min and max at the ends.
  double x = d.steps <= 1 ? d.min
             : i + 1 == d.steps ? d.max
                                : d.min + (d.max - d.min) * static_cast<double>(i) / static_cast<double>(d.steps - 1);
  if (d.integer) x = std::round(x);
  p.texts.push_back(text_of(x, d.integer));
  p.numbers.push_back(x);
}

}  // namespace

std::vector<UnitPoint> latin_hypercube(std::uint32_t n, std::size_t d, std::uint64_t seed) {
  std::vector<UnitPoint> pts(n, UnitPoint(d));
  for (std::size_t j = 0; j < d; ++j) {
    auto g = stream(seed, 1, j);
    std::vector<std::uint32_t> perm(n);
    std::iota(perm.begin(), perm.end(), 0u);
    for (std::uint32_t i = n; i > 1; --i) std::swap(perm[i - 1], perm[g.below(i)]);  // Fisher–Yates
    for (std::uint32_t i = 0; i < n; ++i) {
      const double u = (perm[i] + g.unit()) / n;
      pts[i][j] = std::min(u, std::nextafter((perm[i] + 1.0) / n, 0.0));  // stay inside the stratum
    }
  }
  return pts;
}

std::vector<UnitPoint> sobol_points(std::uint32_t n, std::size_t d, std::uint64_t seed) {
  boost::random::sobol q(d);
  q.discard(d);  // the first point is the origin: a corner, not informative
  std::vector<std::uint64_t> shift(d);
  for (std::size_t j = 0; j < d; ++j) shift[j] = stream(seed, 2, j).next();
  std::vector<UnitPoint> pts(n, UnitPoint(d));
  for (auto& p : pts)
    for (std::size_t j = 0; j < d; ++j) {
      const std::uint64_t x = static_cast<std::uint64_t>(q()) ^ shift[j];
      p[j] = static_cast<double>(x >> 11) * 0x1.0p-53;
    }
  return pts;
}

std::vector<UnitPoint> saltelli_points(std::uint32_t n, std::size_t d, std::uint64_t seed) {
  const auto base = sobol_points(n, 2 * d, seed);
  std::vector<UnitPoint> pts;
  pts.reserve(static_cast<std::size_t>(n) * (d + 2));
  for (const auto& row : base) {
    const UnitPoint a(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(d));
    const UnitPoint b(row.begin() + static_cast<std::ptrdiff_t>(d), row.end());
    pts.push_back(a);
    pts.push_back(b);
    for (std::size_t i = 0; i < d; ++i) {
      UnitPoint ab = a;
      ab[i] = b[i];
      pts.push_back(std::move(ab));
    }
  }
  return pts;
}

std::vector<std::vector<std::size_t>> grid_indices(const std::vector<std::size_t>& sizes) {
  std::size_t total = 1;
  for (auto s : sizes) total *= s;
  std::vector<std::vector<std::size_t>> out;
  out.reserve(total);
  std::vector<std::size_t> idx(sizes.size(), 0);
  for (std::size_t k = 0; k < total; ++k) {
    out.push_back(idx);
    for (std::size_t j = sizes.size(); j-- > 0;) {  // last dimension fastest
      if (++idx[j] < sizes[j]) break;
      idx[j] = 0;
    }
  }
  return out;
}

std::vector<Point> make_points(const Sweep& s) {
  std::vector<Point> out;
  const std::size_t d = s.dimensions.size();
  if (s.design == Design::grid) {
    std::vector<std::size_t> sizes;
    for (const auto& dim : s.dimensions) sizes.push_back(grid_size(dim));
    for (const auto& idx : grid_indices(sizes)) {
      Point p;
      for (std::size_t j = 0; j < d; ++j) at_grid(s.dimensions[j], idx[j], p);
      out.push_back(std::move(p));
    }
    return out;
  }
  if (s.design == Design::points) {
    for (const auto& row : s.explicit_points) {
      Point p;
      for (std::size_t j = 0; j < d; ++j) {
        p.numbers.push_back(row[j]);
        p.texts.push_back(text_of(row[j], s.dimensions[j].integer));
      }
      out.push_back(std::move(p));
    }
    return out;
  }
  const auto unit = s.design == Design::lhs     ? latin_hypercube(s.points, d, s.seed)
                    : s.design == Design::sobol ? sobol_points(s.points, d, s.seed)
                                                : saltelli_points(s.points, d, s.seed);
  for (const auto& u : unit) {
    Point p;
    for (std::size_t j = 0; j < d; ++j) at_unit(s.dimensions[j], u[j], p);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<std::string> task_overrides(const Sweep& s, const Point& p) {
  std::vector<std::string> o = s.set;
  for (std::size_t j = 0; j < s.dimensions.size(); ++j) o.push_back(s.dimensions[j].path + "=" + p.texts[j]);
  o.push_back("run.seed=" + std::to_string(s.seed));
  o.push_back("run.replicates=" + std::to_string(s.replicates));
  return o;
}

}  // namespace iasim::sweep
