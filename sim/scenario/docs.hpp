#pragma once
// docs/scenarios.md, generated from the schema so the reference cannot fall behind the code.
// Regenerate: cmake --build build --target update_scenario_doc  (runs gen_scenario_doc docs/scenarios.md).
#include <string>

namespace iasim::scenario {

// The whole markdown document: the YAML rules, then one table per section (path, type, unit, range, default,
// scope, source, description), defaults taken from model::baseline_params().
std::string scenarios_markdown();

}  // namespace iasim::scenario
