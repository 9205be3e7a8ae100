#include "sim/sweep/merge.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <variant>

#include "sim/output/netcdf_file.hpp"
#include "sim/output/netcdf_reader.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/version.hpp"

namespace iasim::sweep {

namespace {

std::string task_label(const Plan& plan, std::uint64_t task) {
  const auto id = task_id(task, plan.sweep.replicates);
  return task_file_name(task) + " (point " + std::to_string(id.point) + ", replicate " + std::to_string(id.replicate) + ")";
}

std::map<std::string, std::string> string_attrs(const output::Attributes& a) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : a)
    if (k != "_FillValue" && k != "units" && k != "long_name") out[k] = output::to_string(v);
  return out;
}

bool same_dims(const std::vector<output::DimInfo>& a, const std::vector<output::DimInfo>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].name != b[i].name || a[i].size != b[i].size || a[i].labels != b[i].labels) return false;
    if (a[i].name != "replicate" && a[i].numbers != b[i].numbers) return false;
  }
  return true;
}

}  // namespace


std::string param_variable_name(const std::string& scenario_path) {
  std::string n = "param_" + scenario_path;
  std::replace_if(n.begin(), n.end(), [](char c) { return !(std::isalnum(static_cast<unsigned char>(c)) || c == '_'); }, '_');
  return n;
}

void merge(const Plan& plan, const std::filesystem::path& out_dir, const std::filesystem::path& target, bool overwrite) {
  const auto& sw = plan.sweep;
  const std::uint64_t tasks = plan.task_count();
  const std::size_t P = plan.points.size(), R = sw.replicates;

  // 1. Every task complete and made from this sweep's parameters, or nothing is written.
  std::vector<std::string> problems;
  std::string base_yaml;
  for (std::size_t p = 0; p < P; ++p) {
    const auto sc = point_scenario(plan, p);
    for (std::uint32_t r = 0; r < R; ++r) {
      const auto t = task_index({p, r}, sw.replicates);
      if (auto why = task_file_problem(task_path(out_dir, t), sc, r); !why.empty())
        problems.push_back(task_label(plan, t) + ": " + why);
    }
  }
  if (!problems.empty()) throw MergeError(std::move(problems));

  // 2. The layout, from task 0.
  output::NetcdfReader first(task_path(out_dir, 0));
  const auto first_dims = first.dims();
  const auto vars = first.variables();
  output::FileSpec spec;
  output::Coordinate point;
  point.dim = "point";
  for (std::size_t p = 0; p < P; ++p) point.numbers.push_back(static_cast<double>(p));
  point.attrs = {{"long_name", "sweep point (task = point * replicates + replicate)"}, {"units", "1"}};
  spec.dims.push_back(point);
  for (const auto& d : first_dims) {
    output::Coordinate c;
    c.dim = d.name;
    c.labels = d.labels;
    c.numbers = d.numbers;
    c.attrs = string_attrs(d.attrs);
    for (const char* k : {"units", "long_name"})
      if (auto it = d.attrs.find(k); it != d.attrs.end()) c.attrs[k] = output::to_string(it->second);
    if (d.name == "replicate") {
      c.numbers.clear();
      for (std::size_t r = 0; r < R; ++r) c.numbers.push_back(static_cast<double>(r));
    }
    spec.dims.push_back(std::move(c));
  }
  std::string coords;
  for (const auto& d : sw.dimensions) coords += (coords.empty() ? "" : " ") + param_variable_name(d.path);
  for (const auto& d : sw.dimensions) {
    output::VariableSpec v;
    v.name = param_variable_name(d.path);
    v.dims = {"point"};
    v.type = output::DType::f64;
    v.units = "1";
    v.long_name = "value of " + d.path + " at each point";
    v.extra_attrs["scenario_path"] = d.path;
    // The schema's unit ("share", "logit", "h/week") is not always a UDUNITS string, so it goes beside units.
    const std::string sp = d.path.rfind("counties.", 0) == 0 ? d.path.substr(d.path.find('.', 9) + 1) : d.path;
    if (const auto* param = scenario::find_param(sp)) {
      if (!param->unit.empty()) v.extra_attrs["parameter_unit"] = std::string(param->unit);
      v.extra_attrs["description"] = std::string(param->description);
    }
    if (!d.values.empty()) v.extra_attrs["comment"] = "chosen from the listed values; NaN for non-numeric values";
    spec.variables.push_back(std::move(v));
  }
  for (const auto& vi : vars) {
    output::VariableSpec v;
    v.name = vi.name;
    v.dims = {"point"};
    v.dims.insert(v.dims.end(), vi.dims.begin(), vi.dims.end());
    v.type = vi.type;
    v.units = vi.units;
    v.long_name = vi.long_name;
    v.extra_attrs = string_attrs(vi.attrs);
    // The sweep's parameters, and the task file's own coordinates (the offices' size class and engagement).
    const auto own = v.extra_attrs.find("coordinates");
    const std::string theirs = own == v.extra_attrs.end() ? std::string() : own->second;
    v.extra_attrs["coordinates"] = theirs.empty() ? coords : coords.empty() ? theirs : coords + " " + theirs;
    spec.variables.push_back(std::move(v));
  }
  {
    output::VariableSpec ev;
    ev.name = "events";
    ev.dims = {"point", "replicate"};
    ev.type = output::DType::i64;
    ev.units = "1";
    ev.long_name = "events handled by the task's simulation";
    ev.extra_attrs["coordinates"] = coords;
    spec.variables.push_back(std::move(ev));
  }
  // Only what the sweep determines: no time stamps, hosts or command lines (see the header).
  auto& g = spec.global_attrs;
  g["Conventions"] = std::string("CF-1.8");
  g["title"] = "iasim sweep: " + sw.name;
  g["source"] = std::string("iasim ") + version() + " (git " + git_commit() + ")";
  g["iasim_version"] = std::string(version());
  g["git_commit"] = std::string(git_commit());
  g["sweep"] = sw.name;
  g["sweep_yaml"] = sw.text;
  if (sw.design == Design::points) g["points_csv"] = sw.points_text;  // the design itself, beside the file naming it
  g["design"] = std::string(design_name(sw.design));
  g["design_points"] = static_cast<std::int64_t>(sw.points);
  g["parameters"] = coords;
  g["points"] = static_cast<std::int64_t>(P);
  g["replicates"] = static_cast<std::int64_t>(R);
  g["seed"] = static_cast<std::int64_t>(sw.seed);
  g["task_mapping"] = std::string("task = point * replicates + replicate; file task-NNNNNN.h5");
  for (const char* k : {"horizon_years", "population_scale", "scenario", "metrics"})
    if (auto it = first.global_attrs().find(k); it != first.global_attrs().end()) g[k] = it->second;
  if (auto it = first.global_attrs().find("scenario_yaml"); it != first.global_attrs().end())
    g["point0_scenario_yaml"] = it->second;

  auto writer = output::NetcdfWriter::create(target, spec, overwrite);
  for (std::size_t j = 0; j < sw.dimensions.size(); ++j) {
    std::vector<double> col(P);
    for (std::size_t p = 0; p < P; ++p) col[p] = plan.points[p].numbers[j];
    const std::size_t start[] = {0}, count[] = {P};
    writer.write(param_variable_name(sw.dimensions[j].path), start, count, col);
  }

  // 3. One task at a time, in task order (the same write sequence every time -> the same bytes).
  for (std::uint64_t t = 0; t < tasks; ++t) {
    const auto id = task_id(t, sw.replicates);
    std::optional<output::NetcdfReader> reader;
    try {
      // Step 1 opened every task file, and its probe read it in a separate process: not again.
      reader.emplace(task_path(out_dir, t), output::NetcdfReader::Probe::already_probed);
    } catch (const std::exception& e) {
      throw MergeError({task_label(plan, t) + ": damaged: " + e.what()});
    }
    const auto& r = *reader;
    if (!same_dims(r.dims(), first_dims))
      throw MergeError({task_label(plan, t) + ": its dimensions differ from task-000000.h5's (were the tasks made "
                                              "with different horizons or iasim versions?)"});
    for (const auto& vi : vars) {
      output::Array a;
      try {
        a = r.read(vi.name);
      } catch (const std::exception& e) {  // a file damaged inside its data: the check above only read metadata
        throw MergeError({task_label(plan, t) + ": damaged: " + e.what()});
      }
      std::vector<std::size_t> start(a.shape.size() + 1, 0), count(a.shape.size() + 1, 1);
      start[0] = id.point;
      start[1] = id.replicate;
      for (std::size_t k = 1; k < a.shape.size(); ++k) count[k + 1] = a.shape[k];
      writer.write(vi.name, start, count, a.values);
    }
    // Present and an integer: step 1 refused any task file without it (task_file_problem).
    const double events = static_cast<double>(std::get<std::int64_t>(r.global_attrs().at("events")));
    const std::size_t s2[] = {id.point, id.replicate}, c2[] = {1, 1};
    const double ev[] = {events};
    writer.write("events", s2, c2, ev);
  }
  writer.commit();
}

}  // namespace iasim::sweep
