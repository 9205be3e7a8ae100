#include "sim/output/attribute.hpp"

#include <charconv>
#include <cmath>

namespace iasim::output {
std::string to_string(const AttrValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  char buffer[64];
  std::to_chars_result result{};
  if (const auto* real = std::get_if<double>(&value)) {
    if (std::isnan(*real)) return "NaN";
    result = std::to_chars(buffer, buffer + sizeof buffer, *real);  // shortest form that reads back exactly
  } else {
    result = std::to_chars(buffer, buffer + sizeof buffer, std::get<std::int64_t>(value));
  }
  return std::string(buffer, result.ptr);
}
}  // namespace iasim::output
