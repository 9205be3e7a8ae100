#include "sim/cli/compare.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <charconv>
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

const std::vector<Metric>& key_metrics() { return output::metric_table(); }

namespace {

struct RunFile {
  output::NetcdfReader reader;
  std::vector<std::string> states, transitions, queues, counties;
  std::vector<double> times;
  std::size_t replicates = 0;

  explicit RunFile(const std::filesystem::path& p) : reader(p) {
    for (const char* v : {"persons", "transitions", "queue_length", "wait_days_mean", "employers", "employer_trust_mean",
                          "ia_sick_leave_pct", "subsidy_cost_nok"})
      (void)reader.variable(v);  // throws naming the file if this is not an iasim run file
    states = reader.dim("state").labels;
    transitions = reader.dim("transition").labels;
    queues = reader.dim("queue").labels;
    counties = reader.dim("county").labels;
    times = reader.dim("time").numbers;
    replicates = reader.dim("replicate").size;
  }
  std::size_t index_of(const std::vector<std::string>& labels, const std::string& l) const {
    const auto it = std::find(labels.begin(), labels.end(), l);
    if (it == labels.end()) throw CompareError(reader.path().string() + ": no coordinate label '" + l + "'");
    return static_cast<std::size_t>(it - labels.begin());
  }
};

// value[r] of one metric for every replicate, at time index k.
std::vector<double> metric_values(const RunFile& f, const Metric& m, std::size_t k) {
  const std::size_t R = f.replicates, C = f.counties.size();
  std::vector<double> out(R, 0.0);
  auto read4 = [&](const char* var, std::size_t t0, std::size_t nt) {
    const auto& info = f.reader.variable(var);
    const std::size_t start[] = {0, t0, 0, 0};
    const std::size_t count[] = {R, nt, C, info.shape[3]};
    return f.reader.read(var, start, count).values;
  };
  auto read3 = [&](const char* var, std::size_t t0, std::size_t nt) {
    const std::size_t start[] = {0, t0, 0};
    const std::size_t count[] = {R, nt, C};
    return f.reader.read(var, start, count).values;
  };
  // m.variable's entries for `labels` (coordinate `dim`) at the date, summed over counties: stock, queue.
  auto at_date = [&](const std::vector<std::string>& dim) {
    const auto v = read4(m.variable.c_str(), k, 1);
    const std::size_t L = dim.size();
    for (const auto& l : m.labels) {
      const auto i = f.index_of(dim, l);
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t c = 0; c < C; ++c) out[r] += v[(r * C + c) * L + i];
    }
  };
  auto cumulative = [&] {
    const auto v = read4(m.variable.c_str(), 0, k + 1);
    const std::size_t T = f.transitions.size();
    for (const auto& l : m.labels) {
      const auto i = f.index_of(f.transitions, l);
      for (std::size_t r = 0; r < R; ++r)
        for (std::size_t t = 0; t <= k; ++t)
          for (std::size_t c = 0; c < C; ++c) out[r] += v[((r * (k + 1) + t) * C + c) * T + i];
    }
  };
  auto employer_weighted = [&](const char* var) {
    const auto v = read3(var, k, 1), w = read3("employers", k, 1);
    for (std::size_t r = 0; r < R; ++r) {
      double sum = 0, wsum = 0;
      for (std::size_t c = 0; c < C; ++c) {
        sum += v[r * C + c] * w[r * C + c];
        wsum += w[r * C + c];
      }
      out[r] = wsum > 0 ? sum / wsum : std::nan("");
    }
  };
  if (m.kind == "stock") at_date(f.states);
  else if (m.kind == "cumulative_transitions") cumulative();
  else if (m.kind == "queue") at_date(f.queues);
  else if (m.kind == "recent_wait") {
    // Weighted by the number assessed in each county and step over the window.
    std::size_t t0 = k;
    while (t0 > 0 && f.times[k] - f.times[t0 - 1] < m.window_days) --t0;
    const std::size_t nt = k - t0 + 1;
    const auto wait = read4(m.variable.c_str(), t0, nt), tr = read4("transitions", t0, nt);
    const std::size_t Q = f.queues.size(), T = f.transitions.size();
    const auto weight = f.index_of(f.transitions, m.weight);
    std::vector<std::size_t> queues;
    for (const auto& l : m.labels) queues.push_back(f.index_of(f.queues, l));
    for (std::size_t r = 0; r < R; ++r) {
      double sum = 0, n = 0;
      for (std::size_t t = 0; t < nt; ++t)
        for (std::size_t c = 0; c < C; ++c) {
          const std::size_t rc = (r * nt + t) * C + c;
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
            n += w;
          }
        }
      out[r] = n > 0 ? sum / n : std::nan("");
    }
  } else if (m.kind == "employer_weighted") employer_weighted(m.variable.c_str());
  else if (m.kind == "cumulative_sum") {
    const auto v = read3(m.variable.c_str(), 0, k + 1);
    for (std::size_t r = 0; r < R; ++r)
      for (std::size_t t = 0; t <= k; ++t)
        for (std::size_t c = 0; c < C; ++c) out[r] += v[(r * (k + 1) + t) * C + c] / m.divisor;
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

Comparison compare_files(const std::vector<std::filesystem::path>& paths, std::optional<double> at_day,
                         const std::vector<std::string>& metric_names) {
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
  for (const auto& m : chosen) {
    MetricResult res;
    res.metric = m;
    const auto base = metric_values(a, m, k);
    for (std::size_t i = 0; i < files.size(); ++i) {
      const auto v = i == 0 ? base : metric_values(files[i], m, k);
      res.per_file.push_back(mean_interval(v));
      if (i == 0) {
        res.difference.push_back({});
        res.significant.push_back(false);
        continue;
      }
      std::vector<double> d(v.size());
      for (std::size_t r = 0; r < v.size(); ++r) d[r] = v[r] - base[r];
      const auto di = mean_interval(d);
      res.difference.push_back(di);
      res.significant.push_back(di.n >= 2 && (di.low > 0 || di.high < 0));
    }
    out.results.push_back(std::move(res));
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
  return {{"mean", json_number(v.mean)}, {"low95", json_number(v.low)}, {"high95", json_number(v.high)}};
}
}  // namespace

std::string format_comparison(const Comparison& c, CompareFormat format) {
  std::ostringstream os;
  const std::size_t F = c.files.size();
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
    row({"metric", "unit", "scenario", "file", "mean", "low95", "high95", "diff_mean", "diff_low95", "diff_high95",
         "significant"});
    for (const auto& r : c.results)
      for (std::size_t i = 0; i < F; ++i) {
        const auto& v = r.per_file[i];
        const auto& d = r.difference[i];
        if (i == 0)
          row({r.metric.name, r.metric.unit, c.scenarios[i], c.files[i], exact(v.mean), exact(v.low), exact(v.high), "",
               "", "", ""});
        else
          row({r.metric.name, r.metric.unit, c.scenarios[i], c.files[i], exact(v.mean), exact(v.low), exact(v.high),
               exact(d.mean), exact(d.low), exact(d.high), r.significant[i] ? "yes" : "no"});
      }
    return os.str();
  }
  if (format == CompareFormat::json) {
    // Through nlohmann-json (Debian's nlohmann-json3-dev), not by hand: every control character and quote in a
    // scenario name or path is escaped, and numbers keep full precision.
    Json files = Json::array();
    for (std::size_t i = 0; i < F; ++i) files.push_back({{"file", c.files[i]}, {"scenario", c.scenarios[i]}});
    Json metrics = Json::array();
    for (const auto& r : c.results) {
      Json values = Json::array();
      for (std::size_t i = 0; i < F; ++i) {
        Json v = json_interval(r.per_file[i]);
        if (i > 0) {
          v["diff"] = json_interval(r.difference[i]);
          v["diff"]["significant"] = static_cast<bool>(r.significant[i]);
        }
        values.push_back(std::move(v));
      }
      metrics.push_back({{"name", r.metric.name}, {"unit", r.metric.unit}, {"values", std::move(values)}});
    }
    const Json doc = {{"at", format_day(c.at_day)},
                                        {"replicates", c.replicates},
                                        {"files", std::move(files)},
                                        {"metrics", std::move(metrics)}};
    // Text that is not UTF-8 (a file name in another encoding) is replaced rather than refused.
    os << doc.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
    return os.str();
  }
  // Table: one row per metric; per file "mean [low, high]" and, after the first, "diff [low, high]".
  os << "Outcomes at " << format_day(c.at_day) << ", mean [95% interval] over " << c.replicates
     << " replicates; differences to " << c.scenarios[0] << " paired by replicate.\n";
  os << "(~ marks a difference whose interval includes 0: not significant)\n\n";
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"metric", "unit"};
  for (std::size_t i = 0; i < F; ++i) {
    head.push_back(c.scenarios[i]);
    if (i > 0) head.push_back(std::string("diff vs ").append(c.scenarios[0]));
  }
  rows.push_back(head);
  for (const auto& r : c.results) {
    std::vector<std::string> row{r.metric.name, r.metric.unit};
    for (std::size_t i = 0; i < F; ++i) {
      const auto& v = r.per_file[i];
      row.push_back(num(v.mean) + " [" + num(v.low) + ", " + num(v.high) + "]");
      if (i > 0) {
        const auto& d = r.difference[i];
        std::string cell = d.mean >= 0 ? "+" : "";
        cell += num(d.mean) + " [" + num(d.low) + ", " + num(d.high) + "]";
        if (!r.significant[i]) cell += " ~";
        row.push_back(cell);
      }
    }
    rows.push_back(row);
  }
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& row : rows)
    for (std::size_t j = 0; j < row.size(); ++j) width[j] = std::max(width[j], row[j].size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    for (std::size_t j = 0; j < rows[i].size(); ++j) {
      os << rows[i][j];
      if (j + 1 < rows[i].size()) os << std::string(width[j] - rows[i][j].size() + 2, ' ');
    }
    os << '\n';
    if (i == 0) {
      std::size_t total = 0;
      for (auto w : width) total += w + 2;
      os << std::string(total - 2, '-') << '\n';
    }
  }
  return os.str();
}

}  // namespace iasim::cli
