#include "sim/output/netcdf_reader.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <exception>
#include <map>
#include <mutex>
#include <system_error>

#include "sim/output/detail/hdf5.hpp"
#include "sim/output/detail/heap_check.hpp"
#include "sim/output/detail/probe.hpp"
#include "sim/output/error.hpp"
#include "sim/output/interrupt.hpp"

namespace iasim::output {
namespace fs = std::filesystem;
using detail::check;
using detail::check_status;
using detail::Handle;

namespace {
// Attributes that encode the netCDF/dimension-scale structure rather than describe the data.
bool is_structural_attr(std::string_view name) {
  return name == "CLASS" || name == "NAME" || name == "REFERENCE_LIST" || name == "DIMENSION_LIST" ||
         name == "_Netcdf4Dimid" || name == "_Netcdf4Coordinates" || name == "_NCProperties" ||
         name == "_nc3_strict";
}

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). iasim writes only UTF-8
// text, so anything else in a label or text attribute means damaged bytes, which must not reach a table.
bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t more;  // continuation bytes after the lead byte
    unsigned code, least;
    if (lead < 0x80) more = 0, code = lead, least = 0;
    else if (lead >= 0xC2 && lead <= 0xDF) more = 1, code = lead & 0x1F, least = 0x80;
    else if (lead >= 0xE0 && lead <= 0xEF) more = 2, code = lead & 0x0F, least = 0x800;
    else if (lead >= 0xF0 && lead <= 0xF4) more = 3, code = lead & 0x07, least = 0x10000;
    else return false;
    if (more > s.size() - i - 1) return false;  // cut short
    for (std::size_t k = 1; k <= more; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if (code < least || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
    i += more + 1;
  }
  return true;
}

// Strings of a dataset or attribute, fixed-length or variable-length, any number of them.
std::vector<std::string> read_strings(hid_t object, bool is_attribute, const std::string& what) {
  Handle file_type(check(is_attribute ? H5Aget_type(object) : H5Dget_type(object), what), H5Tclose);
  Handle space(check(is_attribute ? H5Aget_space(object) : H5Dget_space(object), what), H5Sclose);
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points < 0) check(-1, what);
  const auto n = static_cast<std::size_t>(points);
  std::vector<std::string> result;
  // HDF5 converts between string types only with the same character set; bytes are kept either way.
  const H5T_cset_t cset = H5Tget_cset(file_type.get());
  if (H5Tis_variable_str(file_type.get()) > 0) {
    Handle memory_type = detail::vlen_utf8_string_type();
    check_status(H5Tset_cset(memory_type.get(), cset), what);
    std::vector<char*> pointers(n, nullptr);
    check_status(is_attribute ? H5Aread(object, memory_type.get(), pointers.data())
                              : H5Dread(object, memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
                 what);
    for (char* p : pointers) {
      result.emplace_back(p == nullptr ? "" : p);
      H5free_memory(p);  // HDF5 allocated each string
    }
  } else {
    const std::size_t size = H5Tget_size(file_type.get());
    Handle memory_type(check(H5Tcopy(H5T_C_S1), what), H5Tclose);
    check_status(H5Tset_size(memory_type.get(), size), what);
    check_status(H5Tset_cset(memory_type.get(), cset), what);
    std::vector<char> buffer(n * size + 1, '\0');
    check_status(is_attribute ? H5Aread(object, memory_type.get(), buffer.data())
                              : H5Dread(object, memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()),
                 what);
    for (std::size_t i = 0; i < n; ++i) {
      const char* begin = buffer.data() + i * size;
      result.emplace_back(begin, std::find(begin, begin + size, '\0'));
    }
  }
  for (const auto& text : result)
    if (!valid_utf8(text)) throw OutputError(what + ": text that is not valid UTF-8 (a damaged file?)");
  return result;
}

struct AttrCollector {
  Attributes* out;
  std::string what;
  std::exception_ptr error;  // thrown inside the callback, rethrown after H5Aiterate2 has returned
};

herr_t collect_one_attr(hid_t location, const char* name, AttrCollector& c) {
  if (is_structural_attr(name)) return 0;
  const std::string what = c.what + " attribute " + name;
  Handle attr(check(H5Aopen(location, name, H5P_DEFAULT), what), H5Aclose);
  Handle type(check(H5Aget_type(attr.get()), what), H5Tclose);
  Handle space(check(H5Aget_space(attr.get()), what), H5Sclose);
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points <= 0) return 0;  // an empty attribute carries nothing to show
  switch (H5Tget_class(type.get())) {
    case H5T_STRING: {
      std::string joined;
      for (const auto& s : read_strings(attr.get(), true, what)) {
        if (!joined.empty()) joined += '\n';
        joined += s;
      }
      (*c.out)[name] = joined;
      break;
    }
    case H5T_FLOAT:
    case H5T_INTEGER: {
      const bool is_float = H5Tget_class(type.get()) == H5T_FLOAT;
      std::vector<double> reals(static_cast<std::size_t>(points));
      std::vector<std::int64_t> integers(static_cast<std::size_t>(points));
      if (is_float) check_status(H5Aread(attr.get(), H5T_NATIVE_DOUBLE, reals.data()), what);
      else check_status(H5Aread(attr.get(), H5T_NATIVE_INT64, integers.data()), what);
      if (points == 1) {
        if (is_float) (*c.out)[name] = reals[0];
        else (*c.out)[name] = integers[0];
      } else {  // a list (e.g. valid_range): shown as text
        std::string joined;
        for (std::size_t i = 0; i < static_cast<std::size_t>(points); ++i) {
          if (i > 0) joined += ", ";
          joined += is_float ? to_string(AttrValue(reals[i])) : to_string(AttrValue(integers[i]));
        }
        (*c.out)[name] = joined;
      }
      break;
    }
    default: break;  // references, compounds: not part of iasim's layout
  }
  return 0;
}

// HDF5 calls this from C: an exception must not unwind through libhdf5's frames, which would skip its own
// cleanup (ids left open, memory leaked; found by the end-to-end tests under AddressSanitizer). It is caught
// here, iteration stops (-1), and read_attrs rethrows it once H5Aiterate2 has returned.
herr_t collect_attr(hid_t location, const char* name, const H5A_info_t*, void* client) {
  auto& c = *static_cast<AttrCollector*>(client);
  try {
    return collect_one_attr(location, name, c);
  } catch (...) {
    c.error = std::current_exception();
    return -1;
  }
}

Attributes read_attrs(hid_t object, const std::string& what) {
  Attributes attrs;
  AttrCollector collector{&attrs, what, nullptr};
  hsize_t index = 0;
  const herr_t status = H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, collect_attr, &collector);
  if (collector.error) std::rethrow_exception(collector.error);
  check_status(status, "reading attributes of " + what);
  return attrs;
}

std::string text_attr(const Attributes& attrs, const char* name) {
  const auto it = attrs.find(name);
  return it == attrs.end() ? std::string() : to_string(it->second);
}

herr_t collect_link(hid_t, const char* name, const H5L_info_t*, void* client) noexcept {
  try {
    static_cast<std::vector<std::string>*>(client)->emplace_back(name);
    return 0;
  } catch (...) {  // out of memory: stop; H5Literate then fails and the caller reports it
    return -1;
  }
}

// The dimension a scale stands for, found by the scale's object address among the file's dimension datasets.
// Not by H5Iget_name: a scale reached through a dimension list has no cached path, and libhdf5 then searches
// the whole file for it, once per axis of every variable (most of the time of opening a run file).
struct ScaleLookup {
  const std::map<haddr_t, std::string>* dims_by_address;
  std::string* name;
};
herr_t scale_name(hid_t, unsigned, hid_t scale, void* client) noexcept try {
  const auto& lookup = *static_cast<ScaleLookup*>(client);
  H5O_info_t info{};
  if (H5Oget_info2(scale, &info, H5O_INFO_BASIC) < 0) return -1;
  const auto it = lookup.dims_by_address->find(info.addr);
  if (it == lookup.dims_by_address->end()) return -1;  // not one of the file's dimensions: the caller says so
  *lookup.name = it->second;
  return 1;  // the first scale of the axis is the dimension
} catch (...) {  // out of memory: stop; H5DSiterate_scales then fails and the caller reports it
  return -1;
}
}  // namespace

struct NetcdfReader::Impl {
  fs::path path;
  Handle file;
  std::vector<DimInfo> dims;
  std::vector<VariableInfo> variables;
  Attributes global_attrs;
  std::map<haddr_t, std::string> dims_by_address;  // each dimension dataset's object address -> its name
  mutable std::mutex mutex;  // reads may come from several threads; HDF5 calls are serialised

  // Built by appending: GCC 12 warns falsely (-Wrestrict, PR 105651) on "literal" + std::string at -O3.
  std::string name() const {
    std::string s = "'";
    s += path.string();
    s += '\'';
    return s;
  }
  [[noreturn]] void fail(const std::string& problem) const { throw OutputError(name() + ": " + problem); }

  void open(bool run_probe) {
    std::error_code ec;
    if (!fs::exists(path, ec)) fail("no such file");
    if (fs::is_directory(path, ec)) fail("is a directory, not an output file");
    if (H5Fis_hdf5(path.c_str()) <= 0)
      fail("not an HDF5 file, so not an iasim output (iasim writes netCDF-4/HDF5 files, usually *.nc or *.h5)");
    const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (id < 0) {
      const std::string detail = detail::hdf5_error_detail();
      std::string problem = "cannot be read as HDF5: it is truncated or damaged";
      if (!detail.empty()) problem += " (HDF5: " + detail + ")";
      problem += "; recreate it by running the simulation again";
      fail(problem);
    }
    file = Handle(id, H5Fclose);
    // libhdf5 itself can crash on some damaged metadata; a separate process reads the file with it first
    // (detail/probe.hpp), so that such damage is reported here instead.
    if (const auto death = run_probe ? detail::probe_in_child(path) : std::nullopt)
      throw OutputError(name() + " is damaged: the HDF5 library " + *death +
                        " in a separate process that read it first; make the file again, or ask for a fresh copy");

    std::vector<std::string> links;
    hsize_t index = 0;
    // Creation order is the order the writer declared things in; files without it tracked are listed by name.
    if (H5Literate(file.get(), H5_INDEX_CRT_ORDER, H5_ITER_INC, &index, collect_link, &links) < 0) {
      links.clear();
      index = 0;
      check_status(H5Literate(file.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_link, &links),
                   name() + ": listing contents (truncated or damaged file?)");
    }
    std::vector<std::string> data_names;
    for (const auto& link : links) {
      H5O_info_t info{};
      if (H5Oget_info_by_name2(file.get(), link.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0)
        fail("cannot read object '" + link + "' (truncated or damaged file?)");
      if (info.type != H5O_TYPE_DATASET) continue;  // groups and named types are not part of iasim's layout
      Handle ds(check(H5Dopen2(file.get(), link.c_str(), H5P_DEFAULT), name() + ": opening " + link), H5Dclose);
      if (H5DSis_scale(ds.get()) > 0) {
        read_dimension(ds.get(), link);
        dims_by_address[info.addr] = link;
      } else {
        data_names.push_back(link);
      }
    }
    if (dims.empty())
      fail("HDF5 file without netCDF dimensions (no dimension scales); it was not written by iasim");
    for (const auto& n : data_names) read_variable(n);
    global_attrs = read_attrs(file.get(), name());
  }

  void read_dimension(hid_t ds, const std::string& dim_name) {
    const std::string what = name() + ": dimension " + dim_name;
    DimInfo d;
    d.name = dim_name;
    Handle space(check(H5Dget_space(ds), what), H5Sclose);
    if (H5Sget_simple_extent_ndims(space.get()) != 1) fail("dimension scale '" + dim_name + "' is not 1-D");
    hsize_t n = 0;
    H5Sget_simple_extent_dims(space.get(), &n, nullptr);
    d.size = static_cast<std::size_t>(n);
    Handle type(check(H5Dget_type(ds), what), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    if (cls == H5T_STRING) {
      // Labels are variable-length strings: their references into the global heap are checked before libhdf5
      // follows them (it crashes on some damaged ones, detail/heap_check.hpp).
      if (H5Tis_variable_str(type.get()) > 0) detail::check_heap_references(file.get(), ds, path, "dimension " + dim_name);
      d.labels = read_strings(ds, false, what);
    } else if (cls == H5T_FLOAT || cls == H5T_INTEGER) {
      d.numbers.resize(d.size);
      if (d.size > 0)
        check_status(H5Dread(ds, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, d.numbers.data()),
                     what + " (truncated or damaged file?)");
    } else {
      fail("dimension '" + dim_name + "' has coordinates that are neither numbers nor text");
    }
    d.attrs = read_attrs(ds, what);
    dims.push_back(std::move(d));
  }

  void read_variable(const std::string& var_name) {
    const std::string what = name() + ": variable " + var_name;
    Handle ds(check(H5Dopen2(file.get(), var_name.c_str(), H5P_DEFAULT), what), H5Dclose);
    VariableInfo v;
    v.name = var_name;
    Handle type(check(H5Dget_type(ds.get()), what), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.get());
    const std::size_t size = H5Tget_size(type.get());
    if (cls == H5T_FLOAT && size == 8) v.type = DType::f64;
    else if (cls == H5T_FLOAT && size == 4) v.type = DType::f32;
    else if (cls == H5T_INTEGER && size == 4) v.type = DType::i32;
    else if (cls == H5T_INTEGER && size == 8) v.type = DType::i64;
    else fail("variable '" + var_name + "' has a type iasim does not write (only 32/64-bit floats and integers)");
    Handle space(check(H5Dget_space(ds.get()), what), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.get());
    if (rank < 0) check(-1, what);
    std::vector<hsize_t> shape(static_cast<std::size_t>(rank));
    if (rank > 0) H5Sget_simple_extent_dims(space.get(), shape.data(), nullptr);
    for (int axis = 0; axis < rank; ++axis) {
      std::string dim_name;
      ScaleLookup lookup{&dims_by_address, &dim_name};
      if (H5DSget_num_scales(ds.get(), static_cast<unsigned>(axis)) <= 0 ||
          H5DSiterate_scales(ds.get(), static_cast<unsigned>(axis), nullptr, scale_name, &lookup) < 0 ||
          dim_name.empty())
        fail("variable '" + var_name + "' has no dimension scale on axis " + std::to_string(axis) +
             ", so this is not a netCDF-4 file as iasim writes them (was it made by another tool?)");
      const auto it = std::find_if(dims.begin(), dims.end(), [&](const DimInfo& d) { return d.name == dim_name; });
      if (it == dims.end() || it->size != shape[static_cast<std::size_t>(axis)])
        fail("variable '" + var_name + "' axis " + std::to_string(axis) + " does not match dimension '" +
             dim_name + "'");
      v.dims.push_back(dim_name);
      v.shape.push_back(static_cast<std::size_t>(shape[static_cast<std::size_t>(axis)]));
    }
    v.attrs = read_attrs(ds.get(), what);
    v.units = text_attr(v.attrs, "units");
    v.long_name = text_attr(v.attrs, "long_name");
    variables.push_back(std::move(v));
  }
};

NetcdfReader::NetcdfReader(const fs::path& file, Probe probe) : impl_(std::make_unique<Impl>()) {
  detail::silence_hdf5_errors();
  impl_->path = file;
  const ReadingFile reading(impl_->path.c_str());  // HDF5 may crash on damaged bytes: name the file (interrupt.hpp)
  impl_->open(probe == Probe::run);
}
NetcdfReader::NetcdfReader(NetcdfReader&&) noexcept = default;
NetcdfReader& NetcdfReader::operator=(NetcdfReader&&) noexcept = default;
NetcdfReader::~NetcdfReader() = default;

const fs::path& NetcdfReader::path() const { return impl_->path; }
const std::vector<DimInfo>& NetcdfReader::dims() const { return impl_->dims; }
const std::vector<VariableInfo>& NetcdfReader::variables() const { return impl_->variables; }
const Attributes& NetcdfReader::global_attrs() const { return impl_->global_attrs; }

const DimInfo& NetcdfReader::dim(std::string_view name) const {
  for (const auto& d : impl_->dims)
    if (d.name == name) return d;
  impl_->fail("no dimension '" + std::string(name) + "'");
}

const VariableInfo& NetcdfReader::variable(std::string_view name) const {
  for (const auto& v : impl_->variables)
    if (v.name == name) return v;
  std::string known;
  for (const auto& v : impl_->variables) {
    if (!known.empty()) known += ", ";
    known += v.name;
  }
  impl_->fail("no variable '" + std::string(name) + "' (it has: " + known + ")");
}

Array NetcdfReader::read(std::string_view name) const {
  const VariableInfo& v = variable(name);
  const std::vector<std::size_t> start(v.shape.size(), 0);
  return read(name, start, v.shape);
}

Array NetcdfReader::read(std::string_view name, std::span<const std::size_t> start,
                         std::span<const std::size_t> count) const {
  const VariableInfo& v = variable(name);
  const ReadingFile reading(impl_->path.c_str());
  const std::string what = impl_->name() + ": reading " + v.name;
  const std::size_t rank = v.shape.size();
  if (start.size() != rank || count.size() != rank)
    throw OutputError(what + ": start and count need " + std::to_string(rank) + " entries (one per dimension)");
  Array result;
  std::size_t elements = 1;
  for (std::size_t i = 0; i < rank; ++i) {
    if (start[i] > v.shape[i] || count[i] > v.shape[i] - start[i])
      throw OutputError(what + ": slice " + std::to_string(start[i]) + "+" + std::to_string(count[i]) +
                        " exceeds dimension " + v.dims[i] + " of size " + std::to_string(v.shape[i]));
    elements *= count[i];
  }
  result.shape.assign(count.begin(), count.end());
  result.values.resize(elements);
  if (elements == 0) return result;

  std::lock_guard lock(impl_->mutex);
  detail::silence_hdf5_errors();
  Handle ds(check(H5Dopen2(impl_->file.get(), v.name.c_str(), H5P_DEFAULT), what), H5Dclose);
  Handle file_space(check(H5Dget_space(ds.get()), what), H5Sclose);
  Handle memory_space;
  if (rank == 0) {
    memory_space = Handle(check(H5Screate(H5S_SCALAR), what), H5Sclose);
  } else {
    std::vector<hsize_t> h_start(start.begin(), start.end());
    std::vector<hsize_t> h_count(count.begin(), count.end());
    check_status(H5Sselect_hyperslab(file_space.get(), H5S_SELECT_SET, h_start.data(), nullptr, h_count.data(),
                                     nullptr),
                 what);
    memory_space = Handle(check(H5Screate_simple(static_cast<int>(rank), h_count.data(), nullptr), what), H5Sclose);
  }
  check_status(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, memory_space.get(), file_space.get(), H5P_DEFAULT,
                       result.values.data()),
               what + " (truncated or damaged file?)");
  return result;
}
}  // namespace iasim::output
