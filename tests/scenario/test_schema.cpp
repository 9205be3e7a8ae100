// The schema must describe every field of params.hpp, each once, with working accessors.
#include <catch2/catch.hpp>

#include <cstddef>
#include <set>
#include <string>

#include "sim/model/norway_2015.hpp"
#include "sim/scenario/schema.hpp"

namespace {

using namespace iasim;
using scenario::Param;
using scenario::ParamType;
using scenario::Scope;
using scenario::Value;

// Counts an aggregate's members: the most initialisers T{...} accepts from a value convertible to anything.
// A field added to params.hpp raises the count and fails the matching check below until schema.cpp has it.
struct AnyField {
  template <class T>
  operator T() const;  // only used unevaluated
};
template <class T, class... Fs>
constexpr std::size_t field_count() {
  if constexpr (requires { T{Fs{}..., AnyField{}}; })
    return field_count<T, Fs..., AnyField>();
  else
    return sizeof...(Fs);
}

std::size_t entries_in(std::string_view section) {
  std::size_t n = 0;
  for (const Param& p : scenario::schema())
    if (p.path.starts_with(std::string(section) + ".")) ++n;
  return n;
}

// A valid value different from `v`, to prove set reaches the field.
Value other_value(const Param& p, const Value& v) {
  switch (p.type) {
    case ParamType::real: return Value{std::get<double>(v) == p.max ? p.min : p.max};
    case ParamType::count: {
      const auto n = std::get<std::uint64_t>(v);
      return Value{n == static_cast<std::uint64_t>(p.min) ? static_cast<std::uint64_t>(p.min) + 1
                                                          : static_cast<std::uint64_t>(p.min)};
    }
    case ParamType::flag: return Value{!std::get<bool>(v)};
    case ParamType::text: return Value{std::get<std::string>(v) + "_other"};
    case ParamType::weights: {
      auto w = std::get<scenario::Weights>(v);
      for (double& x : w) x = x == p.max ? p.min : p.max;
      return Value{w};
    }
  }
  return v;
}

}  // namespace

TEST_CASE("schema: every field of params.hpp has exactly one entry", "[schema]") {
  // If one of these fails, params.hpp gained a field: add its line to the table in sim/scenario/schema.cpp.
  CHECK(entries_in("run") == field_count<model::RunParams>());
  CHECK(entries_in("population") == field_count<model::PopulationParams>());
  CHECK(entries_in("office") == field_count<model::OfficeParams>());
  CHECK(entries_in("als") == field_count<model::AlsParams>());
  CHECK(entries_in("coach") == field_count<model::CoachParams>());
  CHECK(entries_in("matching") == field_count<model::MatchingParams>());
  CHECK(entries_in("employer") == field_count<model::EmployerParams>());
  CHECK(entries_in("support") == field_count<model::SupportParams>());
  CHECK(entries_in("measures") == field_count<model::MeasuresParams>());
  CHECK(entries_in("costs") == field_count<model::CostParams>());
  CHECK(entries_in("ia_council") == field_count<model::IaCouncilParams>());
  CHECK(entries_in("programme") == field_count<model::ProgrammeParams>());
  CHECK(entries_in("facts") + 1 == field_count<model::CountyFacts>());  // + the name, the key under counties:
  // New sections or top-level fields need a new group in schema.cpp (and a new check here).
  CHECK(field_count<model::CountyParams>() == 9);
  CHECK(field_count<model::Params>() == 6);  // scenario_name, run, population, programme, counties, county_params
  CHECK(scenario::find_param("name") != nullptr);
  CHECK(scenario::sections().size() == 13);
}

TEST_CASE("schema: paths are unique and well formed, ranges sane", "[schema]") {
  std::set<std::string_view> seen;
  for (const Param& p : scenario::schema()) {
    INFO(p.path);
    CHECK(seen.insert(p.path).second);
    CHECK(!p.description.empty());
    CHECK(!p.source.empty());
    if (p.type == ParamType::real || p.type == ParamType::count || p.type == ParamType::weights)
      CHECK(p.min < p.max);
    CHECK((p.scope == Scope::national) == (p.path.starts_with("run.") || p.path.starts_with("population.") ||
                                           p.path.starts_with("programme.") || p.path == "name"));
    CHECK((p.scope == Scope::county_only) == p.path.starts_with("facts."));
  }
}

TEST_CASE("schema: the baseline defaults lie inside the ranges", "[schema]") {
  const model::Params base = model::baseline_params();
  for (const Param& p : scenario::schema()) {
    INFO(p.path);
    for (std::size_t c = 0; c < base.counties.size(); ++c) {
      const Value v = p.get(base, c);
      if (const auto* x = std::get_if<double>(&v)) CHECK((*x >= p.min && *x <= p.max));
      if (const auto* n = std::get_if<std::uint64_t>(&v))
        CHECK((static_cast<double>(*n) >= p.min && static_cast<double>(*n) <= p.max));
      if (const auto* w = std::get_if<scenario::Weights>(&v))
        for (double x : *w) CHECK((x >= p.min && x <= p.max));
    }
  }
}

TEST_CASE("schema: each entry reaches its own field and no other", "[schema]") {
  const model::Params base = model::baseline_params();
  for (const Param& p : scenario::schema()) {
    INFO(p.path);
    model::Params changed = base;
    const Value v = other_value(p, p.get(base, 0));
    p.set(changed, 0, v);
    CHECK(p.get(changed, 0) == v);  // round trip through the accessor
    const auto diff = scenario::differences(base, changed);
    REQUIRE(diff.size() == 1);  // one field, one county: two entries sharing a field would show here
    CHECK(diff[0].find(std::string(p.path)) != std::string::npos);
    if (p.scope != Scope::national) {
      CHECK(p.get(changed, 1) == p.get(base, 1));  // county 0 only
    }
  }
}

TEST_CASE("schema: the range of every count fits its field", "[schema]") {
  model::Params p = model::baseline_params();
  for (const Param& param : scenario::schema()) {
    if (param.type != ParamType::count) continue;
    INFO(param.path);
    const auto max = param.max >= 1.8e19 ? std::uint64_t(-1) : static_cast<std::uint64_t>(param.max);
    CHECK_NOTHROW(param.set(p, 0, Value{max}));
    CHECK(param.get(p, 0) == Value{max});
  }
}

TEST_CASE("schema: to_yaml writes doubles exactly", "[schema]") {
  CHECK(scenario::to_yaml(Value{0.1}) == "0.1");
  CHECK(scenario::to_yaml(Value{1.0 / 3.0}) == "0.3333333333333333");
  CHECK(scenario::to_yaml(Value{true}) == "true");
  CHECK(scenario::to_yaml(Value{std::uint64_t{7}}) == "7");
  CHECK(scenario::to_yaml(Value{std::string("Møre \"og\"")}) == "\"Møre \\\"og\\\"\"");
  CHECK(scenario::to_yaml(Value{scenario::Weights{1, 2.5, 0, 4}}) == "[1, 2.5, 0, 4]");
}
