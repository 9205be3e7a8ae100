#pragma once
// Parsing a subcommand's options with Boost.Program_options, with errors that say how to get help.
#include <boost/program_options.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/cli/command.hpp"

namespace iasim::cli {

namespace po = boost::program_options;

// Parses `args` against `visible` options and positional names; prints usage on --help (returns exit_ok),
// an error and exit_bad_input on bad options. Returns nullopt when parsing succeeded and the command should run.
std::optional<int> parse_options(std::string_view command, std::string_view usage, const Args& args,
                                 const po::options_description& visible, const po::positional_options_description& positional,
                                 po::variables_map& vm);

// Numeric option values, checked here rather than by Boost.Program_options: its lexical_cast reads "-1" as
// 4294967295 for an unsigned option. Each takes the text as typed and prints "iasim COMMAND: --OPTION expects
// <what>, got '<text>'" and returns nullopt when it is not acceptable.
// The most worker threads an option accepts.
inline constexpr std::uint64_t kMaxThreads = 4096;

// A whole number written in digits (no sign, no exponent) from `min` to `max`.
std::optional<std::uint64_t> whole_number_option(std::string_view command, std::string_view option, const std::string& text,
                                                 std::uint64_t min, std::uint64_t max, std::string_view what);
// A finite number above 0 (in any form from_chars reads: 2, 0.5, 1e1).
std::optional<double> positive_number_option(std::string_view command, std::string_view option, const std::string& text,
                                             std::string_view what);

// Adds the positional argument `name` (at most `max_count` of them, -1 for any number) to the options.
void add_positional(po::options_description& opts, po::positional_options_description& pos, const char* name,
                    const po::value_semantic* value, const char* description, int max_count);

// The command line as typed, for the output file's history.
std::string joined_command_line(std::string_view command, const Args& args);

}  // namespace iasim::cli
