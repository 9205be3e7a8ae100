// `iasim info FILE`: what a run file holds and how it was made.
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/options.hpp"
#include "sim/output/error.hpp"
#include "sim/output/summary.hpp"

namespace iasim::cli {

int info_command(const Args& args) {
  std::vector<std::string> files;
  po::options_description opts("info options");
  po::positional_options_description pos;
  add_positional(opts, pos, "file", po::value(&files)->required(), "output file", -1);
  po::variables_map vm;
  if (auto rc = parse_options("info", "iasim info FILE.h5 [FILE.h5 ...]", args, opts, pos, vm)) return *rc;
  int rc = exit_ok;
  for (const auto& f : files) {
    try {
      std::cout << output::summarize(f) << (files.size() > 1 ? "\n" : "");
    } catch (const output::OutputError& e) {
      std::cerr << "iasim info: " << e.what() << "\n";
      rc = exit_bad_input;
    }
  }
  return rc;
}

}  // namespace iasim::cli
