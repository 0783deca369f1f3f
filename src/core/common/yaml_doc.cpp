#include "core/common/yaml_doc.h"

#include <fmt/format.h>
#include <yaml.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/common/text.h"

namespace plan::yaml {

namespace {

struct ParserGuard {
  yaml_parser_t parser;
  ParserGuard() { yaml_parser_initialize(&parser); }
  ~ParserGuard() { yaml_parser_delete(&parser); }
};

struct EventGuard {
  yaml_event_t event;
  bool live = false;
  ~EventGuard() {
    if (live) yaml_event_delete(&event);
  }
};

Where where_of(const std::string& file, const yaml_mark_t& m) {
  return {file, static_cast<int>(m.line) + 1, static_cast<int>(m.column) + 1};
}

// The character at a 1-based line and column of the text, if any.
char32_t char_at(std::string_view text, std::size_t line, std::size_t col) {
  std::size_t pos = 0;
  for (std::size_t l = 1; l < line; ++l) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return 0;
    ++pos;
  }
  std::size_t end = text.find('\n', pos);
  std::u32string cps = to_u32(text.substr(pos, end == std::string_view::npos ? end : end - pos));
  return col >= 1 && col <= cps.size() ? cps[col - 1] : 0;
}

// The line and column (in characters) of a byte offset into the text.
Where where_of_offset(const std::string& file, std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  int col = 1;
  for (std::size_t i = start; i < offset; ++i)
    col += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;  // characters, not bytes
  return {file, line, col};
}

// A tab at the start of a line, before any other character, is indentation.
bool tab_indented(std::string_view text, int line) {
  std::size_t pos = 0;
  for (int l = 1; l < line; ++l) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return false;
    ++pos;
  }
  while (pos < text.size() && text[pos] == ' ') ++pos;
  return pos < text.size() && text[pos] == '\t';
}

// The code points of a line (1-based), or empty past the end.
std::u32string line_at(std::string_view text, std::size_t line) {
  std::size_t pos = 0;
  for (std::size_t l = 1; l < line; ++l) {
    pos = text.find('\n', pos);
    if (pos == std::string_view::npos) return {};
    ++pos;
  }
  std::size_t end = text.find('\n', pos);
  return to_u32(text.substr(pos, end == std::string_view::npos ? end : end - pos));
}

// Full-width punctuation that a Chinese input method types where YAML wants ASCII.
struct FullWidth {
  char32_t wide;
  const char* wide_text;
  const char* ascii;
};
constexpr FullWidth kFullWidth[] = {{U'，', "，", ","}, {U'：', "：", ":"}, {U'｛', "｛", "{"},
                                    {U'｝', "｝", "}"}, {U'［', "［", "["}, {U'］', "］", "]"}};

// A syntax error is most often a full-width ， or ： typed for the ASCII one: the first such
// character on the error's line or the line before it, outside quotes.
std::optional<std::pair<Where, const FullWidth*>> full_width_culprit(std::string_view text,
                                                                     const Where& w) {
  for (int line = w.line; line >= std::max(1, w.line - 1); --line) {
    std::u32string cps = line_at(text, static_cast<std::size_t>(line));
    char32_t quote = 0;
    for (std::size_t i = 0; i < cps.size(); ++i) {
      char32_t c = cps[i];
      if (quote) {
        if (c == quote) quote = 0;
        continue;
      }
      if (c == U'"' || c == U'\'') {
        quote = c;
        continue;
      }
      if (c == U'#' && (i == 0 || cps[i - 1] == U' ')) break;
      for (const auto& f : kFullWidth) {
        if (c == f.wide) {
          Where at = w;
          at.line = line;
          at.col = static_cast<int>(i + 1);
          return std::make_pair(at, &f);
        }
      }
    }
  }
  return std::nullopt;
}

// libyaml's problem, in the words of the catalog when it is a common one.
std::string syntax_code(const std::string& problem) {
  static const std::pair<const char*, const char*> kKnown[] = {
      {"did not find expected ',' or '}'", "yaml-flow-mapping"},
      {"did not find expected ',' or ']'", "yaml-flow-sequence"},
      {"mapping values are not allowed", "yaml-colon-in-value"},
      {"did not find expected key", "yaml-expected-key"},
      {"found character that cannot start any token", "yaml-bad-token"},
      {"could not find expected ':'", "yaml-expected-colon"},
      {"found unexpected end of stream", "yaml-unclosed"},
      {"did not find expected '-' indicator", "yaml-expected-dash"},
  };
  for (const auto& [text, code] : kKnown)
    if (problem.find(text) != std::string::npos) return code;
  return "";
}

}  // namespace

namespace {

Document parse_impl(std::string_view text, const std::string& file, Diagnostics& diags,
                    const Limits& limits, const std::function<void(const Node&)>* on_item,
                    bool outline = false, int line_offset = 0) {
  Document doc;
  // A UTF-8 byte order mark (Notepad, WPS) is not content. libyaml skips it only when it
  // detects the encoding itself, which we do not let it do.
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.remove_prefix(3);
  ParserGuard g;
  yaml_parser_set_input_string(&g.parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  yaml_parser_set_encoding(&g.parser, YAML_UTF8_ENCODING);

  // Containers under construction; the bottom entry is a holder for the document root.
  std::vector<Node*> stack;
  std::vector<bool> expecting_value;  // for mappings: next node is a value
  Node holder;
  holder.kind = Node::Kind::sequence;
  stack.push_back(&holder);
  expecting_value.push_back(false);
  std::size_t nodes = 0;
  int documents = 0;
  // Outline: nothing inside the root container is built, only its depth followed.
  int below = 0;
  auto inside_root = [&] { return outline && stack.size() >= 2; };

  // In streaming mode, a finished item of the root list goes to the callback and is dropped.
  auto deliver = [&] {
    if (!on_item || stack.size() != 2 || !holder.items.front().is_sequence()) return;
    Node& root = holder.items.front();
    if (root.items.empty()) return;
    (*on_item)(root.items.back());
    root.items.pop_back();
    nodes = 0;
  };
  auto add = [&](Node n) -> Node* {
    Node* parent = stack.back();
    if (parent->kind == Node::Kind::sequence) {
      parent->items.push_back(std::move(n));
      return &parent->items.back();
    }
    if (!expecting_value.back()) {
      parent->keys.push_back(std::move(n));
      parent->values.emplace_back();
      expecting_value.back() = true;
      return &parent->keys.back();
    }
    parent->values.back() = std::move(n);
    expecting_value.back() = false;
    return &parent->values.back();
  };

  for (;;) {
    EventGuard e;
    if (!yaml_parser_parse(&g.parser, &e.event)) {
      // The problem is placed within `text`, then moved to the file's lines.
      const std::size_t problem_at = diags.size();
      // At the end of the file the problem's own mark says little; where the construct that
      // ran off the end began (an opening quote or bracket) says more.
      const bool at_end = g.parser.context && g.parser.problem &&
                          std::strstr(g.parser.problem, "end of stream") != nullptr;
      const yaml_mark_t& m = at_end ? g.parser.context_mark : g.parser.problem_mark;
      Where w = where_of(file, m);
      if (g.parser.error == YAML_READER_ERROR) {
        // The reader (control characters, bad encoding) sets no mark, only a byte offset.
        w = where_of_offset(file, text, g.parser.problem_offset);
        std::string problem = g.parser.problem ? g.parser.problem : "unknown error";
        if (g.parser.problem_value >= 0)
          problem += fmt::format(" (U+{:04X})", static_cast<unsigned>(g.parser.problem_value));
        diags.push_back(error(w, "yaml-syntax", {problem}));
      } else if (char_at(text, w.line, w.col) == U'\t' || tab_indented(text, w.line)) {
        if (tab_indented(text, w.line)) w.col = 1;
        diags.push_back(error(w, "yaml-tab-indent"));
      } else {
        std::string problem = g.parser.problem ? g.parser.problem : "unknown error";
        if (g.parser.context) problem = std::string(g.parser.context) + ", " + problem;
        if (auto culprit = full_width_culprit(text, w)) {
          diags.push_back(error(culprit->first, "yaml-full-width",
                                {culprit->second->wide_text, culprit->second->ascii}));
        } else if (std::string code = syntax_code(problem); !code.empty()) {
          diags.push_back(error(w, code, {problem}));
        } else {
          diags.push_back(error(w, "yaml-syntax", {problem}));
        }
      }
      for (std::size_t i = problem_at; i < diags.size(); ++i)
        if (diags[i].where.line > 0) diags[i].where.line += line_offset;
      return doc;
    }
    e.live = true;
    const yaml_event_t& ev = e.event;
    Where w = where_of(file, ev.start_mark);
    w.line += line_offset;
    switch (ev.type) {
      case YAML_STREAM_START_EVENT:
        break;
      case YAML_DOCUMENT_END_EVENT:
        if (!ev.data.document_end.implicit && doc.end_marker_line == 0) {
          doc.end_marker_line = w.line;
          doc.end_marker_col = w.col;
        }
        break;
      case YAML_STREAM_END_EVENT:
        doc.root = holder.items.empty() ? Node{} : std::move(holder.items.front());
        doc.ok = true;
        return doc;
      case YAML_DOCUMENT_START_EVENT:
        if (++documents > 1) {
          diags.push_back(error(w, "yaml-multi-doc"));
          return doc;
        }
        break;
      case YAML_ALIAS_EVENT:
        diags.push_back(error(w, "yaml-alias"));
        return doc;
      case YAML_SCALAR_EVENT: {
        if (ev.data.scalar.anchor) {
          diags.push_back(error(w, "yaml-alias"));
          return doc;
        }
        if (inside_root()) break;
        if (++nodes > limits.max_nodes) {
          diags.push_back(error(w, "yaml-too-many-nodes", {std::to_string(limits.max_nodes)}));
          return doc;
        }
        Node n;
        n.value.assign(reinterpret_cast<const char*>(ev.data.scalar.value), ev.data.scalar.length);
        n.plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        bool is_null = n.plain && (n.value.empty() || n.value == "~" || n.value == "null" ||
                                   n.value == "Null" || n.value == "NULL");
        n.kind = is_null ? Node::Kind::null : Node::Kind::scalar;
        n.line = w.line;
        n.col = w.col;
        add(std::move(n));
        deliver();
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        bool seq = ev.type == YAML_SEQUENCE_START_EVENT;
        if ((seq && ev.data.sequence_start.anchor) || (!seq && ev.data.mapping_start.anchor)) {
          diags.push_back(error(w, "yaml-alias"));
          return doc;
        }
        if (static_cast<int>(stack.size()) + below > limits.max_depth) {
          diags.push_back(error(w, "yaml-depth", {std::to_string(limits.max_depth)}));
          return doc;
        }
        if (inside_root()) {
          ++below;
          break;
        }
        if (++nodes > limits.max_nodes) {
          diags.push_back(error(w, "yaml-too-many-nodes", {std::to_string(limits.max_nodes)}));
          return doc;
        }
        Node n;
        n.kind = seq ? Node::Kind::sequence : Node::Kind::mapping;
        n.flow = seq ? ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                     : ev.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        n.line = w.line;
        n.col = w.col;
        // Children are appended to vectors of the parent only after this node is complete, so
        // pointers into the parent stay valid while we build.
        Node* placed = add(std::move(n));
        stack.push_back(placed);
        expecting_value.push_back(false);
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        if (below > 0) {
          --below;
          break;
        }
        stack.pop_back();
        expecting_value.pop_back();
        deliver();
        break;
      case YAML_NO_EVENT:
        break;
    }
  }
}

}  // namespace

Document parse(std::string_view text, const std::string& file, Diagnostics& diags,
               const Limits& limits) {
  return parse_impl(text, file, diags, limits, nullptr);
}

Document parse_list_stream(std::string_view text, const std::string& file, Diagnostics& diags,
                           const Limits& limits, const std::function<void(const Node&)>& on_item,
                           int line_offset) {
  return parse_impl(text, file, diags, limits, &on_item, false, line_offset);
}

Document parse_outline(std::string_view text, const std::string& file, Diagnostics& diags,
                       const Limits& limits) {
  return parse_impl(text, file, diags, limits, nullptr, true);
}

}  // namespace plan::yaml
