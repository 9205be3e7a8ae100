#include "sim/output/detail/hdf5.hpp"

#include <string>

#include "sim/output/error.hpp"

namespace iasim::output::detail {

namespace {
// No H5_term_library at exit. When a flush fails (the disk is full, ENOSPC), H5Fclose fails too and libhdf5
// 1.10 keeps the half-closed file in its table; its atexit handler then closes it again and crashes in
// H5F__close_cb, after iasim has already reported the error and deleted the file (found by
// tests/sweep/test_sweep_faults.py). Every file iasim keeps is closed explicitly at commit, and an
// uncommitted one is deleted, so there is nothing for the handler to do. It must be switched off before the
// library initialises itself, i.e. before any HDF5 call: a static initialiser here runs before main.
[[maybe_unused]] const herr_t hdf5_without_atexit = H5dont_atexit();
}  // namespace

void silence_hdf5_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

namespace {
herr_t first_error(unsigned n, const H5E_error2_t* err, void* client) {
  auto* out = static_cast<std::string*>(client);
  if (n == 0 && err != nullptr && err->desc != nullptr) *out = err->desc;
  return 0;
}
}  // namespace

std::string hdf5_error_detail() {
  std::string detail;
  // Walking upward starts at the innermost function, whose description is the most specific.
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, first_error, &detail);
  H5Eclear2(H5E_DEFAULT);
  return detail;
}

hid_t check(hid_t id, const std::string& context) {
  if (id < 0) {
    const std::string detail = hdf5_error_detail();
    throw OutputError(detail.empty() ? context : context + " (HDF5: " + detail + ")");
  }
  return id;
}

void check_status(herr_t status, const std::string& context) { check(static_cast<hid_t>(status), context); }

void write_typed_attr(hid_t object, std::string_view name, hid_t file_type, hid_t memory_type, const void* value) {
  const std::string n(name);
  Handle space(check(H5Screate(H5S_SCALAR), "creating attribute " + n), H5Sclose);
  Handle attr(check(H5Acreate2(object, n.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT),
                    "creating attribute " + n),
              H5Aclose);
  check_status(H5Awrite(attr.get(), memory_type, value), "writing attribute " + n);
}

void write_attr(hid_t object, std::string_view name, const AttrValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    Handle type(check(H5Tcopy(H5T_C_S1), "string type"), H5Tclose);
    // HDF5 refuses size 0; an empty text is stored as one NUL, which every reader shows as "".
    const std::size_t size = text->empty() ? 1 : text->size();
    check_status(H5Tset_size(type.get(), size), "string type");
    check_status(H5Tset_strpad(type.get(), H5T_STR_NULLTERM), "string type");
    check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
    std::string buffer = *text;
    buffer.resize(size, '\0');
    write_typed_attr(object, name, type.get(), type.get(), buffer.data());
  } else if (const auto* real = std::get_if<double>(&value)) {
    write_typed_attr(object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, real);
  } else {
    write_typed_attr(object, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &std::get<std::int64_t>(value));
  }
}

Handle vlen_utf8_string_type() {
  Handle type(check(H5Tcopy(H5T_C_S1), "string type"), H5Tclose);
  check_status(H5Tset_size(type.get(), H5T_VARIABLE), "string type");
  check_status(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
  return type;
}
}  // namespace iasim::output::detail
