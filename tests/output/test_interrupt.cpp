#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/output/interrupt.hpp"

using namespace iasim::output;

// The signal path itself is tested end to end by test_interrupt.py (interrupt_victim), since it ends the process.
TEST_CASE("the temporary-file registry is bounded and reusable", "[output][interrupt]") {
  std::vector<int> slots;
  for (int slot = register_temp_file("/tmp/x"); slot >= 0; slot = register_temp_file("/tmp/x")) slots.push_back(slot);
  CHECK(slots.size() <= max_registered_temp_files);
  CHECK(register_temp_file("/tmp/y") == -1);  // full: the caller must refuse to run unprotected
  deregister_temp_file(slots.back());
  const int reused = register_temp_file("/tmp/z");
  CHECK(reused == slots.back());
  slots.back() = reused;
  for (int slot : slots) deregister_temp_file(slot);
  deregister_temp_file(-1);  // ignored

  const std::string too_long(max_registered_path_bytes, 'a');
  CHECK(register_temp_file(too_long.c_str()) == -1);
}
