// `iasim validate FILE`: check a scenario without running it; --resolved prints it fully resolved.
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/scenario/load.hpp"

namespace iasim::cli {

int validate_command(const Args& args) {
  std::vector<std::string> files, sets;
  po::options_description opts("validate options");
  opts.add_options()("resolved", "print the fully resolved scenario (every parameter, every county)")
      ("set", po::value(&sets)->composing(), "override a parameter, as for run (repeatable)");
  po::positional_options_description pos;
  add_positional(opts, pos, "file", po::value(&files)->required(), "scenario files", -1);
  po::variables_map vm;
  if (auto rc = parse_options("validate", "iasim validate [--resolved] [--set key=value]... SCENARIO.yaml [...]", args, opts, pos, vm))
    return *rc;
  int rc = exit_ok;
  for (const auto& f : files) {
    try {
      const auto sc = scenario::load(f, sets);
      if (vm.count("resolved")) std::cout << sc.resolved_yaml;
      else std::cout << f << ": ok (" << sc.params.scenario_name << ")\n";
    } catch (const scenario::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      rc = exit_bad_input;
    }
  }
  return rc;
}

}  // namespace iasim::cli
