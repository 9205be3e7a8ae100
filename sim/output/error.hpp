#pragma once
#include <stdexcept>
#include <string>

namespace iasim::output {
// Anything that goes wrong creating, writing or reading an output file: a missing or full directory, a file
// that exists without --force, a file that is not HDF5 or not laid out as iasim writes it. The message names the
// file and says what to do about it; the CLI prints it as it is.
class OutputError : public std::runtime_error {
 public:
  explicit OutputError(const std::string& what) : std::runtime_error(what) {}
};
}  // namespace iasim::output
