#include "sim/output/netcdf_file.hpp"

#include <fcntl.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "sim/output/detail/hdf5.hpp"
#include "sim/output/error.hpp"
#include "sim/output/interrupt.hpp"

namespace iasim::output {
namespace fs = std::filesystem;
using detail::check;
using detail::check_status;
using detail::Handle;

namespace {
// Chunk shape: one replicate x up to a year of weekly steps x the rest in full, so a replicate writing its time
// steps touches few chunks and a reader of one replicate or one year decompresses little.
constexpr hsize_t time_steps_per_chunk = 52;
// Upper bound on a chunk (elements), far below HDF5's 4 GiB limit and small enough for the chunk cache.
constexpr hsize_t max_chunk_elements = hsize_t{1} << 20;
// Per-dataset chunk cache: large enough that parallel replicates writing interleaved slices rarely evict a
// chunk before it is complete (which would cost a recompression), small enough to stay bounded.
constexpr std::size_t chunk_cache_bytes = 4u * 1024 * 1024;
constexpr std::size_t chunk_cache_slots = 10007;  // a prime, as HDF5 recommends

// netCDF's default fill values for integers (netcdf.h NC_FILL_INT / NC_FILL_INT64), so that netCDF tools and
// xarray recognise unwritten integer values.
constexpr std::int32_t fill_i32 = -2147483647;
constexpr std::int64_t fill_i64 = -9223372036854775806LL;

hid_t file_type_of(DType type) {
  switch (type) {
    case DType::f64: return H5T_IEEE_F64LE;
    case DType::f32: return H5T_IEEE_F32LE;
    case DType::i32: return H5T_STD_I32LE;
    case DType::i64: return H5T_STD_I64LE;
  }
  return H5T_IEEE_F64LE;
}

// Built by appending: GCC 12 warns falsely (-Wrestrict, PR 105651) on "literal" + std::string at -O3.
std::string quoted(const fs::path& p) {
  std::string s = "'";
  s += p.string();
  s += '\'';
  return s;
}

void validate(const fs::path& target, const FileSpec& spec) {
  const std::string where = "output file " + quoted(target) + ": ";
  std::set<std::string> names;
  for (const auto& c : spec.dims) {
    if (c.dim.empty()) throw OutputError(where + "a dimension has no name");
    if (!names.insert(c.dim).second) throw OutputError(where + "dimension '" + c.dim + "' is declared twice");
    if (c.numbers.empty() == c.labels.empty())
      throw OutputError(where + "dimension '" + c.dim +
                        "' needs exactly one of numbers or labels as its coordinate, and at least one value");
  }
  for (const auto& v : spec.variables) {
    if (v.name.empty()) throw OutputError(where + "a variable has no name");
    if (!names.insert(v.name).second)
      throw OutputError(where + "variable '" + v.name + "' has the name of another variable or dimension");
    if (v.units.empty() || v.long_name.empty())
      throw OutputError(where + "variable '" + v.name + "' needs units and long_name (use units \"1\" for counts)");
    std::set<std::string> seen;
    for (const auto& d : v.dims) {
      const bool known = std::any_of(spec.dims.begin(), spec.dims.end(), [&](const auto& c) { return c.dim == d; });
      if (!known) throw OutputError(where + "variable '" + v.name + "' uses undeclared dimension '" + d + "'");
      if (!seen.insert(d).second) throw OutputError(where + "variable '" + v.name + "' repeats dimension '" + d + "'");
    }
  }
}

void check_target(const fs::path& target, bool overwrite, std::uintmax_t min_free_bytes) {
  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::error_code ec;
  // The nearest ancestor that exists: a file there (-o results.txt/run.h5) is the mistake to name.
  for (fs::path p = dir; !p.empty(); p = p.parent_path()) {
    if (!fs::exists(fs::symlink_status(p, ec))) {
      if (p == p.parent_path()) break;
      continue;
    }
    if (!fs::is_directory(p, ec))
      throw OutputError("cannot write " + quoted(target) + ": " + quoted(p) +
                        " is not a directory; choose another output path");
    break;
  }
  if (!fs::is_directory(dir, ec))
    throw OutputError("cannot write " + quoted(target) + ": directory " + quoted(dir) +
                      " does not exist; create it or choose another output path");
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    throw OutputError("cannot write " + quoted(target) + ": directory " + quoted(dir) +
                      " is not writable; choose another output path or fix its permissions");
  if (fs::is_directory(target, ec))
    throw OutputError("cannot write " + quoted(target) + ": it is a directory; give a file name");
  if (!overwrite && fs::exists(fs::symlink_status(target, ec)))
    throw OutputError(target.string() + " exists; pass --force to overwrite");
  const fs::space_info space = fs::space(dir, ec);
  if (!ec && space.available < min_free_bytes)
    throw OutputError("cannot write " + quoted(target) + ": only " + std::to_string(space.available >> 20) +
                      " MiB free in " + quoted(dir) + ", need at least " + std::to_string(min_free_bytes >> 20) +
                      " MiB; free some space or write elsewhere");
}

fs::path temporary_name(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  return fs::path(target.string() + ".partial-" + std::to_string(::getpid()) + "-" +
                  std::to_string(counter.fetch_add(1)));
}

// Forces the file's data to disk before it gets the target's name, so a crash cannot leave a target that
// names an incomplete file.
void sync_path(const fs::path& p, bool directory) {
  const int fd = ::open(p.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

struct Variable {
  VariableSpec spec;
  std::vector<hsize_t> shape;
  Handle dataset;
};
}  // namespace

struct NetcdfWriter::Impl {
  fs::path target;
  fs::path temp;
  bool overwrite = false;
  bool committed = false;
  int registry_slot = -1;
  std::mutex mutex;  // serialises every HDF5 call and the state below
  Handle file;
  std::vector<Variable> variables;

  ~Impl() {
    if (committed) return;
    // Not committed (an exception, or the run was abandoned): leave no partial file behind.
    for (auto& v : variables) v.dataset.reset();
    file.reset();
    ::unlink(temp.c_str());
    deregister_temp_file(registry_slot);
  }

  Variable& find(std::string_view name) {
    for (auto& v : variables)
      if (v.spec.name == name) return v;
    std::string known;
    for (const auto& v : variables) {
      if (!known.empty()) known += ", ";
      known += v.spec.name;
    }
    throw OutputError("output file " + quoted(target) + " has no variable '" + std::string(name) +
                      "' (it has: " + known + ")");
  }

  void create_coordinate(const Coordinate& c) {
    const hsize_t n = c.size();
    Handle space(check(H5Screate_simple(1, &n, nullptr), "dimension " + c.dim), H5Sclose);
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), "dimension " + c.dim), H5Pclose);
    set_common_creation_properties(dcpl.get());
    Handle dataset;
    if (!c.labels.empty()) {
      Handle type = detail::vlen_utf8_string_type();
      dataset = Handle(check(H5Dcreate2(file.get(), c.dim.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                        dcpl.get(), H5P_DEFAULT),
                             "creating coordinate " + c.dim),
                       H5Dclose);
      std::vector<const char*> pointers;
      pointers.reserve(c.labels.size());
      for (const auto& label : c.labels) pointers.push_back(label.c_str());
      check_status(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                   "writing coordinate " + c.dim);
    } else {
      dataset = Handle(check(H5Dcreate2(file.get(), c.dim.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                                        dcpl.get(), H5P_DEFAULT),
                             "creating coordinate " + c.dim),
                       H5Dclose);
      check_status(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, c.numbers.data()),
                   "writing coordinate " + c.dim);
    }
    // The scale's NAME is the dimension's name; netCDF-C and h5netcdf take a scale whose dataset has the same
    // name as its coordinate variable.
    check_status(H5DSset_scale(dataset.get(), c.dim.c_str()), "making " + c.dim + " a dimension scale");
    for (const auto& [key, value] : c.attrs) detail::write_attr(dataset.get(), key, value);
  }

  static void set_common_creation_properties(hid_t dcpl) {
    // netCDF-C lists attributes in creation order and expects it tracked on every object it wrote.
    check_status(H5Pset_attr_creation_order(dcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
                 "attribute creation order");
    // No modification times in the file: the same run gives the same bytes.
    check_status(H5Pset_obj_track_times(dcpl, false), "object times");
  }

  void create_variable(const VariableSpec& spec, const FileSpec& file_spec) {
    Variable v;
    v.spec = spec;
    for (const auto& d : spec.dims) {
      const auto it = std::find_if(file_spec.dims.begin(), file_spec.dims.end(),
                                   [&](const Coordinate& c) { return c.dim == d; });
      v.shape.push_back(it->size());
    }
    std::vector<hsize_t> chunk(v.shape.size());
    for (std::size_t i = 0; i < chunk.size(); ++i) {
      // A sweep merge writes one point at a time (a variable over point alone is written whole).
      if (spec.dims[i] == "replicate" || (spec.dims[i] == "point" && chunk.size() > 1)) chunk[i] = 1;
      else if (spec.dims[i] == "time") chunk[i] = std::min(v.shape[i], time_steps_per_chunk);
      else chunk[i] = v.shape[i];
    }
    auto elements = [&] {
      hsize_t n = 1;
      for (auto c : chunk) n *= c;
      return n;
    };
    for (std::size_t i = 0; elements() > max_chunk_elements && i < chunk.size();) {
      if (chunk[i] > 1) chunk[i] = (chunk[i] + 1) / 2;
      else ++i;
    }

    const std::string what = "variable " + spec.name;
    const hsize_t* dims_ptr = v.shape.empty() ? nullptr : v.shape.data();
    Handle space(check(v.shape.empty() ? H5Screate(H5S_SCALAR)
                                       : H5Screate_simple(static_cast<int>(v.shape.size()), dims_ptr, nullptr),
                       what),
                 H5Sclose);
    Handle dcpl(check(H5Pcreate(H5P_DATASET_CREATE), what), H5Pclose);
    set_common_creation_properties(dcpl.get());
    if (!v.shape.empty()) {
      check_status(H5Pset_chunk(dcpl.get(), static_cast<int>(chunk.size()), chunk.data()), what + " chunks");
      check_status(H5Pset_shuffle(dcpl.get()), what + " shuffle filter");
      check_status(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(std::clamp(spec.deflate_level, 1, 9))), what + " deflate filter");
      // A checksum per chunk, which HDF5 itself checks on every read: a flipped byte is then an error that
      // names the file and the variable, never a wrong number (deflate alone notices only some damage).
      // netCDF-4, h5py, h5netcdf and R's hdf5r all read Fletcher32 chunks.
      check_status(H5Pset_fletcher32(dcpl.get()), what + " Fletcher32 checksum filter");
    }
    const hid_t file_type = file_type_of(spec.type);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const float nan_f = std::numeric_limits<float>::quiet_NaN();
    const void* fill = nullptr;
    hid_t fill_type = H5T_NATIVE_DOUBLE;
    switch (spec.type) {
      case DType::f64: fill = &nan; fill_type = H5T_NATIVE_DOUBLE; break;
      case DType::f32: fill = &nan_f; fill_type = H5T_NATIVE_FLOAT; break;
      case DType::i32: fill = &fill_i32; fill_type = H5T_NATIVE_INT32; break;
      case DType::i64: fill = &fill_i64; fill_type = H5T_NATIVE_INT64; break;
    }
    check_status(H5Pset_fill_value(dcpl.get(), fill_type, fill), what + " fill value");
    // Chunks are allocated when first written, so a file that is never fully written stays small.
    check_status(H5Pset_alloc_time(dcpl.get(), H5D_ALLOC_TIME_INCR), what + " allocation");
    Handle dapl(check(H5Pcreate(H5P_DATASET_ACCESS), what), H5Pclose);
    check_status(H5Pset_chunk_cache(dapl.get(), chunk_cache_slots, chunk_cache_bytes, 1.0), what + " cache");
    v.dataset = Handle(check(H5Dcreate2(file.get(), spec.name.c_str(), file_type, space.get(), H5P_DEFAULT,
                                        dcpl.get(), dapl.get()),
                             "creating " + what),
                       H5Dclose);

    for (std::size_t i = 0; i < spec.dims.size(); ++i) {
      Handle scale(check(H5Dopen2(file.get(), spec.dims[i].c_str(), H5P_DEFAULT), what), H5Dclose);
      check_status(H5DSattach_scale(v.dataset.get(), scale.get(), static_cast<unsigned>(i)),
                   "attaching dimension " + spec.dims[i] + " to " + what);
    }
    // CF: _FillValue must have the variable's type.
    detail::write_typed_attr(v.dataset.get(), "_FillValue", file_type, fill_type, fill);
    detail::write_attr(v.dataset.get(), "units", spec.units);
    detail::write_attr(v.dataset.get(), "long_name", spec.long_name);
    for (const auto& [key, value] : spec.extra_attrs) detail::write_attr(v.dataset.get(), key, value);
    variables.push_back(std::move(v));
  }
};

NetcdfWriter::NetcdfWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NetcdfWriter::NetcdfWriter(NetcdfWriter&&) noexcept = default;
NetcdfWriter& NetcdfWriter::operator=(NetcdfWriter&&) noexcept = default;
NetcdfWriter::~NetcdfWriter() = default;

const fs::path& NetcdfWriter::target() const { return impl_->target; }
const fs::path& NetcdfWriter::temporary_path() const { return impl_->temp; }

NetcdfWriter NetcdfWriter::create(const fs::path& target, const FileSpec& spec, bool overwrite,
                                  std::uintmax_t min_free_bytes) {
  detail::silence_hdf5_errors();
  validate(target, spec);
  check_target(target, overwrite, min_free_bytes);

  auto impl = std::make_unique<Impl>();
  impl->target = target;
  impl->overwrite = overwrite;
  impl->temp = temporary_name(target);
  // Registered before the file exists: a signal between creating and registering would otherwise leak it.
  // Absolute, so that the handler finds it even if the process changed directory meanwhile.
  std::error_code ec;
  const fs::path absolute_temp = fs::absolute(impl->temp, ec);
  impl->registry_slot = register_temp_file(ec ? impl->temp.c_str() : absolute_temp.c_str());
  if (impl->registry_slot < 0)
    throw OutputError("cannot write " + quoted(target) + ": too many output files open at once (at most " +
                      std::to_string(max_registered_temp_files) + ") or the path is longer than " +
                      std::to_string(max_registered_path_bytes - 1) + " bytes");

  Handle fcpl(check(H5Pcreate(H5P_FILE_CREATE), "file properties"), H5Pclose);
  // netCDF-C reads variables and attributes in creation order and expects the order tracked and indexed.
  check_status(H5Pset_link_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
               "link creation order");
  check_status(H5Pset_attr_creation_order(fcpl.get(), H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
               "attribute creation order");
  // No times in the root group's object header either (creation-order tracking gives it a version-2 header,
  // which stores them by default): the same content gives the same bytes, so merged sweeps compare with cmp.
  check_status(H5Pset_obj_track_times(fcpl.get(), false), "root group times");
  Handle fapl(check(H5Pcreate(H5P_FILE_ACCESS), "file access properties"), H5Pclose);
  // The HDF5 1.8 file format, as its lowest version too: readable by every netCDF-4 and HDF5 >= 1.8 tool, and
  // its metadata (superblock v2, object headers v2, fractal heaps, v2 B-trees) carries checksums that libhdf5
  // verifies on read, so damaged metadata is an error rather than a wild read (the 1.0 structures that
  // EARLIEST allowed have none; tests/fuzz/fuzz_reader found libhdf5 1.10 crashing on them).
  check_status(H5Pset_libver_bounds(fapl.get(), H5F_LIBVER_V18, H5F_LIBVER_V18), "file format version");
  impl->file = Handle(check(H5Fcreate(impl->temp.c_str(), H5F_ACC_EXCL, fcpl.get(), fapl.get()),
                            "cannot create " + quoted(impl->temp)),
                      H5Fclose);

  for (const auto& c : spec.dims) impl->create_coordinate(c);
  for (const auto& v : spec.variables) impl->create_variable(v, spec);
  if (!spec.global_attrs.contains("Conventions"))
    detail::write_attr(impl->file.get(), "Conventions", std::string("CF-1.8"));
  for (const auto& [key, value] : spec.global_attrs) detail::write_attr(impl->file.get(), key, value);
  return NetcdfWriter(std::move(impl));
}

void NetcdfWriter::write(std::string_view variable, std::span<const std::size_t> start,
                         std::span<const std::size_t> count, std::span<const double> data) {
  std::lock_guard lock(impl_->mutex);
  detail::silence_hdf5_errors();
  if (impl_->committed)
    throw OutputError("output file " + quoted(impl_->target) + " was already committed; cannot write " +
                      std::string(variable));
  Variable& v = impl_->find(variable);
  const std::string what = "writing " + v.spec.name + " to " + quoted(impl_->temp);
  const std::size_t rank = v.shape.size();
  if (start.size() != rank || count.size() != rank)
    throw OutputError(what + ": start and count need " + std::to_string(rank) + " entries (one per dimension)");
  std::size_t elements = 1;
  for (std::size_t i = 0; i < rank; ++i) {
    if (start[i] > v.shape[i] || count[i] > v.shape[i] - start[i])
      throw OutputError(what + ": slice " + std::to_string(start[i]) + "+" + std::to_string(count[i]) +
                        " exceeds dimension " + v.spec.dims[i] + " of size " + std::to_string(v.shape[i]));
    elements *= count[i];
  }
  if (data.size() != elements)
    throw OutputError(what + ": " + std::to_string(data.size()) + " values given for a slice of " +
                      std::to_string(elements));
  if (elements == 0) return;

  std::vector<hsize_t> h_start(start.begin(), start.end());
  std::vector<hsize_t> h_count(count.begin(), count.end());
  Handle file_space(check(H5Dget_space(v.dataset.get()), what), H5Sclose);
  Handle memory_space;
  if (rank == 0) {
    memory_space = Handle(check(H5Screate(H5S_SCALAR), what), H5Sclose);
  } else {
    check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, h_start.data(), nullptr, h_count.data(),
                                     nullptr),
                 what);
    memory_space = Handle(check(H5Screate_simple(static_cast<int>(rank), h_count.data(), nullptr), what), H5Sclose);
  }
  check_status(H5Dwrite(v.dataset.get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT,
                        data.data()),
               what);
}

void NetcdfWriter::set_global_attr(std::string_view name, const AttrValue& value) {
  std::lock_guard lock(impl_->mutex);
  detail::silence_hdf5_errors();
  if (impl_->committed)
    throw OutputError("output file " + quoted(impl_->target) + " was already committed; cannot set attribute " +
                      std::string(name));
  const std::string n(name);
  if (H5Aexists(impl_->file.get(), n.c_str()) > 0)
    check_status(H5Adelete(impl_->file.get(), n.c_str()), "replacing attribute " + n);
  detail::write_attr(impl_->file.get(), n, value);
}

void NetcdfWriter::commit() {
  std::lock_guard lock(impl_->mutex);
  detail::silence_hdf5_errors();
  Impl& s = *impl_;
  if (s.committed) throw OutputError("output file " + quoted(s.target) + " was already committed");
  const std::string what = "finishing " + quoted(s.temp);
  check_status(H5Fflush(s.file.get(), H5F_SCOPE_GLOBAL), what);
  for (auto& v : s.variables)
    if (!v.dataset.reset()) check(-1, what);
  if (!s.file.reset()) check(-1, what);
  sync_path(s.temp, false);

  if (s.overwrite) {
    if (::rename(s.temp.c_str(), s.target.c_str()) != 0)
      throw OutputError("cannot rename " + quoted(s.temp) + " to " + quoted(s.target) + ": " +
                        std::strerror(errno));
  } else if (::link(s.temp.c_str(), s.target.c_str()) == 0) {
    // link() refuses atomically if the target appeared since create(); the temporary name then goes away.
    ::unlink(s.temp.c_str());
  } else if (errno == EEXIST) {
    throw OutputError(s.target.string() + " exists; pass --force to overwrite");
  } else {
    // Filesystems without hard links: check, then rename (not atomic against a concurrent writer, but safe).
    std::error_code ec;
    if (fs::exists(fs::symlink_status(s.target, ec)))
      throw OutputError(s.target.string() + " exists; pass --force to overwrite");
    if (::rename(s.temp.c_str(), s.target.c_str()) != 0)
      throw OutputError("cannot rename " + quoted(s.temp) + " to " + quoted(s.target) + ": " +
                        std::strerror(errno));
  }
  s.committed = true;
  deregister_temp_file(s.registry_slot);
  s.registry_slot = -1;
  sync_path(s.target.parent_path().empty() ? fs::path(".") : s.target.parent_path(), true);
}
}  // namespace iasim::output
