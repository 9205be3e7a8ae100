// libFuzzer target for the sweep-file loader: any bytes as a sweep file. SweepError is the only acceptable
// failure; any other exception, a crash, a sanitizer report or a hang is a bug (libFuzzer saves the input;
// make it a case in tests/sweep and fix the loader). Built by tests/fuzz/run-fuzzers (clang, -DIASIM_FUZZ=ON).
//
// load_sweep reads a path, so each input is written to fuzz_sweep.yaml in the fuzzer's working directory,
// which run-fuzzers makes a temporary one holding scenarios/ for a `base:` to find.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <typeinfo>

#include "sim/sweep/sweep.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out("fuzz_sweep.yaml", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    (void)iasim::sweep::load_sweep("fuzz_sweep.yaml");
  } catch (const iasim::sweep::SweepError&) {
    // The expected way to refuse bad input.
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_sweep: load_sweep threw %s instead of SweepError: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz_sweep: load_sweep threw a non-standard exception instead of SweepError\n");
    std::abort();
  }
  return 0;
}
