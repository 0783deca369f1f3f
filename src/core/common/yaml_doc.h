// A small YAML document tree built from libyaml events, keeping every node's line and column.
//
// libyaml is strict where yaml-cpp 0.7 is lenient (unterminated quotes, invalid UTF-8), reports
// precise marks, and lets us refuse aliases and bound nesting before building anything.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/common/diag.h"

namespace plan::yaml {

struct Node {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  std::string value;        // scalar text
  bool plain = true;        // unquoted scalar (only plain scalars can be null or numbers)
  bool flow = false;        // a sequence or mapping written [ … ] or { … }
  int line = 0;             // 1-based
  int col = 0;              // 1-based, in characters
  std::vector<Node> items;  // sequence
  // Mapping: keys[i] maps to values[i], in file order, duplicates kept. (Two vectors rather
  // than pairs: a pair of the still-incomplete Node is not allowed.)
  std::vector<Node> keys, values;

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_mapping() const { return kind == Kind::mapping; }
};

struct Limits {
  int max_depth = 64;
  std::size_t max_nodes = 1'000'000;
};

struct Document {
  Node root;  // null for an empty file
  bool ok = false;
  // Where an explicit document end marker (...) stands, line 0 when there is none: after one, a
  // line appended to the file would start a second document.
  int end_marker_line = 0;
  int end_marker_col = 0;
};

// Parses one YAML document. Errors (syntax, aliases, depth, several documents) go to `diags`
// with `file` and the place; `ok` is false then.
Document parse(std::string_view text, const std::string& file, Diagnostics& diags,
               const Limits& limits = {});

// The same for a document whose root is a list, handing each item of that list to `on_item` as
// soon as it is complete and then dropping it, so memory does not grow with the list. When the
// root is not a list, `root` holds its kind and place (items are not delivered). The node
// limit applies to one item at a time. `line_offset` is added to every line (nodes,
// diagnostics, the end marker): for a piece of a file that starts on line line_offset + 1.
Document parse_list_stream(std::string_view text, const std::string& file, Diagnostics& diags,
                           const Limits& limits, const std::function<void(const Node&)>& on_item,
                           int line_offset = 0);

// Checks the whole text as parse() does (syntax, aliases, depth, one document) but builds only
// the root: its kind, style and place, with no children. For a file's shape, in memory that
// does not grow with the file and in about half the time.
Document parse_outline(std::string_view text, const std::string& file, Diagnostics& diags,
                       const Limits& limits = {});

}  // namespace plan::yaml
