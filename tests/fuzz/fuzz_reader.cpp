// libFuzzer target for the output reader, as `iasim info`, `compare` and `sweep merge` use it on files that
// colleagues send: any bytes (seeded with real run and task files, tests/fuzz/corpus/reader/) as an output file.
// OutputError (damaged or not iasim's) and CompareError (files that do not line up) are the acceptable
// refusals, and a task file check may only say what is wrong; any other exception, a crash, a sanitizer report
// or a hang is a bug (libFuzzer saves the input: make it a damaged-file case in tests/e2e/test_bad_input.py and
// fix the reader). Built by tests/fuzz/run-fuzzers (clang, -DIASIM_FUZZ=ON).
//
// The reader opens paths, so each input is written to fuzz_reader.h5 in the fuzzer's working directory.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <typeinfo>

#include "sim/cli/compare.hpp"
#include "sim/output/error.hpp"
#include "sim/output/reader_probe.hpp"
#include "sim/output/summary.hpp"
#include "sim/scenario/load.hpp"
#include "sim/sweep/plan.hpp"

namespace {
[[noreturn]] void unexpected(const char* what, const std::exception* e) {
  std::fprintf(stderr, "fuzz_reader: %s threw %s: %s\n", what, e ? typeid(*e).name() : "a non-standard exception",
               e ? e->what() : "");
  std::abort();
}

template <class F>
void refused_only_cleanly(const char* what, F&& f) {
  try {
    f();
  } catch (const iasim::output::OutputError&) {
  } catch (const iasim::cli::CompareError&) {
  } catch (const std::exception& e) {
    unexpected(what, &e);
  } catch (...) {
    unexpected(what, nullptr);
  }
}
}  // namespace

// As iasim does: the probe that reads each file with libhdf5 in a separate process first is the iasim binary.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  iasim::output::use_reader_probe(IASIM_FUZZ_PROBE_EXECUTABLE);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The scenario the seed task files were made with, as merge checks them against it (loaded once).
  static const auto expected = iasim::scenario::load(IASIM_FUZZ_TASK_SCENARIO, {"run.population_scale=0.02",
                                                                                 "run.horizon_years=0.25",
                                                                                 "run.replicates=1"});
  {
    std::ofstream out("fuzz_reader.h5", std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  refused_only_cleanly("iasim info (summarize)", [] { (void)iasim::output::summarize("fuzz_reader.h5"); });
  refused_only_cleanly("iasim compare (compare_files)", [] {
    const auto c = iasim::cli::compare_files({"fuzz_reader.h5", "fuzz_reader.h5"}, std::nullopt, {});
    (void)iasim::cli::format_comparison(c, iasim::cli::CompareFormat::json);
  });
  refused_only_cleanly("sweep merge (task_file_problem)",
                       [] { (void)iasim::sweep::task_file_problem("fuzz_reader.h5", expected, 0); });
  return 0;
}
