// Good scenarios: inheritance, county sections, --set, and the baseline coming through untouched.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "sim/model/norway_2015.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/schema.hpp"

namespace fs = std::filesystem;
using namespace iasim;

namespace {

fs::path good(const std::string& name) { return fs::path(IASIM_SCENARIO_CORPUS) / "good" / name; }

std::size_t county(const model::Params& p, const std::string& name) {
  const auto it = std::find_if(p.counties.begin(), p.counties.end(), [&](const auto& c) { return c.name == name; });
  REQUIRE(it != p.counties.end());
  return static_cast<std::size_t>(it - p.counties.begin());
}

}  // namespace

TEST_CASE("load: a file with only a name gives baseline_params() untouched", "[load]") {
  const auto s = scenario::load(good("minimal.yaml"));
  CHECK(s.params.scenario_name == "x");
  model::Params expected = model::baseline_params();
  expected.scenario_name = s.params.scenario_name;  // checked above; a literal here trips GCC 12 -Wrestrict (PR105651)
  CHECK(scenario::differences(expected, s.params).empty());
  CHECK(s.params.counties.size() == 19);
  CHECK(s.file == good("minimal.yaml"));
}

TEST_CASE("load: extends chains deep-merge, the child winning key by key", "[load]") {
  const auto s = scenario::load(good("inherit.yaml"));
  const auto& p = s.params;
  const std::size_t oslo = county(p, "Oslo"), bergen = county(p, "Hordaland");
  CHECK(p.scenario_name == "inherit");
  CHECK(s.description == "the parent of inherit.yaml");  // inherited from the grandparent
  CHECK(p.run.horizon_years == 5.0);                     // grandparent
  CHECK(p.run.seed == 99);                               // parent
  CHECK(p.run.replicates == 7);                          // child over grandparent
  CHECK(p.run.output_step_days == model::RunParams{}.output_step_days);
  for (const auto& cp : p.county_params) {
    CHECK(cp.office.caseload_multiplier == 0.8);
    CHECK(cp.office.priority_weight == scenario::Weights{2, 2, 2, 5});  // map merges into the parent's list
  }
  CHECK(p.county_params[oslo].als.in_firm_share == 0.9);
  CHECK(p.county_params[bergen].als.in_firm_share == 0.6);
  CHECK(p.county_params[oslo].office.engaged_share == 0.25);
  CHECK(p.county_params[bergen].office.engaged_share == model::OfficeParams{}.engaged_share);
}

TEST_CASE("load: a county section changes only that county", "[load]") {
  const auto s = scenario::load(good("county_only.yaml"));
  const auto diff = scenario::differences(model::baseline_params(), s.params);
  REQUIRE(!diff.empty());
  for (const auto& d : diff) {
    INFO(d);
    CHECK((d.starts_with("name = ") || d.starts_with("counties.Møre og Romsdal.")));
  }
  const auto& mr = s.params.county_params[county(s.params, "Møre og Romsdal")];
  CHECK(mr.als.leads_market_teams);
  CHECK(s.params.counties[county(s.params, "Møre og Romsdal")].offices == 30);
  CHECK(s.description.starts_with("The ALS leader runs"));
}

TEST_CASE("load: --set wins over the file, later --set over earlier", "[load]") {
  const auto s = scenario::load(good("inherit.yaml"), {"run.replicates=11", "counties.Oslo.als.in_firm_share=0.1",
                                                       "office.priority_weight.assessment=9", "run.seed=7",
                                                       "run.seed=8", "name=from_set"});
  const auto& p = s.params;
  CHECK(p.run.replicates == 11);
  CHECK(p.run.seed == 8);
  CHECK(p.scenario_name == "from_set");
  CHECK(p.county_params[county(p, "Oslo")].als.in_firm_share == 0.1);
  CHECK(p.county_params[county(p, "Hordaland")].als.in_firm_share == 0.6);
  CHECK(p.county_params[county(p, "Oslo")].office.priority_weight == scenario::Weights{9, 2, 2, 5});
}

TEST_CASE("load: --set reaches a county whose name has spaces and letters beyond ASCII", "[load]") {
  const auto s = scenario::load(good("county_only.yaml"), {"counties.Møre og Romsdal.als.leads_market_teams=false"});
  CHECK_FALSE(s.params.county_params[county(s.params, "Møre og Romsdal")].als.leads_market_teams);
}

TEST_CASE("load: a top-level --set applies to every county, over the file's county sections", "[load]") {
  const auto s = scenario::load(good("inherit.yaml"), {"office.engaged_share=0.7", "office.priority_weight=[1,1,1,1]"});
  for (const auto& cp : s.params.county_params) {
    CHECK(cp.office.engaged_share == 0.7);
    CHECK(cp.office.priority_weight == scenario::Weights{1, 1, 1, 1});
  }
}

TEST_CASE("load: a top-level section overrides the county data", "[load]") {
  const auto s = scenario::load(good("everything.yaml"));
  for (const auto& cp : s.params.county_params) CHECK(cp.als.delmal1_share == 0.25);
  CHECK(s.params.run.seed == 18446744073709551615ULL);
  CHECK(s.params.county_params[county(s.params, "Oslo")].als.merged_into_offices == false);
  CHECK(s.params.county_params[county(s.params, "Finnmark")].als.merged_into_offices == true);
  CHECK(s.params.scenario_name == "everything: with a colon");
  CHECK(s.description == "quotes \" and\nnewlines");
}

TEST_CASE("load: a missing top-level file is a ScenarioError naming it", "[load]") {
  try {
    (void)scenario::load(good("no_such_file.yaml"));
    FAIL("loaded");
  } catch (const scenario::ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].file == good("no_such_file.yaml").string());
    CHECK(std::string(e.what()).find("cannot open the scenario file") != std::string::npos);
  }
}

TEST_CASE("load: a directory or a device is refused with the reason, not read", "[load]") {
  for (const auto& [path, reason] : {std::pair<std::string, std::string>{IASIM_SCENARIO_CORPUS, "it is a directory"},
                                     {"/dev/zero", "it is not a regular file"}}) {
    INFO(path);
    try {
      (void)scenario::load(path);
      FAIL("loaded");
    } catch (const scenario::ScenarioError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(std::string(e.what()).find(reason) != std::string::npos);
    }
  }
}

TEST_CASE("load_text: the same scenario from memory as from its file; extends relative to the name", "[load]") {
  const auto from_file = scenario::load(good("inherit.yaml"), {"run.seed=3"});
  std::ifstream in(good("inherit.yaml"));
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto from_text = scenario::load_text(text, good("inherit.yaml"), {"run.seed=3"});
  CHECK(from_text.resolved_yaml == from_file.resolved_yaml);
  CHECK(from_text.description == from_file.description);
  CHECK(from_text.file == good("inherit.yaml"));
  try {
    (void)scenario::load_text("name: x\noffice: {assessment_hours: -1}\n", "mem.yaml");
    FAIL("loaded");
  } catch (const scenario::ScenarioError& e) {
    CHECK(std::string(e.what()).find("mem.yaml:2:28: error: office.assessment_hours") != std::string::npos);
  }
}
