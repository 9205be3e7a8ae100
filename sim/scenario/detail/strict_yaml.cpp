#include "sim/scenario/detail/strict_yaml.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <system_error>

namespace iasim::scenario::detail {

namespace {

// Records where a document's first node is, if it has any.
class FirstNode : public YAML::EventHandler {
 public:
  std::optional<YAML::Mark> mark;
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark& m, YAML::anchor_t) override { note(m); }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t, const std::string&) override { note(m); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(m);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    note(m);
  }
  void OnMapEnd() override {}

 private:
  void note(const YAML::Mark& m) {
    if (!mark) mark = m;
  }
};

// Where a second, non-empty YAML document in `text` starts, if there is one. Not YAML::LoadAll: yaml-cpp 0.7's
// loops forever, allocating, on a stray ',' (jbeder/yaml-cpp#1040, fixed after 0.8 by #1319; found here by
// tests/fuzz). Looking at two documents at most cannot loop.
std::optional<YAML::Mark> second_document(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  FirstNode first, second;
  if (!parser.HandleNextDocument(first) || !parser.HandleNextDocument(second)) return std::nullopt;
  return second.mark;
}

// The first line (1-based) that is more than blanks, a comment or a document marker, if any.
std::optional<int> first_content_line(const std::string& text) {
  std::istringstream in(text);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    const auto first = line.find_first_not_of(" \t\r\xef\xbb\xbf");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line.compare(first, 3, "---") == 0 || line.compare(first, 3, "...") == 0) continue;
    return n;
  }
  return std::nullopt;
}

// A quoted value whose closing quote is missing: yaml-cpp 0.7 lets it run on, swallowing the lines after it
// (keys included) without an error, so the run would silently use defaults. Returns the mark of the first
// quoted scalar that is never closed, or whose text runs over a line that looks like a `key:` line.
// Aliases can make the node graph cyclic (`self: &self [*self]`), so the walk stops at a depth no scenario
// reaches (they need 4 levels); what lies deeper is refused by the other checks.
std::optional<YAML::Mark> runaway_quote(const std::string& text, const YAML::Node& node, int depth = 0) {
  if (depth > 16) return std::nullopt;
  auto check = [&](const YAML::Node& n) -> std::optional<YAML::Mark> {
    const auto m = n.Mark();
    if (!n.IsScalar() || m.pos < 0 || static_cast<std::size_t>(m.pos) >= text.size()) return std::nullopt;
    const char q = text[static_cast<std::size_t>(m.pos)];
    if (q != '"' && q != '\'') return std::nullopt;
    std::size_t i = static_cast<std::size_t>(m.pos) + 1;
    for (; i < text.size(); ++i) {
      if (q == '"' && text[i] == '\\') {
        ++i;
        continue;
      }
      if (text[i] == q) {
        if (q == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;  // '' is an escaped quote in a single-quoted scalar
          continue;
        }
        break;
      }
    }
    if (i >= text.size()) return m;  // never closed
    // Closed on a later line: fine for a long text, but not if a line in between reads like a key.
    std::istringstream lines(text.substr(static_cast<std::size_t>(m.pos), i - static_cast<std::size_t>(m.pos)));
    std::string line;
    std::getline(lines, line);  // the opening line itself
    while (std::getline(lines, line)) {
      const auto b = line.find_first_not_of(" \t");
      if (b == std::string::npos) continue;
      const auto colon = line.find(": ", b);
      const auto key = line.substr(b, colon == std::string::npos ? std::string::npos : colon - b);
      if (colon != std::string::npos && !key.empty() &&
          std::all_of(key.begin(), key.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }))
        return m;
    }
    return std::nullopt;
  };
  if (node.IsMap()) {
    for (const auto& kv : node) {
      if (auto m = check(kv.first)) return m;
      if (auto m = runaway_quote(text, kv.second, depth + 1)) return m;
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node)
      if (auto m = runaway_quote(text, item, depth + 1)) return m;
  } else {
    return check(node);
  }
  return std::nullopt;
}

// "; ..." when line `line` (0-based) of `text` is indented with a tab, the commonest cause of a syntax error
// in a hand-edited file.
std::string tab_hint(const std::string& text, int line) {
  std::size_t begin = 0;
  for (int i = 0; i < line && begin != std::string::npos; ++i) {
    begin = text.find('\n', begin);
    if (begin != std::string::npos) ++begin;
  }
  if (begin == std::string::npos) return "";
  const auto indent_end = text.find_first_not_of(" \t", begin);
  const auto indent = text.substr(begin, (indent_end == std::string::npos ? text.size() : indent_end) - begin);
  return indent.find('\t') == std::string::npos ? "" : "; the line is indented with a tab, and YAML allows only spaces";
}

}  // namespace

std::string describe(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar:
      return n.Tag() == "?" ? "'" + n.Scalar() + "'" : "the quoted string \"" + n.Scalar() + "\"";
    default: return "nothing (null)";
  }
}

std::optional<std::string> read_input_file(const std::filesystem::path& path, std::string_view what, std::string& why) {
  namespace fs = std::filesystem;
  std::error_code ec;
  // Only regular files: a directory cannot be read, and a device or FIFO (/dev/zero, a named pipe) could
  // block or never end.
  std::ifstream in;
  if (fs::is_regular_file(path, ec)) in.open(path, std::ios::binary);
  if (!in.is_open()) {
    why = fs::is_directory(path, ec) ? "it is a directory, not " + std::string(what)
          : fs::exists(path, ec)     ? std::string("it is not a regular file")
                                     : std::string("no such file");
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Diagnostic at(const std::string& shown, const YAML::Node& node, std::string key_path, std::string message) {
  const YAML::Mark m = node.Mark();
  if (m.is_null() || m.line < 0) return {shown, 0, 0, std::move(key_path), std::move(message)};
  return {shown, m.line + 1, m.column + 1, std::move(key_path), std::move(message)};
}

std::optional<YAML::Node> parse_document(const std::string& text, const std::string& shown, const DocumentKind& kind,
                                         std::vector<Diagnostic>& out) {
  auto error = [&](int line, int column, std::string message) {
    out.push_back({shown, line, column, "", std::move(message)});
    return std::nullopt;
  };
  // A NUL byte means a binary or UTF-16 file; yaml-cpp would report a confusing escape error further on.
  if (const auto nul = text.find('\0'); nul != std::string::npos) {
    const auto line = std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(nul), '\n') + 1;
    return error(static_cast<int>(line), static_cast<int>(nul - text.rfind('\n', nul)),
                 "the file contains a NUL byte; " + std::string(kind.what) +
                     " is UTF-8 text (is it UTF-16 without a byte order mark, or not a text file?)");
  }
  YAML::Node root;
  std::optional<YAML::Mark> second;
  try {
    root = YAML::Load(text);
    second = second_document(text);
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard against a stack overflow; its message is only "bad file".
    return error(e.mark.line + 1, e.mark.column + 1,
                 "the YAML is nested more than " + std::to_string(e.depth()) + " levels deep; " +
                     std::string(kind.what) + " needs " + std::string(kind.depth_hint));
  } catch (const YAML::ParserException& e) {
    return error(e.mark.line + 1, e.mark.column + 1, "YAML syntax error: " + e.msg + tab_hint(text, e.mark.line));
  }
  // YAML::Load reads the first document and silently drops the rest.
  if (second)
    return error(second->line + 1, second->column + 1,
                 "a second YAML document (after a --- line); " + std::string(kind.file) +
                     " is one document: remove the --- or split the file");
  if (const auto q = runaway_quote(text, root))
    return error(q->line + 1, q->column + 1,
                 "this quoted value is not closed before the lines that follow it, which would be read as part of "
                 "the text (a missing closing quote?)");
  if (root.IsNull()) {
    if (const auto line = first_content_line(text))
      // yaml-cpp 0.7 reads a document starting with a stray ',' as empty instead of failing.
      return error(*line, 1,
                   "no YAML value could be read, though the file is not empty; look for stray punctuation (such as "
                   "a ',') at the start of this line");
    return error(0, 0, "the file is empty; " + std::string(kind.what) + " needs " + std::string(kind.empty_hint));
  }
  if (!root.IsMap()) {
    out.push_back(at(shown, root, "",
                     "the top level must be a map (" + std::string(kind.top_level) + "), got " + describe(root)));
    return std::nullopt;
  }
  return root;
}

std::string dotted(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

std::optional<KeyProblem> key_problem(const YAML::Node& key, std::map<std::string, int>& seen,
                                      const std::string& prefix) {
  if (!key.IsScalar()) return KeyProblem{prefix, "keys must be plain names, got " + describe(key)};
  const auto [it, fresh] = seen.emplace(key.Scalar(), key.Mark().line + 1);
  if (!fresh)
    return KeyProblem{dotted(prefix, key.Scalar()),
                      "duplicate key (first given on line " + std::to_string(it->second) + "); give each key once"};
  return std::nullopt;
}

}  // namespace iasim::scenario::detail
