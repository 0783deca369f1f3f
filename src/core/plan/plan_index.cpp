#include "core/plan/plan_index.h"

#include <algorithm>
#include <iterator>

#include "core/plan/load.h"

namespace plan {

const char* item_type_key(ItemType t) {
  switch (t) {
    case ItemType::task:
      return "task";
    case ItemType::part:
      return "part";
    case ItemType::measure:
      return "measure";
    case ItemType::requirement:
      return "requirement";
  }
  return "task";
}

namespace {

Item make_item(ItemType type, const std::string& id, const std::string& section,
               const std::string& task, std::optional<std::size_t> parent, const std::string& title,
               const std::string& text, const std::string& note, const std::vector<UnitRef>& units,
               const std::optional<Deadline>& deadline, const Where& where) {
  Item it;
  it.type = type;
  it.id = id;
  it.section = section;
  it.task = task;
  it.parent = parent;
  it.title = title;
  it.text = text;
  it.note = note;
  it.own_units = it.units = units;
  it.own_deadline = it.deadline = deadline;
  it.where = where;
  return it;
}

}  // namespace

PlanIndex::PlanIndex(const Plan& plan) : plan_(plan) {
  unit_order_.reserve(plan.units.size());
  for (std::size_t i = 0; i < plan.units.size(); ++i) unit_order_.emplace(plan.units[i].name, i);
  assigned_count_.assign(plan.units.size(), 0);
  for (const auto& u : plan.units) {
    unit_by_name_.emplace(u.name, &u);
    for (const auto& a : u.aliases) unit_by_name_.emplace(a, &u);
  }
  for (const auto& g : plan.groups) {
    group_by_name_.emplace(g.name, &g);
    for (const auto& a : g.aliases) group_by_name_.emplace(a, &g);
  }

  // Items are large: made once in place of their final vector, not moved at every doubling.
  std::size_t item_count = 0;
  for (const auto& s : plan.sections) {
    item_count += s.requirements.size();
    for (const auto& t : s.tasks) {
      item_count += 1 + t.parts.size() + t.measures.size();
      for (const auto& p : t.parts) item_count += p.measures.size();
    }
  }
  items_.reserve(item_count);
  item_by_id_.reserve(item_count);

  auto push = [&](Item item) {
    std::size_t idx = items_.size();
    if (item.parent) {
      Item& p = items_[*item.parent];
      p.children.push_back(idx);
      if (item.own_units.empty()) item.units = p.units;
      if (!item.own_deadline) item.deadline = p.deadline;
    }
    item_by_id_.emplace(item.id, idx);
    items_.push_back(std::move(item));
    return idx;
  };
  auto measure_item = [&](const Measure& m, const Section& s, const Task& t, std::size_t parent) {
    Item it = make_item(ItemType::measure, m.id, s.id, t.id, parent, m.text, m.text, m.note,
                        m.units, m.deadline, m.where);
    it.leaf = true;
    it.delays = m.delays;
    it.implements = m.implements;
    push(std::move(it));
  };

  for (const auto& s : plan.sections) {
    for (const auto& t : s.tasks) {
      std::size_t tix = push(make_item(ItemType::task, t.id, s.id, t.id, std::nullopt, t.title,
                                       t.text, t.note, t.units, t.deadline, t.where));
      items_[tix].deadline_text = t.deadline_text;
      items_[tix].delays = t.delays;
      items_[tix].implements = t.implements;
      for (const auto& p : t.parts) {
        std::size_t pix = push(make_item(ItemType::part, p.id, s.id, t.id, tix, p.title, "", p.note,
                                         p.units, p.deadline, p.where));
        items_[pix].implements = p.implements;
        for (const auto& m : p.measures) measure_item(m, s, t, pix);
        items_[pix].leaf = p.measures.empty();
      }
      for (const auto& m : t.measures) measure_item(m, s, t, tix);
      items_[tix].leaf = t.parts.empty() && t.measures.empty();
    }
    for (const auto& q : s.requirements) {
      Item qi = make_item(ItemType::requirement, q.id, s.id, "", std::nullopt, q.title, q.text,
                          q.note, q.units, std::nullopt, q.where);
      qi.leaf = true;
      push(std::move(qi));
    }
  }

  // Units by their order in units.yaml, each group expanded once; room for every assignment
  // made first (at a province's size they are tens of thousands).
  NameMap<std::vector<std::size_t>> expanded;
  std::size_t most = 0;
  for (const auto& item : items_)
    if (item.leaf)
      for (const auto& r : item.units) most += expansion(r.name, expanded).size();
  assignments_.reserve(most);
  assignment_order_.reserve(most);
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (items_[i].leaf) add_units(items_[i].units, i, expanded);
  }
  leaves_.resize(items_.size());
  for (std::size_t i = 0; i < items_.size(); ++i) {
    if (!items_[i].leaf) continue;
    for (std::optional<std::size_t> p = i; p; p = items_[*p].parent) leaves_[*p].push_back(i);
  }
  assignment_range_.assign(items_.size(), {0, 0});
  for (std::size_t a = 0; a < assignments_.size(); ++a) {
    auto& range = assignment_range_[assignments_[a].item];
    if (range.first == range.second) range.first = a;
    range.second = a + 1;
  }
  // Assignments are made of plan units only, so each unit's order stands for its name (turned
  // into names only when asked). A tracked item's units are its assignments' orders, already
  // ascending and each once (add_units); any other item's are the union of its children's.
  // Children come after their parent in items_, so one pass from the end merges each item's
  // finished list into its parent's (sorting every ancestor's list of every assignment took
  // most of the index's time at a province's size).
  responsible_orders_.resize(items_.size());
  std::vector<std::uint32_t> merged;
  for (std::size_t i = items_.size(); i-- > 0;) {
    auto& own = responsible_orders_[i];
    if (items_[i].leaf) {
      const auto [first, last] = assignment_range_[i];
      own.assign(assignment_order_.begin() + static_cast<std::ptrdiff_t>(first),
                 assignment_order_.begin() + static_cast<std::ptrdiff_t>(last));
    }
    if (!items_[i].parent) continue;
    auto& up = responsible_orders_[*items_[i].parent];
    merged.clear();
    std::set_union(up.begin(), up.end(), own.begin(), own.end(), std::back_inserter(merged));
    up.assign(merged.begin(), merged.end());
  }
}

std::vector<std::string> PlanIndex::responsible_units(std::size_t item) const {
  std::vector<std::string> out;
  out.reserve(responsible_orders_[item].size());
  for (std::uint32_t o : responsible_orders_[item]) out.push_back(plan_.units[o].name);
  return out;
}

bool PlanIndex::is_responsible(std::size_t item, const std::string& unit) const {
  const std::size_t order = unit_order(unit);
  if (order >= plan_.units.size() || item >= responsible_orders_.size()) return false;
  const auto& orders = responsible_orders_[item];
  return std::binary_search(orders.begin(), orders.end(), static_cast<std::uint32_t>(order));
}

std::optional<std::size_t> PlanIndex::assignment_of(std::size_t item,
                                                    const std::string& unit) const {
  const std::size_t order = unit_order(unit);
  if (order >= plan_.units.size() || item >= items_.size()) return std::nullopt;
  const auto [first, last] = assignment_range_[item];
  auto begin = assignment_order_.begin() + static_cast<std::ptrdiff_t>(first);
  auto end = assignment_order_.begin() + static_cast<std::ptrdiff_t>(last);
  auto it = std::lower_bound(begin, end, static_cast<std::uint32_t>(order));
  if (it == end || *it != order) return std::nullopt;
  return static_cast<std::size_t>(it - assignment_order_.begin());
}

std::vector<std::string> PlanIndex::item_ids() const {
  std::vector<std::string> out;
  for (const auto& it : items_) out.push_back(it.id);
  return out;
}

void PlanIndex::add_units(const std::vector<UnitRef>& refs, std::size_t item,
                          NameMap<std::vector<std::size_t>>& expanded) {
  // One assignment per concrete unit, in units.yaml order; a unit named twice keeps its
  // strongest role.
  std::vector<std::pair<std::size_t, Role>> roles;
  for (const auto& r : refs)
    for (std::size_t o : expansion(r.name, expanded)) roles.emplace_back(o, r.role);
  std::sort(roles.begin(), roles.end());  // by order, then the strongest role first
  for (std::size_t k = 0; k < roles.size(); ++k) {
    if (k > 0 && roles[k].first == roles[k - 1].first) continue;
    assignments_.push_back({item, plan_.units[roles[k].first].name, roles[k].second});
    assignment_order_.push_back(static_cast<std::uint32_t>(roles[k].first));
    ++assigned_count_[roles[k].first];
  }
}

const std::vector<std::size_t>& PlanIndex::expansion(
    const std::string& name, NameMap<std::vector<std::size_t>>& expanded) const {
  auto it = expanded.find(name);
  if (it == expanded.end()) {
    std::vector<std::size_t> orders;
    for (const auto& u : expand(name)) orders.push_back(unit_order(u));
    it = expanded.emplace(name, std::move(orders)).first;
  }
  return it->second;
}

std::optional<std::size_t> PlanIndex::find_item(std::string_view id) const {
  // Ids written by plan record are already canonical: try them as they are first.
  if (auto exact = item_by_id_.find(id); exact != item_by_id_.end()) return exact->second;
  auto it = item_by_id_.find(normalize_item_id(id));
  if (it == item_by_id_.end()) return std::nullopt;
  return it->second;
}

const Unit* PlanIndex::find_unit(std::string_view name) const {
  auto it = unit_by_name_.find(name);
  return it == unit_by_name_.end() ? nullptr : it->second;
}

const Group* PlanIndex::find_group(std::string_view name) const {
  auto it = group_by_name_.find(name);
  return it == group_by_name_.end() ? nullptr : it->second;
}

std::optional<std::string> PlanIndex::canonical(std::string_view name) const {
  if (const Unit* u = find_unit(name)) return u->name;
  if (const Group* g = find_group(name)) return g->name;
  return std::nullopt;
}

void PlanIndex::expand_into(std::string_view name, std::vector<std::string>& out,
                            std::vector<std::string>& path) const {
  if (const Unit* u = find_unit(name)) {
    out.push_back(u->name);
    return;
  }
  const Group* g = find_group(name);
  if (!g || std::find(path.begin(), path.end(), g->name) != path.end()) return;
  path.push_back(g->name);
  for (const auto& m : g->members) expand_into(m.name, out, path);
  path.pop_back();
}

std::vector<std::string> PlanIndex::expand(std::string_view name) const {
  std::vector<std::string> out, path;
  expand_into(name, out, path);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> PlanIndex::expand(const std::vector<UnitRef>& refs) const {
  std::vector<std::string> out, path;
  for (const auto& r : refs) expand_into(r.name, out, path);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::string> PlanIndex::expand_in_order(std::string_view name) const {
  std::vector<std::string> out = expand(name);
  std::stable_sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
    return unit_order(a) < unit_order(b);
  });
  return out;
}

std::vector<std::string> PlanIndex::groups_of(const std::string& unit) const {
  std::vector<std::string> out;
  for (const auto& g : plan_.groups) {
    auto members = expand(g.name);
    if (std::binary_search(members.begin(), members.end(), unit)) out.push_back(g.name);
  }
  return out;
}

std::vector<std::string> PlanIndex::all_names() const {
  std::vector<std::string> out;
  for (const auto& [n, u] : unit_by_name_) out.push_back(n);
  for (const auto& [n, g] : group_by_name_) out.push_back(n);
  return out;
}

std::size_t PlanIndex::assigned_count(const std::string& unit) const {
  const std::size_t order = unit_order(unit);
  return order < assigned_count_.size() ? assigned_count_[order] : 0;
}

std::size_t PlanIndex::unit_order(const std::string& unit) const {
  auto it = unit_order_.find(unit);
  return it == unit_order_.end() ? plan_.units.size() : it->second;
}

}  // namespace plan
