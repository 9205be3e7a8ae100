#include "sim/cli/commands.hpp"

#include <vector>

namespace iasim::cli {

std::span<const Command> commands() {
  static const std::vector<Command> table = {};
  return table;
}

}  // namespace iasim::cli
