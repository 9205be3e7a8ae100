#include "sim/sweep/plan.hpp"

#include <algorithm>
#include <cstdio>
#include <system_error>
#include <variant>

#include "sim/output/netcdf_reader.hpp"

namespace iasim::sweep {

Plan make_plan(Sweep s) {
  Plan p;
  p.points = make_points(s);
  p.sweep = std::move(s);
  return p;
}

scenario::Scenario point_scenario(const Plan& plan, std::uint64_t point) {
  return scenario::load(plan.sweep.base, task_overrides(plan.sweep, plan.points.at(point)));
}

std::string task_file_problem(const std::filesystem::path& file, const scenario::Scenario& expected, std::uint32_t replicate) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return "missing";
  try {
    output::NetcdfReader r(file);
    const auto& rep = r.dim("replicate");
    if (rep.size != 1 || rep.numbers.size() != 1 || rep.numbers[0] != replicate)
      return "holds the wrong replicate (expected only replicate " + std::to_string(replicate) + ")";
    const auto it = r.global_attrs().find("scenario_yaml");
    if (it == r.global_attrs().end() || !std::holds_alternative<std::string>(it->second))
      return "has no scenario_yaml attribute";
    if (std::get<std::string>(it->second) != expected.resolved_yaml)
      return "was made with other parameters (the sweep file or base scenario changed since)";
    // iasim run sets `events` when it commits a finished run; merge copies it into the merged file.
    const auto ev = r.global_attrs().find("events");
    if (ev == r.global_attrs().end() || !std::holds_alternative<std::int64_t>(ev->second))
      return "lacks the 'events' attribute that a finished iasim run writes";
  } catch (const std::exception& e) {
    return std::string("damaged: ") + e.what();
  }
  return {};
}

std::size_t remove_stale_partials(const std::filesystem::path& out_dir, const std::vector<std::uint64_t>& tasks) {
  std::error_code ec;
  std::size_t removed = 0;
  std::vector<std::string> prefixes;
  for (auto t : tasks) prefixes.push_back(task_file_name(t) + ".partial-");
  if (tasks.empty()) prefixes.push_back(".partial-");
  for (const auto& e : std::filesystem::directory_iterator(out_dir, ec)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("task-", 0) != 0) continue;
    const bool match = std::any_of(prefixes.begin(), prefixes.end(), [&](const std::string& p) {
      return tasks.empty() ? n.find(p) != std::string::npos : n.rfind(p, 0) == 0;
    });
    if (match && std::filesystem::remove(e.path(), ec)) ++removed;
  }
  return removed;
}

std::string task_file_name(std::uint64_t task) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "task-%06llu.h5", static_cast<unsigned long long>(task));
  return buf;
}

}  // namespace iasim::sweep
