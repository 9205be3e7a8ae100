#pragma once
// Simulated time. One unit is one day; day 0 is 2015-01-01 (the model's start, and the CF time origin
// written to output files).
namespace iasim::engine {
using Time = double;
inline constexpr Time days_per_week = 7.0;
inline constexpr Time days_per_year = 365.25;
}  // namespace iasim::engine
