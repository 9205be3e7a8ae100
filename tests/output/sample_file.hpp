#pragma once
// The small file the output tests write and read back (C++ and Python): replicate=2, time=10 weekly steps
// from 2015-01-01, county=3 (one with Norwegian letters), state=4. Values follow sample_value(), which the
// Python end-to-end test recomputes.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/output/file_spec.hpp"
#include "sim/output/netcdf_file.hpp"

namespace iasim::output::testing {
inline constexpr std::size_t replicates = 2, time_steps = 10, counties = 3, states = 4;

inline const std::vector<std::string>& county_labels() {
  static const std::vector<std::string> labels{"Oslo", "Møre og Romsdal", "Troms og Finnmark"};
  return labels;
}

// Distinct per cell, exact in float32 (the 3-D variable is stored as f32).
inline double sample_value(std::size_t r, std::size_t t, std::size_t c, std::size_t s) {
  return static_cast<double>(r * 1000 + t * 100 + c * 10 + s) + 0.5;
}

inline FileSpec sample_spec() {
  FileSpec spec;
  Coordinate replicate{"replicate", {0, 1}, {}, {{"long_name", "replicate number"}, {"units", "1"}}};
  Coordinate time{"time", {}, {}, {{"units", "days since 2015-01-01"}, {"calendar", "proleptic_gregorian"},
                                  {"long_name", "time"}, {"standard_name", "time"}}};
  for (std::size_t t = 0; t < time_steps; ++t) time.numbers.push_back(7.0 * static_cast<double>(t));
  Coordinate county{"county", {}, county_labels(), {{"long_name", "county (fylke)"}}};
  Coordinate state{"state", {}, {"registered", "in_assessment", "in_measure", "employed"},
                   {{"long_name", "client state"}}};
  spec.dims = {replicate, time, county, state};
  spec.variables = {
      {"clients", {"replicate", "time", "county", "state"}, DType::f64, "persons", "clients by state", {}},
      {"caseload_per_veileder", {"replicate", "time", "county"}, DType::f32, "1",
       "clients per veileder (counsellor)", {{"cell_methods", "time: point"}}},
  };
  spec.global_attrs = {{"title", std::string("iasim sample output")},
                       {"scenario_name", std::string("baseline-Møre")},
                       {"scenario_yaml", std::string("name: baseline\nregion: Møre og Romsdal\nlæring: ja\n"
                                                     "seed: 42\nhorizon_weeks: 10\nreplicates: 2\n"
                                                     "a: 1\nb: 2\nc: 3\nd: 4\n")},
                       {"seed", std::int64_t{42}},
                       {"replicates", std::int64_t{2}},
                       {"wall_seconds", 1.25}};
  return spec;
}

// One replicate's slices, one time step at a time, as a replicate running in its own thread writes them.
inline void write_replicate(NetcdfWriter& writer, std::size_t r) {
  for (std::size_t t = 0; t < time_steps; ++t) {
    std::vector<double> clients, caseload;
    for (std::size_t c = 0; c < counties; ++c) {
      for (std::size_t s = 0; s < states; ++s) clients.push_back(sample_value(r, t, c, s));
      caseload.push_back(sample_value(r, t, c, 0));
    }
    const std::size_t start4[] = {r, t, 0, 0}, count4[] = {1, 1, counties, states};
    writer.write("clients", start4, count4, clients);
    const std::size_t start3[] = {r, t, 0}, count3[] = {1, 1, counties};
    writer.write("caseload_per_veileder", start3, count3, caseload);
  }
}
}  // namespace iasim::output::testing
