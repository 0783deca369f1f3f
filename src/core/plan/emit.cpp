#include "core/plan/emit.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "core/common/text.h"

namespace plan {

namespace {

std::string flow_list(const std::vector<std::string>& names) {
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i ? ", " : "") + yaml_scalar(names[i], true);
  return out + "]";
}

class Writer {
 public:
  explicit Writer(const std::vector<std::string>& header) {
    for (const auto& line : header) {
      // Every line of a header entry stays a comment.
      std::size_t start = 0;
      do {
        std::size_t end = line.find('\n', start);
        std::string piece = line.substr(start, end == std::string::npos ? end : end - start);
        out_ += piece.empty() ? "#\n" : "# " + piece + "\n";
        start = end == std::string::npos ? end : end + 1;
      } while (start != std::string::npos);
    }
    if (!header.empty()) out_ += "\n";
  }

  // `key: value` at `indent`, after `lead` ("- " for the first key of a list item).
  void field(int indent, std::string_view key, std::string_view value, bool first = false) {
    out_ += prefix(indent, first) + std::string(key) + ": " + yaml_scalar(value) + "\n";
  }
  void optional(int indent, std::string_view key, std::string_view value) {
    if (!value.empty()) field(indent, key, value);
  }
  void raw(int indent, std::string_view key, std::string_view text, bool first = false) {
    out_ += prefix(indent, first) + std::string(key) + ":" + (text.empty() ? "" : " ") +
            std::string(text) + "\n";
  }
  void blank() { out_ += "\n"; }

  void units(int indent, const std::vector<UnitRef>& refs) {
    if (refs.empty()) return;
    bool roles = false;
    for (const auto& r : refs) roles = roles || r.role != Role::responsible;
    if (!roles) {
      std::vector<std::string> names;
      for (const auto& r : refs) names.push_back(r.name);
      raw(indent, "units", flow_list(names));
      return;
    }
    raw(indent, "units", "");
    for (Role role : {Role::lead, Role::responsible, Role::implement}) {
      std::vector<std::string> names;
      for (const auto& r : refs)
        if (r.role == role) names.push_back(r.name);
      if (!names.empty()) raw(indent + 2, role_key(role), flow_list(names));
    }
  }

  void deadline(int indent, const std::optional<Deadline>& d) {
    if (d && !d->text.empty()) field(indent, "deadline", d->text);
  }

  void delays(int indent, const std::vector<Delay>& delays) {
    if (delays.empty()) return;
    raw(indent, "delays", "");
    for (const auto& d : delays) {
      field(indent + 2, "from", d.from, true);
      field(indent + 4, "date", d.date);
      field(indent + 4, "reason", d.reason);
      optional(indent + 4, "document", d.document);
    }
  }

  void measures(int indent, const std::vector<Measure>& measures) {
    if (measures.empty()) return;
    raw(indent, "measures", "");
    for (const auto& m : measures) {
      field(indent + 2, "id", m.id, true);
      field(indent + 4, "text", m.text);
      units(indent + 4, m.units);
      deadline(indent + 4, m.deadline);
      delays(indent + 4, m.delays);
      optional(indent + 4, "note", m.note);
    }
  }

  void unit_item(int indent, const Unit& u) {
    field(indent, "name", u.name, true);
    raw(indent + 2, "kind", kind_key(u.kind));
    if (u.coordination != Coordination::none)
      raw(indent + 2, "coordination", u.coordination == Coordination::office ? "office" : "member");
    if (!u.aliases.empty()) raw(indent + 2, "aliases", flow_list(u.aliases));
    optional(indent + 2, "note", u.note);
  }

  void group_item(int indent, const Group& g) {
    field(indent, "name", g.name, true);
    if (!g.aliases.empty()) raw(indent + 2, "aliases", flow_list(g.aliases));
    std::vector<std::string> members;
    for (const auto& m : g.members) members.push_back(m.name);
    raw(indent + 2, "members", flow_list(members));
    optional(indent + 2, "note", g.note);
  }

  std::string take() { return std::move(out_); }

 private:
  static std::string prefix(int indent, bool first) {
    return first ? std::string(static_cast<std::size_t>(indent), ' ') + "- "
                 : std::string(static_cast<std::size_t>(indent), ' ');
  }
  std::string out_;
};

}  // namespace

std::string yaml_scalar(std::string_view s, bool in_flow) {
  // yaml-cpp decides plain or double-quoted and escapes what must be escaped; Chinese stays as
  // it is. In a flow list the scalar is emitted inside one, so that , [ ] { } are quoted too.
  const std::string value(s);
  YAML::Emitter e;
  e.SetOutputCharset(YAML::EmitNonAscii);
  if (in_flow) e << YAML::Flow << YAML::BeginSeq;
  e << value;
  if (in_flow) e << YAML::EndSeq;
  std::string out = e.c_str();
  if (in_flow) out = out.substr(1, out.size() - 2);  // without "[" and "]"
  // yaml-cpp leaves some characters raw that libyaml refuses (DEL, C1 controls, U+FFFE, U+FFFF)
  // or reads as a line break (U+0085, U+2028, U+2029): write them as escapes, inside double
  // quotes.
  auto escape_of = [](char32_t cp) -> std::string {
    if (cp == 0x85) return "\\N";
    if (cp == 0x2028) return "\\L";
    if (cp == 0x2029) return "\\P";
    if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF)
      return fmt::format("\\u{:04X}", static_cast<unsigned>(cp));
    return "";
  };
  const std::u32string points = to_u32(value);
  if (std::none_of(points.begin(), points.end(),
                   [&](char32_t cp) { return !escape_of(cp).empty(); }))
    return out;
  // yaml-cpp's own double quoting turns U+FFFE and U+FFFF into U+FFFD: the quoted form is
  // written here, escaping what YAML's double quotes need and those characters.
  std::string quoted = "\"";
  for (char32_t cp : points) {
    if (const std::string e = escape_of(cp); !e.empty()) {
      quoted += e;
    } else if (cp == '"' || cp == '\\') {
      quoted += '\\';
      quoted += static_cast<char>(cp);
    } else if (cp == '\n') {
      quoted += "\\n";
    } else if (cp == '\t') {
      quoted += "\\t";
    } else if (cp < 0x20) {
      quoted += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    } else {
      append_utf8(quoted, cp);
    }
  }
  return quoted + "\"";
}

std::string tasks_yaml_text(const Plan& plan, const std::vector<std::string>& header) {
  Writer w(header);
  const PlanInfo& info = plan.info;
  w.raw(0, "plan", "");
  w.field(2, "title", info.title);
  w.optional(2, "document", info.document);
  w.optional(2, "issued", info.issued);
  w.optional(2, "note", info.note);
  if (!info.acknowledged.empty()) {
    w.raw(2, "acknowledged", "");
    for (const auto& a : info.acknowledged) {
      w.field(4, "warning", a.code, true);
      w.optional(6, "match", a.match);
      w.field(6, "reason", a.reason);
    }
  }
  w.blank();
  if (plan.sections.empty()) {
    w.raw(0, "sections", "[]");
    return w.take();
  }
  w.raw(0, "sections", "");
  for (std::size_t i = 0; i < plan.sections.size(); ++i) {
    const Section& s = plan.sections[i];
    if (i) w.blank();
    w.field(2, "id", s.id, true);
    w.field(4, "title", s.title);
    w.optional(4, "table_title", s.table_title);
    w.optional(4, "note", s.note);
    if (!s.tasks.empty()) {
      w.raw(4, "tasks", "");
      for (const auto& t : s.tasks) {
        w.field(6, "id", t.id, true);
        w.field(8, "title", t.title);
        w.optional(8, "table_title", t.table_title);
        w.optional(8, "text", t.text);
        w.units(8, t.units);
        w.deadline(8, t.deadline);
        w.optional(8, "deadline_text", t.deadline_text);
        w.delays(8, t.delays);
        w.optional(8, "note", t.note);
        if (!t.parts.empty()) {
          w.raw(8, "parts", "");
          for (const auto& p : t.parts) {
            w.field(10, "id", p.id, true);
            w.field(12, "title", p.title);
            w.units(12, p.units);
            w.deadline(12, p.deadline);
            w.delays(12, p.delays);
            w.optional(12, "note", p.note);
            w.measures(12, p.measures);
          }
        }
        w.measures(8, t.measures);
      }
    }
    if (!s.requirements.empty()) {
      w.raw(4, "requirements", "");
      for (const auto& q : s.requirements) {
        w.field(6, "id", q.id, true);
        w.field(8, "title", q.title);
        w.optional(8, "text", q.text);
        w.units(8, q.units);
        w.optional(8, "note", q.note);
      }
    }
  }
  return w.take();
}

std::string units_yaml_text(const Plan& plan, const std::vector<std::string>& header) {
  Writer w(header);
  if (plan.units.empty()) {
    w.raw(0, "units", "[]");
  } else {
    w.raw(0, "units", "");
    for (const auto& u : plan.units) w.unit_item(2, u);
  }
  if (!plan.groups.empty()) {
    w.blank();
    w.raw(0, "groups", "");
    for (const auto& g : plan.groups) w.group_item(2, g);
  }
  return w.take();
}

std::string unit_items_yaml(const std::vector<Unit>& units, int indent) {
  Writer w({});
  for (const auto& u : units) w.unit_item(indent, u);
  return w.take();
}

std::string group_items_yaml(const std::vector<Group>& groups, int indent) {
  Writer w({});
  for (const auto& g : groups) w.group_item(indent, g);
  return w.take();
}

}  // namespace plan
