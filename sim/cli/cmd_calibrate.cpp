// `iasim calibrate`: history matching of a scenario against calibration targets (docs/calibration.md). The
// method lives in analysis/history_match.py (emulators from Debian's python3-sklearn, designs from
// python3-scipy: well-kept libraries, not numerics written again in C++); this command finds it, hands it this
// binary for the waves' sweeps, and replaces itself with it, so its options, output and exit status are the
// script's own.
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>
#include <unistd.h>

#include "sim/cli/commands.hpp"

namespace iasim::cli {

namespace {
constexpr const char* python = "/usr/bin/python3";

// analysis/history_match.py in $IASIM_SOURCE, else in the source tree this binary was built from.
std::filesystem::path history_match_script() {
  const char* env = std::getenv("IASIM_SOURCE");
  const std::filesystem::path root = env && *env ? env : IASIM_SOURCE_DIR;
  return root / "analysis" / "history_match.py";
}
}  // namespace

int calibrate_command(const Args& args) {
  const auto script = history_match_script();
  std::error_code ec;
  if (!std::filesystem::is_regular_file(script, ec)) {
    std::cerr << "iasim calibrate: cannot find " << script.string()
              << " (the calibration method); set IASIM_SOURCE to the iasim source directory\n";
    return exit_bad_input;
  }
  if (access(python, X_OK) != 0) {
    std::cerr << "iasim calibrate: needs " << python << " with python3-sklearn, python3-scipy and python3-h5py "
              << "(scripts/install-deps installs them)\n";
    return exit_bad_input;
  }
  std::vector<std::string> argv{python, script.string()};
  bool has_iasim = false;
  for (const auto& a : args) has_iasim = has_iasim || a == "--iasim" || a.rfind("--iasim=", 0) == 0;
  if (!has_iasim) {
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
      argv.push_back("--iasim");
      argv.push_back(self.string());
    }
  }
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> c_argv;
  for (auto& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::cout.flush();
  execv(python, c_argv.data());
  std::cerr << "iasim calibrate: cannot start " << python << ": " << std::system_category().message(errno) << "\n";
  return exit_failed;
}

}  // namespace iasim::cli
