#include "core/reports/views.h"

#include <algorithm>
#include <set>

#include "core/common/text.h"

namespace plan {

namespace {

std::vector<std::string> names_of(const std::vector<UnitRef>& refs) {
  std::vector<std::string> out;
  for (const auto& r : refs) out.push_back(r.name);
  return out;
}

Json roles_json(const std::vector<UnitRef>& refs) {
  Json arr = Json::array();
  for (const auto& r : refs) arr.push_back({{"name", r.name}, {"role", role_key(r.role)}});
  return arr;
}

Json due_json(const std::optional<Deadline>& d) {
  return d && d->due ? Json(iso(*d->due)) : Json(nullptr);
}

bool wanted(const PlanIndex& index, std::size_t item, const TasksQuery& q,
            const std::vector<bool>& assigned) {
  const Item& it = index.items()[item];
  if (q.section && it.section != *q.section) return false;
  if (q.units.empty()) return true;
  if (it.leaf) return assigned[item];
  return std::any_of(it.children.begin(), it.children.end(),
                     [&](std::size_t c) { return wanted(index, c, q, assigned); });
}

}  // namespace

std::string units_as_written(const std::vector<UnitRef>& refs, Lang lang) {
  bool roles = std::any_of(refs.begin(), refs.end(),
                           [](const UnitRef& r) { return r.role != Role::responsible; });
  std::vector<std::string> parts;
  for (const auto& r : refs) {
    if (!roles) {
      parts.push_back(r.name);
    } else if (lang == Lang::zh) {
      parts.push_back(r.name + "（" + tr(lang, std::string("role-") + role_key(r.role)) + "）");
    } else {
      parts.push_back(r.name + " (" + tr(lang, std::string("role-") + role_key(r.role)) + ")");
    }
  }
  return join(parts, lang == Lang::zh ? "、" : ", ");
}

std::vector<Date> own_due_dates(const PlanIndex& index, std::size_t item) {
  const Item& it = index.items()[item];
  std::vector<Date> out;
  if (it.own_deadline && it.own_deadline->due) out.push_back(*it.own_deadline->due);
  for (std::size_t c : it.children) {
    const Item& ch = index.items()[c];
    if (ch.type == ItemType::part && ch.own_deadline && ch.own_deadline->due)
      out.push_back(*ch.own_deadline->due);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

TasksView compute_tasks(const PlanIndex& index, const TasksQuery& q) {
  std::vector<bool> assigned(index.items().size(), q.units.empty());
  for (const auto& a : index.assignments()) {
    if (std::find(q.units.begin(), q.units.end(), a.unit) != q.units.end()) assigned[a.item] = true;
  }
  TasksView view;
  const auto& sections = index.plan().sections;
  const auto& items = index.items();
  for (std::size_t s = 0; s < sections.size(); ++s) {
    std::vector<TasksView::Row> rows;
    for (std::size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      if (it.section != sections[s].id || !wanted(index, i, q, assigned)) continue;
      int depth = 1;
      for (auto p = it.parent; p; p = items[*p].parent) ++depth;
      rows.push_back({std::nullopt, i, depth});
    }
    if (rows.empty()) continue;
    view.rows.push_back({s, std::nullopt, 0});
    view.rows.insert(view.rows.end(), rows.begin(), rows.end());
  }
  return view;
}

Table tasks_table(const PlanIndex& index, const TasksView& view, Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-id")},
               {tr(lang, "col-item"), Align::left, 40},
               {tr(lang, "col-units"), Align::left, 40},
               {tr(lang, "col-deadline"), Align::left, 24},
               {tr(lang, "col-due")}};
  for (const auto& r : view.rows) {
    if (r.section) {
      const Section& s = index.plan().sections[*r.section];
      t.rows.push_back({{s.id, Style::heading}, {s.title, Style::heading}, {}, {}, {}});
      continue;
    }
    const Item& it = index.items()[*r.item];
    std::string deadline = it.own_deadline ? it.own_deadline->text : "";
    if (!it.deadline_text.empty()) deadline = it.deadline_text;
    if (it.type == ItemType::requirement) deadline = tr(lang, "no-deadline");
    // Tracked items show the date they are due by, inherited or not; tasks show their own dates.
    std::vector<std::string> dues;
    if (it.leaf && it.type != ItemType::task) {
      if (it.deadline && it.deadline->due) dues.push_back(iso(*it.deadline->due));
    } else {
      for (const auto& d : own_due_dates(index, *r.item)) dues.push_back(iso(d));
    }
    std::string units = it.own_units.empty() ? "" : units_as_written(it.own_units, lang);
    t.rows.push_back(
        {{it.id, Style::plain, r.depth - 1}, {it.title}, {units}, {deadline}, {join(dues, ", ")}});
  }
  return t;
}

Json tasks_json(const PlanIndex& index, const TasksView& view) {
  const auto& items = index.items();
  std::set<std::size_t> shown;
  for (const auto& r : view.rows)
    if (r.item) shown.insert(*r.item);

  auto measure_json = [&](std::size_t m) {
    const Item& it = items[m];
    Json j;
    j["id"] = it.id;
    j["text"] = it.text;
    j["units"] = names_of(it.units);
    j["roles"] = roles_json(it.units);
    j["due"] = due_json(it.deadline);
    j["deadline"] = it.deadline ? Json(it.deadline->text) : Json(nullptr);
    j["part"] = it.parent && items[*it.parent].type == ItemType::part ? Json(items[*it.parent].id)
                                                                      : Json(nullptr);
    j["note"] = it.note;
    return j;
  };

  Json tasks = Json::array();
  Json requirements = Json::array();
  for (std::size_t i : shown) {
    const Item& it = items[i];
    if (it.type == ItemType::requirement) {
      requirements.push_back({{"id", it.id},
                              {"section", it.section},
                              {"title", it.title},
                              {"text", it.text},
                              {"units", names_of(it.units)},
                              {"assignees", index.expand(it.units)},
                              {"note", it.note}});
      continue;
    }
    if (it.type != ItemType::task) continue;
    Json j;
    j["id"] = it.id;
    j["section"] = it.section;
    j["title"] = it.title;
    j["text"] = it.text;
    j["units"] = names_of(it.units);
    j["roles"] = roles_json(it.units);
    j["assignees"] = index.expand(it.units);
    Json due = Json::array();
    for (const auto& d : own_due_dates(index, i)) due.push_back(iso(d));
    j["due"] = due;
    j["deadline"] = it.deadline ? Json(it.deadline->text) : Json(nullptr);
    Json parts = Json::array();
    Json measures = Json::array();
    for (std::size_t c : it.children) {
      if (!shown.count(c)) continue;
      const Item& ch = items[c];
      if (ch.type == ItemType::part) {
        parts.push_back({{"id", ch.id},
                         {"title", ch.title},
                         {"units", names_of(ch.units)},
                         {"due", due_json(ch.deadline)},
                         {"deadline", ch.deadline ? Json(ch.deadline->text) : Json(nullptr)},
                         {"note", ch.note}});
        for (std::size_t m : ch.children)
          if (shown.count(m)) measures.push_back(measure_json(m));
      } else {
        measures.push_back(measure_json(c));
      }
    }
    j["parts"] = parts;
    j["measures"] = measures;
    j["note"] = it.note;
    tasks.push_back(j);
  }
  Json out;
  out["tasks"] = tasks;
  out["requirements"] = requirements;
  return out;
}

namespace {
std::string coordination_label(Coordination c, Lang lang) {
  switch (c) {
    case Coordination::office:
      return tr(lang, "coord-office");
    case Coordination::member:
      return tr(lang, "coord-member");
    case Coordination::none:
      return "";
  }
  return "";
}
}  // namespace

Table units_table(const PlanIndex& index, Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-unit")},
               {tr(lang, "col-kind")},
               {tr(lang, "col-aliases")},
               {tr(lang, "col-groups")},
               {tr(lang, "col-assigned"), Align::right, 0, true},
               {tr(lang, "col-coordination")}};
  const char* sep = lang == Lang::zh ? "、" : ", ";
  for (const auto& u : index.plan().units) {
    t.rows.push_back({{u.name},
                      {tr(lang, std::string("kind-") + kind_key(u.kind))},
                      {join(u.aliases, sep)},
                      {join(index.groups_of(u.name), sep)},
                      {std::to_string(index.assigned_count(u.name))},
                      {coordination_label(u.coordination, lang)}});
  }
  return t;
}

Table groups_table(const PlanIndex& index, Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-groups")},
               {tr(lang, "col-aliases")},
               {tr(lang, "col-members"), Align::left, 60},
               {tr(lang, "col-unit-count"), Align::right, 0, true}};
  const char* sep = lang == Lang::zh ? "、" : ", ";
  for (const auto& g : index.plan().groups) {
    std::vector<std::string> members;
    for (const auto& m : g.members) members.push_back(m.name);
    t.rows.push_back({{g.name},
                      {join(g.aliases, sep)},
                      {join(members, sep)},
                      {std::to_string(index.expand(g.name).size())}});
  }
  return t;
}

Json units_json(const PlanIndex& index) {
  Json units = Json::array();
  for (const auto& u : index.plan().units) {
    const char* coord = u.coordination == Coordination::office   ? "office"
                        : u.coordination == Coordination::member ? "member"
                                                                 : nullptr;
    units.push_back({{"name", u.name},
                     {"kind", kind_key(u.kind)},
                     {"aliases", u.aliases},
                     {"groups", index.groups_of(u.name)},
                     {"assigned", index.assigned_count(u.name)},
                     {"coordination", coord ? Json(coord) : Json(nullptr)},
                     {"note", u.note}});
  }
  Json groups = Json::array();
  for (const auto& g : index.plan().groups) {
    std::vector<std::string> members;
    for (const auto& m : g.members) members.push_back(m.name);
    groups.push_back({{"name", g.name},
                      {"aliases", g.aliases},
                      {"members", members},
                      {"units", index.expand(g.name)},
                      {"note", g.note}});
  }
  Json out;
  out["units"] = units;
  out["groups"] = groups;
  return out;
}

}  // namespace plan
