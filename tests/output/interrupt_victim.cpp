// Starts writing an output file and is interrupted, for test_interrupt.py.
//   interrupt_victim TARGET raise-term|raise-int   raises the signal on itself mid-write
//   interrupt_victim TARGET wait                   prints the temporary path, then waits to be killed
// Overwrite is on, so an existing TARGET shows whether an interrupted run leaves the earlier file untouched.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <vector>

#include "sim/output/interrupt.hpp"
#include "sim/output/netcdf_file.hpp"
#include "tests/output/sample_file.hpp"

using namespace iasim::output;
using namespace iasim::output::testing;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: interrupt_victim TARGET raise-term|raise-int|wait\n");
    return 2;
  }
  install_interrupt_handlers();
  auto writer = NetcdfWriter::create(argv[1], sample_spec(), /*overwrite=*/true);
  const std::vector<double> slice(counties, 1.0);
  const std::size_t start[] = {0, 0, 0}, count[] = {1, 1, counties};
  writer.write("caseload_per_veileder", start, count, slice);
  std::printf("%s\n", writer.temporary_path().c_str());
  std::fflush(stdout);
  if (std::strcmp(argv[2], "raise-term") == 0) raise(SIGTERM);
  else if (std::strcmp(argv[2], "raise-int") == 0) raise(SIGINT);
  else
    for (;;) pause();
  std::fprintf(stderr, "interrupt_victim: still running after the signal\n");
  return 1;
}
