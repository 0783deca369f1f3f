#include "core/plan/load.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "core/common/files.h"
#include "core/common/text.h"
#include "core/common/yaml_doc.h"
#include "core/plan/schema.h"

namespace plan {

namespace fs = std::filesystem;
using yaml::Node;

std::optional<std::string> find_plan_dir(const std::string& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    if (fs::exists(dir / "plan" / "tasks.yaml", ec)) return (dir / "plan").string();
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

std::string normalize_item_id(std::string_view raw) {
  std::string s;
  for (char32_t cp : to_u32(raw)) {
    if (cp == U'（') cp = U'(';
    if (cp == U'）') cp = U')';
    if (cp >= U'０' && cp <= U'９') cp = U'0' + (cp - U'０');
    if (cp == U' ' || cp == U'\u3000') continue;
    if (cp >= U'A' && cp <= U'Z') cp = cp - U'A' + U'a';
    s += to_utf8(std::u32string_view(&cp, 1));
  }
  auto all_digits = [](std::string_view v) {
    return !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (s.size() > 1 && s[0] == 'm' && all_digits(std::string_view(s).substr(1)))
    return "(" + s.substr(1) + ")";
  return s;
}

namespace {

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

const Node* field(const FieldMap& f, const char* key) {
  auto it = f.find(key);
  return it == f.end() ? nullptr : it->second;
}

std::vector<Delay> read_delays(Reader& r, const FieldMap& f, Diagnostics& diags) {
  std::vector<Delay> out;
  r.list(f, "delays", [&](const Node& n) {
    auto df = r.fields(n, "delays", {"from", "date", "reason", "document"});
    if (!df) return;
    Delay d;
    d.where = r.at(n);
    d.from = r.text(*df, "from", n, true);
    if (!d.from.empty()) {
      DeadlineParse p = parse_deadline(d.from);
      if (p.error != DeadlineError::none)
        diags.push_back(error(r.at(*df->at("from")), deadline_error_key(p.error), {d.from}));
      d.from_due = p.due;
    }
    d.date = r.text(*df, "date", n, true);
    DateError date_error = DateError::none;
    if (!d.date.empty() && !parse_iso_date(d.date, &date_error))
      diags.push_back(
          error(r.at(*df->at("date")), date_error_key(date_error, "bad-iso-date"), {d.date}));
    d.reason = r.text(*df, "reason", n, true);
    d.document = r.text(*df, "document", n);
    out.push_back(std::move(d));
  });
  return out;
}

// implements: the parent plan's item ids this item carries out (one id or a list).
std::vector<ParentLink> read_links(Reader& r, const FieldMap& f) {
  std::vector<ParentLink> out;
  auto it = f.find("implements");
  if (it == f.end()) return out;
  for (auto& [id, w] : r.names(it->second, "implements")) out.push_back({normalize_item_id(id), w});
  return out;
}

Measure read_measure(Reader& r, const Node& n, Diagnostics& diags) {
  Measure m;
  m.where = r.at(n);
  auto f =
      r.fields(n, "measures", {"id", "text", "units", "deadline", "delays", "implements", "note"});
  if (!f) return m;
  std::string raw = r.text(*f, "id", n, true);
  m.id = normalize_item_id(raw);
  if (is_digits(m.id)) m.id = "(" + m.id + ")";
  if (!raw.empty() && !(m.id.size() > 2 && m.id.front() == '(' && m.id.back() == ')' &&
                        is_digits(std::string_view(m.id).substr(1, m.id.size() - 2)))) {
    r.bad_id(*field(*f, "id"), raw, "id-measure-form");
  }
  m.text = r.text(*f, "text", n, true);
  m.units = r.unit_refs(field(*f, "units"));
  m.deadline = r.deadline(*f, n);
  m.delays = read_delays(r, *f, diags);
  m.implements = read_links(r, *f);
  m.note = r.text(*f, "note", n);
  return m;
}

Part read_part(Reader& r, const Node& n, const std::string& task_id, Diagnostics& diags) {
  Part p;
  p.where = r.at(n);
  auto f = r.fields(
      n, "parts", {"id", "title", "units", "deadline", "delays", "measures", "implements", "note"});
  if (!f) return p;
  std::string raw = r.text(*f, "id", n, true);
  p.id = normalize_item_id(raw);
  if (!raw.empty()) {
    if (p.id.size() <= task_id.size() || p.id.compare(0, task_id.size(), task_id) != 0 ||
        is_digits(p.id.substr(task_id.size()))) {
      r.bad_id(*field(*f, "id"), raw, "id-part-form");
    }
  }
  p.title = r.text(*f, "title", n, true);
  p.units = r.unit_refs(field(*f, "units"));
  p.deadline = r.deadline(*f, n);
  p.delays = read_delays(r, *f, diags);
  r.list(*f, "measures", [&](const Node& m) { p.measures.push_back(read_measure(r, m, diags)); });
  p.implements = read_links(r, *f);
  p.note = r.text(*f, "note", n);
  return p;
}

Task read_task(Reader& r, const Node& n, Diagnostics& diags) {
  Task t;
  t.where = r.at(n);
  auto f = r.fields(n, "tasks",
                    {"id", "title", "table_title", "text", "units", "deadline", "deadline_text",
                     "delays", "parts", "measures", "implements", "note"});
  if (!f) return t;
  std::string raw = r.text(*f, "id", n, true);
  t.id = normalize_item_id(raw);
  if (!raw.empty() && !is_digits(t.id)) r.bad_id(*field(*f, "id"), raw, "id-task-form");
  t.title = r.text(*f, "title", n, true);
  t.table_title = r.text(*f, "table_title", n);
  t.text = r.text(*f, "text", n);
  t.units = r.unit_refs(field(*f, "units"));
  t.deadline = r.deadline(*f, n);
  t.deadline_text = r.text(*f, "deadline_text", n);
  t.delays = read_delays(r, *f, diags);
  r.list(*f, "parts", [&](const Node& p) { t.parts.push_back(read_part(r, p, t.id, diags)); });
  r.list(*f, "measures", [&](const Node& m) { t.measures.push_back(read_measure(r, m, diags)); });
  t.implements = read_links(r, *f);
  t.note = r.text(*f, "note", n);
  return t;
}

Requirement read_requirement(Reader& r, const Node& n) {
  Requirement q;
  q.where = r.at(n);
  auto f = r.fields(n, "requirements", {"id", "title", "text", "units", "note"});
  if (!f) return q;
  q.id = normalize_item_id(r.text(*f, "id", n, true));
  q.title = r.text(*f, "title", n, true);
  q.text = r.text(*f, "text", n);
  q.units = r.unit_refs(field(*f, "units"));
  q.note = r.text(*f, "note", n);
  return q;
}

Section read_section(Reader& r, const Node& n, Diagnostics& diags) {
  Section s;
  s.where = r.at(n);
  auto f = r.fields(n, "sections", {"id", "title", "table_title", "tasks", "requirements", "note"});
  if (!f) return s;
  s.id = r.text(*f, "id", n, true);
  s.title = r.text(*f, "title", n, true);
  s.table_title = r.text(*f, "table_title", n);
  r.list(*f, "tasks", [&](const Node& t) { s.tasks.push_back(read_task(r, t, diags)); });
  r.list(*f, "requirements",
         [&](const Node& q) { s.requirements.push_back(read_requirement(r, q)); });
  s.note = r.text(*f, "note", n);
  return s;
}

Unit read_unit(Reader& r, const Node& n, Diagnostics& diags) {
  Unit u;
  u.where = r.at(n);
  auto f = r.fields(n, "units", {"name", "kind", "aliases", "coordination", "note"});
  if (!f) return u;
  u.name = r.text(*f, "name", n, true);
  const Node* name = field(*f, "name");
  u.name_where = name ? r.at(*name) : u.where;
  if (auto* k = field(*f, "kind")) {
    if (auto s = r.scalar(k, "kind", true, n)) {
      if (auto kind = parse_unit_kind(*s)) {
        u.kind = *kind;
      } else {
        std::vector<std::string> kinds = {"township", "department", "supervisory", "judicial",
                                          "other"};
        diags.push_back(
            error(r.at(*k), "bad-unit-kind", {*s, join(kinds, ", ")}, nearest(*s, kinds)));
      }
    }
  }
  for (auto& [a, w] : r.names(field(*f, "aliases"), "aliases")) u.aliases.push_back(a);
  if (auto* c = field(*f, "coordination")) {
    if (auto s = r.scalar(c, "coordination", false, n)) {
      if (*s == "office") {
        u.coordination = Coordination::office;
      } else if (*s == "member") {
        u.coordination = Coordination::member;
      } else {
        diags.push_back(error(r.at(*c), "bad-coordination", {*s}));
      }
    }
  }
  u.note = r.text(*f, "note", n);
  return u;
}

Group read_group(Reader& r, const Node& n) {
  Group g;
  g.where = r.at(n);
  auto f = r.fields(n, "groups", {"name", "aliases", "members", "note"});
  if (!f) return g;
  g.name = r.text(*f, "name", n, true);
  for (auto& [a, w] : r.names(field(*f, "aliases"), "aliases")) g.aliases.push_back(a);
  if (!field(*f, "members")) r.scalar(nullptr, "members", true, n);
  for (auto& [m, w] : r.names(field(*f, "members"), "members"))
    g.members.push_back({m, Role::responsible, w});
  g.note = r.text(*f, "note", n);
  return g;
}

// Parses a file's YAML; nullopt when it is not a usable mapping document.
std::optional<yaml::Document> parse_top(std::string_view text, const std::string& file,
                                        Diagnostics& diags, const char* expected) {
  yaml::Document doc = yaml::parse(text, file, diags);
  if (!doc.ok) return std::nullopt;
  if (doc.root.is_null()) {
    diags.push_back(error({file, 1, 1}, "empty-file", {expected}));
    return std::nullopt;
  }
  return doc;
}

}  // namespace

bool load_tasks_text(std::string_view text, const std::string& file, Plan& plan,
                     Diagnostics& diags) {
  auto doc = parse_top(text, file, diags, "plan:, sections:");
  if (!doc) return false;
  Reader r(file, diags);
  auto f = r.fields(doc->root, "tasks.yaml", {"plan", "sections"});
  if (!f) return true;
  if (auto* p = field(*f, "plan")) {
    if (auto pf = r.fields(*p, "plan", {"title", "document", "issued", "note", "acknowledged"})) {
      plan.info.title = r.text(*pf, "title", *p, true);
      plan.info.document = r.text(*pf, "document", *p);
      plan.info.issued = r.text(*pf, "issued", *p);
      plan.info.note = r.text(*pf, "note", *p);
      r.list(*pf, "acknowledged", [&](const Node& a) {
        auto af = r.fields(a, "acknowledged", {"warning", "match", "reason"});
        if (!af) return;
        Acknowledgement ack;
        ack.where = r.at(a);
        ack.code = r.text(*af, "warning", a, true);
        ack.match = r.text(*af, "match", a);
        ack.reason = r.text(*af, "reason", a, true);
        plan.info.acknowledged.push_back(std::move(ack));
      });
    }
  }
  if (!field(*f, "sections")) {
    diags.push_back(error(r.at(doc->root), "missing-key", {"sections"}));
    return true;
  }
  r.list(*f, "sections",
         [&](const Node& s) { plan.sections.push_back(read_section(r, s, diags)); });
  return true;
}

bool load_units_text(std::string_view text, const std::string& file, Plan& plan,
                     Diagnostics& diags) {
  auto doc = parse_top(text, file, diags, "units:, groups:");
  if (!doc) return false;
  Reader r(file, diags);
  auto f = r.fields(doc->root, "units.yaml", {"units", "groups"});
  if (!f) return true;
  if (!field(*f, "units")) diags.push_back(error(r.at(doc->root), "missing-key", {"units"}));
  r.list(*f, "units", [&](const Node& u) { plan.units.push_back(read_unit(r, u, diags)); });
  r.list(*f, "groups", [&](const Node& g) { plan.groups.push_back(read_group(r, g)); });
  return true;
}

LoadResult load_plan(const std::string& dir) {
  LoadResult res;
  res.plan.dir = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    res.diags.push_back(error({dir, 0, 0}, "plan-dir-missing", {dir}));
    return res;
  }
  res.plan.tasks_file = (fs::path(dir) / "tasks.yaml").string();
  res.plan.units_file = (fs::path(dir) / "units.yaml").string();
  bool units_ok = false, tasks_ok = false;
  if (auto text = read_text_file(res.plan.units_file, res.diags, res.sources))
    units_ok = load_units_text(*text, res.plan.units_file, res.plan, res.diags);
  if (auto text = read_text_file(res.plan.tasks_file, res.diags, res.sources))
    tasks_ok = load_tasks_text(*text, res.plan.tasks_file, res.plan, res.diags);
  res.parsed = units_ok && tasks_ok;
  return res;
}

}  // namespace plan
