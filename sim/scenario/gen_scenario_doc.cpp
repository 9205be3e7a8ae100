// Writes docs/scenarios.md (or stdout) from the schema; CTest compares the committed copy with a fresh one.
#include <fstream>
#include <iostream>

#include "sim/scenario/docs.hpp"

int main(int argc, char** argv) {
  if (argc > 2) {
    std::cerr << "usage: gen_scenario_doc [output.md]   (stdout without an argument)\n";
    return 2;
  }
  const std::string text = iasim::scenario::scenarios_markdown();
  if (argc == 1) {
    std::cout << text;
    return 0;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "gen_scenario_doc: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
