#include <catch2/catch.hpp>

#include "sim/output/netcdf_file.hpp"
#include "sim/output/summary.hpp"
#include "tests/output/sample_file.hpp"
#include "tests/output/temp_dir.hpp"

using namespace iasim::output;
using namespace iasim::output::testing;
using Catch::Matchers::Contains;

TEST_CASE("summary shows attributes, dims with dates and variables with units", "[output][summary]") {
  TempDir dir;
  auto writer = NetcdfWriter::create(dir / "run.nc", sample_spec(), false);
  writer.commit();
  const std::string text = summarize(dir / "run.nc");
  CHECK_THAT(text, Contains("seed: 42"));
  // What produced the file comes first.
  CHECK(text.find("title: iasim sample output") < text.find("scenario_name:"));
  CHECK(text.find("seed: 42") < text.find("Conventions: CF-1.8"));
  CHECK_THAT(text, Contains("scenario_name: baseline-Møre"));
  CHECK_THAT(text, Contains("wall_seconds: 1.25"));
  // The YAML is cut to its first lines.
  CHECK_THAT(text, Contains("scenario_yaml: (10 lines, first 8)"));
  CHECK_THAT(text, Contains("    | region: Møre og Romsdal\n"));
  CHECK_THAT(text, Contains("    | ... (2 more lines)"));
  CHECK_FALSE(text.find("| d: 4") != std::string::npos);
  // Time as dates from the CF units: 10 weekly steps from 2015-01-01.
  CHECK_THAT(text, Contains("time = 10: 2015-01-01 .. 2015-03-05 (days since 2015-01-01)"));
  CHECK_THAT(text, Contains("county = 3: \"Oslo\" .. \"Troms og Finnmark\""));
  CHECK_THAT(text, Contains("replicate = 2: 0 .. 1"));
  CHECK_THAT(text, Contains("clients(replicate, time, county, state) [persons]  clients by state"));
  CHECK_THAT(text, Contains("caseload_per_veileder(replicate, time, county) [1]"));
}
