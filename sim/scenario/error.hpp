#pragma once
// What `scenario::load` throws: every problem found in a scenario (all files of its `extends:` chain and the
// --set overrides), collected so an analyst can fix them in one pass.
#include <stdexcept>
#include <string>
#include <vector>

namespace iasim::scenario {

struct Diagnostic {
  std::string file;      // the YAML file as given (or "--set" for a command-line override)
  int line = 0;          // 1-based; 0 when the problem has no position (missing file, --set, whole-county check)
  int column = 0;        // 1-based; 0 as for line
  std::string key_path;  // "office.caseload_multiplier", "counties.Oslo.als"; empty for file-level problems
  std::string message;   // what is wrong and what was expected

  // "file:line:col: error: key.path: message" (position and key path left out when absent).
  std::string format() const;
};

class ScenarioError : public std::runtime_error {
 public:
  explicit ScenarioError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace iasim::scenario
