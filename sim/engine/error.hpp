#pragma once
#include <stdexcept>
#include <string>

namespace iasim::engine {
// Misuse of the engine by a model: scheduling in the past, breaking the lookahead, bad configuration.
// The message names the offending event and says what was expected.
class EngineError : public std::runtime_error {
 public:
  explicit EngineError(const std::string& what) : std::runtime_error(what) {}
};
}  // namespace iasim::engine
