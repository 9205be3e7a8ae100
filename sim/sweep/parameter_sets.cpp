#include "sim/sweep/parameter_sets.hpp"

#include <charconv>

#include "sim/scenario/detail/strict_yaml.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/sweep/sweep.hpp"

namespace iasim::sweep {

namespace {
constexpr std::string_view implausibility_prefix = "I_";
}

ParameterSets read_parameter_sets(const std::filesystem::path& csv, std::size_t first) {
  ParameterSets ps;
  ps.file = csv;
  std::string why;
  const auto text = scenario::detail::read_input_file(csv, "a parameter sets file", why);
  if (!text) throw SweepError({{csv.string(), 0, 0, "", "cannot read the parameter sets file (" + why + ")"}});
  if (text->find_first_not_of(" \t\r\n") == std::string::npos)
    throw SweepError({{csv.string(), 0, 0, "", "the parameter sets file is empty; expected a header naming the "
                                               "parameters, then one row per set"}});
  // The header names the dimensions; read_points_csv then checks every row against them, with positions.
  const std::string_view header = std::string_view(*text).substr(0, text->find('\n'));
  std::vector<Dimension> dims;
  std::vector<scenario::Diagnostic> problems;
  for (const auto& [path, column] : split_csv_line(header)) {
    const std::string sp = schema_path(path);
    const scenario::Param* p = sp.empty() ? nullptr : scenario::find_param(sp);
    if (path.starts_with(implausibility_prefix)) {
      // a calibration's diagnostics, not a parameter
    } else if (!p || (p->type != scenario::ParamType::real && p->type != scenario::ParamType::count)) {
      problems.push_back({csv.string(), 1, column, "",
                          "column '" + path + "' is not a numeric scenario parameter (paths as in docs/scenarios.md, "
                          "e.g. office.user_follow_up_hours_per_week or counties.Oslo.als.in_firm_share; columns "
                          "named I_* are skipped)"});
    } else if (path != sp && p->scope == scenario::Scope::national) {
      problems.push_back({csv.string(), 1, column, "", "'" + sp + "' is national; it cannot be set per county"});
    } else if (reserved_for_varying(sp)) {
      problems.push_back({csv.string(), 1, column, "",
                          "'" + sp + "' is the same for every set (paired comparisons need one seed, replicate "
                          "count and output times); give it to iasim run instead"});
    } else {
      Dimension d;
      d.path = path;
      d.min = p->min;  // so a value outside the schema's range is reported at its row and column
      d.max = p->max;
      d.integer = p->type == scenario::ParamType::count;
      d.line = 1;
      dims.push_back(std::move(d));
    }
  }
  if (!problems.empty()) throw SweepError(std::move(problems));
  if (dims.empty() && !text->empty())
    throw SweepError({{csv.string(), 1, 1, "", "the header names no parameter (expected scenario paths such as "
                                                 "office.user_follow_up_hours_per_week, one per column)"}});
  ps.sets = read_points_csv(csv, *text, dims, implausibility_prefix);
  if (first > 0 && ps.sets.size() > first) ps.sets.resize(first);
  for (auto& d : dims) ps.paths.push_back(std::move(d.path));
  return ps;
}

std::vector<std::string> parameter_set_overrides(const ParameterSets& ps, std::size_t k) {
  std::vector<std::string> o;
  for (std::size_t j = 0; j < ps.paths.size(); ++j) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, ps.sets.at(k)[j]);  // shortest round-trip text
    o.push_back(ps.paths[j] + "=" + std::string(buf, ec == std::errc() ? end : buf));
  }
  return o;
}

}  // namespace iasim::sweep
