#pragma once
// The one strict YAML reader behind every input file iasim takes (scenarios and sweep files): yaml-cpp 0.7
// accepts much that an analyst did not mean (a second document, a quote left open that swallows the keys
// after it, duplicate keys, a directory as a file), so both loaders read their files through these checks and
// report in one diagnostics type (scenario::Diagnostic). Internal to sim/scenario and sim/sweep: it includes
// yaml-cpp, which no public header does.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/error.hpp"

namespace iasim::scenario::detail {

// "a map", "a list", "'plain'", "the quoted string \"q\"", "nothing (null)": how messages name a node.
std::string describe(const YAML::Node& n);

// The text of a regular file, or nullopt and in `why` what stands in the way ("no such file", "it is a
// directory, not ...", "it is not a regular file" for a device or FIFO, which could block or never end).
// `what` names the kind of file in that reason ("a scenario file").
std::optional<std::string> read_input_file(const std::filesystem::path& path, std::string_view what, std::string& why);

// What the document must be and how to say so when it is not.
struct DocumentKind {
  std::string_view what;        // "a scenario", "a sweep file"
  std::string_view file;        // "a scenario file", "a sweep file"
  std::string_view empty_hint;  // what an empty file needs: "at least `name: <scenario name>`"
  std::string_view top_level;   // the top-level keys: "name:, extends:, run:, office:, counties: ..."
  std::string_view depth_hint;  // how deep a valid file nests: "at most 4 (counties: <name>: <section>: <key>)"
};

// `text` as exactly one YAML document whose top level is a map, or nullopt after appending to `out` what is
// wrong, at file:line:col: a NUL byte (binary or UTF-16), a syntax error (with a hint for tab indentation),
// nesting deeper than yaml-cpp's guard, a second document, a quoted value left open, an empty file, a top
// level that is not a map. `shown` is the file name the diagnostics give.
std::optional<YAML::Node> parse_document(const std::string& text, const std::string& shown, const DocumentKind& kind,
                                         std::vector<Diagnostic>& out);

// "prefix.key", or "key" at the top level: the key paths diagnostics name.
std::string dotted(const std::string& prefix, std::string_view key);

// What is wrong with a key of a map, if anything: it must be a plain name, given once in that map (`seen` maps
// the keys read so far to their line). `key_path` is where the diagnostic points (`prefix` for a key that is
// not a name, prefix.key for a repeated one). Every map of every input file goes through this, so a duplicate
// key reads the same in a scenario and in a sweep file; the key is then to be skipped.
struct KeyProblem {
  std::string key_path, message;
};
std::optional<KeyProblem> key_problem(const YAML::Node& key, std::map<std::string, int>& seen,
                                      const std::string& prefix);

// A diagnostic at `node` in file `shown`, with the position yaml-cpp recorded (none for a node built in memory).
Diagnostic at(const std::string& shown, const YAML::Node& node, std::string key_path, std::string message);

}  // namespace iasim::scenario::detail
