#include "sim/cli/options.hpp"

#include <iostream>

namespace iasim::cli {

std::optional<int> parse_options(std::string_view command, std::string_view usage, const Args& args,
                                 const po::options_description& visible, const po::positional_options_description& positional,
                                 po::variables_map& vm) {
  po::options_description all = visible;
  all.add_options()("help,h", "this help");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage << "\n\n" << all;
      return exit_ok;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "iasim " << command << ": " << e.what() << "\nusage: " << usage << "\n(run 'iasim " << command
              << " --help' for the options)\n";
    return exit_bad_input;
  }
  return std::nullopt;
}

std::string joined_command_line(std::string_view command, const Args& args) {
  std::string s = "iasim " + std::string(command);
  for (const auto& a : args) {
    s += ' ';
    const bool quote = a.find_first_of(" \t'\"") != std::string::npos;
    s += quote ? "'" + a + "'" : a;
  }
  return s;
}

}  // namespace iasim::cli
