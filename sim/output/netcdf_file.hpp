#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>

#include "sim/output/attribute.hpp"
#include "sim/output/file_spec.hpp"

namespace iasim::output {
// Free space the target directory must have before a run starts, so that a long run does not die at the end
// on a full disk. Outputs are compressed and rarely exceed this; callers with a size estimate pass their own.
inline constexpr std::uintmax_t default_min_free_bytes = 64ull * 1024 * 1024;

// Writes one output file: HDF5 laid out as netCDF-4 with CF-1.8 attributes, readable by xarray (h5netcdf),
// netCDF-C (ncdump), h5py and R. Every variable is chunked (one replicate x up to 52 time steps x the other
// dimensions in full) and compressed (shuffle + deflate 4), and written slice by slice, so memory does not
// grow with horizon x replicates. Unwritten values read as the fill value (NaN for floats).
//
// The file is built under a temporary name beside the target (`<target>.partial-<pid>-<n>`) and renamed to the
// target only by commit(), so the target is either absent, the previous file, or complete. An uncommitted
// writer deletes its temporary file when destroyed; on SIGINT/SIGTERM the handlers of interrupt.hpp do.
class NetcdfWriter {
 public:
  // Checks the spec, that the target's directory exists, is writable and has at least min_free_bytes free,
  // and that the target does not exist unless overwrite (--force) is set; then creates the temporary file with
  // all dimensions, coordinates and (empty) variables. Throws OutputError saying what to fix.
  static NetcdfWriter create(const std::filesystem::path& target, const FileSpec& spec, bool overwrite,
                             std::uintmax_t min_free_bytes = default_min_free_bytes);

  NetcdfWriter(NetcdfWriter&&) noexcept;
  NetcdfWriter& operator=(NetcdfWriter&&) noexcept;
  NetcdfWriter(const NetcdfWriter&) = delete;
  NetcdfWriter& operator=(const NetcdfWriter&) = delete;
  // Not committed: closes and deletes the temporary file; the target is untouched.
  ~NetcdfWriter();

  // Writes the hyperslab start[i] .. start[i]+count[i] of `variable` (one entry per dimension of the variable),
  // from `data` in row-major order (data.size() == product of count). Thread-safe: replicates running in
  // parallel each write their own slices (calls are serialised inside).
  void write(std::string_view variable, std::span<const std::size_t> start, std::span<const std::size_t> count,
             std::span<const double> data);

  // Sets (or replaces) a global attribute, e.g. run statistics known only at the end. Thread-safe.
  void set_global_attr(std::string_view name, const AttrValue& value);

  // Flushes and closes the file, then renames it to the target atomically (refusing, without --force, if a
  // target appeared meanwhile). Afterwards the file is complete and this writer accepts no more calls.
  void commit();

  const std::filesystem::path& target() const;
  // The temporary file being written (until commit()); for tests and error messages.
  const std::filesystem::path& temporary_path() const;

 private:
  struct Impl;
  explicit NetcdfWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};
}  // namespace iasim::output
