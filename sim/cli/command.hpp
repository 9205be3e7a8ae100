#pragma once
// One `iasim` subcommand: its name, a one-line summary for --help, and the function that runs it.
// Each returns the process exit status: 0 success, 1 the run failed, 2 bad input (usage, file, value).
#include <string_view>
#include <vector>
#include <string>

namespace iasim::cli {

using Args = std::vector<std::string>;  // arguments after the subcommand name

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(const Args& args);
};

// Exit statuses shared by all subcommands.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;
inline constexpr int exit_bad_input = 2;

}  // namespace iasim::cli
