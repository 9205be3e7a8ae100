#include "sim/sweep/sweep.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

#include "sim/scenario/detail/strict_yaml.hpp"
#include "sim/scenario/schema.hpp"

namespace iasim::sweep {

namespace {

// The sweep file's problems, in the diagnostics type every input file reports in (scenario::Diagnostic).
class Problems {
 public:
  explicit Problems(std::string file) : file_(std::move(file)) {}
  void add(const YAML::Node& at, const std::string& msg) { list_.push_back(scenario::detail::at(file_, at, "", msg)); }
  void add(const std::string& msg) { list_.push_back({file_, 0, 0, "", msg}); }
  // A key of a map: a plain name, once (the scenario loader's rule). False for a key to skip.
  bool key(const YAML::Node& k, std::map<std::string, int>& seen, const std::string& prefix) {
    auto problem = scenario::detail::key_problem(k, seen, prefix);
    if (problem) list_.push_back(scenario::detail::at(file_, k, std::move(problem->key_path), std::move(problem->message)));
    return !problem;
  }
  bool empty() const { return list_.empty(); }
  std::vector<scenario::Diagnostic>& list() { return list_; }
  std::vector<scenario::Diagnostic> take() { return std::move(list_); }

 private:
  std::string file_;
  std::vector<scenario::Diagnostic> list_;
};

constexpr scenario::detail::DocumentKind kSweepDocument{
    "a sweep file", "a sweep file", "at least `base:`, `seed:` and `parameters:`",
    "base:, parameters:, design:, points:, replicates:, seed:, set: ...",
    "at most 3 (parameters: <path>: {values: [...]})"};

template <class T>
bool scalar(Problems& pr, const YAML::Node& n, const std::string& key, T& out, const char* expected) {
  if (!n.IsScalar()) {
    pr.add(n, key + ": expected " + expected);
    return false;
  }
  try {
    out = n.as<T>();
    return true;
  } catch (const YAML::Exception&) {
    pr.add(n, key + ": expected " + expected + ", got '" + n.Scalar() + "'");
    return false;
  }
}

std::string fmt(double x) {
  std::ostringstream o;
  o.precision(17);
  o << x;
  return o.str();
}

const scenario::Param* known_param(Problems& pr, const YAML::Node& at, const std::string& path, const char* where) {
  const std::string sp = schema_path(path);
  const scenario::Param* p = sp.empty() ? nullptr : scenario::find_param(sp);
  if (!p) {
    pr.add(at, std::string(where) + ": unknown parameter '" + path +
                   "' (scenario paths as in docs/scenarios.md, e.g. office.caseload_multiplier or "
                   "counties.Oslo.als.in_firm_share)");
    return nullptr;
  }
  if (path != sp && p->scope == scenario::Scope::national) {
    pr.add(at, std::string(where) + ": '" + sp + "' is national; it cannot be set per county");
    return nullptr;
  }
  return p;
}

}  // namespace

std::string schema_path(const std::string& path) {
  if (path.rfind("counties.", 0) == 0) {
    const auto dot = path.find('.', 9);
    return dot == std::string::npos ? std::string() : path.substr(dot + 1);
  }
  return path;
}

bool reserved_for_varying(const std::string& p) {
  return p == "run.seed" || p == "run.replicates" || p == "run.horizon_years" || p == "run.output_step_days";
}

std::string_view design_name(Design d) {
  switch (d) {
    case Design::grid: return "grid";
    case Design::lhs: return "lhs";
    case Design::sobol: return "sobol";
    case Design::saltelli: return "saltelli";
    case Design::points: return "points";
  }
  return "?";
}

std::vector<CsvField> split_csv_line(std::string_view line) {
  const auto blank = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; };
  std::vector<CsvField> out;
  for (std::size_t start = 0;;) {
    const std::size_t end = std::min(line.find(',', start), line.size());
    std::size_t a = start, b = end;
    while (a < b && blank(line[a])) ++a;
    while (b > a && blank(line[b - 1])) --b;
    out.push_back({std::string(line.substr(a, b - a)), static_cast<int>(a + 1)});
    if (end == line.size()) break;
    start = end + 1;
  }
  return out;
}

std::vector<std::vector<double>> read_points_csv(const std::filesystem::path& csv, const std::string& text,
                                                 const std::vector<Dimension>& dims, std::string_view ignored_prefix) {
  const std::string file = csv.string();
  std::vector<scenario::Diagnostic> problems;
  auto add = [&](int line, int col, std::string msg) { problems.push_back({file, line, col, "", std::move(msg)}); };
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    std::string l = text.substr(pos, nl - pos);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(std::move(l));
    pos = nl + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();  // a final newline, or several
  if (lines.empty()) {
    add(0, 0, "the points file is empty; expected a header naming the parameters, then one row per point");
    throw SweepError(std::move(problems));
  }
  // Header: every dimension exactly once, nothing else.
  const auto header = split_csv_line(lines[0]);
  std::vector<std::size_t> dim_of(header.size(), dims.size());
  std::vector<int> column_of(dims.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto& h = header[c];
    if (!ignored_prefix.empty() && h.text.starts_with(ignored_prefix)) continue;
    const auto it = std::find_if(dims.begin(), dims.end(), [&](const Dimension& d) { return d.path == h.text; });
    if (it == dims.end()) {
      add(1, h.column, "column " + std::to_string(c + 1) + " '" + h.text + "' is not one of the sweep's parameters");
      continue;
    }
    const auto j = static_cast<std::size_t>(it - dims.begin());
    if (column_of[j] != 0) {
      add(1, h.column, "column " + std::to_string(c + 1) + " '" + h.text + "' repeats column " + std::to_string(column_of[j]));
      continue;
    }
    column_of[j] = static_cast<int>(c + 1);
    dim_of[c] = j;
  }
  for (std::size_t j = 0; j < dims.size(); ++j)
    if (column_of[j] == 0) add(1, 1, "no column for parameter '" + dims[j].path + "' (the header must name every parameter of parameters:)");
  if (!problems.empty()) throw SweepError(std::move(problems));
  if (lines.size() < 2) {
    add(1, 1, "no points: expected one row per point after the header");
    throw SweepError(std::move(problems));
  }
  if (lines.size() - 1 > 10'000'000) {
    add(0, 0, "the points file has " + std::to_string(lines.size() - 1) + " rows; at most 10000000");
    throw SweepError(std::move(problems));
  }
  std::vector<std::vector<double>> rows;
  rows.reserve(lines.size() - 1);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const int line = static_cast<int>(i + 1);
    const auto fields = split_csv_line(lines[i]);
    if (fields.size() != header.size()) {
      add(line, 1, "expected " + std::to_string(header.size()) + " fields (as the header), got " + std::to_string(fields.size()) +
                       (lines[i].empty() ? " (an empty line)" : ""));
      continue;
    }
    std::vector<double> row(dims.size(), 0.0);
    for (std::size_t c = 0; c < fields.size(); ++c) {
      if (dim_of[c] == dims.size()) continue;  // an ignored column
      const auto& f = fields[c];
      const Dimension& d = dims[dim_of[c]];
      const std::string where = "column " + std::to_string(c + 1) + " (" + d.path + "): ";
      double x = 0;
      const char* first = f.text.data();
      const char* last = first + f.text.size();
      const auto [ptr, ec] = std::from_chars(first, last, x);
      if (f.text.empty() || ec != std::errc() || ptr != last || !std::isfinite(x)) {
        add(line, f.column, where + "'" + f.text + "' is not a number (plain decimal numbers in the parameter's own units)");
        continue;
      }
      if (x < d.min || x > d.max) {
        add(line, f.column, where + fmt(x) + " is outside the sweep's range [" + fmt(d.min) + ", " + fmt(d.max) + "]");
        continue;
      }
      if (d.integer && x != std::floor(x)) {
        add(line, f.column, where + fmt(x) + " is not an integer (a count parameter)");
        continue;
      }
      row[dim_of[c]] = x;
    }
    rows.push_back(std::move(row));
  }
  if (problems.size() > 50) {  // a wholly wrong file: the first fifty say enough
    const auto n = problems.size();
    problems.resize(50);
    add(0, 0, "... and " + std::to_string(n - 50) + " more problems");
  }
  if (!problems.empty()) throw SweepError(std::move(problems));
  return rows;
}

std::filesystem::path default_out_dir(const Sweep& s) {
  return s.file.parent_path() / (s.file.stem().string() + ".out");
}

Sweep load_sweep(const std::filesystem::path& file) {
  Sweep s;
  s.file = file;
  s.name = file.stem().string();
  Problems pr(file.string());
  {
    std::string why;
    auto text = scenario::detail::read_input_file(file, "a sweep file", why);
    if (!text) throw SweepError({{file.string(), 0, 0, "", "cannot read the sweep file (" + why + ")"}});
    s.text = std::move(*text);
  }
  const auto parsed = scenario::detail::parse_document(s.text, file.string(), kSweepDocument, pr.list());
  if (!parsed) throw SweepError(pr.take());
  const YAML::Node& root = *parsed;

  static const std::set<std::string> keys{"name", "description", "base", "design", "points", "points_file", "replicates", "seed", "set", "parameters"};
  std::map<std::string, int> seen_top;
  for (const auto& kv : root) {
    if (!pr.key(kv.first, seen_top, "")) continue;
    const std::string k = kv.first.Scalar();
    if (!keys.contains(k))
      pr.add(kv.first, "unknown key '" + k + "' (expected one of: name, description, base, design, points, points_file, replicates, seed, set, parameters)");
  }
  if (root["name"]) scalar(pr, root["name"], "name", s.name, "a name");
  if (!root["base"]) pr.add("missing 'base:' (the scenario to start from, relative to the sweep file)");
  else {
    std::string b;
    if (scalar(pr, root["base"], "base", b, "a scenario file path")) {
      s.base = file.parent_path() / b;
      // The non-throwing overloads: a name the file system refuses (too long, say) is a bad base, not a crash.
      std::error_code ec;
      const auto st = std::filesystem::status(s.base, ec);
      const std::string base = "base scenario '" + s.base.string() + "'";
      if (st.type() == std::filesystem::file_type::not_found) pr.add(root["base"], base + " does not exist");
      else if (ec) pr.add(root["base"], base + " cannot be read: " + ec.message());
      else if (st.type() != std::filesystem::file_type::regular) pr.add(root["base"], base + " is not a regular file");
    }
  }
  std::string design = "grid";
  if (root["design"]) scalar(pr, root["design"], "design", design, "grid, lhs, sobol, saltelli or points");
  if (design == "grid") s.design = Design::grid;
  else if (design == "lhs") s.design = Design::lhs;
  else if (design == "sobol") s.design = Design::sobol;
  else if (design == "saltelli") s.design = Design::saltelli;
  else if (design == "points") s.design = Design::points;
  else pr.add(root["design"], "design: '" + design + "' is not a design (grid, lhs, sobol, saltelli or points)");
  if (const auto pf = root["points_file"]) {
    std::string f;
    if (s.design != Design::points) pr.add(pf, "points_file: only with design: points (the file's rows are the points)");
    else if (scalar(pr, pf, "points_file", f, "a CSV file path")) s.points_file = file.parent_path() / f;
  } else if (s.design == Design::points) {
    pr.add("design points needs 'points_file: FILE.csv' (relative to the sweep file; header = the parameters, one row per point)");
  }
  if (s.design == Design::points) {
    if (root["points"]) pr.add(root["points"], "points: design points takes its points from points_file, one per row");
  } else if (root["points"]) {
    std::int64_t n = 0;
    if (scalar(pr, root["points"], "points", n, "a positive integer")) {
      if (n < 1 || n > 10'000'000) pr.add(root["points"], "points: must be 1 .. 10000000");
      else s.points = static_cast<std::uint32_t>(n);
    }
    if (s.design == Design::grid) pr.add(root["points"], "points: a grid has as many points as combinations; give steps or values per parameter instead");
  } else if (s.design != Design::grid) {
    pr.add("design " + design + " needs 'points: N'");
  }
  if (root["replicates"]) {
    std::int64_t r = 0;
    if (scalar(pr, root["replicates"], "replicates", r, "a positive integer")) {
      if (r < 1 || r > 100000) pr.add(root["replicates"], "replicates: must be 1 .. 100000");
      else s.replicates = static_cast<std::uint32_t>(r);
    }
  }
  if (root["seed"]) {
    std::uint64_t seed = 0;
    if (scalar(pr, root["seed"], "seed", seed, "a non-negative integer")) s.seed = seed;
  } else {
    pr.add("missing 'seed:' (every task runs with run.seed = this seed; replicate r shares random numbers across points)");
  }
  if (const auto set = root["set"]) {
    if (!set.IsMap()) pr.add(set, "set: expected a map of fixed overrides, e.g. run.horizon_years: 5");
    else {
      std::map<std::string, int> seen;
      for (const auto& kv : set) {
        if (!pr.key(kv.first, seen, "set")) continue;
        const std::string path = kv.first.Scalar();
        if (path == "run.seed" || path == "run.replicates") {
          pr.add(kv.first, "set: " + path + " is given by the sweep's own '" + path.substr(4) + ":' key");
          continue;
        }
        if (!known_param(pr, kv.first, path, "set")) continue;
        if (!kv.second.IsScalar() && !kv.second.IsSequence()) {
          pr.add(kv.second, "set: " + path + ": expected a value");
          continue;
        }
        YAML::Emitter e;
        e << YAML::Flow << kv.second;
        s.set.push_back(path + "=" + e.c_str());
      }
    }
  }
  const auto params = root["parameters"];
  if (!params || !params.IsMap() || params.size() == 0) {
    pr.add(params ? params : root, "parameters: expected a map of the parameters to vary, e.g. "
                                   "support.subsidy_share: {min: 0.2, max: 0.8, steps: 4}");
  } else {
    std::map<std::string, int> seen;
    for (const auto& kv : params) {
      if (!pr.key(kv.first, seen, "parameters")) continue;
      Dimension d;
      d.path = kv.first.Scalar();
      d.line = kv.first.Mark().line + 1;
      const std::string where = "parameters." + d.path;
      const scenario::Param* p = known_param(pr, kv.first, d.path, "parameters");
      if (!p) continue;
      if (reserved_for_varying(schema_path(d.path))) {
        pr.add(kv.first, where + ": cannot be varied (run.seed and run.replicates come from the sweep, horizon and "
                                 "output step must be the same for every point so the tasks merge); put it under set:");
        continue;
      }
      const auto& spec = kv.second;
      if (!spec.IsMap()) {
        pr.add(spec, where + ": expected {values: [...]} or {min: a, max: b" + std::string(s.design == Design::grid ? ", steps: n}" : "}"));
        continue;
      }
      if (s.design == Design::points && spec["values"]) {
        pr.add(spec["values"], where + ": design points needs a range {min: a, max: b}; the points file gives the values");
        continue;
      }
      std::map<std::string, int> seen_spec;
      for (const auto& f : spec) {
        if (!pr.key(f.first, seen_spec, where)) continue;
        const std::string fk = f.first.Scalar();
        if (fk != "values" && fk != "min" && fk != "max" && fk != "steps")
          pr.add(f.first, where + ": unknown key '" + fk + "' (values, min, max, steps)");
      }
      const bool numeric = p->type == scenario::ParamType::real || p->type == scenario::ParamType::count;
      d.integer = p->type == scenario::ParamType::count;
      auto in_range = [&](const YAML::Node& n, double v) {
        if (numeric && (v < p->min || v > p->max || !std::isfinite(v))) {
          pr.add(n, where + ": " + fmt(v) + " is outside the parameter's range [" + fmt(p->min) + ", " + fmt(p->max) + "]");
          return false;
        }
        return true;
      };
      if (const auto vals = spec["values"]) {
        if (spec["min"] || spec["max"] || spec["steps"]) pr.add(spec, where + ": give either values or min/max, not both");
        if (!vals.IsSequence() || vals.size() == 0) {
          pr.add(vals, where + ": values: expected a non-empty list");
          continue;
        }
        for (const auto& v : vals) {
          if (!v.IsScalar()) {
            pr.add(v, where + ": values: each value must be a scalar");
            continue;
          }
          if (numeric) {
            double x = 0;
            if (!scalar(pr, v, where, x, "a number")) continue;
            if (d.integer && x != std::floor(x)) pr.add(v, where + ": expected an integer (a count parameter)");
            in_range(v, x);
          } else if (p->type != scenario::ParamType::flag && p->type != scenario::ParamType::text) {
            pr.add(v, where + ": only numbers, flags and text can be swept");
          }
          d.values.push_back(v.Scalar());
        }
      } else {
        if (!numeric) {
          pr.add(kv.first, where + ": not a number; give its values: [...]");
          continue;
        }
        if (!spec["min"] || !spec["max"]) {
          pr.add(spec, where + ": expected values: [...] or both min: and max:");
          continue;
        }
        bool ok = scalar(pr, spec["min"], where + ".min", d.min, "a number") &&
                  scalar(pr, spec["max"], where + ".max", d.max, "a number");
        if (!ok) continue;
        in_range(spec["min"], d.min);
        in_range(spec["max"], d.max);
        if (d.min > d.max) pr.add(spec["max"], where + ": max " + fmt(d.max) + " is below min " + fmt(d.min));
        if (s.design == Design::grid) {
          std::int64_t steps = 0;
          if (!spec["steps"]) pr.add(spec, where + ": a grid range needs steps: n (number of evenly spaced values, >= 2)");
          else if (scalar(pr, spec["steps"], where + ".steps", steps, "an integer")) {
            if (steps < 1 || steps > 100000 || (steps == 1 && d.min != d.max))
              pr.add(spec["steps"], where + ": steps must be >= 2 (1 only when min == max)");
            else d.steps = static_cast<std::uint32_t>(steps);
          }
        } else if (spec["steps"]) {
          pr.add(spec["steps"], where + ": steps is for grids; " + design + " draws points inside [min, max]");
        }
      }
      s.dimensions.push_back(std::move(d));
    }
  }
  if (pr.empty() && s.design == Design::grid) {
    double n = 1;
    for (const auto& d : s.dimensions) n *= d.values.empty() ? d.steps : d.values.size();
    if (n > 10'000'000) pr.add("the grid has " + fmt(n) + " points; at most 10000000");
  }
  if (!pr.empty()) throw SweepError(pr.take());
  if (s.design == Design::points) {
    std::string why;
    auto text = scenario::detail::read_input_file(s.points_file, "a points file", why);
    if (!text) {
      pr.add(root["points_file"], "points_file: cannot read '" + s.points_file.string() + "' (" + why + ")");
      throw SweepError(pr.take());
    }
    s.points_text = std::move(*text);
    s.explicit_points = read_points_csv(s.points_file, s.points_text, s.dimensions);
    s.points = static_cast<std::uint32_t>(s.explicit_points.size());
  }
  return s;
}

}  // namespace iasim::sweep
