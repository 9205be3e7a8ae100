#pragma once
// Parsing a subcommand's options with Boost.Program_options, with errors that say how to get help.
#include <boost/program_options.hpp>
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

// The command line as typed, for the output file's history.
std::string joined_command_line(std::string_view command, const Args& args);

}  // namespace iasim::cli
