// Starts writing an output file and is interrupted, for test_interrupt.py.
//   interrupt_victim TARGET raise-term|raise-int   raises the signal on itself mid-write
//   interrupt_victim TARGET wait                   prints the temporary path, then waits to be killed
//   interrupt_victim TARGET crash-reading          faults (SIGSEGV) while "reading" damaged.h5 mid-write
//   interrupt_victim TARGET crash                  faults (SIGSEGV) mid-write, reading nothing
// Overwrite is on, so an existing TARGET shows whether an interrupted run leaves the earlier file untouched.
#include <signal.h>
#include <sys/mman.h>
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
    std::fprintf(stderr, "usage: interrupt_victim TARGET raise-term|raise-int|wait|crash-reading|crash\n");
    return 2;
  }
  install_interrupt_handlers();
  install_crash_handlers();
  auto writer = NetcdfWriter::create(argv[1], sample_spec(), /*overwrite=*/true);
  const std::vector<double> slice(counties, 1.0);
  const std::size_t start[] = {0, 0, 0}, count[] = {1, 1, counties};
  writer.write("caseload_per_veileder", start, count, slice);
  std::printf("%s\n", writer.temporary_path().c_str());
  std::fflush(stdout);
  // A real fault, which re-runs after the handler returns (raise(SIGSEGV) would not).
  const auto fault = [] {
    void* page = mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    *static_cast<volatile int*>(page) = 1;
  };
  if (std::strcmp(argv[2], "raise-term") == 0) raise(SIGTERM);
  else if (std::strcmp(argv[2], "raise-int") == 0) raise(SIGINT);
  else if (std::strcmp(argv[2], "crash-reading") == 0) {
    const ReadingFile reading("damaged.h5");
    fault();
  } else if (std::strcmp(argv[2], "crash") == 0)
    fault();
  else
    for (;;) pause();
  std::fprintf(stderr, "interrupt_victim: still running after the signal\n");
  return 1;
}
