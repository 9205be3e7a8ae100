// The resolved YAML that goes into every output file must load back into identical parameters.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "sim/model/norway_2015.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/resolved.hpp"
#include "sim/scenario/schema.hpp"

namespace fs = std::filesystem;
using namespace iasim;

namespace {

// ctest runs test cases as parallel processes: the pid keeps their files apart.
fs::path write_temp(const std::string& stem, const std::string& text) {
  const fs::path file = fs::temp_directory_path() / ("iasim_resolved_" + std::to_string(::getpid()) + "_" + stem + ".yaml");
  std::ofstream(file, std::ios::binary) << text;
  return file;
}

void check_round_trip(const scenario::Scenario& s, const std::string& stem) {
  const fs::path file = write_temp(stem, s.resolved_yaml);
  INFO("resolved YAML:\n" << s.resolved_yaml);
  const auto again = scenario::load(file);
  fs::remove(file);
  CHECK(scenario::differences(s.params, again.params) == std::vector<std::string>{});
  CHECK(again.description == s.description);
  CHECK(again.resolved_yaml == s.resolved_yaml);  // a fixed point: resolving twice changes nothing
}

}  // namespace

TEST_CASE("resolved: every good scenario round-trips to identical params", "[resolved]") {
  const fs::path dir = fs::path(IASIM_SCENARIO_CORPUS) / "good";
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".yaml") continue;
    INFO(e.path().filename().string());
    check_round_trip(scenario::load(e.path()), e.path().stem().string());
    ++n;
  }
  CHECK(n >= 4);
}

TEST_CASE("resolved: --set values and odd doubles round-trip", "[resolved]") {
  const fs::path file = fs::path(IASIM_SCENARIO_CORPUS) / "good" / "inherit.yaml";
  check_round_trip(scenario::load(file, {"office.caseload_multiplier=0.1", "counties.Oslo.coach.coaches=2.000000001",
                                         "population.readiness_mean=5e-324", "counties.Troms.employer.ia_share=0.7"}),
                   "set");
}

TEST_CASE("resolved: per-county values appear once at the top level and only differences under counties",
          "[resolved]") {
  const auto s = scenario::load(fs::path(IASIM_SCENARIO_CORPUS) / "good" / "minimal.yaml");
  const std::string& y = s.resolved_yaml;
  CHECK(y.find("\n  caseload_multiplier: 1\n") != std::string::npos);
  CHECK(y.find("caseload_multiplier", y.find("\ncounties:\n")) == std::string::npos);
  CHECK(y.find("\"Møre og Romsdal\":\n    als: {delmal1_share:") != std::string::npos);
  CHECK(y.find("facts: {offices:") != std::string::npos);
  // The same text comes from resolved_yaml() on the params directly.
  CHECK(scenario::resolved_yaml(s.params, s.description) == y);
}
