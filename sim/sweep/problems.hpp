#pragma once
// An error that is a list of problems, each on its own line of what(): sweep files and merges report every
// problem they find at once, not the first.
#include <stdexcept>
#include <string>
#include <vector>

namespace iasim::sweep {

class ProblemsError : public std::runtime_error {
 public:
  explicit ProblemsError(std::vector<std::string> problems) : std::runtime_error(join(problems)), problems_(std::move(problems)) {}
  const std::vector<std::string>& problems() const noexcept { return problems_; }

 private:
  static std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& p : v) {
      if (!s.empty()) s += '\n';
      s += p;
    }
    return s;
  }
  std::vector<std::string> problems_;
};

}  // namespace iasim::sweep
