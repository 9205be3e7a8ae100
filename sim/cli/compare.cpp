#include "sim/cli/compare.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <charconv>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/output/netcdf_reader.hpp"

namespace iasim::cli {

namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}
const long epoch_2015 = days_from_civil(2015, 1, 1);

}  // namespace

std::optional<double> parse_date(const std::string& s) {
  int y = 0;
  unsigned m = 0, d = 0;
  char extra = 0;
  if (std::sscanf(s.c_str(), "%d-%u-%u%c", &y, &m, &d, &extra) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const long days = days_from_civil(y, m, d);
  // Reject 2019-02-31 and the like: the date must survive the round trip.
  if (format_day(static_cast<double>(days - epoch_2015)) != s) return std::nullopt;
  return static_cast<double>(days - epoch_2015);
}

std::string format_day(double day) {
  long z = static_cast<long>(std::floor(day)) + epoch_2015 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
  return buf;
}

Interval mean_interval(const std::vector<double>& values) {
  Interval r;
  double sum = 0;
  for (double v : values)
    if (!std::isnan(v)) {
      sum += v;
      ++r.n;
    }
  if (r.n == 0) return {std::nan(""), std::nan(""), std::nan(""), 0};
  r.mean = sum / r.n;
  if (r.n < 2) {
    r.low = r.high = r.mean;
    return r;
  }
  double ss = 0;
  for (double v : values)
    if (!std::isnan(v)) ss += (v - r.mean) * (v - r.mean);
  const double se = std::sqrt(ss / (r.n - 1) / r.n);
  const double t = boost::math::quantile(boost::math::students_t(static_cast<double>(r.n - 1)), 0.975);
  r.low = r.mean - t * se;
  r.high = r.mean + t * se;
  return r;
}

namespace {
// Per set k: the mean of its non-NaN values and their count; sets without a value are left out.
struct SetMeans {
  std::vector<double> mean, count;
  double within_ss = 0, within_df = 0;  // pooled sum of squares about the set means, and its degrees of freedom
};
SetMeans set_means(const std::vector<double>& values, const std::vector<std::size_t>& set_of) {
  const std::size_t K = set_of.empty() ? 0 : *std::max_element(set_of.begin(), set_of.end()) + 1;
  std::vector<double> sum(K, 0.0), n(K, 0.0);
  for (std::size_t r = 0; r < values.size(); ++r)
    if (!std::isnan(values[r])) {
      sum[set_of[r]] += values[r];
      n[set_of[r]] += 1;
    }
  SetMeans out;
  std::vector<double> mean_of(K, std::nan(""));
  for (std::size_t k = 0; k < K; ++k)
    if (n[k] > 0) {
      mean_of[k] = sum[k] / n[k];
      out.mean.push_back(mean_of[k]);
      out.count.push_back(n[k]);
      out.within_df += n[k] - 1;
    }
  for (std::size_t r = 0; r < values.size(); ++r)
    if (!std::isnan(values[r])) out.within_ss += (values[r] - mean_of[set_of[r]]) * (values[r] - mean_of[set_of[r]]);
  return out;
}
double t975(double df) { return boost::math::quantile(boost::math::students_t(df), 0.975); }
}  // namespace

Interval sets_interval(const std::vector<double>& values, const std::vector<std::size_t>& set_of) {
  const auto s = set_means(values, set_of);
  const double K = static_cast<double>(s.mean.size());
  Interval r;
  r.sets = s.mean.size();
  for (double c : s.count) r.n += static_cast<std::size_t>(c);
  if (s.mean.empty()) return {std::nan(""), std::nan(""), std::nan(""), 0, 0, std::nan("")};
  double M = 0;
  for (double m : s.mean) M += m;
  M /= K;
  r.mean = M;
  if (s.mean.size() < 2) {  // one set: only the noise is known, as for a run without sets
    auto one = mean_interval(values);
    one.sets = 1;
    return one;
  }
  double B = 0, inv_n = 0;
  for (std::size_t k = 0; k < s.mean.size(); ++k) {
    B += (s.mean[k] - M) * (s.mean[k] - M);
    inv_n += 1 / s.count[k];
  }
  B /= K - 1;
  double V = B;
  if (s.within_df > 0) {
    const double noise = s.within_ss / s.within_df * (inv_n / K);  // W / n, n the harmonic mean of the counts
    const double parameters = std::max(0.0, B - noise);
    V = parameters + noise;
    r.parameter_share = V > 0 ? parameters / V : 0.0;
  }
  const double half = t975(K - 1) * std::sqrt(V * (1 + 1 / K));
  r.low = M - half;
  r.high = M + half;
  return r;
}

const std::vector<Metric>& key_metrics() { return output::metric_table(); }

namespace {

struct RunFile {
  output::NetcdfReader reader;
  std::vector<std::string> transitions, queues, counties;
  std::vector<double> times;
  std::size_t replicates = 0;
  std::vector<std::size_t> set_of;      // replicate -> parameter set; empty for a run without sets
  std::vector<double> set_values;       // [set][parameter]
  std::vector<std::string> parameters;  // the sets' parameter paths

  explicit RunFile(const std::filesystem::path& p) : reader(p) {
    for (const char* v : {"persons", "transitions", "queue_length", "wait_days_mean", "employers", "employer_trust_mean",
                          "ia_sick_leave_pct", "subsidy_cost_nok"})
      (void)reader.variable(v);  // throws naming the file if this is not an iasim run file
    transitions = reader.dim("transition").labels;
    queues = reader.dim("queue").labels;
    counties = reader.dim("county").labels;
    times = reader.dim("time").numbers;
    replicates = reader.dim("replicate").size;
    const auto& vars = reader.variables();
    if (std::any_of(vars.begin(), vars.end(), [](const auto& v) { return v.name == "replicate_parameter_set"; })) {
      for (double k : reader.read("replicate_parameter_set").values) set_of.push_back(static_cast<std::size_t>(k));
      set_values = reader.read("parameter_value").values;
      parameters = reader.dim("parameter").labels;
    }
  }
  // Mean and interval of one value per replicate: over replicates, or over parameter sets when the run has them.
  Interval interval(const std::vector<double>& v) const { return set_of.empty() ? mean_interval(v) : sets_interval(v, set_of); }
  Ratio ratio(const std::vector<double>& x, const std::vector<double>& y) const {
    return set_of.empty() ? ratio_interval(x, y) : sets_ratio_interval(x, y, set_of);
  }
  std::size_t index_of(const std::vector<std::string>& labels, const std::string& l) const {
    const auto it = std::find(labels.begin(), labels.end(), l);
    if (it == labels.end()) throw CompareError(reader.path().string() + ": no coordinate label '" + l + "'");
    return static_cast<std::size_t>(it - labels.begin());
  }
  // The labels of a variable's last dimension (states, transitions, queues, cost items).
  const std::vector<std::string>& last_labels(const std::string& var) const {
    return reader.dim(reader.variable(var).dims.back()).labels;
  }
};

// Which part of the country a metric is evaluated for: all of it, or one group along the third dimension of
// the variable it reads (a county; a subgroup of *_by_subgroup; the offices of one size class of office_*).
struct Part {
  GroupBy by = GroupBy::none;
  std::size_t group = 0;
  std::vector<double> office_class;  // [replicate][office], for office_size
  bool member(std::size_t r, std::size_t n, std::size_t N) const {
    switch (by) {
      case GroupBy::none: return true;
      case GroupBy::office_size: return office_class[r * N + n] == static_cast<double>(group);
      default: return n == group;
    }
  }
  // The variable holding `var` for this part: persons -> persons_by_subgroup or office_persons, etc.
  std::string variable(const std::string& var) const {
    if (by == GroupBy::subgroup) return var + "_by_subgroup";
    if (by == GroupBy::office_size) return "office_" + var;
    return var;
  }
};

// Whether a metric can be split by `by`: counties split every metric; subgroups and office sizes split the
// stocks and counted transitions, which are what their variables hold.
bool splits(const Metric& m, GroupBy by) {
  return by == GroupBy::none || by == GroupBy::county || m.kind == "stock" || m.kind == "cumulative_transitions";
}

// value[r] of one metric for every replicate, at time index k, for one part of the country.
std::vector<double> metric_values(const RunFile& f, const Metric& m, std::size_t k, const Part& part = {}) {
  const std::size_t R = f.replicates;
  std::vector<double> out(R, 0.0);
  const std::string var = part.variable(m.variable);
  // [R, nt, N, L] or [R, nt, N] from time index t0.
  auto read = [&](const std::string& name, std::size_t t0, std::size_t nt) {
    const auto& info = f.reader.variable(name);
    std::vector<std::size_t> start(info.shape.size(), 0), count = info.shape;
    start[1] = t0;
    count[1] = nt;
    return f.reader.read(name, start, count).values;
  };
  const std::size_t N = f.reader.variable(var).shape[2];
  // Entries of `var` for the metric's labels, summed over the part and the time steps t0 .. k.
  auto sum_labels = [&](std::size_t t0) {
    const auto v = read(var, t0, k - t0 + 1);
    const auto& dim = f.last_labels(var);
    const std::size_t L = dim.size(), nt = k - t0 + 1;
    for (const auto& l : m.labels) {
      const auto i = f.index_of(dim, l);
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t t = 0; t < nt; ++t)
          for (std::size_t n = 0; n < N; ++n)
            if (part.member(r, n, N)) out[r] += v[((r * nt + t) * N + n) * L + i];
    }
  };
  if (m.kind == "stock" || m.kind == "queue") sum_labels(k);
  else if (m.kind == "cumulative_transitions") sum_labels(0);
  else if (m.kind == "employer_weighted") {
    const auto v = read(var, k, 1), w = read("employers", k, 1);
    for (std::size_t r = 0; r < R; ++r) {
      double sum = 0, wsum = 0;
      for (std::size_t n = 0; n < N; ++n)
        if (part.member(r, n, N)) {
          sum += v[r * N + n] * w[r * N + n];
          wsum += w[r * N + n];
        }
      out[r] = wsum > 0 ? sum / wsum : std::nan("");
    }
  } else if (m.kind == "cumulative_sum") {
    if (!m.labels.empty()) sum_labels(0);
    else {
      const auto v = read(var, 0, k + 1);
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t t = 0; t <= k; ++t)
          for (std::size_t n = 0; n < N; ++n)
            if (part.member(r, n, N)) out[r] += v[(r * (k + 1) + t) * N + n];
    }
    for (double& x : out) x /= m.divisor;
  } else if (m.kind == "recent_wait") {
    // Weighted by the number assessed in each county and step over the window.
    std::size_t t0 = k;
    while (t0 > 0 && f.times[k] - f.times[t0 - 1] < m.window_days) --t0;
    const std::size_t nt = k - t0 + 1;
    const auto wait = read(var, t0, nt), tr = read("transitions", t0, nt);
    const std::size_t Q = f.queues.size(), T = f.transitions.size();
    const auto weight = f.index_of(f.transitions, m.weight);
    std::vector<std::size_t> queues;
    for (const auto& l : m.labels) queues.push_back(f.index_of(f.queues, l));
    for (std::size_t r = 0; r < R; ++r) {
      double sum = 0, n_assessed = 0;
      for (std::size_t t = 0; t < nt; ++t)
        for (std::size_t n = 0; n < N; ++n) {
          if (!part.member(r, n, N)) continue;
          const std::size_t rc = (r * nt + t) * N + n;
          const double w = tr[rc * T + weight];
          // The queues' means, each weighted by the share it served, approximated by their mean.
          double mean = 0, cnt = 0;
          for (auto q : queues)
            if (!std::isnan(wait[rc * Q + q])) {
              mean += wait[rc * Q + q];
              cnt += 1;
            }
          if (cnt > 0 && w > 0) {
            sum += w * mean / cnt;
            n_assessed += w;
          }
        }
      out[r] = n_assessed > 0 ? sum / n_assessed : std::nan("");
    }
  } else {
    throw CompareError("metric '" + m.name + "' has an unknown kind '" + m.kind + "'");
  }
  return out;
}

std::string attr_text(const output::NetcdfReader& r, const char* name) {
  const auto& a = r.global_attrs();
  const auto it = a.find(name);
  return it == a.end() ? std::string("?") : output::to_string(it->second);
}

}  // namespace

namespace {

// An interval of a difference that excludes 0.
bool significant(const Interval& d) { return d.n >= 2 && (d.low > 0 || d.high < 0); }

// b[r] - a[r], replicate by replicate.
std::vector<double> paired(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d(a.size());
  for (std::size_t r = 0; r < d.size(); ++r) d[r] = b[r] - a[r];
  return d;
}

// Each file's values of `m` for one part, the means with intervals and the paired differences to the first file.
MetricResult compare_metric(const std::vector<RunFile>& files, const Metric& m, std::size_t k,
                            const std::vector<Part>& parts) {
  MetricResult res;
  res.metric = m;
  const auto base = metric_values(files[0], m, k, parts[0]);
  for (std::size_t i = 0; i < files.size(); ++i) {
    const auto v = i == 0 ? base : metric_values(files[i], m, k, parts[i]);
    res.per_file.push_back(files[i].interval(v));
    const auto di = i == 0 ? Interval{} : files[i].interval(paired(base, v));
    res.difference.push_back(di);
    res.significant.push_back(i > 0 && significant(di));
  }
  return res;
}

const Metric& metric_named(const char* name) {
  for (const auto& m : key_metrics())
    if (m.name == name) return m;
  throw CompareError(std::string("the metric table has no '") + name + "'");
}

CostEffect cost_effect(const RunFile& a, const RunFile& b, std::size_t k) {
  auto diff = [&](const char* name) {
    const auto& m = metric_named(name);
    return paired(metric_values(a, m, k), metric_values(b, m, k));
  };
  CostEffect ce;
  ce.in_work_by_replicate = diff(output::in_work_metric);
  ce.cost_by_replicate = diff(output::programme_cost_metric);
  ce.net_cost_by_replicate = diff(output::total_cost_metric);
  ce.extra_in_work = b.interval(ce.in_work_by_replicate);
  ce.extra_cost_mnok = b.interval(ce.cost_by_replicate);
  ce.extra_net_cost_mnok = b.interval(ce.net_cost_by_replicate);
  auto nok = [](std::vector<double> v) {
    for (double& x : v) x *= 1e6;
    return v;
  };
  ce.cost_per_extra_person_nok = b.ratio(nok(ce.cost_by_replicate), ce.in_work_by_replicate);
  ce.net_cost_per_extra_person_nok = b.ratio(nok(ce.net_cost_by_replicate), ce.in_work_by_replicate);
  const bool more_work = significant(ce.extra_in_work) && ce.extra_in_work.low > 0;
  const bool less_work = significant(ce.extra_in_work) && ce.extra_in_work.high < 0;
  const char* cost = ce.extra_cost_mnok.mean > 0 ? "more_cost" : "less_cost";
  ce.quadrant = more_work ? std::string("more_work_") + cost : less_work ? std::string("less_work_") + cost : "unclear";
  // Fewer people in work: a ratio exists but is no cost per *extra* person.
  if (!more_work) ce.cost_per_extra_person_nok.bounded = ce.net_cost_per_extra_person_nok.bounded = false;
  return ce;
}

// The groups of `by` as the first file has them, and for each file and group the part to evaluate.
std::vector<Group> groups_of(const RunFile& f, GroupBy by) {
  std::vector<Group> out;
  auto split = [](const std::string& text) {
    std::vector<std::string> words;
    std::istringstream is(text);
    for (std::string w; is >> w;) words.push_back(w);
    return words;
  };
  if (by == GroupBy::county) {
    for (const auto& c : f.counties) out.push_back({c, "county"});
  } else if (by == GroupBy::subgroup) {
    const auto& d = f.reader.dim("subgroup");
    const auto it = d.attrs.find("group_kinds");
    const auto kinds = it == d.attrs.end() ? std::vector<std::string>{} : split(output::to_string(it->second));
    for (std::size_t g = 0; g < d.labels.size(); ++g) out.push_back({d.labels[g], g < kinds.size() ? kinds[g] : "subgroup"});
  } else if (by == GroupBy::office_size) {
    const auto& attrs = f.reader.variable("office_size_class").attrs;
    const auto it = attrs.find("class_labels");
    if (it == attrs.end()) throw CompareError(f.reader.path().string() + ": office_size_class has no class_labels");
    for (const auto& l : split(output::to_string(it->second))) out.push_back({l, "office_size"});
  }
  return out;
}

Part part_of(const RunFile& f, GroupBy by, std::size_t group) {
  Part p;
  p.by = by;
  p.group = group;
  if (by == GroupBy::office_size) p.office_class = f.reader.read("office_size_class").values;
  return p;
}

}  // namespace

std::optional<GroupBy> parse_group_by(const std::string& s) {
  if (s == "county") return GroupBy::county;
  if (s == "subgroup") return GroupBy::subgroup;
  if (s == "office_size") return GroupBy::office_size;
  return std::nullopt;
}

namespace {
// Fieller's interval for mx / my given the variances (vxx, vyy) and covariance (vxy) of the two estimates and
// the degrees of freedom of their Student t.
Ratio fieller(double mx, double my, double vxx, double vyy, double vxy, double df) {
  Ratio out;
  out.estimate = my != 0 ? mx / my : std::nan("");
  const double t = t975(df);
  const double t2 = t * t;
  // (mx - q my)^2 = t^2 (vxx - 2 q vxy + q^2 vyy): a q^2 - 2 b q + c = 0.
  const double a = my * my - t2 * vyy, b = mx * my - t2 * vxy, c = mx * mx - t2 * vxx;
  const double disc = b * b - a * c;
  if (a <= 0 || disc < 0) {
    out.low = -std::numeric_limits<double>::infinity();
    out.high = std::numeric_limits<double>::infinity();
    out.bounded = false;
    return out;
  }
  out.low = (b - std::sqrt(disc)) / a;
  out.high = (b + std::sqrt(disc)) / a;
  out.bounded = true;
  return out;
}
}  // namespace

Ratio ratio_interval(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = std::min(x.size(), y.size());
  if (n == 0) return {std::nan(""), std::nan(""), std::nan(""), false};
  if (n < 2) {
    Ratio out;
    out.estimate = y[0] != 0 ? x[0] / y[0] : std::nan("");
    out.low = out.high = out.estimate;
    out.bounded = y[0] != 0;
    return out;
  }
  // Means, and the variances and covariance of the means.
  double mx = 0, my = 0, vxx = 0, vyy = 0, vxy = 0;
  for (std::size_t r = 0; r < n; ++r) {
    mx += x[r];
    my += y[r];
  }
  mx /= n;
  my /= n;
  for (std::size_t r = 0; r < n; ++r) {
    vxx += (x[r] - mx) * (x[r] - mx);
    vyy += (y[r] - my) * (y[r] - my);
    vxy += (x[r] - mx) * (y[r] - my);
  }
  const double f = (1.0 / n) / (n - 1);  // as the variance of a mean: (1/n) / (n - 1) of the sum of squares
  return fieller(mx, my, vxx * f, vyy * f, vxy * f, static_cast<double>(n - 1));
}

Ratio sets_ratio_interval(const std::vector<double>& x, const std::vector<double>& y, const std::vector<std::size_t>& set_of) {
  const auto sx = set_means(x, set_of), sy = set_means(y, set_of);
  const std::size_t K = sx.mean.size();
  if (K != sy.mean.size() || K == 0) return {std::nan(""), std::nan(""), std::nan(""), false};
  if (K < 2) return ratio_interval(x, y);
  // Each set's own ratio; a set whose denominator is not above 0 has no cost per extra person.
  double mx = 0, my = 0, mean_ratio = 0;
  std::vector<double> ratio(K);
  bool all_positive = true;
  for (std::size_t k = 0; k < K; ++k) {
    mx += sx.mean[k] / K;
    my += sy.mean[k] / K;
    all_positive = all_positive && sy.mean[k] > 0;
    ratio[k] = sy.mean[k] != 0 ? sx.mean[k] / sy.mean[k] : std::nan("");
    mean_ratio += ratio[k] / K;
  }
  Ratio out;
  out.estimate = my != 0 ? mx / my : std::nan("");
  if (!all_positive) {
    out.low = -std::numeric_limits<double>::infinity();
    out.high = std::numeric_limits<double>::infinity();
    return out;
  }
  double ss = 0;
  for (double q : ratio) ss += (q - mean_ratio) * (q - mean_ratio);
  const double half = t975(static_cast<double>(K - 1)) * std::sqrt(ss / (K - 1) * (1 + 1.0 / K));
  out.low = out.estimate - half;
  out.high = out.estimate + half;
  out.bounded = true;
  return out;
}

Comparison compare_files(const std::vector<std::filesystem::path>& paths, std::optional<double> at_day,
                         const std::vector<std::string>& metric_names, GroupBy by) {
  if (paths.size() < 2) throw CompareError("compare needs at least two files (the first is the reference)");
  std::vector<RunFile> files;
  for (const auto& p : paths) files.emplace_back(p);
  const RunFile& a = files.front();
  for (std::size_t i = 1; i < files.size(); ++i) {
    const RunFile& b = files[i];
    const std::string which = paths[i].string() + " and " + paths[0].string();
    if (b.times != a.times)
      throw CompareError(which + " have different output times (horizon " + format_day(b.times.back()) + " vs " +
                         format_day(a.times.back()) + ", " + std::to_string(b.times.size()) + " vs " +
                         std::to_string(a.times.size()) + " steps): run both with the same --horizon and output step");
    if (b.counties != a.counties) throw CompareError(which + " cover different counties");
    if (attr_text(b.reader, "seed") != attr_text(a.reader, "seed"))
      throw CompareError(which + " were run with different seeds (" + attr_text(b.reader, "seed") + " vs " +
                         attr_text(a.reader, "seed") + "): paired differences need the same seed; rerun with --seed");
    if (b.replicates != a.replicates)
      throw CompareError(which + " have different numbers of replicates (" + std::to_string(b.replicates) + " vs " +
                         std::to_string(a.replicates) + "): rerun with the same --replicates");
    if (b.set_of.empty() != a.set_of.empty())
      throw CompareError(which + ": one was run over parameter sets (--parameter-sets) and the other was not; run "
                         "both over the same sets");
    if (b.set_of != a.set_of || b.set_values != a.set_values || b.parameters != a.parameters)
      throw CompareError(which + " were run over different parameter sets: paired differences need the same sets "
                         "(the same --parameter-sets file, --first-sets and --replicates)");
  }
  Comparison out;
  std::size_t k = a.times.size() - 1;
  if (at_day) {
    if (*at_day < a.times.front() || *at_day > a.times.back())
      throw CompareError("--at " + format_day(*at_day) + " is outside the runs (" + format_day(a.times.front()) + " to " +
                         format_day(a.times.back()) + ")");
    k = static_cast<std::size_t>(std::upper_bound(a.times.begin(), a.times.end(), *at_day) - a.times.begin()) - 1;
  }
  out.at_day = a.times[k];
  out.replicates = a.replicates;
  out.parameter_sets = a.set_of.empty() ? 0 : a.set_values.size() / std::max<std::size_t>(1, a.parameters.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    out.files.push_back(paths[i].string());
    out.scenarios.push_back(attr_text(files[i].reader, "scenario"));
  }
  std::vector<Metric> chosen;
  for (const auto& m : key_metrics())
    if (metric_names.empty() || std::find(metric_names.begin(), metric_names.end(), m.name) != metric_names.end())
      chosen.push_back(m);
  for (const auto& n : metric_names)
    if (std::none_of(key_metrics().begin(), key_metrics().end(), [&](const Metric& m) { return m.name == n; })) {
      std::string known;
      for (const auto& m : key_metrics()) {
        if (!known.empty()) known += ", ";
        known += m.name;
      }
      throw CompareError("unknown metric '" + n + "'; known metrics: " + known);
    }
  out.by = by;
  if (by == GroupBy::none) {
    const std::vector<Part> national(files.size());
    for (const auto& m : chosen) out.results.push_back(compare_metric(files, m, k, national));
    out.cost_effect.push_back(std::nullopt);
    for (std::size_t i = 1; i < files.size(); ++i) out.cost_effect.push_back(cost_effect(a, files[i], k));
    return out;
  }
  out.groups = groups_of(a, by);
  for (std::size_t i = 1; i < files.size(); ++i) {
    const auto g = groups_of(files[i], by);
    if (g.size() != out.groups.size() ||
        !std::equal(g.begin(), g.end(), out.groups.begin(), [](const Group& x, const Group& y) { return x.label == y.label; }))
      throw CompareError(paths[i].string() + " and " + paths[0].string() + " have different groups to compare by");
  }
  // For each group, each file's part (reading the offices' size classes once, not once per metric).
  std::vector<std::vector<Part>> parts(out.groups.size());
  for (std::size_t g = 0; g < out.groups.size(); ++g)
    for (const auto& f : files) parts[g].push_back(part_of(f, by, g));
  for (const auto& m : chosen) {
    if (!splits(m, by)) continue;
    GroupedResult gr;
    gr.metric = m;
    for (const auto& part : parts) gr.per_group.push_back(compare_metric(files, m, k, part));
    out.grouped.push_back(std::move(gr));
  }
  return out;
}

namespace {
std::string num(double x) {
  if (std::isnan(x)) return "nan";
  char buf[32];
  const double ax = std::fabs(x);
  std::snprintf(buf, sizeof buf, ax >= 1000 ? "%.0f" : ax >= 10 ? "%.1f" : "%.3f", x);
  return buf;
}
// Key order as written (mean, low95, high95), so the JSON reads like the table.
using Json = nlohmann::ordered_json;

// Machine formats carry every number at full precision: the shortest text that reads back to the same double.
std::string exact(double x) {
  if (std::isnan(x)) return "";
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, end) : std::string("nan");
}
// One CSV field as RFC 4180 says: quoted (quotes doubled) when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string o = "\"";
  for (char ch : s) {
    if (ch == '"') o += '"';
    o += ch;
  }
  return o + '"';
}
// A number for JSON: null where there is no value (NaN), otherwise the double itself (nlohmann-json prints the
// shortest text that reads back to it).
Json json_number(double x) { return std::isnan(x) ? Json(nullptr) : Json(x); }
Json json_interval(const Interval& v) {
  Json j = {{"mean", json_number(v.mean)}, {"low95", json_number(v.low)}, {"high95", json_number(v.high)}};
  if (v.sets > 0) j["parameter_share"] = json_number(v.parameter_share);
  return j;
}
}  // namespace

namespace {

std::string interval_cell(const Interval& v) {
  std::string cell = num(v.mean) + " [" + num(v.low) + ", " + num(v.high) + "]";
  if (v.sets > 1 && !std::isnan(v.parameter_share)) {
    char share[24];
    std::snprintf(share, sizeof share, " (par %.0f%%)", 100 * v.parameter_share);
    cell += share;
  }
  return cell;
}
std::string difference_cell(const Interval& d, bool significant) {
  std::string cell = d.mean >= 0 ? "+" : "";
  cell += interval_cell(d);
  if (!significant) cell += " ~";
  return cell;
}
std::string ratio_cell(const Ratio& q, const std::string& quadrant) {
  if (quadrant.rfind("less_work", 0) == 0) return "not defined (fewer in work)";
  if (!q.bounded) return "not defined (extra in work includes 0)";
  return num(q.estimate) + " [" + num(q.low) + ", " + num(q.high) + "]";
}

// Characters of UTF-8 text (not bytes), so that "Østfold" pads like "Oslo".
std::size_t text_width(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

// Rows of cells, padded to their columns, with a rule under the first.
void print_rows(std::ostream& os, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width;
  for (const auto& row : rows) {
    width.resize(std::max(width.size(), row.size()), 0);
    for (std::size_t j = 0; j < row.size(); ++j) width[j] = std::max(width[j], text_width(row[j]));
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < rows[i].size(); ++j) {
      os << rows[i][j];
      if (j + 1 < rows[i].size()) os << std::string(width[j] - text_width(rows[i][j]) + 2, ' ');
    }
    os << '\n';
    if (i == 0) {
      std::size_t total = 0;
      for (auto w : width) total += w + 2;
      os << std::string(total - 2, '-') << '\n';
    }
  }
}

// One row per result: per file "mean [low, high]" and, after the first, "diff [low, high]".
std::vector<std::string> result_cells(const MetricResult& r) {
  std::vector<std::string> row;
  for (std::size_t i = 0; i < r.per_file.size(); ++i) {
    row.push_back(interval_cell(r.per_file[i]));
    if (i > 0) row.push_back(difference_cell(r.difference[i], r.significant[i]));
  }
  return row;
}
std::vector<std::string> result_head(const Comparison& c) {
  std::vector<std::string> head;
  for (std::size_t i = 0; i < c.files.size(); ++i) {
    head.push_back(c.scenarios[i]);
    if (i > 0) head.push_back(std::string("diff vs ").append(c.scenarios[0]));
  }
  return head;
}

const char* by_name(GroupBy by) {
  switch (by) {
    case GroupBy::county: return "county";
    case GroupBy::subgroup: return "subgroup";
    case GroupBy::office_size: return "office_size";
    default: return "none";
  }
}

Json json_values(const MetricResult& r) {
  Json values = Json::array();
  for (std::size_t i = 0; i < r.per_file.size(); ++i) {
    Json v = json_interval(r.per_file[i]);
    if (i > 0) {
      v["diff"] = json_interval(r.difference[i]);
      v["diff"]["significant"] = static_cast<bool>(r.significant[i]);
    }
    values.push_back(std::move(v));
  }
  return values;
}
Json json_ratio(const Ratio& q) {
  return {{"estimate", json_number(q.estimate)},
          {"low95", q.bounded ? json_number(q.low) : Json(nullptr)},
          {"high95", q.bounded ? json_number(q.high) : Json(nullptr)},
          {"bounded", q.bounded}};
}
Json json_numbers(const std::vector<double>& v) {
  Json a = Json::array();
  for (double x : v) a.push_back(json_number(x));
  return a;
}

}  // namespace

std::string format_comparison(const Comparison& c, CompareFormat format) {
  std::ostringstream os;
  const std::size_t F = c.files.size();
  const bool grouped = c.by != GroupBy::none;
  if (format == CompareFormat::csv) {
    // RFC 4180: a header line, CRLF line ends, fields quoted when they need it; empty where there is no value.
    const auto row = [&os](std::initializer_list<std::string> fields) {
      bool first = true;
      for (const auto& f : fields) {
        if (!first) os << ',';
        os << csv_field(f);
        first = false;
      }
      os << "\r\n";
    };
    // parameter_share columns: runs over parameter sets only (empty otherwise).
    row({"metric", "unit", "group", "scenario", "file", "mean", "low95", "high95", "diff_mean", "diff_low95",
         "diff_high95", "significant", "parameter_share", "diff_parameter_share"});
    const auto share = [](const Interval& v) { return v.sets > 0 ? exact(v.parameter_share) : std::string(); };
    const auto rows_of = [&](const MetricResult& r, const std::string& group) {
      for (std::size_t i = 0; i < F; ++i) {
        const auto& v = r.per_file[i];
        const auto& d = r.difference[i];
        if (i == 0)
          row({r.metric.name, r.metric.unit, group, c.scenarios[i], c.files[i], exact(v.mean), exact(v.low),
               exact(v.high), "", "", "", "", share(v), ""});
        else
          row({r.metric.name, r.metric.unit, group, c.scenarios[i], c.files[i], exact(v.mean), exact(v.low),
               exact(v.high), exact(d.mean), exact(d.low), exact(d.high), r.significant[i] ? "yes" : "no", share(v),
               share(d)});
      }
    };
    for (const auto& r : c.results) rows_of(r, "all");
    for (const auto& g : c.grouped)
      for (std::size_t k = 0; k < c.groups.size(); ++k) rows_of(g.per_group[k], c.groups[k].label);
    // Cost-effectiveness rows: the ratio against the first file, in the diff columns.
    for (std::size_t i = 0; i < c.cost_effect.size(); ++i) {
      if (!c.cost_effect[i]) continue;
      const auto& ce = *c.cost_effect[i];
      for (const auto& [name, q] : {std::pair{"cost_per_extra_person_in_work", ce.cost_per_extra_person_nok},
                                    std::pair{"net_cost_per_extra_person_in_work", ce.net_cost_per_extra_person_nok}})
        row({name, "NOK", "all", c.scenarios[i], c.files[i], "", "", "", exact(q.estimate),
             q.bounded ? exact(q.low) : "", q.bounded ? exact(q.high) : "", q.bounded ? "bounded" : ce.quadrant, "", ""});
    }
    return os.str();
  }
  if (format == CompareFormat::json) {
    // Through nlohmann-json (Debian's nlohmann-json3-dev), not by hand: every control character and quote in a
    // scenario name or path is escaped, and numbers keep full precision.
    Json files = Json::array();
    for (std::size_t i = 0; i < F; ++i) files.push_back({{"file", c.files[i]}, {"scenario", c.scenarios[i]}});
    Json doc = {{"at", format_day(c.at_day)}, {"replicates", c.replicates}};
    if (c.parameter_sets > 0) doc["parameter_sets"] = c.parameter_sets;
    if (grouped) doc["by"] = by_name(c.by);
    doc["files"] = std::move(files);
    Json metrics = Json::array();
    if (grouped) {
      Json groups = Json::array();
      for (const auto& g : c.groups) groups.push_back({{"group", g.label}, {"kind", g.kind}});
      doc["groups"] = std::move(groups);
      for (const auto& gr : c.grouped) {
        Json per = Json::array();
        for (std::size_t k = 0; k < c.groups.size(); ++k)
          per.push_back({{"group", c.groups[k].label}, {"values", json_values(gr.per_group[k])}});
        metrics.push_back({{"name", gr.metric.name}, {"unit", gr.metric.unit}, {"groups", std::move(per)}});
      }
    } else {
      for (const auto& r : c.results)
        metrics.push_back({{"name", r.metric.name}, {"unit", r.metric.unit}, {"values", json_values(r)}});
    }
    doc["metrics"] = std::move(metrics);
    if (!grouped) {
      Json ces = Json::array();
      for (std::size_t i = 0; i < c.cost_effect.size(); ++i) {
        if (!c.cost_effect[i]) {
          ces.push_back(nullptr);
          continue;
        }
        const auto& ce = *c.cost_effect[i];
        ces.push_back({{"scenario", c.scenarios[i]},
                       {"file", c.files[i]},
                       {"extra_in_work", json_interval(ce.extra_in_work)},
                       {"extra_cost_mnok", json_interval(ce.extra_cost_mnok)},
                       {"extra_net_cost_mnok", json_interval(ce.extra_net_cost_mnok)},
                       {"cost_per_extra_person_nok", json_ratio(ce.cost_per_extra_person_nok)},
                       {"net_cost_per_extra_person_nok", json_ratio(ce.net_cost_per_extra_person_nok)},
                       {"quadrant", ce.quadrant},
                       {"replicates",
                        {{"extra_in_work", json_numbers(ce.in_work_by_replicate)},
                         {"extra_cost_mnok", json_numbers(ce.cost_by_replicate)},
                         {"extra_net_cost_mnok", json_numbers(ce.net_cost_by_replicate)}}}});
      }
      doc["cost_effectiveness"] = std::move(ces);
    }
    // Text that is not UTF-8 (a file name in another encoding) is replaced rather than refused.
    os << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    return os.str();
  }
  if (c.parameter_sets > 0) {
    os << "Outcomes at " << format_day(c.at_day) << ", mean [95% interval] over " << c.parameter_sets
       << " parameter sets x " << c.replicates / c.parameter_sets << " replicates; differences to " << c.scenarios[0]
       << " paired by set and replicate.\n"
       << "Intervals include parameter uncertainty: they predict the outcome under parameters drawn from the sets.\n"
       << "(par N%) is the share of the interval's variance that comes from the parameters; the rest is stochastic.\n";
  } else {
    os << "Outcomes at " << format_day(c.at_day) << ", mean [95% interval] over " << c.replicates
       << " replicates; differences to " << c.scenarios[0] << " paired by replicate.\n";
  }
  os << "(~ marks a difference whose interval includes 0: not significant)\n\n";
  if (grouped) {
    // One block per metric, one row per group.
    for (const auto& gr : c.grouped) {
      std::vector<std::vector<std::string>> rows;
      std::vector<std::string> head{gr.metric.name + " (" + gr.metric.unit + ") by " + by_name(c.by)};
      for (auto& h : result_head(c)) head.push_back(std::move(h));
      rows.push_back(head);
      for (std::size_t k = 0; k < c.groups.size(); ++k) {
        std::vector<std::string> row{c.groups[k].label};
        for (auto& cell : result_cells(gr.per_group[k])) row.push_back(std::move(cell));
        rows.push_back(row);
      }
      print_rows(os, rows);
      os << '\n';
    }
    return os.str();
  }
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"metric", "unit"};
  for (auto& h : result_head(c)) head.push_back(std::move(h));
  rows.push_back(head);
  for (const auto& r : c.results) {
    std::vector<std::string> row{r.metric.name, r.metric.unit};
    for (auto& cell : result_cells(r)) row.push_back(std::move(cell));
    rows.push_back(row);
  }
  print_rows(os, rows);
  if (F > 1) {
    if (c.parameter_sets > 0) {
      os << "\nCost per extra person in work (in_work at the date; costs from the start to the date), paired by set "
            "and replicate, relative to "
         << c.scenarios[0] << ":\n";
      os << "(net: with AAP, so benefits saved count; 95% interval over the sets' own ratios, given only when the "
            "extra in work is clearly above 0)\n\n";
    } else {
      os << "\nCost per extra person in work (in_work at the date; costs from the start to the date), paired by "
            "replicate, relative to "
         << c.scenarios[0] << ":\n";
      os << "(net: with AAP, so benefits saved count; Fieller's 95% interval, given only when the extra in work is "
            "clearly above 0)\n\n";
    }
    std::vector<std::vector<std::string>> ce_rows{{"scenario", "extra in work", "extra cost MNOK", "NOK per extra person",
                                                   "extra net cost MNOK", "net NOK per extra person"}};
    for (std::size_t i = 1; i < F; ++i) {
      const auto& ce = *c.cost_effect[i];
      ce_rows.push_back({c.scenarios[i], difference_cell(ce.extra_in_work, significant(ce.extra_in_work)),
                         difference_cell(ce.extra_cost_mnok, significant(ce.extra_cost_mnok)),
                         ratio_cell(ce.cost_per_extra_person_nok, ce.quadrant),
                         difference_cell(ce.extra_net_cost_mnok, significant(ce.extra_net_cost_mnok)),
                         ratio_cell(ce.net_cost_per_extra_person_nok, ce.quadrant)});
    }
    print_rows(os, ce_rows);
  }
  return os.str();
}

}  // namespace iasim::cli
