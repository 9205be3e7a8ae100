#include "sim/scenario/docs.hpp"

#include <algorithm>
#include <string_view>

#include "sim/model/norway_2015.hpp"
#include "sim/scenario/schema.hpp"

namespace iasim::scenario {

namespace {

constexpr std::string_view kRules = R"(# Scenario parameters

Generated from `sim/scenario/schema.cpp` by `gen_scenario_doc`; do not edit by hand. Regenerate with
`cmake --build build --target update_scenario_doc` (the test `scenario: docs/scenarios.md is up to date` fails
when this file is behind the code).

## How a scenario file is read

```yaml
name: vageng_merger                 # labels every output file
description: >                      # free text, kept in the resolved scenario
  ALS advisers move into the NAV offices.
extends: baseline_2015.yaml         # optional; relative to this file; chains allowed
run: { horizon_years: 10, replicates: 20, seed: 2015 }
office: { caseload_multiplier: 0.5 }    # top-level county sections apply to every county
als: { merged_into_offices: true }
counties:
  "Møre og Romsdal":                # one of the 19 counties of 2015
    als: { leads_market_teams: true }
    facts: { offices: 30 }          # county facts can only be set per county
```

- **Order.** `model::baseline_params()` (the defaults below and the county data) → the `extends:` chain,
  deep-merged (maps merge key by key, the extending file wins; scalars and lists replace) → top-level sections,
  which set a county parameter in every county (also over the data, e.g. `als.delmal1_share`) →
  `counties.<name>` sections → `--set` overrides in the order given.
- **`--set path=value`**: `--set run.seed=7`, `--set office.caseload_multiplier=0.5`,
  `--set counties.Oslo.als.in_firm_share=0.6`, `--set office.priority_weight=[2,1,1,1]`. The value is read as
  YAML and checked like file content; errors name `--set` instead of a file position. A top-level `--set` of a
  county parameter applies to every county, also those a file's `counties:` section changed.
- **Numbers** are plain YAML numbers (`0.5`, `1e-3`, `+2`); quoted numbers (`"0.5"`), `.nan`, `.inf`, and values
  outside the range below are errors. **Integers** (type `integer`) are digits only: no sign, no fraction, no
  exponent.
- **Booleans** are `true`/`false` (also `True`, `TRUE`, `False`, `FALSE`: the YAML 1.2 core schema). YAML 1.1's
  `yes`/`no`/`on`/`off` and `1`/`0` are errors, because other YAML tools read them differently.
- **`office.priority_weight`** is a list of 4 weights in the order assessment, trial_follow_up, user_follow_up,
  employer_contact, or a map with some of those keys (`{employer_contact: 2}`), which changes only those.
- **Strict keys.** An unknown key, section or county is an error that suggests the nearest known name. A key may
  appear once per map. `null` (a key with nothing after it) is an error for a parameter, and means "nothing" for a
  section.
- **Consistency** after resolution: the ALS shares `delmal1_share + delmal2_share + delmal3_share + other_share`
  sum to 1 (±1e-6) in every county; `entry_age_min_years < entry_age_max_years`; the initial waiting, trial and
  subsidised shares sum to at most 1; `controller_share + partner_share ≤ 1`; `sick_leave_pct_floor ≤
  sick_leave_pct_initial`; some `priority_weight` is positive; `output_step_days` fits in the horizon.
- **All errors at once**, one per line: `file:line:col: error: key.path: message`.
- **Resolved scenario.** After loading, every parameter is written back as YAML (national values; each county
  parameter once at the top level with its most common value, and under `counties:` where a county differs;
  every county's facts). Loading that text gives identical parameters; it goes into every output file.

Scope: *national* — top level only; *county* — top level (every county) or under `counties.<name>`;
*county only* — under `counties.<name>` only.
)";

std::string type_name(ParamType t) {
  switch (t) {
    case ParamType::real: return "number";
    case ParamType::count: return "integer";
    case ParamType::flag: return "bool";
    case ParamType::text: return "text";
    case ParamType::weights: return "4 numbers";
  }
  return "?";
}

std::string scope_name(Scope s) {
  switch (s) {
    case Scope::national: return "national";
    case Scope::county: return "county";
    case Scope::county_only: return "county only";
  }
  return "?";
}

std::string cell(std::string s) {
  std::string out;
  for (char ch : s) out += ch == '|' ? std::string("\\|") : std::string(1, ch);
  return out;
}

// Integer bounds in digits; 2^64 - 1 does not survive the trip through double.
std::string count_bound(double x) {
  return x >= 1.8e19 ? std::string("18446744073709551615") : std::to_string(static_cast<std::uint64_t>(x));
}

std::string range_cell(const Param& p) {
  if (p.type == ParamType::flag || p.type == ParamType::text) return "";
  if (p.type == ParamType::count) return count_bound(p.min) + " – " + count_bound(p.max);
  return to_yaml(Value{p.min}) + " – " + to_yaml(Value{p.max});
}

// National default, or the struct default of a county parameter plus the data's spread where counties differ.
std::string default_cell(const Param& p, const model::Params& base) {
  if (p.scope == Scope::national) return to_yaml(p.get(base, 0));
  if (base.counties.empty()) return "";
  std::vector<Value> values;
  for (std::size_t c = 0; c < base.counties.size(); ++c) values.push_back(p.get(base, c));
  const bool same = std::all_of(values.begin(), values.end(), [&](const Value& v) { return v == values.front(); });
  if (same) return to_yaml(values.front());
  if (p.type != ParamType::real && p.type != ParamType::count) return "by county (data)";
  auto num = [](const Value& v) {
    return std::holds_alternative<double>(v) ? std::get<double>(v) : static_cast<double>(std::get<std::uint64_t>(v));
  };
  double lo = num(values.front()), hi = lo;
  for (const Value& v : values) {
    lo = std::min(lo, num(v));
    hi = std::max(hi, num(v));
  }
  return "by county (data): " + to_yaml(Value{lo}) + " – " + to_yaml(Value{hi});
}

}  // namespace

std::string scenarios_markdown() {
  const model::Params base = model::baseline_params();
  std::string out(kRules);
  std::string_view section = "\x01";
  for (const Param& p : schema()) {
    const auto dot = p.path.find('.');
    const std::string_view s = dot == std::string_view::npos ? std::string_view("(top level)") : p.path.substr(0, dot);
    if (s != section) {
      section = s;
      out += "\n## `" + std::string(s) + "`\n\n";
      out += "| path | type | unit | range | default | scope | source | description |\n";
      out += "|---|---|---|---|---|---|---|---|\n";
    }
    out += "| `" + std::string(p.path) + "` | " + type_name(p.type) + " | " + cell(std::string(p.unit)) + " | " +
           range_cell(p) + " | " + cell(default_cell(p, base)) + " | " + scope_name(p.scope) + " | " +
           cell(std::string(p.source)) + " | " + cell(std::string(p.description)) + " |\n";
  }
  return out;
}

}  // namespace iasim::scenario
