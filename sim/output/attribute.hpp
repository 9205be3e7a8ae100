#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <variant>

namespace iasim::output {
// The value of a netCDF attribute as iasim uses them: text (UTF-8, may span lines, e.g. the resolved scenario
// YAML) or a single number. Integers stay integers so that a seed survives the round trip exactly.
using AttrValue = std::variant<std::string, double, std::int64_t>;
using Attributes = std::map<std::string, AttrValue>;

// The value as text, numbers in their shortest round-trip form (what `iasim info` prints).
std::string to_string(const AttrValue& value);
}  // namespace iasim::output
