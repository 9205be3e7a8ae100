#pragma once
// Task index <-> (point, replicate): task = point * replicates + replicate. Fixed and documented
// (docs/sweeps.md), so a task index means the same on every rank, array element and restart.
#include <cstdint>
#include <filesystem>
#include <string>

namespace iasim::sweep {

struct TaskId {
  std::uint64_t point = 0;
  std::uint32_t replicate = 0;
  bool operator==(const TaskId&) const = default;
};

constexpr std::uint64_t task_index(TaskId t, std::uint32_t replicates) {
  return t.point * replicates + t.replicate;
}
constexpr TaskId task_id(std::uint64_t task, std::uint32_t replicates) {
  return {task / replicates, static_cast<std::uint32_t>(task % replicates)};
}

// `task-000123.h5` (at least six digits).
std::string task_file_name(std::uint64_t task);
inline std::filesystem::path task_path(const std::filesystem::path& out_dir, std::uint64_t task) {
  return out_dir / task_file_name(task);
}

// Tasks of Slurm array element `element` when `per_element` tasks are packed into each: [first, last).
struct TaskRange {
  std::uint64_t first = 0, last = 0;
};
constexpr TaskRange element_tasks(std::uint64_t element, std::uint64_t per_element, std::uint64_t total) {
  const std::uint64_t first = element * per_element;
  const std::uint64_t last = first + per_element;
  return {first < total ? first : total, last < total ? last : total};
}
constexpr std::uint64_t element_count(std::uint64_t per_element, std::uint64_t total) {
  return (total + per_element - 1) / per_element;
}

}  // namespace iasim::sweep
