#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "sim/output/attribute.hpp"

namespace iasim::output {
// One dimension of an output file and its coordinate variable (stored as an HDF5 dimension scale of the same
// name). Exactly one of `numbers` and `labels` is non-empty; its length is the dimension's size.
//   numbers: e.g. time in days with attrs {units: "days since 2015-01-01", calendar: "proleptic_gregorian"}
//   labels:  UTF-8 text, e.g. county names ("Møre og Romsdal") or state names
// attrs are CF attributes of the coordinate (units, long_name, calendar, ...).
struct Coordinate {
  std::string dim;
  std::vector<double> numbers;
  std::vector<std::string> labels;
  std::map<std::string, std::string> attrs;

  std::size_t size() const { return labels.empty() ? numbers.size() : labels.size(); }
};

// The type a variable is stored as. Values are always passed as double; the file stores the narrower type
// (f32 halves the size of outputs whose precision is a few digits anyway; integer types must get integral
// values).
enum class DType { f64, f32, i32, i64 };

// A data variable over some of the file's dimensions (in this order; the last varies fastest). units and
// long_name are required (CF; use "1" for dimensionless counts and shares).
struct VariableSpec {
  std::string name;
  std::vector<std::string> dims;
  DType type = DType::f64;
  std::string units;
  std::string long_name;
  std::map<std::string, std::string> extra_attrs;  // e.g. standard_name, comment, cell_methods
  int deflate_level = 4;  // 1 (fastest) .. 9 (smallest); large, sparse variables compress well enough at 1
};

// The whole layout of a file, fixed before the first value is written.
struct FileSpec {
  std::vector<Coordinate> dims;  // in order; every variable's dims must be among them
  std::vector<VariableSpec> variables;
  Attributes global_attrs;  // "Conventions" = "CF-1.8" is added unless given
};
}  // namespace iasim::output
