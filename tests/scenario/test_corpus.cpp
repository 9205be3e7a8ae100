// Broken scenarios, data-driven: each tests/scenario/corpus/broken/*.yaml states in comments what load must say:
//   # expect: <fragment of ScenarioError::what(), with the corpus directory left out of file names>
//   # expect-count: <number of diagnostics>      (optional)
//   # set: <path=value>                          (optional --set overrides, in order)
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/load.hpp"

namespace fs = std::filesystem;

namespace {

struct Case {
  fs::path file;
  std::vector<std::string> expect, set;
  int count = -1;
};

Case read_case(const fs::path& file) {
  Case c{file, {}, {}, -1};
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    auto after = [&](std::string_view tag) -> std::optional<std::string> {
      if (!line.starts_with(tag)) return std::nullopt;
      return line.substr(tag.size());
    };
    if (auto s = after("# expect: ")) c.expect.push_back(*s);
    if (auto s = after("# set: ")) c.set.push_back(*s);
    if (auto s = after("# expect-count: ")) c.count = std::stoi(*s);
  }
  return c;
}

std::string without(std::string text, const std::string& part) {
  for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part)) text.erase(pos, part.size());
  return text;
}

}  // namespace

TEST_CASE("corpus: every broken scenario fails with the stated diagnostics", "[corpus]") {
  const fs::path dir = fs::path(IASIM_SCENARIO_CORPUS) / "broken";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 20);
  for (const fs::path& file : files) {
    const Case c = read_case(file);
    INFO("scenario: " << file.filename().string());
    REQUIRE(!c.expect.empty());  // a broken case must say what it expects
    try {
      (void)iasim::scenario::load(file, c.set);
      FAIL("loaded without error");
    } catch (const iasim::scenario::ScenarioError& e) {
      const std::string what = without(e.what(), dir.string() + "/");
      INFO("what():\n" << what);
      for (const std::string& fragment : c.expect) {
        INFO("expected fragment: " << fragment);
        CHECK(what.find(fragment) != std::string::npos);
      }
      if (c.count >= 0) CHECK(e.diagnostics().size() == static_cast<std::size_t>(c.count));
    }
  }
}
