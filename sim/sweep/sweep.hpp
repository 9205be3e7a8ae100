#pragma once
// A parameter sweep as read from its YAML file (docs/sweeps.md): a base scenario, the parameters to vary, a
// design that turns them into points, replicates per point, fixed overrides and a seed.
// yaml-cpp stays private to sim/sweep: no public header includes it.
#include "sim/scenario/error.hpp"
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace iasim::sweep {

enum class Design : std::uint8_t {
  grid,      // every combination of every parameter's values (first parameter varies slowest)
  lhs,       // Latin hypercube: `points` points, one per stratum in every dimension
  sobol,     // the first `points` points of Boost.Random's Sobol sequence, digitally shifted by the seed
  saltelli,  // Saltelli's A/B/AB_i design on a 2d-dimensional Sobol sequence: points*(d+2) points, for
             // Sobol first- and total-order indices (analysis/sensitivity.py); `points` is the base sample N
  points,    // explicit points read from `points_file:` (a CSV, one row per point), e.g. a history-matching
             // wave's design made outside iasim (analysis/history_match.py)
};
std::string_view design_name(Design d);

// "counties.Oslo.als.in_firm_share" -> "als.in_firm_share" (the schema's path); national paths unchanged; ""
// for "counties.X" with nothing after the county.
std::string schema_path(const std::string& path);

// Parameters a sweep fixes itself (seed, replicates) or that change the shape of the output (horizon, step):
// the merge needs every task file to have the same dimensions, and paired comparisons the same seed.
bool reserved_for_varying(const std::string& path);

// One varied parameter: either an explicit list of values or a range.
struct Dimension {
  std::string path;                 // scenario path as --set takes it: "office.caseload_multiplier",
                                    // "counties.Oslo.als.in_firm_share"
  std::vector<std::string> values;  // explicit values (YAML scalars as written); empty when a range
  double min = 0, max = 0;          // range (inclusive); grid uses `steps` evenly spaced values
  std::uint32_t steps = 0;          // grid only, >= 2 (or 1 when min == max)
  bool integer = false;             // a count parameter: range values are rounded to integers
  int line = 0;                     // where it was declared (1-based), for messages
};

struct Sweep {
  std::filesystem::path file;       // the sweep file as given
  std::string name;                 // `name:` or the file's stem
  std::string text;                 // the file's text (kept in the merged file)
  std::filesystem::path base;       // the base scenario, resolved against the sweep file's directory
  Design design = Design::grid;
  std::uint32_t points = 0;         // lhs/sobol: the number of points; saltelli: the base sample N
  std::uint32_t replicates = 1;
  std::uint64_t seed = 2015;
  std::vector<std::string> set;     // fixed overrides "path=value", in file order
  std::vector<Dimension> dimensions;
  // design: points only. The CSV as resolved against the sweep file's directory, its text, and its rows
  // reordered to dimension order (natural units, inside each dimension's [min, max], integers for counts).
  std::filesystem::path points_file;
  std::string points_text;
  std::vector<std::vector<double>> explicit_points;
};

// Problems found in a sweep file, in the one diagnostics type of every input file (scenario::Diagnostic, read
// through the same strict YAML reader as scenarios): each "file:line:col: error: message", position left out
// when unknown.
class SweepError : public scenario::ScenarioError {
 public:
  using scenario::ScenarioError::ScenarioError;
};

// A field of one CSV line (no quoting): its text with surrounding blanks (and a line's final '\r') trimmed, and its
// 1-based character column, for error positions.
struct CsvField {
  std::string text;
  int column;
};
std::vector<CsvField> split_csv_line(std::string_view line);

// Reads the points of a `design: points` sweep: a CSV whose header names every dimension once (any order) and
// whose rows give one point each, as plain numbers in natural units. Returns the rows in dimension order.
// Every problem (unknown or missing column, a short row, a field that is not a number, a value outside the
// dimension's [min, max], a fraction for a count) is reported as "FILE:line:col: error: ..." with the CSV's own
// line and the 1-based character column of the field. Throws SweepError listing every problem.
// Header columns that begin with `ignored_prefix` (when not empty) are skipped with their fields: the
// implausibility columns of a calibration's plausible sets, for example.
std::vector<std::vector<double>> read_points_csv(const std::filesystem::path& csv, const std::string& text,
                                                 const std::vector<Dimension>& dims, std::string_view ignored_prefix = {});

// Reads and validates a sweep file: known keys only, parameter paths known to scenario::find_param (after a
// `counties.<name>.` prefix), ranges inside the schema's [min, max], designs with what they need. Does not
// load the base scenario (plan/run do, for every point). Throws SweepError listing every problem.
Sweep load_sweep(const std::filesystem::path& file);

// The default directory for task files: `<stem>.out` beside the sweep file.
std::filesystem::path default_out_dir(const Sweep& s);

}  // namespace iasim::sweep
