#include <catch2/catch.hpp>
// HDF5 directly, only to make files of another layout than iasim's (as h5py or other tools would).
#include <hdf5.h>

#include <filesystem>
#include <string>

#include "sim/output/error.hpp"
#include "sim/output/netcdf_file.hpp"
#include "sim/output/netcdf_reader.hpp"
#include "tests/output/sample_file.hpp"
#include "tests/output/temp_dir.hpp"

using namespace iasim::output;
using namespace iasim::output::testing;
using Catch::Matchers::Contains;

namespace {
void write_empty_sample(const std::filesystem::path& target) {
  auto writer = NetcdfWriter::create(target, sample_spec(), true);
  writer.commit();
}

// A plain HDF5 file with one 2-D dataset and no dimension scales, as h5py writes by default.
void write_foreign_hdf5(const std::filesystem::path& p, bool with_dataset) {
  const hid_t file = H5Fcreate(p.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  if (with_dataset) {
    const hsize_t dims[] = {3, 4};
    const hid_t space = H5Screate_simple(2, dims, nullptr);
    const hid_t ds = H5Dcreate2(file, "matrix", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    H5Dclose(ds);
    H5Sclose(space);
  }
  H5Fclose(file);
}
}  // namespace

TEST_CASE("reader names the file and the problem for files it cannot use", "[output][reader]") {
  TempDir dir;
  SECTION("missing") {
    CHECK_THROWS_WITH(NetcdfReader(dir / "absent.nc"), Contains("absent.nc") && Contains("no such file"));
  }
  SECTION("text") {
    write_text(dir / "notes.nc", "this is not HDF5\n");
    CHECK_THROWS_MATCHES(NetcdfReader(dir / "notes.nc"), OutputError,
                         Catch::Matchers::Message("'" + (dir / "notes.nc").string() +
                                                  "': not an HDF5 file, so not an iasim output (iasim writes "
                                                  "netCDF-4/HDF5 files, usually *.nc or *.h5)"));
  }
  SECTION("truncated") {
    write_empty_sample(dir / "whole.nc");
    const std::string bytes = read_text(dir / "whole.nc");
    std::ofstream(dir / "cut.nc", std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
    CHECK_THROWS_WITH(NetcdfReader(dir / "cut.nc"), Contains("cut.nc") && Contains("truncated or damaged"));
  }
  SECTION("HDF5 from another tool: datasets without dimension scales") {
    write_foreign_hdf5(dir / "foreign.h5", true);
    CHECK_THROWS_WITH(NetcdfReader(dir / "foreign.h5"),
                      Contains("foreign.h5") && Contains("no dimension scales") && Contains("not written by iasim"));
  }
  SECTION("HDF5 from another tool: empty") {
    write_foreign_hdf5(dir / "empty.h5", false);
    CHECK_THROWS_WITH(NetcdfReader(dir / "empty.h5"), Contains("empty.h5") && Contains("no dimension scales"));
  }
  SECTION("a directory") {
    CHECK_THROWS_WITH(NetcdfReader(dir.path()), Contains("is a directory"));
  }
}

TEST_CASE("reader lookups and slices name what is wrong", "[output][reader]") {
  TempDir dir;
  write_empty_sample(dir / "run.nc");
  const NetcdfReader reader(dir / "run.nc");
  CHECK(reader.path() == dir / "run.nc");
  CHECK_THROWS_WITH(reader.variable("employment"),
                    Contains("no variable 'employment'") && Contains("clients, caseload_per_veileder"));
  CHECK_THROWS_WITH(reader.dim("municipality"), Contains("no dimension 'municipality'"));
  const std::size_t start[] = {0, 0, 3}, count[] = {1, 1, 1};
  CHECK_THROWS_WITH(reader.read("caseload_per_veileder", start, count), Contains("exceeds dimension county"));
  // Variables come in the order the writer declared them; coordinates are not variables.
  REQUIRE(reader.variables().size() == 2);
  CHECK(reader.variables()[0].name == "clients");
  CHECK(reader.dims()[1].name == "time");
}
