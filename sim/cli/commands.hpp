#pragma once
// The table of `iasim` subcommands, in the order --help lists them.
#include <span>

#include "sim/cli/command.hpp"

namespace iasim::cli {
std::span<const Command> commands();
}  // namespace iasim::cli
