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

TEST_CASE("over parameter sets, the interval adds the sets' spread to the noise and says which is which", "[cli][compare]") {
  // Three sets of two replicates. Set means 10, 20, 30; within each set +-1 around its mean.
  const std::vector<std::size_t> set_of = {0, 0, 1, 1, 2, 2};
  const auto spread = sets_interval({9, 11, 19, 21, 29, 31}, set_of);
  CHECK(spread.sets == 3);
  CHECK(spread.n == 6);
  CHECK(spread.mean == Approx(20));
  // B = var(10, 20, 30) = 100; W = 2 (pooled: (1+1)*3 / 3); noise of a set mean W/2 = 1; parameters 99.
  // V = 100; half-width t(0.975, 2) sqrt(100 (1 + 1/3)) = 4.302653 * 11.547 = 49.68.
  CHECK(spread.high - spread.mean == Approx(4.302652729749464 * std::sqrt(100 * 4.0 / 3)).epsilon(1e-9));
  CHECK(spread.parameter_share == Approx(0.99));
  // The same values over replicates alone: a much narrower interval of the mean, which hides the parameters.
  CHECK(mean_interval({9, 11, 19, 21, 29, 31}).high - 20 < spread.high - 20);

  // Sets that do not differ beyond their noise: no parameter share, and V is the noise alone.
  const auto noise = sets_interval({9, 11, 11, 9, 10.5, 9.5}, set_of);
  CHECK(noise.parameter_share == 0);
  CHECK(noise.mean == Approx(10));
  // W = (2 + 2 + 0.5) / 3 = 1.5; noise of a set mean 0.75 > B = 0: V = 0.75.
  CHECK(noise.high - noise.mean == Approx(4.302652729749464 * std::sqrt(0.75 * 4.0 / 3)).epsilon(1e-9));

  // One replicate per set: noise and parameters cannot be told apart; the interval is the sets' spread.
  const auto single = sets_interval({10, 20, 30}, {0, 1, 2});
  CHECK(std::isnan(single.parameter_share));
  CHECK(single.high - single.mean == Approx(4.302652729749464 * std::sqrt(100 * 4.0 / 3)).epsilon(1e-9));
  // NaNs are skipped; a set without values is left out.
  const auto gap = sets_interval({9, 11, std::nan(""), std::nan(""), 29, 31}, set_of);
  CHECK(gap.sets == 2);
  CHECK(gap.mean == Approx(20));
}

TEST_CASE("over parameter sets, the cost per extra person is a ratio of set means", "[cli][compare]") {
  const std::vector<std::size_t> set_of = {0, 0, 1, 1, 2, 2, 3, 3};
  // Costs proportional to work in every set and replicate: the ratio is exact whatever the sets' spread.
  const std::vector<double> work = {90, 110, 190, 210, 290, 310, 150, 150};
  std::vector<double> cost;
  for (double w : work) cost.push_back(2e5 * w);
  const auto q = sets_ratio_interval(cost, work, set_of);
  CHECK(q.bounded);
  CHECK(q.estimate == Approx(2e5));
  CHECK(q.low == Approx(2e5));
  CHECK(q.high == Approx(2e5));
  // A cost per person that differs by set: the interval covers the sets' ratios, wider than over replicates.
  const std::vector<double> varying = {90 * 1e5, 110 * 1e5, 190 * 2e5, 210 * 2e5, 290 * 3e5, 310 * 3e5, 150 * 2e5, 150 * 2e5};
  const auto v = sets_ratio_interval(varying, work, set_of);
  const auto r = ratio_interval(varying, work);
  CHECK(v.estimate == Approx(r.estimate));
  CHECK((!v.bounded || v.high - v.low > r.high - r.low));
}
