#include <catch2/catch.hpp>

#include <cmath>

#include "sim/cli/compare.hpp"

using namespace iasim::cli;

TEST_CASE("95% interval of a mean uses Student's t", "[cli][compare]") {
  // n = 5, mean 3, sd = sqrt(2.5): half-width t(0.975, 4) * sd / sqrt(5) = 2.776 * 0.7071 = 1.963
  const auto i = mean_interval({1, 2, 3, 4, 5});
  CHECK(i.n == 5);
  CHECK(i.mean == Approx(3));
  CHECK(i.high - i.mean == Approx(1.9632).epsilon(1e-3));
  CHECK(i.mean - i.low == Approx(i.high - i.mean));
  // NaNs are skipped; one value has no interval.
  const auto one = mean_interval({std::nan(""), 7});
  CHECK(one.n == 1);
  CHECK(one.low == 7);
  CHECK(one.high == 7);
  CHECK(std::isnan(mean_interval({}).mean));
}

TEST_CASE("dates convert to days since 2015-01-01 and back", "[cli][compare]") {
  CHECK(parse_date("2015-01-01") == 0.0);
  CHECK(parse_date("2016-01-01") == 365.0);
  CHECK(parse_date("2016-03-01") == 365.0 + 31 + 29);  // 2016 is a leap year
  CHECK(format_day(3652.0) == "2024-12-31");
  CHECK(format_day(-1.0) == "2014-12-31");
  CHECK_FALSE(parse_date("2019-02-29"));  // not a date
  CHECK_FALSE(parse_date("2019-13-01"));
  CHECK_FALSE(parse_date("yesterday"));
  CHECK_FALSE(parse_date("2019-01-01x"));
}

TEST_CASE("every key metric has a unit and a description", "[cli][compare]") {
  for (const auto& m : key_metrics()) {
    CHECK_FALSE(m.unit.empty());
    CHECK_FALSE(m.description.empty());
  }
}
