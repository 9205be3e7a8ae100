// Designs and the task mapping: grid enumerates every combination, LHS stratifies, Sobol is deterministic and in
// range, Saltelli's rows are built from A and B as documented.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "sim/sweep/design.hpp"
#include "sim/sweep/task.hpp"

using namespace iasim::sweep;

namespace {
Dimension range(std::string path, double min, double max, std::uint32_t steps = 0, bool integer = false) {
  Dimension d;
  d.path = std::move(path);
  d.min = min;
  d.max = max;
  d.steps = steps;
  d.integer = integer;
  return d;
}
Dimension listed(std::string path, std::vector<std::string> values) {
  Dimension d;
  d.path = std::move(path);
  d.values = std::move(values);
  return d;
}
}  // namespace

TEST_CASE("grid enumerates every combination once, the first dimension slowest") {
  const auto g = grid_indices({2, 3, 4});
  REQUIRE(g.size() == 24);
  std::set<std::vector<std::size_t>> seen(g.begin(), g.end());
  CHECK(seen.size() == 24);
  CHECK(g.front() == std::vector<std::size_t>{0, 0, 0});
  CHECK(g[1] == std::vector<std::size_t>{0, 0, 1});
  CHECK(g[4] == std::vector<std::size_t>{0, 1, 0});
  CHECK(g.back() == std::vector<std::size_t>{1, 2, 3});
}

TEST_CASE("grid points of a sweep hit min and max exactly and list values in order") {
  Sweep s;
  s.design = Design::grid;
  Dimension a = listed("support.subsidy_share", {"0.2", "0.6"});
  Dimension b = range("office.caseload_multiplier", 0.5, 1.5, 3);
  s.dimensions = {a, b};
  const auto pts = make_points(s);
  REQUIRE(pts.size() == 6);
  CHECK(pts[0].texts == std::vector<std::string>{"0.2", "0.5"});
  CHECK(pts[2].numbers[1] == 1.5);
  CHECK(pts[3].texts[0] == "0.6");
  CHECK(pts[4].numbers[1] == 1.0);
}

TEST_CASE("Latin hypercube: one point per stratum in every dimension, deterministic in the seed") {
  for (std::uint32_t n : {1u, 7u, 64u}) {
    const auto pts = latin_hypercube(n, 5, 42);
    REQUIRE(pts.size() == n);
    for (std::size_t j = 0; j < 5; ++j) {
      std::vector<int> hits(n, 0);
      for (const auto& p : pts) {
        REQUIRE(p[j] >= 0.0);
        REQUIRE(p[j] < 1.0);
        ++hits[static_cast<std::size_t>(p[j] * n)];
      }
      CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
    }
  }
  CHECK(latin_hypercube(16, 3, 42) == latin_hypercube(16, 3, 42));
  CHECK(latin_hypercube(16, 3, 42) != latin_hypercube(16, 3, 43));
}

TEST_CASE("Sobol points are deterministic, in 0..1 and stratified like a (t, s)-sequence") {
  const auto a = sobol_points(64, 4, 7), b = sobol_points(64, 4, 7);
  CHECK(a == b);
  CHECK(a != sobol_points(64, 4, 8));  // the digital shift depends on the seed
  for (const auto& p : a)
    for (double x : p) {
      REQUIRE(x >= 0.0);
      REQUIRE(x < 1.0);
    }
  // Points 1..64 of a Sobol sequence (after the skipped origin) are not a full net, but every dimension's
  // halves get exactly half of the first 64 + 1 minus at most one; check balance loosely: 32 +- 1.
  for (std::size_t j = 0; j < 4; ++j) {
    const auto lower = std::count_if(a.begin(), a.end(), [&](const UnitPoint& p) { return p[j] < 0.5; });
    CHECK(lower >= 31);
    CHECK(lower <= 33);
  }
}

TEST_CASE("Saltelli rows: A, B, then A with column i from B") {
  const std::size_t d = 3;
  const auto s = saltelli_points(8, d, 1);
  REQUIRE(s.size() == 8 * (d + 2));
  const auto base = sobol_points(8, 2 * d, 1);
  for (std::size_t j = 0; j < 8; ++j) {
    const auto& A = s[j * (d + 2)];
    const auto& B = s[j * (d + 2) + 1];
    for (std::size_t k = 0; k < d; ++k) {
      CHECK(A[k] == base[j][k]);
      CHECK(B[k] == base[j][d + k]);
    }
    for (std::size_t i = 0; i < d; ++i) {
      const auto& AB = s[j * (d + 2) + 2 + i];
      for (std::size_t k = 0; k < d; ++k) CHECK(AB[k] == (k == i ? B[k] : A[k]));
    }
  }
}

TEST_CASE("range points of LHS and Sobol lie between min and max, count parameters are integers") {
  Sweep s;
  s.points = 32;
  s.seed = 3;
  s.dimensions = {range("a", -2, 5), range("b", 1, 9, 0, true), listed("c", {"x", "y", "z"})};
  for (auto d : {Design::lhs, Design::sobol}) {
    s.design = d;
    const auto pts = make_points(s);
    REQUIRE(pts.size() == 32);
    for (const auto& p : pts) {
      CHECK(p.numbers[0] >= -2);
      CHECK(p.numbers[0] <= 5);
      CHECK(p.numbers[1] == static_cast<double>(static_cast<long>(p.numbers[1])));
      CHECK(p.texts[1].find('.') == std::string::npos);
      CHECK((p.texts[2] == "x" || p.texts[2] == "y" || p.texts[2] == "z"));
    }
    CHECK(make_points(s)[5].texts == pts[5].texts);
  }
}

TEST_CASE("task index <-> (point, replicate) is a bijection: task = point * replicates + replicate") {
  const std::uint32_t R = 3;
  for (std::uint64_t t = 0; t < 30; ++t) {
    const auto id = task_id(t, R);
    CHECK(id.point == t / 3);
    CHECK(id.replicate == t % 3);
    CHECK(task_index(id, R) == t);
  }
  CHECK(task_file_name(123) == "task-000123.h5");
  CHECK(task_file_name(1234567) == "task-1234567.h5");
}

TEST_CASE("Slurm packing covers every task exactly once") {
  const std::uint64_t total = 10, m = 3;
  REQUIRE(element_count(m, total) == 4);
  std::vector<int> hits(total, 0);
  for (std::uint64_t e = 0; e < element_count(m, total); ++e) {
    const auto r = element_tasks(e, m, total);
    for (auto t = r.first; t < r.last; ++t) ++hits[t];
  }
  CHECK(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; }));
  CHECK(element_tasks(3, m, total).last - element_tasks(3, m, total).first == 1);
}

TEST_CASE("task overrides: set, the point's values, then the sweep's seed and replicates") {
  Sweep s;
  s.seed = 99;
  s.replicates = 4;
  s.set = {"run.horizon_years=2"};
  s.dimensions = {listed("support.subsidy_share", {"0.3"})};
  Point p{{0.3}, {"0.3"}};
  CHECK(task_overrides(s, p) ==
        std::vector<std::string>{"run.horizon_years=2", "support.subsidy_share=0.3", "run.seed=99", "run.replicates=4"});
}
