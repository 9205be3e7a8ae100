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

TEST_CASE("the cost per extra person has Fieller's interval, and none when the extra in work may be 0", "[cli][compare]") {
  // Costs exactly proportional to the people in work: the ratio and both ends of its interval are that factor.
  const std::vector<double> work = {90, 110, 100, 95, 105}, cost = {9e6, 11e6, 10e6, 9.5e6, 10.5e6};
  const auto q = ratio_interval(cost, work);
  CHECK(q.bounded);
  CHECK(q.estimate == Approx(1e5));
  CHECK(q.low == Approx(1e5));
  CHECK(q.high == Approx(1e5));
  // Noisy costs: an interval around the ratio of means.
  const std::vector<double> noisy = {8e6, 12e6, 10e6, 11e6, 9e6};
  const auto r = ratio_interval(noisy, work);
  CHECK(r.bounded);
  CHECK(r.estimate == Approx(10e6 / 100));
  CHECK(r.low < r.estimate);
  CHECK(r.high > r.estimate);
  // Its ends solve Fieller's equation (mean(x) - q mean(y))^2 = t^2 var(mean(x) - q mean(y)).
  const double t = 2.7764451051977987;  // Student t, 4 degrees of freedom, 97.5%
  for (double end : {r.low, r.high}) {
    std::vector<double> d(work.size());
    double mean = 0, ss = 0;
    for (std::size_t i = 0; i < d.size(); ++i) mean += (d[i] = noisy[i] - end * work[i]) / d.size();
    for (double v : d) ss += (v - mean) * (v - mean);
    CHECK(mean * mean == Approx(t * t * ss / (d.size() - 1) / d.size()).epsilon(1e-9));
  }
  // A denominator whose interval includes 0: no bounded interval.
  const std::vector<double> unclear = {-20, 30, 5, -10, 10};
  CHECK_FALSE(ratio_interval(cost, unclear).bounded);
}
