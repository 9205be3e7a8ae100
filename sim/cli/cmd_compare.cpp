// `iasim compare A.h5 B.h5 [C.h5 ...]`: key outcomes side by side, differences to A paired by replicate.
#include <iostream>

#include "sim/cli/commands.hpp"
#include "sim/cli/compare.hpp"
#include "sim/cli/options.hpp"
#include "sim/output/error.hpp"

namespace iasim::cli {

int compare_command(const Args& args) {
  std::vector<std::string> files, metrics;
  std::string at, format = "table", by;
  po::options_description opts("compare options");
  opts.add_options()("at", po::value(&at), "date YYYY-MM-DD to compare at (default: the end of the runs)")
      ("metric", po::value(&metrics)->composing(), "only this outcome (repeatable); see the list below")
      ("format", po::value(&format)->default_value(format), "table, csv or json")
      ("by", po::value(&by), "split by county, subgroup or office_size: the differences per group");
  po::positional_options_description pos;
  add_positional(opts, pos, "file", po::value(&files), "run files", -1);
  po::variables_map vm;
  std::string usage = "iasim compare A.h5 B.h5 [C.h5 ...] [--at DATE] [--metric NAME]... [--format table|csv|json]\n"
                      "                    [--by county|subgroup|office_size]\n\nmetrics:\n";
  for (const auto& m : key_metrics()) usage += "  " + m.name + " (" + m.unit + "): " + m.description + "\n";
  if (auto rc = parse_options("compare", usage, args, opts, pos, vm)) return *rc;
  CompareFormat fmt;
  if (format == "table") fmt = CompareFormat::table;
  else if (format == "csv") fmt = CompareFormat::csv;
  else if (format == "json") fmt = CompareFormat::json;
  else {
    std::cerr << "iasim compare: --format must be table, csv or json, not '" << format << "'\n";
    return exit_bad_input;
  }
  GroupBy group_by = GroupBy::none;
  if (!by.empty()) {
    const auto g = parse_group_by(by);
    if (!g) {
      std::cerr << "iasim compare: --by must be county, subgroup or office_size, not '" << by << "'\n";
      return exit_bad_input;
    }
    group_by = *g;
  }
  std::optional<double> at_day;
  if (!at.empty()) {
    at_day = parse_date(at);
    if (!at_day) {
      std::cerr << "iasim compare: --at expects a date YYYY-MM-DD, got '" << at << "'\n";
      return exit_bad_input;
    }
  }
  std::vector<std::filesystem::path> paths(files.begin(), files.end());
  try {
    std::cout << format_comparison(compare_files(paths, at_day, metrics, group_by), fmt);
  } catch (const CompareError& e) {
    std::cerr << "iasim compare: " << e.what() << "\n";
    return exit_bad_input;
  } catch (const output::OutputError& e) {
    std::cerr << "iasim compare: " << e.what() << "\n";
    return exit_bad_input;
  }
  return exit_ok;
}

}  // namespace iasim::cli
