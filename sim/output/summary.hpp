#pragma once
#include <filesystem>
#include <string>

namespace iasim::output {
// A human-readable description of an output file, for `iasim info FILE`: global attributes (the scenario YAML
// cut to its first lines), dimensions with sizes and first/last coordinate (times as dates, from the CF units),
// and the variables with their dimensions and units. Throws OutputError for files NetcdfReader rejects.
std::string summarize(const std::filesystem::path& file);
}  // namespace iasim::output
