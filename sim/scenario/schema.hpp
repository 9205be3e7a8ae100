#pragma once
// The scenario schema: one entry per model parameter (YAML path, type, unit, range, source, scope) and a typed
// accessor to the field in model::Params. Loading, validation, the resolved YAML and docs/scenarios.md are all
// driven by this one table, so a parameter exists for scenarios exactly when it has an entry here
// (sim/scenario/schema.cpp). Defaults are not in the table: they come from model::baseline_params().
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/model/params.hpp"

namespace iasim::scenario {

// What kind of YAML value a parameter takes. The kind follows from the C++ field type (see schema.cpp), so the
// table cannot disagree with params.hpp.
enum class ParamType : std::uint8_t {
  real,     // double: a plain YAML number, finite
  count,    // std::uint32_t / std::uint64_t: a plain non-negative integer
  flag,     // bool: exactly `true` or `false`
  text,     // std::string: any scalar
  weights,  // std::array<double, office_service_count>: a 4-list, or a map keyed by service name
};

// Where a parameter lives and where a scenario may set it.
enum class Scope : std::uint8_t {
  national,     // Params::run / Params::population / Params::scenario_name: top level only
  county,       // CountyParams: top level (every county) and under counties.<name> (that county)
  county_only,  // CountyFacts (facts.*): only under counties.<name>; every county has its own data value
};

using Weights = std::array<double, model::office_service_count>;
// One parameter's value; the alternative matches Param::type in declaration order of ParamType.
using Value = std::variant<double, std::uint64_t, bool, std::string, Weights>;

struct Param {
  std::string_view path;         // YAML path: "run.seed", "office.veileder_hours_per_week", "name"
  ParamType type;
  Scope scope;
  std::string_view unit;         // "h/week", "share", "1/year", "logit", ... ("" for text and flags)
  double min;                    // inclusive range for real, count and each weight (ignored for flag, text)
  double max;
  std::string_view source;       // citation as in params.hpp ("SINTEF L2441–2442") or "ASSUMPTION"
  std::string_view description;  // one sentence for docs/scenarios.md and error messages
  // The field for county `county` (an index into Params::counties; ignored by national parameters).
  // Preconditions for set: `v` holds the alternative of `type`, lies in [min, max], and county < counties.size().
  Value (*get)(const model::Params& p, std::size_t county);
  void (*set)(model::Params& p, std::size_t county, const Value& v);
};

// Every parameter, grouped by section in params.hpp order.
std::span<const Param> schema();

// The entry for a full path ("office.priority_weight"), or nullptr.
const Param* find_param(std::string_view path);

// Names of the elements of a `weights` parameter, in array order (OfficeService order).
std::span<const std::string_view> weight_names();

// The sections of the YAML document that hold parameters, in schema order ("run", "population", "office", ...).
std::vector<std::string_view> sections();

// The value as YAML text that `load` accepts back exactly (shortest round-trip form for doubles).
std::string to_yaml(const Value& v);

// Every parameter (and county) where `a` and `b` differ, as "path = a vs b" or
// "counties.<name>.path = a vs b"; empty when equal in every schema field. County lists must match in names.
std::vector<std::string> differences(const model::Params& a, const model::Params& b);

}  // namespace iasim::scenario
