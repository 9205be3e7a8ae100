#include "sim/cli/options.hpp"

#include <charconv>
#include <cmath>
#include <iostream>

namespace iasim::cli {

std::optional<int> parse_options(std::string_view command, std::string_view usage, const Args& args,
                                 const po::options_description& visible, const po::positional_options_description& positional,
                                 po::variables_map& vm) {
  po::options_description all = visible;
  all.add_options()("help,h", "this help");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage << "\n\n" << all;
      return exit_ok;
    }
    po::notify(vm);
  } catch (const po::required_option& e) {
    // The missing option is a positional argument (FILE, SCENARIO.yaml): name it as the usage line does.
    const auto* o = all.find_nothrow(e.get_option_name().substr(e.get_option_name().find_first_not_of('-')), false);
    std::cerr << "iasim " << command << ": missing the " << (o ? o->description() : e.get_option_name())
              << "\nusage: " << usage << "\n";
    return exit_bad_input;
  } catch (const po::error& e) {
    std::cerr << "iasim " << command << ": " << e.what() << "\nusage: " << usage << "\n(run 'iasim " << command
              << " --help' for the options)\n";
    return exit_bad_input;
  }
  return std::nullopt;
}

std::optional<std::uint64_t> whole_number_option(std::string_view command, std::string_view option, const std::string& text,
                                                 std::uint64_t min, std::uint64_t max, std::string_view what) {
  std::uint64_t n = 0;
  const char* last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), last, n);
  if (ec == std::errc{} && ptr == last && !text.empty() && text[0] != '-' && n >= min && n <= max) return n;
  std::cerr << "iasim " << command << ": " << option << " expects " << what << ", got '" << text << "'\n";
  return std::nullopt;
}

std::optional<double> positive_number_option(std::string_view command, std::string_view option, const std::string& text,
                                             std::string_view what) {
  double x = 0;
  const char* last = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), last, x);
  if (ec == std::errc{} && ptr == last && !text.empty() && std::isfinite(x) && x > 0) return x;
  std::cerr << "iasim " << command << ": " << option << " expects " << what << ", got '" << text << "'\n";
  return std::nullopt;
}

void add_positional(po::options_description& opts, po::positional_options_description& pos, const char* name,
                    const po::value_semantic* value, const char* description, int max_count) {
  opts.add_options()(name, value, description);
  pos.add(name, max_count);
}

std::string joined_command_line(std::string_view command, const Args& args) {
  std::string s = "iasim " + std::string(command);
  for (const auto& a : args) {
    s += ' ';
    const bool quote = a.find_first_of(" \t'\"") != std::string::npos;
    s += quote ? "'" + a + "'" : a;
  }
  return s;
}

}  // namespace iasim::cli
