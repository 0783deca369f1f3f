#include "core/plan/checks.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/common/text.h"

namespace plan {

namespace {

std::string place(const Where& w) {
  return fmt::format("{}:{}", w.file, w.line);
}

int number_in(const std::string& id) {
  std::string digits;
  for (char c : id) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits.empty() || digits.size() > 6 ? -1 : std::stoi(digits);
}

// "(7)–(11)" or "(7)" for a run of missing numbers.
std::string run_text(int from, int to, bool parens) {
  auto one = [&](int n) { return parens ? fmt::format("({})", n) : std::to_string(n); };
  return from == to ? one(from) : one(from) + "–" + one(to);
}

void numbering_gaps(std::vector<std::pair<int, Where>> numbers, bool parens, Diagnostics& diags) {
  if (numbers.empty()) return;
  std::sort(numbers.begin(), numbers.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  int expected = 1;
  for (const auto& [n, w] : numbers) {
    if (n > expected)
      diags.push_back(warning(w, "numbering-gap", {run_text(expected, n - 1, parens)}));
    expected = std::max(expected, n + 1);
  }
}

}  // namespace

void check_duplicate_ids(const Plan& plan, const PlanIndex& index, Diagnostics& diags) {
  std::map<std::string, Where> seen;
  for (const auto& s : plan.sections) {
    if (s.id.empty()) continue;
    auto [it, fresh] = seen.emplace("section:" + s.id, s.where);
    if (!fresh) diags.push_back(error(s.where, "duplicate-id", {s.id, place(it->second)}));
  }
  seen.clear();
  for (const auto& item : index.items()) {
    if (item.id.empty()) continue;
    auto [it, fresh] = seen.emplace(item.id, item.where);
    if (!fresh) diags.push_back(error(item.where, "duplicate-id", {item.id, place(it->second)}));
  }
}

void check_unit_names(const Plan& plan, const PlanIndex&, Diagnostics& diags) {
  // Unit names, group names and all their aliases share one namespace.
  std::map<std::string, Where> seen;
  auto claim = [&](const std::string& name, const Where& w) {
    if (name.empty()) return;
    auto [it, fresh] = seen.emplace(name, w);
    if (!fresh) diags.push_back(error(w, "duplicate-name", {name, place(it->second)}));
  };
  for (const auto& u : plan.units) {
    claim(u.name, u.where);
    for (const auto& a : u.aliases) claim(a, u.where);
  }
  for (const auto& g : plan.groups) {
    claim(g.name, g.where);
    for (const auto& a : g.aliases) claim(a, g.where);
  }
}

void check_unit_refs(const Plan& plan, const PlanIndex& index, Diagnostics& diags) {
  const std::vector<std::string> names = index.all_names();
  auto check = [&](const std::vector<UnitRef>& refs) {
    for (const auto& r : refs) {
      if (!index.canonical(r.name))
        diags.push_back(error(r.where, "unknown-unit", {r.name}, nearest(r.name, names)));
    }
  };
  for (const auto& g : plan.groups) check(g.members);
  for (const auto& item : index.items()) check(item.own_units);
}

void check_group_cycles(const Plan& plan, const PlanIndex& index, Diagnostics& diags) {
  // Depth-first search over group → member groups; report each cycle once, at its first group.
  enum class Mark { none, active, done };
  std::map<std::string, Mark> mark;
  std::vector<std::string> path;
  std::set<std::string> reported;
  std::function<void(const Group&)> visit = [&](const Group& g) {
    mark[g.name] = Mark::active;
    path.push_back(g.name);
    for (const auto& m : g.members) {
      const Group* child = index.find_group(m.name);
      if (!child) continue;
      if (mark[child->name] == Mark::active) {
        auto start = std::find(path.begin(), path.end(), child->name);
        std::vector<std::string> cycle(start, path.end());
        cycle.push_back(child->name);
        std::vector<std::string> key(start, path.end());
        std::sort(key.begin(), key.end());
        if (reported.insert(join(key, "\n")).second)
          diags.push_back(error(m.where, "group-cycle", {join(cycle, " → ")}));
      } else if (mark[child->name] == Mark::none) {
        visit(*child);
      }
    }
    path.pop_back();
    mark[g.name] = Mark::done;
  };
  for (const auto& g : plan.groups) {
    if (mark[g.name] == Mark::none) visit(g);
  }
}

void check_deadline_order(const Plan&, const PlanIndex& index, Diagnostics& diags) {
  for (const auto& item : index.items()) {
    if (!item.parent || !item.own_deadline || !item.own_deadline->due) continue;
    const Item& p = index.items()[*item.parent];
    if (!p.deadline || !p.deadline->due) continue;
    if (*item.own_deadline->due > *p.deadline->due) {
      diags.push_back(error(item.own_deadline->where, "measure-after-task",
                            {item.id, iso(*item.own_deadline->due), p.id, iso(*p.deadline->due)}));
    }
  }
}

void check_numbering(const Plan&, const PlanIndex& index, Diagnostics& diags) {
  std::vector<std::pair<int, Where>> tasks, measures;
  for (const auto& item : index.items()) {
    int n = number_in(item.id);
    if (n < 0) continue;
    if (item.type == ItemType::task) tasks.emplace_back(n, item.where);
    if (item.type == ItemType::measure) measures.emplace_back(n, item.where);
  }
  numbering_gaps(tasks, false, diags);
  numbering_gaps(measures, true, diags);
}

void check_tracked_items(const Plan&, const PlanIndex& index, Diagnostics& diags) {
  for (const auto& item : index.items()) {
    if (!item.leaf) continue;
    if (item.units.empty()) diags.push_back(error(item.where, "no-units", {item.id}));
  }
}

void check_unassigned_units(const Plan& plan, const PlanIndex& index, Diagnostics& diags) {
  for (const auto& u : plan.units) {
    if (!u.name.empty() && index.assigned_count(u.name) == 0)
      diags.push_back(warning(u.where, "unit-unassigned", {u.name}));
  }
}

Diagnostics check_plan(const Plan& plan, const PlanIndex& index) {
  using Check = void (*)(const Plan&, const PlanIndex&, Diagnostics&);
  static constexpr Check kChecks[] = {check_duplicate_ids, check_unit_names,      check_unit_refs,
                                      check_group_cycles,  check_deadline_order,  check_numbering,
                                      check_tracked_items, check_unassigned_units};
  Diagnostics diags;
  for (Check c : kChecks) c(plan, index, diags);
  acknowledge_warnings(plan.info.acknowledged, diags);
  return diags;
}

void acknowledge_warnings(const std::vector<Acknowledgement>& acks, Diagnostics& diags) {
  std::vector<bool> used(acks.size(), false);
  for (auto& d : diags) {
    if (d.severity != Severity::warning) continue;
    for (std::size_t i = 0; i < acks.size(); ++i) {
      if (acks[i].code != d.code) continue;
      bool matches = acks[i].match.empty();
      for (const auto& a : d.args) matches = matches || a.find(acks[i].match) != std::string::npos;
      if (!matches) continue;
      d.acknowledged = true;
      used[i] = true;
    }
  }
  // An acknowledgement that no longer matches anything is stale: say so, so it gets removed.
  for (std::size_t i = 0; i < acks.size(); ++i)
    if (!used[i] && !acks[i].code.empty())
      diags.push_back(warning(acks[i].where, "ack-unused", {acks[i].code, acks[i].match}));
}

}  // namespace plan
