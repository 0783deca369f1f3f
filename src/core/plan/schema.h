// Reading YAML nodes into model values, reporting shape problems with their place.
#pragma once
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/common/date.h"
#include "core/common/diag.h"
#include "core/common/text.h"
#include "core/common/yaml_doc.h"
#include "core/plan/model.h"

namespace plan {

using yaml::Node;

// The fields of one mapping: a handful of keys, so a flat vector beats a map (progress files
// hold millions of small mappings). Keys point into the mapping's own nodes.
class FieldMap {
 public:
  using Entry = std::pair<std::string_view, const Node*>;
  using const_iterator = std::vector<Entry>::const_iterator;
  const_iterator find(std::string_view key) const {
    return std::find_if(v_.begin(), v_.end(), [&](const Entry& e) { return e.first == key; });
  }
  const_iterator end() const { return v_.end(); }
  std::size_t count(std::string_view key) const { return find(key) != end() ? 1 : 0; }
  const Node* at(std::string_view key) const { return find(key)->second; }
  void add(std::string_view key, const Node* value) { v_.emplace_back(key, value); }

 private:
  std::vector<Entry> v_;
};

// Reads YAML nodes into model values, reporting shape problems against one file.
class Reader {
 public:
  Reader(std::string file, Diagnostics& diags) : file_(std::move(file)), diags_(diags) {}

  Where at(const Node& n) const { return {file_, n.line, n.col}; }

  static std::string kind_name(const Node& n) {
    switch (n.kind) {
      case Node::Kind::mapping:
        return "@kind-map";
      case Node::Kind::sequence:
        return "@kind-list";
      case Node::Kind::scalar:
        return "@kind-scalar";
      case Node::Kind::null:
        return "@kind-null";
    }
    return "@kind-null";
  }
  static std::string label(std::string_view what) { return "“" + std::string(what) + "”"; }

  // The fields of a mapping, after reporting duplicate and unknown keys.
  std::optional<FieldMap> fields(const Node& n, std::string_view what,
                                 const std::vector<std::string>& allowed) {
    if (!n.is_mapping()) {
      diags_.push_back(error(at(n), "expected-map", {label(what), kind_name(n)}));
      return std::nullopt;
    }
    FieldMap out;
    std::vector<std::pair<std::string_view, int>> first_line;
    for (std::size_t i = 0; i < n.keys.size(); ++i) {
      const Node& k = n.keys[i];
      const Node& v = n.values[i];
      if (!k.is_scalar()) {
        diags_.push_back(error(at(k), "expected-scalar", {label(what), kind_name(k)}));
        continue;
      }
      auto seen = std::find_if(first_line.begin(), first_line.end(),
                               [&](const auto& p) { return p.first == k.value; });
      if (seen != first_line.end()) {
        diags_.push_back(error(at(k), "duplicate-key", {k.value, std::to_string(seen->second)}));
        continue;
      }
      first_line.emplace_back(k.value, k.line);
      if (std::find(allowed.begin(), allowed.end(), k.value) == allowed.end()) {
        // `item： "6"` reads as one key: a full-width colon typed for ':'.
        if (auto colon = k.value.find("："); colon != std::string::npos) {
          Where w = at(k);
          w.col += static_cast<int>(to_u32(std::string_view(k.value).substr(0, colon)).size());
          diags_.push_back(error(w, "yaml-full-width", {"：", ":"}));
          continue;
        }
        diags_.push_back(
            error(at(k), "unknown-key", {k.value, join(allowed, ", ")}, nearest(k.value, allowed)));
        continue;
      }
      out.add(k.value, &v);
    }
    return out;
  }

  std::optional<std::string> scalar(const Node* n, std::string_view what, bool required,
                                    const Node& parent) {
    if (!n || n->is_null()) {
      if (required) {
        if (n) {
          diags_.push_back(error(at(*n), "empty-value", {std::string(what)}));
        } else {
          diags_.push_back(error(at(parent), "missing-key", {std::string(what)}));
        }
      }
      return std::nullopt;
    }
    if (!n->is_scalar()) {
      diags_.push_back(error(at(*n), "expected-scalar", {label(what), kind_name(*n)}));
      return std::nullopt;
    }
    if (required && n->value.empty()) {
      diags_.push_back(error(at(*n), "empty-value", {std::string(what)}));
      return std::nullopt;
    }
    return n->value;
  }

  std::string text(const FieldMap& f, const std::string& key, const Node& parent,
                   bool required = false) {
    auto it = f.find(key);
    return scalar(it == f.end() ? nullptr : it->second, key, required, parent).value_or("");
  }

  // A list of scalars; a single scalar counts as a list of one.
  std::vector<std::pair<std::string, Where>> names(const Node* n, std::string_view what) {
    std::vector<std::pair<std::string, Where>> out;
    if (!n || n->is_null()) return out;
    if (n->is_scalar()) {
      out.emplace_back(n->value, at(*n));
      return out;
    }
    if (!n->is_sequence()) {
      diags_.push_back(error(at(*n), "expected-list", {label(what), kind_name(*n)}));
      return out;
    }
    for (const auto& item : n->items) {
      if (auto s = scalar(&item, what, true, *n)) out.emplace_back(*s, at(item));
    }
    return out;
  }

  // Responsible units: a list (all responsible) or a mapping by role.
  std::vector<UnitRef> unit_refs(const Node* n) {
    std::vector<UnitRef> out;
    if (!n || n->is_null()) return out;
    if (n->is_mapping()) {
      auto f = fields(*n, "units", {"lead", "responsible", "implement"});
      if (!f) return out;
      const std::pair<const char*, Role> roles[] = {
          {"lead", Role::lead}, {"responsible", Role::responsible}, {"implement", Role::implement}};
      for (auto [key, role] : roles) {
        if (auto it = f->find(key); it != f->end()) {
          for (auto& [name, w] : names(it->second, key)) out.push_back({name, role, w});
        }
      }
      return out;
    }
    for (auto& [name, w] : names(n, "units")) out.push_back({name, Role::responsible, w});
    return out;
  }

  std::optional<Deadline> deadline(const FieldMap& f, const Node& parent) {
    auto it = f.find("deadline");
    if (it == f.end()) return std::nullopt;
    auto s = scalar(it->second, "deadline", true, parent);
    if (!s) return std::nullopt;
    Deadline d{*s, std::nullopt, at(*it->second)};
    DeadlineParse p = parse_deadline(*s);
    if (p.error != DeadlineError::none)
      diags_.push_back(error(d.where, deadline_error_key(p.error), {*s}));
    d.due = p.due;
    return d;
  }

  // A list of mappings, each handed to `each`.
  template <typename F>
  void list(const FieldMap& f, const std::string& key, F each) {
    auto it = f.find(key);
    if (it == f.end() || it->second->is_null()) return;
    const Node& n = *it->second;
    if (!n.is_sequence()) {
      diags_.push_back(error(at(n), "expected-list", {label(key), kind_name(n)}));
      return;
    }
    for (const auto& item : n.items) each(item);
  }

  void bad_id(const Node& n, const std::string& id, const char* form) {
    diags_.push_back(error(at(n), "bad-id", {id, std::string("@") + form}));
  }

  const std::string& file() const { return file_; }

 private:
  std::string file_;
  Diagnostics& diags_;
};

}  // namespace plan
