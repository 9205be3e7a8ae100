// `iasim`: the command-line entry point. Dispatches to the subcommands in commands.cpp.
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>
#include <span>
#include <system_error>

#include "sim/cli/commands.hpp"
#include "sim/output/interrupt.hpp"
#include "sim/output/reader_probe.hpp"
#include "sim/version.hpp"

namespace {

void print_help(std::ostream& os) {
  os << "iasim " << iasim::version()
     << " - agent-based simulator of the IA agreement and the Job Strategy in NAV\n\n"
        "usage: iasim <command> [options]\n       iasim <command> --help\n\ncommands:\n";
  for (const auto& c : iasim::cli::commands()) {
    os << "  " << c.name << std::string(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ') << c.summary << "\n";
  }
  os << "\noptions:\n  -h, --help     this help\n  -V, --version  version and git commit\n";
}

}  // namespace

int main(int argc, char** argv) {
  using namespace iasim::cli;
  // The reader's probe: this program, started by itself to read a file with libhdf5 first (reader_probe.hpp).
  if (argc == 4 && std::strcmp(argv[1], iasim::output::probe_argument) == 0)
    iasim::output::reader_probe_main(argv[2], argv[3]);
  std::error_code ec;
  if (const auto self = std::filesystem::read_symlink("/proc/self/exe", ec); !ec) iasim::output::use_reader_probe(self);
  iasim::output::install_crash_handlers();  // last resort only: deletes temporary files, names a file being read
  if (argc < 2) {
    print_help(std::cerr);
    return exit_bad_input;
  }
  const std::string_view first = argv[1];
  if (first == "-h" || first == "--help" || first == "help") {
    print_help(std::cout);
    return exit_ok;
  }
  if (first == "-V" || first == "--version") {
    std::cout << "iasim " << iasim::version() << " (git " << iasim::git_commit() << ")\n";
    return exit_ok;
  }
  for (const auto& c : commands()) {
    if (c.name != first) continue;
    // Every exception is caught, never left to std::terminate: only unwinding runs the destructors that delete
    // a half-written output file. Bad input is reported by the commands themselves (exit 2); what arrives here
    // is a failure of the run (exit 1), out of memory included.
    try {
      return c.run(Args(argv + 2, argv + argc));
    } catch (const std::bad_alloc&) {
      std::cerr << "iasim " << first << ": out of memory; try fewer --threads, a smaller run.population_scale or a "
                << "shorter horizon (no output file was written)\n";
    } catch (const std::exception& e) {
      std::cerr << "iasim " << first << ": internal error: " << e.what()
                << "\n(no output file was written; please report this with the command line)\n";
    }
    return exit_failed;
  }
  std::cerr << "iasim: unknown command '" << first << "'; run 'iasim --help' for the list\n";
  return exit_bad_input;
}
