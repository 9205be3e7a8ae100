// Reading parameter sets (`iasim run --parameter-sets`): a calibration's plausible.csv reads as it is written,
// and bad files are refused with the CSV's own line and column.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "sim/scenario/load.hpp"
#include "sim/sweep/parameter_sets.hpp"
#include "sim/sweep/sweep.hpp"

using namespace iasim::sweep;
using Catch::Matchers::Contains;

namespace {
std::filesystem::path write_sets(const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / "iasim-test-parameter-sets";
  std::filesystem::create_directories(dir);
  const auto p = dir / name;
  std::ofstream(p) << text;
  return p;
}
std::string errors_of(const std::string& text) {
  try {
    read_parameter_sets(write_sets("bad.csv", text));
  } catch (const SweepError& e) {
    return e.what();
  }
  return {};
}
}  // namespace

TEST_CASE("parameter sets: plausible.csv's parameter columns, its implausibility columns skipped") {
  const auto ps = read_parameter_sets(write_sets("plausible.csv",
                                                 "population.dropout_per_year,employer.hire_base_logit,I_exits_q1,I_measure\n"
                                                 "0.02,-2.5,1.5,1.2\n0.031415926535897931,-1.75,0.1,2.9\n0.01,-3,0,0\n"));
  CHECK(ps.paths == std::vector<std::string>{"population.dropout_per_year", "employer.hire_base_logit"});
  REQUIRE(ps.sets.size() == 3);
  CHECK(ps.sets[1] == std::vector<double>{0.031415926535897931, -1.75});
  // The overrides carry every digit, so the scenario gets the file's value exactly.
  const auto o = parameter_set_overrides(ps, 1);
  CHECK(o == std::vector<std::string>{"population.dropout_per_year=0.031415926535897934", "employer.hire_base_logit=-1.75"});
  const auto sc = iasim::scenario::load(std::string(IASIM_SOURCE_DIR) + "/scenarios/baseline_2015.yaml", o);
  CHECK(sc.params.population.dropout_per_year == 0.031415926535897931);
  // --first-sets: the first rows.
  CHECK(read_parameter_sets(ps.file, 2).sets.size() == 2);
  CHECK(read_parameter_sets(ps.file, 10).sets.size() == 3);
}

TEST_CASE("parameter sets: bad files name the CSV's line and column") {
  const std::string f = "bad.csv:";
  CHECK_THAT(errors_of("population.dropout_per_yaer,I_m\n0.02,1\n"),
             Contains(f + "1:1: error: column 'population.dropout_per_yaer' is not a numeric scenario parameter"));
  CHECK_THAT(errors_of("population.dropout_per_year,name\n0.02,x\n"), Contains(f + "1:29: error: column 'name'"));
  CHECK_THAT(errors_of("run.seed\n3\n"), Contains(f + "1:1: error: 'run.seed' is the same for every set"));
  CHECK_THAT(errors_of("counties.Oslo.run.replicates\n3\n"), Contains("is national; it cannot be set per county"));
  CHECK_THAT(errors_of("I_exits,I_measure\n1,2\n"), Contains(f + "1:1: error: the header names no parameter"));
  // Values: outside the schema's range, not a number, a short row.
  CHECK_THAT(errors_of("population.dropout_per_year,I_m\n0.02,1\n-0.5,1\n"),
             Contains(f + "3:1: error: column 1 (population.dropout_per_year): -0.5 is outside"));
  CHECK_THAT(errors_of("population.dropout_per_year,employer.hire_base_logit\n0.02,abc\n"),
             Contains(f + "2:6: error: column 2 (employer.hire_base_logit): 'abc' is not a number"));
  CHECK_THAT(errors_of("population.dropout_per_year,employer.hire_base_logit\n0.02\n"),
             Contains(f + "2:1: error: expected 2 fields"));
  CHECK_THAT(errors_of("population.dropout_per_year\n"), Contains("no points"));
  CHECK_THAT(errors_of(""), Contains("empty"));
  try {
    read_parameter_sets("/nonexistent/plausible.csv");
    FAIL("a missing file must be refused");
  } catch (const SweepError& e) {
    CHECK_THAT(std::string(e.what()), Contains("/nonexistent/plausible.csv") && Contains("cannot read"));
  }
}
