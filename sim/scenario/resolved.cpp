#include "sim/scenario/resolved.hpp"

#include <cstddef>
#include <utility>
#include <vector>

#include "sim/scenario/schema.hpp"

namespace iasim::scenario {

namespace {

std::string_view section_of(std::string_view path) { return path.substr(0, path.find('.')); }
std::string_view field_of(std::string_view path) { return path.substr(path.find('.') + 1); }

// The value most counties share: written once at the top level so the file lists only real differences.
Value most_common(const Param& param, const model::Params& p) {
  std::vector<std::pair<Value, std::size_t>> counts;
  for (std::size_t c = 0; c < p.county_params.size(); ++c) {
    Value v = param.get(p, c);
    bool found = false;
    for (auto& [value, n] : counts)
      if (value == v) {
        ++n;
        found = true;
        break;
      }
    if (!found) counts.emplace_back(std::move(v), 1);
  }
  std::size_t best = 0;
  for (std::size_t i = 1; i < counts.size(); ++i)
    if (counts[i].second > counts[best].second) best = i;
  return counts.at(best).first;
}

}  // namespace

std::string resolved_yaml(const model::Params& p, std::string_view description) {
  std::string out =
      "# Resolved scenario: every parameter after extends:, counties: and --set. scenario::load reads this file\n"
      "# back into identical parameters.\n";
  out += "name: " + to_yaml(Value{p.scenario_name}) + "\n";
  if (!description.empty()) out += "description: " + to_yaml(Value{std::string(description)}) + "\n";

  const bool have_counties = !p.county_params.empty() && p.county_params.size() == p.counties.size();
  std::vector<Value> common(schema().size());
  std::string_view current;
  for (std::size_t i = 0; i < schema().size(); ++i) {
    const Param& param = schema()[i];
    if (param.scope == Scope::county_only || param.path.find('.') == std::string_view::npos) continue;
    if (param.scope == Scope::county && !have_counties) continue;
    if (section_of(param.path) != current) {
      current = section_of(param.path);
      out += std::string(current) + ":\n";
    }
    common[i] = param.scope == Scope::national ? param.get(p, 0) : most_common(param, p);
    out += "  " + std::string(field_of(param.path)) + ": " + to_yaml(common[i]) + "\n";
  }
  if (!have_counties) return out;

  out += "counties:\n";
  for (std::size_t c = 0; c < p.counties.size(); ++c) {
    out += "  " + to_yaml(Value{p.counties[c].name}) + ":\n";
    std::string_view section;
    std::string line;
    auto flush = [&] {
      if (!line.empty()) out += "    " + std::string(section) + ": {" + line + "}\n";
      line.clear();
    };
    for (std::size_t i = 0; i < schema().size(); ++i) {
      const Param& param = schema()[i];
      if (param.scope == Scope::national) continue;
      const Value v = param.get(p, c);
      if (param.scope == Scope::county && v == common[i]) continue;
      if (section_of(param.path) != section) {
        flush();
        section = section_of(param.path);
      }
      line += (line.empty() ? "" : ", ") + std::string(field_of(param.path)) + ": " + to_yaml(v);
    }
    flush();
  }
  return out;
}

}  // namespace iasim::scenario
