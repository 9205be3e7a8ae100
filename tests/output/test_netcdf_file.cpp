#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <thread>
#include <vector>

#include "sim/output/error.hpp"
#include "sim/output/netcdf_file.hpp"
#include "sim/output/netcdf_reader.hpp"
#include "tests/output/sample_file.hpp"
#include "tests/output/temp_dir.hpp"

using namespace iasim::output;
using namespace iasim::output::testing;
using Catch::Matchers::Contains;

namespace {

const std::size_t origin1[] = {0}, one1[] = {1};
const double one_value[] = {1.0};
}  // namespace

TEST_CASE("a file written slice by slice from two threads reads back exactly", "[output][writer]") {
  TempDir dir;
  const auto target = dir / "run.nc";
  auto writer = NetcdfWriter::create(target, sample_spec(), false);
  std::thread first([&] { write_replicate(writer, 0); });
  std::thread second([&] { write_replicate(writer, 1); });
  first.join();
  second.join();
  writer.set_global_attr("events_processed", std::int64_t{987654321});
  writer.set_global_attr("wall_seconds", 2.5);  // replaces the value given at creation
  writer.commit();

  const NetcdfReader reader(target);
  REQUIRE(reader.dims().size() == 4);
  CHECK(reader.dim("replicate").size == replicates);
  CHECK(reader.dim("county").labels == county_labels());
  CHECK(reader.dim("state").labels.at(3) == "employed");
  const auto& time = reader.dim("time");
  REQUIRE(time.numbers.size() == time_steps);
  CHECK(time.numbers[1] == 7.0);
  CHECK(std::get<std::string>(time.attrs.at("units")) == "days since 2015-01-01");
  CHECK(std::get<std::string>(time.attrs.at("calendar")) == "proleptic_gregorian");

  const auto& clients = reader.variable("clients");
  CHECK(clients.dims == std::vector<std::string>{"replicate", "time", "county", "state"});
  CHECK(clients.units == "persons");
  CHECK(clients.long_name == "clients by state");
  CHECK(clients.type == DType::f64);
  CHECK(std::isnan(std::get<double>(clients.attrs.at("_FillValue"))));
  CHECK(reader.variable("caseload_per_veileder").type == DType::f32);

  const Array all = reader.read("clients");
  CHECK(all.shape == std::vector<std::size_t>{replicates, time_steps, counties, states});
  std::size_t i = 0;
  for (std::size_t r = 0; r < replicates; ++r)
    for (std::size_t t = 0; t < time_steps; ++t)
      for (std::size_t c = 0; c < counties; ++c)
        for (std::size_t s = 0; s < states; ++s) REQUIRE(all.values[i++] == sample_value(r, t, c, s));

  const Array caseload = reader.read("caseload_per_veileder");
  CHECK(caseload.values.at((1 * time_steps + 9) * counties + 2) == sample_value(1, 9, 2, 0));

  // Hyperslab: replicate 1, time 3..4, county 1 (Møre og Romsdal), all states.
  const std::size_t start[] = {1, 3, 1, 0}, count[] = {1, 2, 1, states};
  const Array part = reader.read("clients", start, count);
  CHECK(part.shape == std::vector<std::size_t>{1, 2, 1, states});
  CHECK(part.values.at(0) == sample_value(1, 3, 1, 0));
  CHECK(part.values.at(7) == sample_value(1, 4, 1, 3));

  const auto& g = reader.global_attrs();
  CHECK(std::get<std::string>(g.at("Conventions")) == "CF-1.8");
  CHECK(std::get<std::int64_t>(g.at("seed")) == 42);
  CHECK(std::get<std::int64_t>(g.at("events_processed")) == 987654321);
  CHECK(std::get<double>(g.at("wall_seconds")) == 2.5);
  CHECK(std::get<std::string>(g.at("scenario_name")) == "baseline-Møre");
  CHECK_THAT(std::get<std::string>(g.at("scenario_yaml")), Contains("region: Møre og Romsdal\nlæring: ja\n"));
}

TEST_CASE("unwritten values read as the fill value", "[output][writer]") {
  TempDir dir;
  auto writer = NetcdfWriter::create(dir / "run.nc", sample_spec(), false);
  writer.commit();
  const Array a = NetcdfReader(dir / "run.nc").read("caseload_per_veileder");
  REQUIRE(a.values.size() == replicates * time_steps * counties);
  for (double x : a.values) REQUIRE(std::isnan(x));
}

TEST_CASE("nothing appears at the target until commit, and no temporary file remains after", "[output][writer]") {
  TempDir dir;
  const auto target = dir / "run.nc";
  auto writer = NetcdfWriter::create(target, sample_spec(), false);
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK(std::filesystem::exists(writer.temporary_path()));
  CHECK(writer.temporary_path().parent_path() == target.parent_path());  // same filesystem: rename is atomic
  NetcdfWriter moved = std::move(writer);  // movable: a run can hand its writer on
  moved.commit();
  CHECK(std::filesystem::exists(target));
  CHECK(dir.entries() == std::vector<std::string>{"run.nc"});
  CHECK_THROWS_WITH(moved.write("clients", origin1, one1, one_value), Contains("already committed"));
}

TEST_CASE("an existing target is refused without --force and replaced with it", "[output][writer]") {
  TempDir dir;
  const auto target = dir / "run.nc";
  write_text(target, "earlier results");
  CHECK_THROWS_MATCHES(NetcdfWriter::create(target, sample_spec(), false), OutputError,
                       Catch::Matchers::Message(target.string() + " exists; pass --force to overwrite"));
  CHECK(read_text(target) == "earlier results");

  auto writer = NetcdfWriter::create(target, sample_spec(), true);
  CHECK(read_text(target) == "earlier results");  // untouched until commit
  writer.commit();
  CHECK(NetcdfReader(target).variables().size() == 2);
  CHECK(dir.entries() == std::vector<std::string>{"run.nc"});
}

TEST_CASE("a target that appears while the run is writing is not overwritten without --force", "[output][writer]") {
  TempDir dir;
  const auto target = dir / "run.nc";
  auto writer = NetcdfWriter::create(target, sample_spec(), false);
  write_text(target, "another run finished first");
  CHECK_THROWS_WITH(writer.commit(), Contains("exists; pass --force to overwrite"));
  CHECK(read_text(target) == "another run finished first");
}

TEST_CASE("an exception before commit leaves neither a temporary file nor a target", "[output][writer]") {
  TempDir dir;
  const auto target = dir / "run.nc";
  try {
    auto writer = NetcdfWriter::create(target, sample_spec(), false);
    const std::size_t start[] = {0, 0, 0}, count[] = {1, 1, counties};
    const std::vector<double> too_few(counties - 1, 1.0);
    writer.write("caseload_per_veileder", start, count, too_few);  // throws
    FAIL("write of a wrong-sized slice did not throw");
  } catch (const OutputError& e) {
    CHECK_THAT(e.what(), Contains("2 values given for a slice of 3"));
  }
  CHECK(dir.entries().empty());
}

TEST_CASE("writes outside the variable or to unknown variables are refused", "[output][writer]") {
  TempDir dir;
  auto writer = NetcdfWriter::create(dir / "run.nc", sample_spec(), false);
  const std::size_t start[] = {1, 9, 2}, count[] = {1, 2, 1};
  const std::vector<double> two(2, 1.0);
  CHECK_THROWS_WITH(writer.write("caseload_per_veileder", start, count, two),
                    Contains("exceeds dimension time of size 10"));
  CHECK_THROWS_WITH(writer.write("caseload_per_veileder", origin1, one1, one_value), Contains("need 3 entries"));
  CHECK_THROWS_WITH(writer.write("nope", origin1, one1, one_value),
                    Contains("no variable 'nope'") && Contains("clients, caseload_per_veileder"));
}

TEST_CASE("bad targets and specs are reported with what to do", "[output][writer]") {
  TempDir dir;
  CHECK_THROWS_WITH(NetcdfWriter::create(dir / "missing" / "run.nc", sample_spec(), false),
                    Contains("does not exist; create it"));
  CHECK_THROWS_WITH(NetcdfWriter::create(dir.path(), sample_spec(), true), Contains("is a directory"));
  // A file where a directory should be (-o results.txt/run.nc), also further up: named, not "does not exist".
  { std::ofstream(dir / "results.txt") << "x"; }
  CHECK_THROWS_WITH(NetcdfWriter::create(dir / "results.txt" / "run.nc", sample_spec(), false),
                    Contains("results.txt' is not a directory"));
  CHECK_THROWS_WITH(NetcdfWriter::create(dir / "results.txt" / "sub" / "run.nc", sample_spec(), false),
                    Contains("results.txt' is not a directory"));
  std::filesystem::remove(dir / "results.txt");
  CHECK_THROWS_WITH(NetcdfWriter::create(dir / "run.nc", sample_spec(), false,
                                         std::numeric_limits<std::uintmax_t>::max()),
                    Contains("free some space or write elsewhere"));

  FileSpec no_units = sample_spec();
  no_units.variables[0].units.clear();
  CHECK_THROWS_WITH(NetcdfWriter::create(dir / "run.nc", no_units, false), Contains("needs units and long_name"));
  FileSpec unknown_dim = sample_spec();
  unknown_dim.variables[1].dims.push_back("municipality");
  CHECK_THROWS_WITH(NetcdfWriter::create(dir / "run.nc", unknown_dim, false),
                    Contains("undeclared dimension 'municipality'"));
  FileSpec both = sample_spec();
  both.dims[2].numbers = {1, 2, 3};
  CHECK_THROWS_WITH(NetcdfWriter::create(dir / "run.nc", both, false), Contains("exactly one of numbers or labels"));
  CHECK(dir.entries().empty());
}

TEST_CASE("an unwritable directory is reported", "[output][writer]") {
  if (::geteuid() == 0) return;  // root writes anywhere; nothing to test
  TempDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_exec);
  CHECK_THROWS_WITH(NetcdfWriter::create(dir / "run.nc", sample_spec(), false), Contains("is not writable"));
  std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all);
}

TEST_CASE("integer variables store integral values and unwritten cells read as netCDF's default fill",
          "[output][writer]") {
  TempDir dir;
  FileSpec spec;
  spec.dims = {{"replicate", {0, 1}, {}, {}}, {"cohort", {2015, 2016, 2017}, {}, {{"units", "year"}}}};
  spec.variables = {{"entrants", {"replicate", "cohort"}, DType::i32, "persons", "entrants per cohort", {}},
                    {"events", {"replicate"}, DType::i64, "1", "events processed", {}}};
  auto writer = NetcdfWriter::create(dir / "ints.nc", spec, false);
  const std::size_t start[] = {1, 0}, count[] = {1, 3};
  const double entrants[] = {-5, 0, 2147483647};
  writer.write("entrants", start, count, entrants);
  const std::size_t r0[] = {0}, one[] = {1};
  const double events[] = {9007199254740992.0};  // 2^53, exact in double and int64
  writer.write("events", r0, one, events);
  writer.commit();

  const NetcdfReader reader(dir / "ints.nc");
  CHECK(reader.variable("entrants").type == DType::i32);
  CHECK(reader.variable("events").type == DType::i64);
  CHECK(reader.read("entrants").values == std::vector<double>{-2147483647, -2147483647, -2147483647, -5, 0, 2147483647});
  CHECK(reader.read("events").values.at(0) == 9007199254740992.0);
  CHECK(std::get<std::int64_t>(reader.variable("entrants").attrs.at("_FillValue")) == -2147483647);
}

TEST_CASE("interleaved writes larger than the chunk cache read back exactly", "[output][writer]") {
  // Written time step by time step across 64 replicates, 64 chunks of 52 x 11 x 20 doubles (~6 MB) are open at
  // once, more than the writer's chunk cache (4 MB): chunks are evicted half-written and completed later, as when
  // many replicates run in parallel.
  constexpr std::size_t n_rep = 64, n_time = 104, n_county = 11, n_state = 20;
  TempDir dir;
  FileSpec spec;
  Coordinate rep{"replicate", {}, {}, {}}, time{"time", {}, {}, {{"units", "days since 2015-01-01"}}};
  Coordinate county{"county", {}, {}, {}}, state{"state", {}, {}, {}};
  for (std::size_t i = 0; i < n_rep; ++i) rep.numbers.push_back(static_cast<double>(i));
  for (std::size_t i = 0; i < n_time; ++i) time.numbers.push_back(7.0 * static_cast<double>(i));
  for (std::size_t i = 0; i < n_county; ++i) county.labels.push_back("county " + std::to_string(i));
  for (std::size_t i = 0; i < n_state; ++i) state.labels.push_back("state " + std::to_string(i));
  spec.dims = {rep, time, county, state};
  spec.variables = {{"x", {"replicate", "time", "county", "state"}, DType::f64, "1", "test values", {}}};
  auto value = [](std::size_t r, std::size_t t, std::size_t c, std::size_t s) {
    return static_cast<double>(((r * n_time + t) * n_county + c) * n_state + s);
  };
  auto writer = NetcdfWriter::create(dir / "big.nc", spec, false);
  std::vector<double> slice(n_county * n_state);
  for (std::size_t t = 0; t < n_time; ++t) {
    for (std::size_t r = 0; r < n_rep; ++r) {
      for (std::size_t c = 0; c < n_county; ++c)
        for (std::size_t s = 0; s < n_state; ++s) slice[c * n_state + s] = value(r, t, c, s);
      const std::size_t start[] = {r, t, 0, 0}, count[] = {1, 1, n_county, n_state};
      writer.write("x", start, count, slice);
    }
  }
  writer.commit();
  const Array a = NetcdfReader(dir / "big.nc").read("x");
  REQUIRE(a.values.size() == n_rep * n_time * n_county * n_state);
  for (std::size_t i = 0; i < a.values.size(); ++i) REQUIRE(a.values[i] == static_cast<double>(i));
}
