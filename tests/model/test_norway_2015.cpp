// The model's transcription of data/ must match the files the numbers come from.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/model/norway_2015.hpp"

using namespace iasim::model;

namespace {
std::vector<std::vector<std::string>> read_csv(const std::string& name) {
  std::ifstream in(std::string(IASIM_DATA_DIR) + "/" + name);
  REQUIRE(in);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}
}  // namespace

TEST_CASE("counties, municipalities and population match data/counties_2015.csv", "[model][data]") {
  const auto rows = read_csv("counties_2015.csv");
  const auto counties = counties_2015();
  REQUIRE(rows.size() == 19);
  REQUIRE(counties.size() == 19);
  std::uint32_t offices = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(counties[i].name == rows[i][0]);
    CHECK(counties[i].municipalities == std::stoul(rows[i][1]));
    CHECK(counties[i].offices >= std::stoul(rows[i][2]));
    CHECK(counties[i].population_thousands == std::stod(rows[i][3]));
    offices += counties[i].offices;
  }
  CHECK(offices == 457);  // NAV-kontor in 2015 (data/public_facts.md)
}

TEST_CASE("ALS sub-goal split matches data/als_resource_split_2015.csv", "[model][data]") {
  const auto rows = read_csv("als_resource_split_2015.csv");
  const auto params = baseline_params();
  REQUIRE(rows.size() == 19);
  for (const auto& row : rows) {
    std::size_t i = 0;
    while (i < params.counties.size() && params.counties[i].name != row[0]) ++i;
    REQUIRE(i < params.counties.size());
    const auto& als = params.county_params[i].als;
    CHECK(als.delmal1_share * 100 == Approx(std::stod(row[1])));
    CHECK(als.delmal2_share * 100 == Approx(std::stod(row[2])));
    CHECK(als.delmal3_share * 100 == Approx(std::stod(row[3])));
    CHECK(als.other_share * 100 == Approx(std::stod(row[4])));
  }
}

TEST_CASE("caseload table matches data/caseload_by_office_size_2013.csv", "[model][data]") {
  const auto rows = read_csv("caseload_by_office_size_2013.csv");
  const auto& t = caseload_table_2013();
  REQUIRE(rows.size() == 7);
  for (int b = 0; b < CaseloadTable::caseload_bins; ++b)
    for (int k = 0; k < CaseloadTable::size_classes; ++k) CHECK(t.column_pct[b][k] == Approx(std::stod(rows[b][1 + k])));
  for (int k = 0; k < CaseloadTable::size_classes; ++k) CHECK(t.staff_class_offices[k] == std::stod(rows[6][1 + k]));
}
