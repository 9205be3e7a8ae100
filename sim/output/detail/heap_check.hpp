#pragma once
// Private to sim/output: checks a variable-length string dataset's references into HDF5's global heap before
// libhdf5 follows them. libhdf5 1.10 trusts those references: a damaged object index or collection address
// makes H5HG_read read wild memory and crash (found by damaging a county label, tests/e2e/test_bad_input.py).
// So the reader validates them itself, against the on-disk format (HDF5 File Format Specification 3.0,
// sections III.E "Global Heap" and IV.A.2.h "Variable-length datatype" storage), and damage becomes an
// OutputError naming the file and the variable, never a crash.
#include <hdf5.h>

#include <filesystem>
#include <string>

namespace iasim::output::detail {

// Throws OutputError("<what>: ...") when a reference of contiguous dataset `dataset` (of a variable-length
// type) points outside the file, at something that is not a global heap collection, at an object the
// collection does not hold, or at an object shorter than the string it claims. Datasets stored otherwise
// (chunked or compact: not as iasim writes them) are left to libhdf5.
void check_heap_references(hid_t file, hid_t dataset, const std::filesystem::path& path, const std::string& what);

}  // namespace iasim::output::detail
