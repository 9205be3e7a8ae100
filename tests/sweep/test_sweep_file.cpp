// Reading sweep files: the worked examples load; mistakes give file:line:col messages that say what to fix.
#include <catch2/catch.hpp>

#include <filesystem>
#include <algorithm>
#include <fstream>

#include "sim/sweep/plan.hpp"
#include "sim/sweep/sweep.hpp"

using namespace iasim::sweep;
using Catch::Matchers::Contains;

namespace {
std::filesystem::path write(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "iasim-test-sweep";
  std::filesystem::create_directories(dir);
  const auto p = dir / name;
  std::ofstream(p) << text;
  return p;
}
std::string base() { return std::string(IASIM_SOURCE_DIR) + "/scenarios/baseline_2015.yaml"; }
std::string errors_of(const std::filesystem::path& f) {
  try {
    load_sweep(f);
  } catch (const SweepError& e) {
    return e.what();
  }
  return {};
}
}  // namespace

TEST_CASE("the worked examples in sweeps/ load and their points load as scenarios") {
  for (const char* f : {"subsidy_x_caseload.yaml", "sobol_effect_sizes.yaml"}) {
    const auto plan = make_plan(load_sweep(std::string(IASIM_SOURCE_DIR) + "/sweeps/" + f));
    REQUIRE(plan.task_count() > 0);
    CHECK_NOTHROW(point_scenario(plan, 0));
    CHECK_NOTHROW(point_scenario(plan, plan.points.size() - 1));
  }
}

TEST_CASE("a valid sweep file reads into its parts") {
  const auto f = write("ok.yaml", "base: " + base() + "\ndesign: lhs\npoints: 5\nreplicates: 2\nseed: 11\nset:\n"
                                   "  run.horizon_years: 1\nparameters:\n  support.subsidy_share: {min: 0.2, max: 0.8}\n"
                                   "  counties.Oslo.office.caseload_multiplier: {values: [0.5, 1]}\n");
  const auto s = load_sweep(f);
  CHECK(s.design == Design::lhs);
  CHECK(s.points == 5);
  CHECK(s.replicates == 2);
  CHECK(s.seed == 11);
  CHECK(s.set == std::vector<std::string>{"run.horizon_years=1"});
  REQUIRE(s.dimensions.size() == 2);
  CHECK(s.dimensions[1].path == "counties.Oslo.office.caseload_multiplier");
  CHECK(make_plan(s).task_count() == 10);
}

TEST_CASE("unknown parameter paths are named with their position") {
  const auto f = write("bad_path.yaml", "base: " + base() + "\nseed: 1\nparameters:\n  support.subsidy_shar: {values: [0.1]}\n");
  CHECK_THAT(errors_of(f), Contains("bad_path.yaml:4:3: error") && Contains("unknown parameter 'support.subsidy_shar'"));
}

TEST_CASE("values outside the schema's range are refused") {
  const auto f = write("range.yaml", "base: " + base() + "\nseed: 1\nparameters:\n  support.subsidy_share: {min: 0.5, max: 1.5, steps: 3}\n");
  CHECK_THAT(errors_of(f), Contains("range.yaml:4:") && Contains("outside the parameter's range [0, 1]"));
}

TEST_CASE("every problem is reported at once: bad design, missing points, unknown keys, reserved parameters") {
  const auto f = write("many.yaml", "base: " + base() + "\nseed: 1\ndesign: sobol\nreplicate: 3\nparameters:\n"
                                     "  run.seed: {values: [1, 2]}\n  support.subsidy_share: {min: 0.1, max: 0.2, steps: 2}\n");
  const auto e = errors_of(f);
  CHECK_THAT(e, Contains("design sobol needs 'points: N'"));
  CHECK_THAT(e, Contains("many.yaml:4:1: error: unknown key 'replicate'"));
  CHECK_THAT(e, Contains("run.seed: cannot be varied"));
  CHECK_THAT(e, Contains("steps is for grids"));
}

TEST_CASE("YAML syntax errors and a missing base scenario") {
  CHECK_THAT(errors_of(write("syntax.yaml", "base: [\nseed: 1\n")), Contains("syntax.yaml:") && Contains("YAML syntax"));
  CHECK_THAT(errors_of(write("nobase.yaml", "base: nowhere.yaml\nseed: 1\nparameters:\n  support.subsidy_share: {values: [0.1]}\n")),
             Contains("nobase.yaml:1:7: error: base scenario") && Contains("does not exist"));
  // Found by fuzz_sweep: a base name the file system refuses threw std::filesystem_error.
  CHECK_THAT(errors_of(write("longbase.yaml", "base: " + std::string(5000, 'x') + ".yaml\nseed: 1\nparameters:\n  support.subsidy_share: {values: [0.1]}\n")),
             Contains("longbase.yaml:1:7: error: base scenario") && Contains("cannot be read"));
  CHECK_THAT(errors_of(write("dirbase.yaml", "base: .\nseed: 1\nparameters:\n  support.subsidy_share: {values: [0.1]}\n")),
             Contains("is not a regular file"));
  CHECK_THAT(errors_of(write("grid_nosteps.yaml", "base: " + base() + "\nseed: 1\nparameters:\n  support.subsidy_share: {min: 0.1, max: 0.2}\n")),
             Contains("a grid range needs steps"));
}

TEST_CASE("a county that does not exist is caught when the point loads") {
  const auto f = write("county.yaml", "base: " + base() + "\nseed: 1\nparameters:\n  counties.Atlantis.office.caseload_multiplier: {values: [0.5]}\n");
  const auto plan = make_plan(load_sweep(f));
  CHECK_THROWS_AS(point_scenario(plan, 0), iasim::scenario::ScenarioError);
}

// Broken sweep files, data-driven as the scenario corpus (tests/scenario/test_corpus.cpp): each
// tests/sweep/corpus/broken/*.yaml states in `# expect: <fragment>` comments what load_sweep must say (file
// names without the corpus directory), and in `# expect-count: N` how many diagnostics.
TEST_CASE("corpus: every broken sweep file fails with the stated diagnostics", "[corpus]") {
  const auto dir = std::filesystem::path(IASIM_SOURCE_DIR) / "tests/sweep/corpus/broken";
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    INFO("sweep file: " << file.filename().string());
    std::vector<std::string> expect;
    int count = -1;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
      if (line.starts_with("# expect: ")) expect.push_back(line.substr(10));
      if (line.starts_with("# expect-count: ")) count = std::stoi(line.substr(16));
    }
    REQUIRE(!expect.empty());
    try {
      (void)load_sweep(file);
      FAIL("loaded without error");
    } catch (const SweepError& e) {
      std::string what = e.what();
      for (auto pos = what.find(dir.string() + "/"); pos != std::string::npos; pos = what.find(dir.string() + "/"))
        what.erase(pos, dir.string().size() + 1);
      INFO("what():\n" << what);
      for (const auto& fragment : expect) {
        INFO("expected fragment: " << fragment);
        CHECK(what.find(fragment) != std::string::npos);
      }
      if (count >= 0) CHECK(e.diagnostics().size() == static_cast<std::size_t>(count));
    }
  }
}
