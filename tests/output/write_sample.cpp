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
    for (std::size_t r = 0; r < replicates; ++r) {
      for (std::size_t t = 0; t < time_steps; ++t) {
        std::vector<double> clients, caseload;
        for (std::size_t c = 0; c < counties; ++c) {
          for (std::size_t s = 0; s < states; ++s) clients.push_back(sample_value(r, t, c, s));
          caseload.push_back(sample_value(r, t, c, 0));
        }
        const std::size_t start4[] = {r, t, 0, 0}, count4[] = {1, 1, counties, states};
        writer.write("clients", start4, count4, clients);
        const std::size_t start3[] = {r, t, 0}, count3[] = {1, 1, counties};
        writer.write("caseload_per_veileder", start3, count3, caseload);
      }
    }
    writer.set_global_attr("events_processed", std::int64_t{12345});
    writer.commit();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_sample: %s\n", e.what());
    return 1;
  }
  return 0;
}
