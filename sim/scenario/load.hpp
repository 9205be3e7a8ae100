#pragma once
// Reading a scenario: YAML file (+ its `extends:` chain) + --set overrides -> validated model::Params.
// The YAML rules (types, per-county sections, merge order) are in docs/scenarios.md.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/params.hpp"
#include "sim/scenario/error.hpp"

namespace iasim::scenario {

struct Scenario {
  model::Params params;
  // Every parameter after resolution, as YAML that `load` reads back into identical params: national values,
  // per-county values once at the top level (the most common value) and under `counties:` where a county
  // differs, plus every county's facts. Written into every output file.
  std::string resolved_yaml;
  std::filesystem::path file;  // as given to load
  std::string description;     // the scenario's `description:` (inherited through `extends:`)
};

// Loads `file` on top of model::baseline_params(): the `extends:` chain first (deep-merged, the child wins),
// then top-level sections (every county), then `counties.<name>` sections, then each `set_overrides` entry
// ("path.to.key=value", value parsed as YAML, later ones win).
// Throws ScenarioError listing every problem found (syntax, unknown keys, types, ranges, consistency).
Scenario load(const std::filesystem::path& file, const std::vector<std::string>& set_overrides = {});

// As load, for scenario text already in memory (the fuzz tests, a sweep file's embedded scenario): `name` is
// the file name diagnostics show, and `extends:` paths are relative to its directory. Nothing else is read
// unless the text extends another file.
Scenario load_text(std::string_view yaml, const std::filesystem::path& name,
                   const std::vector<std::string>& set_overrides = {});

}  // namespace iasim::scenario
