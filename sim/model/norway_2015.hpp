#pragma once
// The national baseline's facts: the 19 counties of 2015 with their NAV offices, population and
// NAV Arbeidslivssenter resource split, and the baseline Params built on them.
#include <span>

#include "sim/model/params.hpp"

namespace iasim::model {

struct CountyRecord {
  const char* name;
  std::uint32_t municipalities;     // data/counties_2015.csv
  std::uint32_t offices;            // NAV-kontor, incl. city district offices (see norway_2015.cpp)
  double population_thousands;      // data/counties_2015.csv
  double delmal_pct[4];             // data/als_resource_split_2015.csv: sub-goal 1, 2, 3, other
};

// The 19 counties in data/counties_2015.csv order.
std::span<const CountyRecord> counties_2015();

// Caseload distribution (data/caseload_by_office_size_2013.csv, SINTEF Table 3.1 L2354–2368).
struct CaseloadTable {
  static constexpr int size_classes = 5;  // staff <10, 10–19, 20–39, 40–59, 60–190
  static constexpr int caseload_bins = 6; // users per veileder 0–19, 20–59, 60–99, 100–129, 130–169, 170–270
  double staff_class_offices[size_classes];          // offices surveyed per class (n_offices row)
  double staff_class_midpoint[size_classes];         // staff, to weight offices' shares of users
  double bin_low[caseload_bins], bin_high[caseload_bins];
  double column_pct[caseload_bins][size_classes];    // P(bin | size class), percent
};
const CaseloadTable& caseload_table_2013();

// Params with every default, the 19 counties and their Table 2.1 ALS split: the `baseline_2015` scenario
// before any YAML is applied.
Params baseline_params();

}  // namespace iasim::model
