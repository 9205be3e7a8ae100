// Writes the sample file (sample_file.hpp) to argv[1], for the Python end-to-end test.
#include <cstdio>
#include <exception>
#include <vector>

#include "sim/output/netcdf_file.hpp"
#include "tests/output/sample_file.hpp"

using namespace iasim::output;
using namespace iasim::output::testing;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_sample FILE\n");
    return 2;
  }
  try {
    auto writer = NetcdfWriter::create(argv[1], sample_spec(), /*overwrite=*/true);
    for (std::size_t r = 0; r < replicates; ++r) write_replicate(writer, r);
    writer.set_global_attr("events_processed", std::int64_t{12345});
    writer.commit();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_sample: %s\n", e.what());
    return 1;
  }
  return 0;
}
