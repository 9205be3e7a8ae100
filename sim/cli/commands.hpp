#pragma once
// The table of `iasim` subcommands, in the order --help lists them.
#include <span>

#include "sim/cli/command.hpp"

namespace iasim::cli {
std::span<const Command> commands();

int run_command(const Args& args);
int compare_command(const Args& args);
int validate_command(const Args& args);
int info_command(const Args& args);
int sweep_command(const Args& args);
int calibrate_command(const Args& args);
}  // namespace iasim::cli
