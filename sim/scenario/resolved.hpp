#pragma once
// Params -> YAML text that scenario::load reads back into identical Params. Written into every output file so
// a result always carries the exact parameters it came from; a sweep can use it for each point it builds.
#include <string>
#include <string_view>

#include "sim/model/params.hpp"

namespace iasim::scenario {

// Every schema parameter: national ones in their sections; each per-county one once at the top level (its most
// common value over the counties, ties to the first county) and under `counties.<name>` where a county differs;
// every county's facts under `counties.<name>.facts`. Doubles in their shortest exact form.
// Precondition: p.counties and p.county_params have the same size and are the counties of baseline_params()
// (a file with other county names does not load).
std::string resolved_yaml(const model::Params& p, std::string_view description = {});

}  // namespace iasim::scenario
