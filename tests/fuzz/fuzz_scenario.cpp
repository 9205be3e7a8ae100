// libFuzzer target for the scenario loader: any bytes as a scenario file. ScenarioError is the only
// acceptable failure; any other exception, a crash, a sanitizer report, a hang or a stack overflow is a bug
// (libFuzzer saves the input; make it a case in tests/scenario/corpus/broken/ and fix the loader).
// Built by tests/fuzz/run-fuzzers (clang, -DIASIM_FUZZ=ON).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <typeinfo>
#include <string_view>

#include "sim/scenario/load.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    // The name has no directory: an `extends:` in the input is looked up in the fuzzer's working directory,
    // which run-fuzzers makes an empty temporary one (so extends: fails cleanly, or finds the file itself).
    (void)iasim::scenario::load_text(text, "fuzz.yaml");
  } catch (const iasim::scenario::ScenarioError&) {
    // The expected way to refuse bad input.
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fuzz_scenario: load_text threw %s instead of ScenarioError: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "fuzz_scenario: load_text threw a non-standard exception instead of ScenarioError\n");
    std::abort();
  }
  return 0;
}
