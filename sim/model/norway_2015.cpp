#include "sim/model/norway_2015.hpp"

namespace iasim::model {

namespace {

// data/counties_2015.csv gives one NAV-kontor per municipality and 15 in Oslo: 442. NAV had 456–457 offices
// in 2015 (data/public_facts.md); the other ~15 were district offices in large cities. ASSUMPTION: we add
// them where the large cities are: Bergen (Hordaland) 4, Trondheim (Sør-Trøndelag) 4, Stavanger (Rogaland) 3,
// Kristiansand (Vest-Agder) 2, Bærum (Akershus) 2 — 457 in all.
constexpr CountyRecord kCounties[] = {
    {"Østfold", 18, 18, 287, {50, 20, 20, 10}},
    {"Akershus", 22, 24, 585, {50, 40, 10, 0}},
    {"Oslo", 1, 15, 648, {60, 20, 5, 15}},
    {"Hedmark", 22, 22, 195, {50, 40, 10, 0}},
    {"Oppland", 26, 26, 189, {60, 35, 5, 0}},
    {"Buskerud", 21, 21, 275, {65, 20, 5, 10}},
    {"Vestfold", 14, 14, 243, {60, 30, 10, 0}},
    {"Telemark", 18, 18, 171, {40, 25, 10, 25}},
    {"Aust-Agder", 15, 15, 115, {50, 45, 5, 0}},
    {"Vest-Agder", 15, 17, 181, {50, 45, 5, 0}},
    {"Rogaland", 26, 29, 466, {60, 30, 10, 0}},
    {"Hordaland", 33, 37, 511, {40, 40, 10, 10}},
    {"Sogn og Fjordane", 26, 26, 109, {30, 20, 10, 40}},
    {"Møre og Romsdal", 36, 36, 264, {40, 40, 20, 0}},
    {"Sør-Trøndelag", 25, 29, 310, {50, 35, 15, 0}},
    {"Nord-Trøndelag", 23, 23, 136, {45, 25, 5, 25}},
    {"Nordland", 44, 44, 242, {40, 25, 35, 0}},
    {"Troms", 24, 24, 164, {60, 30, 10, 0}},
    {"Finnmark", 19, 19, 76, {65, 20, 5, 10}},
};

constexpr CaseloadTable kCaseload = {
    {53, 26, 18, 19, 23},
    // ASSUMPTION: staff midpoints of the classes (<10 -> 6, 60–190 -> 100).
    {6, 15, 30, 50, 100},
    {1, 20, 60, 100, 130, 170},
    {19, 59, 99, 129, 169, 270},
    {
        {28.3, 23.1, 5.6, 10.5, 13.0},
        {30.2, 7.7, 16.7, 0.0, 4.4},
        {22.6, 30.8, 16.7, 15.8, 26.1},
        {13.2, 23.1, 11.1, 21.1, 21.7},
        {5.7, 11.5, 33.3, 36.8, 17.4},
        {0.0, 3.9, 16.7, 15.8, 17.4},
    },
};

}  // namespace

std::span<const CountyRecord> counties_2015() { return kCounties; }
const CaseloadTable& caseload_table_2013() { return kCaseload; }

Params baseline_params() {
  Params p;
  for (const auto& c : kCounties) {
    p.counties.push_back({c.name, c.offices, c.population_thousands});
    CountyParams cp;
    cp.als.delmal1_share = c.delmal_pct[0] / 100.0;
    cp.als.delmal2_share = c.delmal_pct[1] / 100.0;
    cp.als.delmal3_share = c.delmal_pct[2] / 100.0;
    cp.als.other_share = c.delmal_pct[3] / 100.0;
    p.county_params.push_back(cp);
  }
  return p;
}

}  // namespace iasim::model
