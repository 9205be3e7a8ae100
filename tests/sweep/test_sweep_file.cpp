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

// design: points — explicit points from a CSV (a history-matching wave's design, analysis/history_match.py).
namespace {
std::string points_sweep(const std::string& csv_name) {
  return "base: " + base() + "\ndesign: points\npoints_file: " + csv_name + "\nreplicates: 2\nseed: 3\nparameters:\n"
         "  support.subsidy_share: {min: 0.2, max: 0.8}\n  office.caseload_multiplier: {min: 0.5, max: 2}\n";
}
}  // namespace

TEST_CASE("design points: the CSV's rows are the points, columns matched by name, in natural units") {
  write("pts.csv", "office.caseload_multiplier, support.subsidy_share\n0.5,0.2\n2,0.8\r\n1.25 , 0.4375\n\n");
  const auto plan = make_plan(load_sweep(write("pts.yaml", points_sweep("pts.csv"))));
  CHECK(plan.sweep.design == Design::points);
  REQUIRE(plan.points.size() == 3);
  CHECK(plan.task_count() == 6);
  // Dimension order is the sweep file's: subsidy first, whatever the CSV's column order.
  CHECK(plan.points[0].numbers == std::vector<double>{0.2, 0.5});
  CHECK(plan.points[1].numbers == std::vector<double>{0.8, 2.0});
  CHECK(plan.points[2].numbers == std::vector<double>{0.4375, 1.25});
  CHECK(plan.sweep.points == 3);
  const auto sc = point_scenario(plan, 2);
  CHECK(sc.params.county_params.at(0).support.subsidy_share == 0.4375);
  CHECK(sc.params.county_params.at(0).office.caseload_multiplier == 1.25);
  // The overrides name the same values, so a task file made from this row is recognised on resume.
  const auto o = task_overrides(plan.sweep, plan.points[2]);
  CHECK(std::find(o.begin(), o.end(), "support.subsidy_share=0.4375") != o.end());
}

TEST_CASE("design points: full-precision values survive into the scenario unchanged") {
  write("pts_precise.csv", "support.subsidy_share,office.caseload_multiplier\n0.31415926535897931,1.2345678901234567\n");
  const auto plan = make_plan(load_sweep(write("pts_precise.yaml", points_sweep("pts_precise.csv"))));
  const auto sc = point_scenario(plan, 0);
  CHECK(sc.params.county_params.at(0).support.subsidy_share == 0.31415926535897931);
  CHECK(sc.params.county_params.at(0).office.caseload_multiplier == 1.2345678901234567);
}

TEST_CASE("design points: bad CSV input names the CSV file, line and column") {
  auto err = [](const std::string& csv) {
    write("bad_pts.csv", csv);
    return errors_of(write("bad_pts.yaml", points_sweep("bad_pts.csv")));
  };
  const std::string f = "bad_pts.csv:";
  CHECK_THAT(err("support.subsidy_share,office.caseload_multiplier\n0.3,1\n0.3,abc\n"),
             Contains(f + "3:5: error: column 2 (office.caseload_multiplier): 'abc' is not a number"));
  CHECK_THAT(err("support.subsidy_share,office.caseload_multiplier\n0.9,1\n"),
             Contains(f + "2:1: error: column 1 (support.subsidy_share): 0.90000000000000002 is outside the sweep's range [0.20000000000000001, 0.80000000000000004]"));
  CHECK_THAT(err("support.subsidy_share,office.caseload_multiplier\n0.3\n"), Contains(f + "2:1: error: expected 2 fields (as the header), got 1"));
  CHECK_THAT(err("support.subsidy_share,office.caseload_multiplier\n0.3,1\n\n0.4,1\n"), Contains(f + "3:1: error: expected 2 fields") && Contains("an empty line"));
  CHECK_THAT(err("support.subsidy_share,office.caseload_multipler\n0.3,1\n"),
             Contains(f + "1:23: error: column 2 'office.caseload_multipler' is not one of the sweep's parameters") &&
                 Contains(f + "1:1: error: no column for parameter 'office.caseload_multiplier'"));
  CHECK_THAT(err("support.subsidy_share,support.subsidy_share\n0.3,0.3\n"), Contains(f + "1:23: error: column 2 'support.subsidy_share' repeats column 1"));
  CHECK_THAT(err("support.subsidy_share,office.caseload_multiplier\n"), Contains("no points"));
  CHECK_THAT(err(""), Contains("the points file is empty"));
  CHECK_THAT(err("support.subsidy_share,office.caseload_multiplier\n0.3,nan\n0.3,1e999\n0x1,1\n"),
             Contains(f + "2:5:") && Contains(f + "3:5:") && Contains(f + "4:1:"));
}

TEST_CASE("design points: the sweep file's own mistakes") {
  CHECK_THAT(errors_of(write("pts_nofile.yaml", "base: " + base() + "\ndesign: points\nseed: 1\nparameters:\n  support.subsidy_share: {min: 0.2, max: 0.8}\n")),
             Contains("design points needs 'points_file: FILE.csv'"));
  CHECK_THAT(errors_of(write("pts_missing.yaml", points_sweep("no_such_points.csv"))),
             Contains("pts_missing.yaml:3:14: error: points_file: cannot read") && Contains("no_such_points.csv"));
  CHECK_THAT(errors_of(write("pts_values.yaml", "base: " + base() + "\ndesign: points\npoints_file: x.csv\nseed: 1\nparameters:\n"
                                                "  support.subsidy_share: {values: [0.2]}\n")),
             Contains("design points needs a range {min: a, max: b}"));
  CHECK_THAT(errors_of(write("pts_count.yaml", "base: " + base() + "\ndesign: lhs\npoints: 3\npoints_file: x.csv\nseed: 1\nparameters:\n"
                                               "  support.subsidy_share: {min: 0.2, max: 0.8}\n")),
             Contains("points_file: only with design: points"));
}
