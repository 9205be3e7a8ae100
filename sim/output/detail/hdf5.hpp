#pragma once
// Private to sim/output: RAII handles and helpers over the HDF5 C API. Nothing outside sim/output includes this
// (or any HDF5 header); the public headers use pimpl.
#include <hdf5.h>

#include <string>
#include <string_view>
#include <utility>

#include "sim/output/attribute.hpp"

namespace iasim::output::detail {
// Owns one HDF5 identifier and closes it with the matching H5?close.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer close) : id_(id), close_(close) {}
  Handle(Handle&& other) noexcept
      : id_(std::exchange(other.id_, H5I_INVALID_HID)), close_(std::exchange(other.close_, nullptr)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
      close_ = std::exchange(other.close_, nullptr);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  hid_t get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes now; returns false when HDF5 reports an error (a failed file close means data may be lost).
  bool reset() {
    bool ok = true;
    if (id_ >= 0 && close_ != nullptr) ok = close_(id_) >= 0;
    id_ = H5I_INVALID_HID;
    close_ = nullptr;
    return ok;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer close_ = nullptr;
};

// HDF5 prints its error stack to stderr by default; iasim reports errors itself. The setting is per thread in
// thread-safe builds of HDF5, so every entry point of sim/output calls this.
void silence_hdf5_errors();

// The most specific message on HDF5's error stack of this thread ("" if none), to append to our own messages.
std::string hdf5_error_detail();

// Throws OutputError("<context>: <HDF5 detail>") when id/status is negative; returns it otherwise.
hid_t check(hid_t id, const std::string& context);
void check_status(herr_t status, const std::string& context);

// Attributes as netCDF-C writes them: text as a scalar fixed-length UTF-8 string (netCDF NC_CHAR), numbers as
// scalar 64-bit values.
void write_attr(hid_t object, std::string_view name, const AttrValue& value);
// Writes a scalar stored as file_type from a value in memory_type (e.g. _FillValue in the variable's own type).
void write_typed_attr(hid_t object, std::string_view name, hid_t file_type, hid_t memory_type, const void* value);

// A variable-length UTF-8 string type (string coordinates: h5py and netCDF-C read these as str / NC_STRING).
Handle vlen_utf8_string_type();
}  // namespace iasim::output::detail
