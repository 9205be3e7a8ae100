#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/scenario/detail/nearest.hpp"

using iasim::scenario::detail::edit_distance;
using iasim::scenario::detail::nearest;

TEST_CASE("nearest: edit distance counts code points, ASCII case-insensitively", "[nearest]") {
  CHECK(edit_distance("office", "ofice") == 1);
  CHECK(edit_distance("More og Romsdal", "Møre og Romsdal") == 1);
  CHECK(edit_distance("OSLO", "Oslo") == 0);
  CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("nearest: suggests close names, or one containing the word, else nothing", "[nearest]") {
  const std::vector<std::string> names{"caseload_multiplier", "veileder_hours_per_week", "engaged_share"};
  CHECK(nearest("caseload_multiplir", names) == "caseload_multiplier");
  CHECK(nearest("veileder_hours", names) == "veileder_hours_per_week");
  CHECK_FALSE(nearest("zzz", names).has_value());
}
