#include "sim/output/summary.hpp"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>

#include "sim/output/netcdf_reader.hpp"

namespace iasim::output {
namespace {
// What produced the file comes first, whatever else the run recorded follows by name. The names are the
// ones the CLI is expected to write; absent ones are skipped.
constexpr const char* leading_attrs[] = {"title", "scenario_name", "scenario", "seed", "replicates", "iasim_version",
                                         "version", "git_commit", "command_line", "created"};

// Multi-line attributes (the resolved scenario YAML) are cut to this many lines; the file has them in full.
constexpr std::size_t max_attr_lines = 8;

// A CF time axis: "<unit> since <YYYY-MM-DD>[ hh:mm:ss]", as the seconds per unit and the origin date.
struct TimeAxis {
  double seconds_per_unit;
  std::chrono::sys_days origin;
};

std::optional<TimeAxis> parse_cf_time(const std::string& units) {
  const auto since = units.find(" since ");
  if (since == std::string::npos) return std::nullopt;
  const std::string unit = units.substr(0, since);
  double seconds = 0;
  if (unit == "days" || unit == "day" || unit == "d") seconds = 86400;
  else if (unit == "hours" || unit == "hour" || unit == "h") seconds = 3600;
  else if (unit == "minutes" || unit == "minute") seconds = 60;
  else if (unit == "seconds" || unit == "second" || unit == "s") seconds = 1;
  else if (unit == "weeks" || unit == "week") seconds = 7 * 86400;
  else return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(units.c_str() + since + 7, "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return TimeAxis{seconds, std::chrono::sys_days{ymd}};
}

std::string format_date(const TimeAxis& axis, double value) {
  if (!std::isfinite(value)) return "NaN";
  const auto days = static_cast<long>(std::floor(value * axis.seconds_per_unit / 86400.0));
  const std::chrono::year_month_day ymd{axis.origin + std::chrono::days{days}};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

void print_attr(std::ostringstream& out, const std::string& name, const AttrValue& value) {
  const std::string text = to_string(value);
  if (text.find('\n') == std::string::npos) {
    out << "  " << name << ": " << text << "\n";
    return;
  }
  std::istringstream lines(text);
  std::string line;
  std::size_t shown = 0, total = 0;
  std::ostringstream body;
  while (std::getline(lines, line)) {
    if (shown < max_attr_lines) {
      body << "    | " << line << "\n";
      ++shown;
    }
    ++total;
  }
  out << "  " << name << ": (" << total << " lines" << (total > shown ? ", first " + std::to_string(shown) : "")
      << ")\n"
      << body.str();
  if (total > shown) out << "    | ... (" << total - shown << " more lines)\n";
}

std::string attr_text(const Attributes& attrs, const char* name) {
  const auto it = attrs.find(name);
  return it == attrs.end() ? std::string() : to_string(it->second);
}
}  // namespace

std::string summarize(const std::filesystem::path& file) {
  const NetcdfReader reader(file);
  std::ostringstream out;
  out << "File: " << file.string() << "\n\nGlobal attributes:\n";
  const Attributes& globals = reader.global_attrs();
  for (const char* name : leading_attrs)
    if (const auto it = globals.find(name); it != globals.end()) print_attr(out, name, it->second);
  for (const auto& [name, value] : globals)
    if (std::find(std::begin(leading_attrs), std::end(leading_attrs), name) == std::end(leading_attrs))
      print_attr(out, name, value);

  out << "\nDimensions:\n";
  for (const auto& d : reader.dims()) {
    out << "  " << d.name << " = " << d.size;
    if (!d.labels.empty()) {
      out << ": \"" << d.labels.front() << "\"";
      if (d.size > 1) out << " .. \"" << d.labels.back() << "\"";
    } else if (!d.numbers.empty()) {
      const std::string units = attr_text(d.attrs, "units");
      const auto axis = parse_cf_time(units);
      auto show = [&](double x) { return axis ? format_date(*axis, x) : to_string(AttrValue(x)); };
      out << ": " << show(d.numbers.front());
      if (d.size > 1) out << " .. " << show(d.numbers.back());
      if (!units.empty()) out << " (" << units << ")";
    }
    out << "\n";
  }

  out << "\nVariables:\n";
  for (const auto& v : reader.variables()) {
    out << "  " << v.name << "(";
    for (std::size_t i = 0; i < v.dims.size(); ++i) out << (i ? ", " : "") << v.dims[i];
    out << ") [" << v.units << "]";
    if (!v.long_name.empty()) out << "  " << v.long_name;
    out << "\n";
  }
  return out.str();
}
}  // namespace iasim::output
