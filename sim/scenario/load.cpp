#include "sim/scenario/load.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <system_error>
#include <tuple>
#include <utility>

#include "sim/model/norway_2015.hpp"
#include "sim/scenario/detail/nearest.hpp"
#include "sim/scenario/detail/strict_yaml.hpp"
#include "sim/scenario/resolved.hpp"
#include "sim/scenario/schema.hpp"

namespace iasim::scenario {

namespace {

namespace fs = std::filesystem;
using detail::describe;
using detail::dotted;

constexpr std::string_view kSetSource = "--set";

constexpr detail::DocumentKind kScenarioDocument{"a scenario", "a scenario file", "at least `name: <scenario name>`",
                                                 "name:, extends:, run:, office:, counties: ...",
                                                 "at most 4 (counties: <name>: <section>: <key>)"};

struct Origin {
  std::string file;
  int line = 0;  // 1-based, 0 = no position (--set, data defaults)
  int column = 0;
};

// One value a scenario sets: a whole parameter, or one element of a `weights` parameter given as a map.
struct Entry {
  const Param* param = nullptr;
  std::optional<std::size_t> county;  // nullopt: top level (every county for county-scoped parameters)
  int element = -1;                   // index into the weights, or -1 for the whole value
  Value value;
  Origin origin;
};

// The deep-merged document as key path -> entry. Maps merge key by key because each leaf has its own path;
// a later file (the child) overwrites its parent's leaf.
using Layer = std::map<std::string, Entry>;

void put(Layer& layer, const std::string& key, Entry e) {
  if (e.param->type == ParamType::weights && e.element < 0) {
    // A whole list replaces what the parent said about single elements, as lists do in a deep merge.
    const std::string prefix = key + ".";
    for (auto it = layer.lower_bound(prefix); it != layer.end() && it->first.starts_with(prefix);)
      it = layer.erase(it);
  }
  layer.insert_or_assign(key, std::move(e));
}

std::string join(const std::vector<std::string>& items, std::string_view sep = ", ") {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : std::string(sep)) + s;
  return out;
}

std::string number(double x) { return to_yaml(Value{x}); }

std::string bound(const Param& p, double x) {
  if (p.type != ParamType::count) return number(x);
  return x >= 1.8e19 ? std::string("18446744073709551615") : std::to_string(static_cast<std::uint64_t>(x));
}

std::string range_text(const Param& p) {
  std::string out = "between " + bound(p, p.min) + " and " + bound(p, p.max);
  if (!p.unit.empty()) out += " (" + std::string(p.unit) + ")";
  return out;
}

// A source of YAML: a file (positions meaningful) or one --set override (no positions).
struct Source {
  std::string name;
  bool positions = true;
};

class Loader {
 public:
  explicit Loader(const model::Params& base) {
    for (const auto& c : base.counties) county_names_.push_back(c.name);
  }

  std::vector<Diagnostic> diagnostics;
  Layer file_layer;
  Layer set_layer;
  std::optional<std::string> description;

  void read_file(const fs::path& path, const std::string& shown, const Origin* extends_site) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    for (std::size_t i = 0; i < chain_.size(); ++i) {
      if (chain_[i].first != canonical) continue;
      std::vector<std::string> cycle;
      for (std::size_t k = i; k < chain_.size(); ++k) cycle.push_back(chain_[k].second);
      cycle.push_back(shown);
      error(*extends_site, "extends", "extends cycle: " + join(cycle, " -> ") + "; remove one of these extends:");
      return;
    }
    std::string what;
    const auto text = detail::read_input_file(path, "a scenario file", what);
    if (!text) {
      if (extends_site)
        error(*extends_site, "extends",
              "cannot open the extended file '" + shown + "' (looked for " + fs::absolute(path, ec).string() + ": " +
                  what + "); extends: is relative to the file that contains it");
      else
        error({shown}, "", "cannot open the scenario file (looked for " + fs::absolute(path, ec).string() + ": " +
                               what + ")");
      return;
    }
    read_text(*text, path, shown, canonical);
  }

  // The text of one scenario file; `path` locates its `extends:` files (relative to its directory).
  void read_text(const std::string& text, const fs::path& path, const std::string& shown, const fs::path& canonical) {
    const auto parsed = detail::parse_document(text, shown, kScenarioDocument, diagnostics);
    if (!parsed) return;
    const YAML::Node& root = *parsed;
    const Source src{shown, true};
    chain_.emplace_back(canonical, shown);
    for (const auto& kv : root) {
      if (!kv.first.IsScalar() || kv.first.Scalar() != "extends") continue;
      const Origin site = at(src, kv.second);
      if (!kv.second.IsScalar() || kv.second.Scalar().empty()) {
        error(site, "extends", "expected a file name relative to this file, got " + describe(kv.second));
        continue;
      }
      const std::string& rel = kv.second.Scalar();
      read_file(path.parent_path() / rel, (fs::path(shown).parent_path() / rel).lexically_normal().string(), &site);
    }
    chain_.pop_back();
    read_document(root, src, file_layer);
  }

  void read_set(const std::string& text) {
    const Source src{std::string(kSetSource), false};
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      error({src.name}, "", "expected path.to.key=value (e.g. office.caseload_multiplier=0.5), got '" + text + "'");
      return;
    }
    const std::string path = text.substr(0, eq);
    std::vector<std::string> parts;
    for (std::size_t start = 0;;) {
      const auto dot = path.find('.', start);
      parts.push_back(path.substr(start, dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (std::any_of(parts.begin(), parts.end(), [](const std::string& s) { return s.empty(); })) {
      error({src.name}, path, "empty name in the key path; write it as section.key, e.g. run.seed");
      return;
    }
    YAML::Node node;
    try {
      node = YAML::Load(text.substr(eq + 1));
    } catch (const YAML::ParserException& e) {
      error({src.name}, path, "cannot read the value '" + text.substr(eq + 1) + "' as YAML: " + e.msg);
      return;
    }
    // The override as the document it abbreviates, so it is checked exactly like file content.
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      YAML::Node map(YAML::NodeType::Map);
      map[*it] = node;
      node.reset(map);
    }
    read_document(node, src, set_layer);
  }

 private:
  std::vector<std::string> county_names_;
  std::vector<std::pair<fs::path, std::string>> chain_;  // files being read, for extends cycles

  static Origin at(const Source& src, const YAML::Node& n) {
    if (!src.positions) return {src.name};
    const YAML::Mark m = n.Mark();
    if (m.is_null()) return {src.name};
    return {src.name, m.line + 1, m.column + 1};
  }

  void error(const Origin& o, std::string key_path, std::string message) {
    diagnostics.push_back({o.file, o.line, o.column, std::move(key_path), std::move(message)});
  }

  // Keys of one map: plain names, each once. Returns false for a key to skip.
  bool check_key(const Source& src, const YAML::Node& key, std::map<std::string, int>& seen,
                 const std::string& prefix) {
    if (auto problem = detail::key_problem(key, seen, prefix)) {
      error(at(src, key), std::move(problem->key_path), std::move(problem->message));
      return false;
    }
    return true;
  }

  void unknown(const Origin& o, const std::string& key_path, const std::string& key,
               const std::vector<std::string>& candidates, const std::string& what) {
    std::string msg = "unknown " + what + " '" + key + "'";
    if (const auto near = detail::nearest(key, candidates)) {
      msg += "; did you mean '" + *near + "'?";
    } else {
      // The right name in the wrong section is the commonest slip: say where it lives.
      std::vector<std::string> homes;
      for (const Param& p : schema())
        if (p.path.ends_with("." + key)) homes.emplace_back(p.path);
      if (!homes.empty())
        msg += "; it is a parameter of " + join(homes, " / ");
      else
        msg += "; expected one of: " + join(candidates);
    }
    error(o, key_path, msg);
  }

  void read_document(const YAML::Node& root, const Source& src, Layer& into) {
    if (!root.IsMap()) return;
    std::map<std::string, int> seen;
    for (const auto& kv : root) {
      if (!check_key(src, kv.first, seen, "")) continue;
      const std::string& key = kv.first.Scalar();
      if (key == "extends") {
        if (!src.positions) error(at(src, kv.first), key, "extends: can only be given in a scenario file");
      } else if (key == "description") {
        if (kv.second.IsScalar())
          description = kv.second.Scalar();
        else
          error(at(src, kv.second), key, "expected text, got " + describe(kv.second));
      } else if (key == "counties") {
        read_counties(kv.second, src, into);
      } else if (key == "facts") {
        error(at(src, kv.first), key, "facts are per county: give them under counties.<name>.facts");
      } else if (const Param* p = find_param(key); p && p->path.find('.') == std::string_view::npos) {
        read_value(*p, kv.second, std::nullopt, src, key, into);
      } else if (is_section(key)) {
        read_section(key, kv.second, std::nullopt, src, key, into);
      } else {
        std::vector<std::string> keys{"name", "description", "extends", "counties"};
        for (auto s : sections())
          if (s != "facts") keys.emplace_back(s);
        unknown(at(src, kv.first), key, key, keys, "key");
      }
    }
  }

  static bool is_section(std::string_view key) {
    const auto s = sections();
    return std::find(s.begin(), s.end(), key) != s.end();
  }

  void read_counties(const YAML::Node& node, const Source& src, Layer& into) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      error(at(src, node), "counties", "expected a map from county name to sections, got " + describe(node));
      return;
    }
    std::map<std::string, int> seen;
    for (const auto& kv : node) {
      if (!check_key(src, kv.first, seen, "counties")) continue;
      const std::string& name = kv.first.Scalar();
      const std::string prefix = "counties." + name;
      const auto it = std::find(county_names_.begin(), county_names_.end(), name);
      if (it == county_names_.end()) {
        std::string msg = "unknown county '" + name + "'";
        if (const auto near = detail::nearest(name, county_names_))
          msg += "; did you mean '" + *near + "'?";
        else
          msg += "; the " + std::to_string(county_names_.size()) + " counties of 2015 are: " + join(county_names_);
        error(at(src, kv.first), prefix, msg);
        continue;
      }
      const auto county = static_cast<std::size_t>(it - county_names_.begin());
      if (kv.second.IsNull()) continue;
      if (!kv.second.IsMap()) {
        error(at(src, kv.second), prefix, "expected a map of sections (office:, als: ...), got " + describe(kv.second));
        continue;
      }
      std::map<std::string, int> seen_sections;
      for (const auto& sec : kv.second) {
        if (!check_key(src, sec.first, seen_sections, prefix)) continue;
        const std::string& section = sec.first.Scalar();
        const std::string path = prefix + "." + section;
        const Param* first = nullptr;
        for (const Param& p : schema())
          if (p.path.starts_with(section + ".")) {
            first = &p;
            break;
          }
        if (first && first->scope != Scope::national) {
          read_section(section, sec.second, county, src, path, into);
        } else if (first || section == "name" || section == "description" || section == "extends") {
          error(at(src, sec.first), path,
                "'" + section + "' is national: give it at the top level, not under a county");
        } else {
          std::vector<std::string> keys;
          for (const Param& p : schema()) {
            const std::string s(p.path.substr(0, p.path.find('.')));
            if (p.scope != Scope::national && std::find(keys.begin(), keys.end(), s) == keys.end())
              keys.push_back(s);
          }
          unknown(at(src, sec.first), path, section, keys, "county section");
        }
      }
    }
  }

  void read_section(const std::string& section, const YAML::Node& node, std::optional<std::size_t> county,
                    const Source& src, const std::string& prefix, Layer& into) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      error(at(src, node), prefix, "expected a map of " + section + " parameters, got " + describe(node));
      return;
    }
    std::map<std::string, int> seen;
    for (const auto& kv : node) {
      if (!check_key(src, kv.first, seen, prefix)) continue;
      const std::string& key = kv.first.Scalar();
      const Param* p = find_param(section + "." + key);
      if (!p) {
        std::vector<std::string> keys;
        for (const Param& q : schema())
          if (q.path.starts_with(section + ".")) keys.emplace_back(q.path.substr(section.size() + 1));
        unknown(at(src, kv.first), dotted(prefix, key), key, keys, section + " parameter");
        continue;
      }
      read_value(*p, kv.second, county, src, dotted(prefix, key), into);
    }
  }

  void read_value(const Param& p, const YAML::Node& node, std::optional<std::size_t> county, const Source& src,
                  const std::string& key_path, Layer& into) {
    if (p.type == ParamType::weights) {
      read_weights(p, node, county, src, key_path, into);
      return;
    }
    if (auto v = parse(p, node, src, key_path)) put(into, key_path, Entry{&p, county, -1, std::move(*v), at(src, node)});
  }

  void read_weights(const Param& p, const YAML::Node& node, std::optional<std::size_t> county, const Source& src,
                    const std::string& key_path, Layer& into) {
    const auto names = weight_names();
    std::vector<std::string> name_list(names.begin(), names.end());
    if (node.IsSequence()) {
      if (node.size() != names.size()) {
        error(at(src, node), key_path,
              "expected " + std::to_string(names.size()) + " weights [" + join(name_list) + "], got " +
                  std::to_string(node.size()));
        return;
      }
      Weights w{};
      bool ok = true;
      for (std::size_t i = 0; i < names.size(); ++i) {
        const auto x = parse_real(p, node[i], src, key_path + "." + name_list[i]);
        ok = ok && x.has_value();
        if (x) w[i] = *x;
      }
      if (ok) put(into, key_path, Entry{&p, county, -1, Value{w}, at(src, node)});
      return;
    }
    if (node.IsMap()) {
      std::map<std::string, int> seen;
      for (const auto& kv : node) {
        if (!check_key(src, kv.first, seen, key_path)) continue;
        const std::string& key = kv.first.Scalar();
        const auto it = std::find(name_list.begin(), name_list.end(), key);
        if (it == name_list.end()) {
          unknown(at(src, kv.first), dotted(key_path, key), key, name_list, "service");
          continue;
        }
        if (const auto x = parse_real(p, kv.second, src, dotted(key_path, key)))
          put(into, dotted(key_path, key),
              Entry{&p, county, static_cast<int>(it - name_list.begin()), Value{*x}, at(src, kv.second)});
      }
      return;
    }
    error(at(src, node), key_path,
          "expected a list of " + std::to_string(names.size()) + " weights [" + join(name_list) +
              "] or a map with some of these keys, got " + describe(node));
  }

  std::optional<Value> parse(const Param& p, const YAML::Node& node, const Source& src, const std::string& key_path) {
    switch (p.type) {
      case ParamType::real:
        if (auto x = parse_real(p, node, src, key_path)) return Value{*x};
        return std::nullopt;
      case ParamType::count: return parse_count(p, node, src, key_path);
      case ParamType::flag: return parse_flag(node, src, key_path);
      case ParamType::text:
        if (node.IsScalar() && !node.Scalar().empty()) return Value{node.Scalar()};
        error(at(src, node), key_path, "expected non-empty text, got " + describe(node));
        return std::nullopt;
      case ParamType::weights: break;
    }
    return std::nullopt;
  }

  // A plain (unquoted) scalar, or an error saying what the parameter wanted.
  const std::string* plain(const YAML::Node& node, const Source& src, const std::string& key_path,
                           const std::string& wanted) {
    if (node.IsScalar() && node.Tag() == "?") return &node.Scalar();
    std::string msg = "expected " + wanted + ", got " + describe(node);
    if (node.IsScalar()) msg += "; write it without quotes";
    error(at(src, node), key_path, msg);
    return nullptr;
  }

  std::optional<double> parse_real(const Param& p, const YAML::Node& node, const Source& src,
                                   const std::string& key_path) {
    const std::string* text = plain(node, src, key_path, "a number");
    if (!text) return std::nullopt;
    std::string lower;
    for (char ch : *text) lower += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
    if (lower.find("nan") != std::string::npos) {
      error(at(src, node), key_path, "NaN is not a value; give a number " + range_text(p));
      return std::nullopt;
    }
    if (lower.find("inf") != std::string::npos) {
      error(at(src, node), key_path, "infinity is not allowed; give a number " + range_text(p));
      return std::nullopt;
    }
    const char* first = text->data();
    const char* last = first + text->size();
    if (first != last && *first == '+') ++first;
    double x = 0;
    const auto [ptr, ec] = std::from_chars(first, last, x);
    if (ec == std::errc::result_out_of_range) {
      error(at(src, node), key_path, "'" + *text + "' is out of the range of a number; give one " + range_text(p));
      return std::nullopt;
    }
    if (ec != std::errc{} || ptr != last || first == last) {
      error(at(src, node), key_path, "expected a number, got '" + *text + "'");
      return std::nullopt;
    }
    if (!std::isfinite(x) || x < p.min || x > p.max) {
      error(at(src, node), key_path, "must be " + range_text(p) + ", got " + *text);
      return std::nullopt;
    }
    return x;
  }

  std::optional<Value> parse_count(const Param& p, const YAML::Node& node, const Source& src,
                                   const std::string& key_path) {
    const std::string* text = plain(node, src, key_path, "a whole number");
    if (!text) return std::nullopt;
    const char* first = text->data();
    const char* last = first + text->size();
    if (first != last && *first == '+') ++first;
    if (first != last && *first == '-') {
      error(at(src, node), key_path, "a count cannot be negative; got " + *text);
      return std::nullopt;
    }
    std::uint64_t n = 0;
    const auto [ptr, ec] = std::from_chars(first, last, n);
    if (ec == std::errc::result_out_of_range) {
      error(at(src, node), key_path, "'" + *text + "' is too large; give a whole number " + range_text(p));
      return std::nullopt;
    }
    if (ec != std::errc{} || ptr != last) {
      error(at(src, node), key_path, "expected a whole number written in digits, got '" + *text + "'");
      return std::nullopt;
    }
    if (static_cast<double>(n) < p.min || static_cast<double>(n) > p.max) {
      error(at(src, node), key_path, "must be " + range_text(p) + ", got " + *text);
      return std::nullopt;
    }
    return Value{n};
  }

  std::optional<Value> parse_flag(const YAML::Node& node, const Source& src, const std::string& key_path) {
    const std::string* text = plain(node, src, key_path, "true or false");
    if (!text) return std::nullopt;
    // YAML 1.2 core schema booleans only; YAML 1.1's yes/no/on/off read differently by other tools.
    if (*text == "true" || *text == "True" || *text == "TRUE") return Value{true};
    if (*text == "false" || *text == "False" || *text == "FALSE") return Value{false};
    error(at(src, node), key_path, "expected true or false, got '" + *text + "' (yes/no/on/off/1/0 are not booleans here)");
    return std::nullopt;
  }
};

// --- applying the merged document ------------------------------------------------------------------------------

struct Applied {
  Origin origin;
  std::size_t order = 0;
};
constexpr std::size_t kNational = static_cast<std::size_t>(-1);
using AppliedMap = std::map<std::pair<std::string_view, std::size_t>, Applied>;

void apply(model::Params& p, const Layer& layer, AppliedMap& applied, std::size_t& order) {
  std::vector<const Entry*> entries;
  for (const auto& [key, e] : layer) entries.push_back(&e);
  // Top level before counties, whole lists before single weights: later writes win.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) {
    return std::pair(a->county.has_value(), a->element >= 0) < std::pair(b->county.has_value(), b->element >= 0);
  });
  for (const Entry* e : entries) {
    const Param& param = *e->param;
    auto set_one = [&](std::size_t c) {
      if (e->element < 0) {
        param.set(p, c, e->value);
      } else {
        Value v = param.get(p, c);
        std::get<Weights>(v)[static_cast<std::size_t>(e->element)] = std::get<double>(e->value);
        param.set(p, c, v);
      }
      applied[{param.path, param.scope == Scope::national ? kNational : c}] = {e->origin, order};
    };
    if (param.scope == Scope::national) {
      set_one(0);
    } else if (e->county) {
      set_one(*e->county);
    } else {
      for (std::size_t c = 0; c < p.county_params.size(); ++c) set_one(c);
    }
    ++order;
  }
}

// --- consistency across parameters ----------------------------------------------------------------------------

class Checker {
 public:
  Checker(const model::Params& p, const AppliedMap& applied, std::string file)
      : p_(p), applied_(applied), file_(std::move(file)) {}

  std::vector<Diagnostic> run() {
    const auto& pop = p_.population;
    if (!(pop.entry_age_min_years < pop.entry_age_max_years))
      national({"population.entry_age_min_years", "population.entry_age_max_years"}, "population",
               "entry_age_min_years (" + number(pop.entry_age_min_years) + ") must be below entry_age_max_years (" +
                   number(pop.entry_age_max_years) + ")");
    const double initial = pop.initial_waiting_share + pop.initial_trial_share + pop.initial_subsidised_share;
    if (initial > 1 + 1e-9)
      national({"population.initial_waiting_share", "population.initial_trial_share",
                "population.initial_subsidised_share"},
               "population",
               "initial_waiting_share + initial_trial_share + initial_subsidised_share must be at most 1, got " +
                   number(initial));
    if (p_.run.output_step_days > p_.run.horizon_years * 365.25)
      national({"run.output_step_days", "run.horizon_years"}, "run",
               "output_step_days (" + number(p_.run.output_step_days) + ") is longer than the horizon (" +
                   number(p_.run.horizon_years) + " years): the run would record nothing");

    for (std::size_t c = 0; c < p_.county_params.size(); ++c) {
      const auto& cp = p_.county_params[c];
      const auto& als = cp.als;
      const double split = als.delmal1_share + als.delmal2_share + als.delmal3_share + als.other_share;
      if (std::abs(split - 1) > 1e-6)
        county(c, {"als.delmal1_share", "als.delmal2_share", "als.delmal3_share", "als.other_share"}, "als",
               "delmal1_share + delmal2_share + delmal3_share + other_share must sum to 1 (±1e-6); adjust the "
               "others when you change one",
               number(split));
      if (cp.employer.controller_share + cp.employer.partner_share > 1 + 1e-9)
        county(c, {"employer.controller_share", "employer.partner_share"}, "employer",
               "controller_share + partner_share must be at most 1 (the rest are neutral)",
               number(cp.employer.controller_share + cp.employer.partner_share));
      if (als.sick_leave_pct_floor > als.sick_leave_pct_initial)
        county(c, {"als.sick_leave_pct_floor", "als.sick_leave_pct_initial"}, "als",
               "sick_leave_pct_floor must not exceed sick_leave_pct_initial",
               number(als.sick_leave_pct_floor) + " > " + number(als.sick_leave_pct_initial));
      const auto& em = cp.employer;
      const double experience = em.experience_weight_follow_up + em.experience_weight_proactive +
                                em.experience_weight_agreements + em.experience_weight_success;
      if (std::abs(experience - 1) > 1e-6)
        county(c, {"employer.experience_weight_follow_up", "employer.experience_weight_proactive",
                   "employer.experience_weight_agreements", "employer.experience_weight_success"},
               "employer", "the four experience_weight_* must sum to 1 (±1e-6); adjust the others when you change one",
               number(experience));
      const auto& of = cp.office;
      const double r12 = of.cooperation_correlation_als_coach, r13 = of.cooperation_correlation_als_employers,
                   r23 = of.cooperation_correlation_coach_employers;
      // A correlation matrix must be positive definite: its determinant and leading minors positive.
      if (1 - r12 * r12 <= 0 || 1 + 2 * r12 * r13 * r23 - r12 * r12 - r13 * r13 - r23 * r23 <= 0)
        county(c, {"office.cooperation_correlation_als_coach", "office.cooperation_correlation_als_employers",
                   "office.cooperation_correlation_coach_employers"},
               "office", "the three cooperation correlations do not form a valid correlation matrix (it must be "
               "positive definite); make them less extreme or more alike",
               number(r12) + ", " + number(r13) + ", " + number(r23));
      if (of.employer_contact_close_share + of.employer_contact_rare_share > 1 + 1e-9)
        county(c, {"office.employer_contact_close_share", "office.employer_contact_rare_share"}, "office",
               "employer_contact_close_share + employer_contact_rare_share must be at most 1",
               number(of.employer_contact_close_share + of.employer_contact_rare_share));
      double weights = 0;
      for (double w : cp.office.priority_weight) weights += w;
      if (!(weights > 0))
        county(c, {"office.priority_weight"}, "office",
               "priority_weight must have at least one positive weight, or no service gets hours", "all 0");
    }
    // One diagnostic per cause: a top-level value that breaks all 19 counties is one mistake.
    for (auto& [key, g] : groups_) {
      Diagnostic d{g.origin.file, g.origin.line, g.origin.column, "", g.message};
      if (g.counties.size() == 1) {
        d.key_path = "counties." + g.counties[0].first + "." + g.section;
        d.message += ", got " + g.counties[0].second;
      } else {
        d.key_path = g.section;
        std::vector<std::string> shown;
        for (std::size_t i = 0; i < g.counties.size() && i < 3; ++i)
          shown.push_back(g.counties[i].first + ": " + g.counties[i].second);
        if (g.counties.size() > 3) shown.push_back("...");
        d.message += ", wrong in " + std::to_string(g.counties.size()) + " counties (" + join(shown) + ")";
      }
      out_.push_back(std::move(d));
    }
    return std::move(out_);
  }

 private:
  struct Group {
    Origin origin;
    std::string section, message;
    std::vector<std::pair<std::string, std::string>> counties;  // name, offending value
  };
  const model::Params& p_;
  const AppliedMap& applied_;
  std::string file_;
  std::vector<Diagnostic> out_;
  std::map<std::tuple<std::string, int, int, std::string>, Group> groups_;

  // Where the last of these parameters was set; the scenario file itself when all are defaults.
  Origin where(std::initializer_list<std::string_view> paths, std::size_t c) const {
    const Applied* last = nullptr;
    for (auto path : paths)
      if (const auto it = applied_.find({path, c}); it != applied_.end() && (!last || it->second.order > last->order))
        last = &it->second;
    return last ? last->origin : Origin{file_};
  }

  void national(std::initializer_list<std::string_view> paths, std::string section, std::string message) {
    const Origin o = where(paths, kNational);
    out_.push_back({o.file, o.line, o.column, std::move(section), std::move(message)});
  }

  void county(std::size_t c, std::initializer_list<std::string_view> paths, const std::string& section,
              const std::string& message, std::string value) {
    const Origin o = where(paths, c);
    Group& g = groups_[{o.file, o.line, o.column, message}];
    g.origin = o;
    g.section = section;
    g.message = message;
    g.counties.emplace_back(p_.counties[c].name, std::move(value));
  }
};

}  // namespace

namespace {

// What load and load_text share once the top file has been read (its extends: chain included).
Scenario finish(Loader& loader, Scenario s, const std::vector<std::string>& set_overrides) {
  for (const std::string& text : set_overrides) loader.read_set(text);
  if (!loader.diagnostics.empty()) throw ScenarioError(std::move(loader.diagnostics));

  AppliedMap applied;
  std::size_t order = 0;
  apply(s.params, loader.file_layer, applied, order);
  apply(s.params, loader.set_layer, applied, order);
  if (auto problems = Checker(s.params, applied, s.file.string()).run(); !problems.empty())
    throw ScenarioError(std::move(problems));

  s.description = loader.description.value_or("");
  s.resolved_yaml = resolved_yaml(s.params, s.description);
  return s;
}

}  // namespace

Scenario load(const std::filesystem::path& file, const std::vector<std::string>& set_overrides) {
  Scenario s;
  s.file = file;
  s.params = model::baseline_params();
  Loader loader(s.params);
  loader.read_file(file, file.string(), nullptr);
  return finish(loader, std::move(s), set_overrides);
}

Scenario load_text(std::string_view yaml, const std::filesystem::path& name,
                   const std::vector<std::string>& set_overrides) {
  Scenario s;
  s.file = name;
  s.params = model::baseline_params();
  Loader loader(s.params);
  std::error_code ec;
  loader.read_text(std::string(yaml), name, name.string(), fs::weakly_canonical(name, ec));
  return finish(loader, std::move(s), set_overrides);
}

}  // namespace iasim::scenario
