#include "sim/output/detail/heap_check.hpp"

#include <cstdint>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "sim/output/detail/hdf5.hpp"
#include "sim/output/error.hpp"

namespace iasim::output::detail {

namespace {

// A little-endian unsigned integer of `bytes` bytes (HDF5 stores addresses and lengths little-endian).
std::uint64_t little_endian(const unsigned char* p, std::size_t bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = bytes; i-- > 0;) v = (v << 8) | p[i];
  return v;
}

// Object index -> object size of one global heap collection, or nullopt when its bytes are not a collection.
// A collection: "GCOL", version 1, 3 reserved bytes, its size; then objects, each: index (2 bytes), reference
// count (2), reserved (4), size (length-size bytes), data padded to a multiple of 8; index 0 is free space.
std::optional<std::map<std::uint64_t, std::uint64_t>> collection_objects(std::ifstream& in, std::uint64_t address,
                                                                          std::uint64_t file_size,
                                                                          std::size_t size_bytes) {
  const std::uint64_t header = 8 + size_bytes;
  if (address > file_size || file_size - address < header) return std::nullopt;
  std::vector<unsigned char> head(header);
  in.seekg(static_cast<std::streamoff>(address));
  if (!in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(header))) return std::nullopt;
  if (head[0] != 'G' || head[1] != 'C' || head[2] != 'O' || head[3] != 'L' || head[4] != 1) return std::nullopt;
  const std::uint64_t size = little_endian(head.data() + 8, size_bytes);
  if (size < header || size > file_size - address) return std::nullopt;
  std::vector<unsigned char> bytes(size);
  in.seekg(static_cast<std::streamoff>(address));
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size))) return std::nullopt;
  std::map<std::uint64_t, std::uint64_t> objects;
  const std::uint64_t object_header = 8 + size_bytes;
  for (std::uint64_t at = header; size - at >= object_header;) {
    const std::uint64_t index = little_endian(bytes.data() + at, 2);
    const std::uint64_t length = little_endian(bytes.data() + at + 8, size_bytes);
    if (index == 0) break;  // free space: the rest of the collection
    const std::uint64_t padded = (length + 7) / 8 * 8;
    if (length > size || padded > size - at - object_header) return std::nullopt;  // runs past the collection
    objects.emplace(index, length);
    at += object_header + padded;
  }
  return objects;
}

}  // namespace

void check_heap_references(hid_t file, hid_t dataset, const std::filesystem::path& path, const std::string& what) {
  const haddr_t offset = H5Dget_offset(dataset);
  if (offset == HADDR_UNDEF) return;  // not contiguous, or never written
  Handle plist(check(H5Fget_create_plist(file), what), H5Pclose);
  std::size_t address_bytes = 0, size_bytes = 0;
  check_status(H5Pget_sizes(plist.get(), &address_bytes, &size_bytes), what);
  if (address_bytes < 2 || address_bytes > 8 || size_bytes < 2 || size_bytes > 8) return;
  Handle space(check(H5Dget_space(dataset), what), H5Sclose);
  const hssize_t points = H5Sget_simple_extent_npoints(space.get());
  if (points <= 0) return;
  hsize_t file_size = 0;
  check_status(H5Fget_filesize(file, &file_size), what);
  // A reference: sequence length (4 bytes), collection address, object index (4 bytes).
  const std::uint64_t reference = 4 + address_bytes + 4;
  const auto n = static_cast<std::uint64_t>(points);
  const auto damaged = [&](const std::string& how) {
    return OutputError("'" + path.string() + "' is damaged: " + what + ": " + how +
                       " (make the file again, or ask for a fresh copy)");
  };
  if (offset > file_size || (file_size - offset) / reference < n) throw damaged("its labels lie beyond the end of the file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw OutputError("'" + path.string() + "': " + what + ": cannot open the file to check its labels");
  std::vector<unsigned char> raw(n * reference);
  in.seekg(static_cast<std::streamoff>(offset));
  if (!in.read(reinterpret_cast<char*>(raw.data()), static_cast<std::streamsize>(raw.size())))
    throw damaged("its labels cannot be read");
  std::map<std::uint64_t, std::optional<std::map<std::uint64_t, std::uint64_t>>> collections;
  for (std::uint64_t i = 0; i < n; ++i) {
    const unsigned char* r = raw.data() + i * reference;
    const std::uint64_t length = little_endian(r, 4);
    const std::uint64_t address = little_endian(r + 4, address_bytes);
    const std::uint64_t index = little_endian(r + 4 + address_bytes, 4);
    if (length == 0 && address == 0) continue;  // an empty (null) string
    auto it = collections.find(address);
    if (it == collections.end()) it = collections.emplace(address, collection_objects(in, address, file_size, size_bytes)).first;
    const std::string label = "label " + std::to_string(i);
    if (!it->second) throw damaged(label + " points at " + std::to_string(address) + ", which is not a string heap");
    const auto object = it->second->find(index);
    if (object == it->second->end())
      throw damaged(label + " names string " + std::to_string(index) + ", which its heap does not hold");
    if (object->second < length)
      throw damaged(label + " claims " + std::to_string(length) + " bytes, its heap holds " +
                    std::to_string(object->second));
  }
}

}  // namespace iasim::output::detail
