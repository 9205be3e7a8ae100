#pragma once
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/output/attribute.hpp"
#include "sim/output/file_spec.hpp"

namespace iasim::output {
// A dimension as found in a file, with its coordinate values (numbers or labels, as written).
struct DimInfo {
  std::string name;
  std::size_t size = 0;
  std::vector<double> numbers;
  std::vector<std::string> labels;
  Attributes attrs;  // units, long_name, calendar, ...
};

// A data variable as found in a file. units and long_name are copies of the attributes of the same name
// (empty when absent).
struct VariableInfo {
  std::string name;
  std::vector<std::string> dims;
  std::vector<std::size_t> shape;
  DType type = DType::f64;
  std::string units;
  std::string long_name;
  Attributes attrs;  // all attributes, including units, long_name and _FillValue
};

// Values of a variable, row-major, as double (integers converted; unwritten values are the fill value).
struct Array {
  std::vector<std::size_t> shape;
  std::vector<double> values;
};

// Reads files written by NetcdfWriter (for `iasim info`, `iasim compare`, sweep merge). Opening checks the
// layout: a file that is not HDF5, is truncated, or is HDF5 without dimension scales on every variable gives an
// OutputError naming the file and the problem. HDF5's own error printing is silenced.
class NetcdfReader {
 public:
  // `probed`: this process has opened the same, unchanged file before (its probe ran then), so the probe of
  // reader_probe.hpp is not run again; sweep merge checks every task file before it reads any.
  enum class Probe { run, already_probed };
  explicit NetcdfReader(const std::filesystem::path& file, Probe probe = Probe::run);
  NetcdfReader(NetcdfReader&&) noexcept;
  NetcdfReader& operator=(NetcdfReader&&) noexcept;
  NetcdfReader(const NetcdfReader&) = delete;
  NetcdfReader& operator=(const NetcdfReader&) = delete;
  ~NetcdfReader();

  const std::filesystem::path& path() const;
  const std::vector<DimInfo>& dims() const;            // in file order
  const std::vector<VariableInfo>& variables() const;  // data variables (not coordinates), in file order
  const Attributes& global_attrs() const;

  // Lookups; throw OutputError naming the file and the missing name.
  const DimInfo& dim(std::string_view name) const;
  const VariableInfo& variable(std::string_view name) const;

  // The whole variable, or the hyperslab start .. start+count (one entry per dimension).
  Array read(std::string_view variable) const;
  Array read(std::string_view variable, std::span<const std::size_t> start,
             std::span<const std::size_t> count) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
}  // namespace iasim::output
