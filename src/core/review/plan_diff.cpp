#include "core/review/plan_diff.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/common/text.h"

namespace plan {

std::size_t PlanDiff::flags() const {
  return static_cast<std::size_t>(
      std::count_if(changes.begin(), changes.end(), [](const Change& c) { return c.flag; }));
}

namespace {

std::string deadline_text(const std::optional<Deadline>& d) {
  if (!d) return "";
  if (!d->due || d->text == iso(*d->due)) return d->text;
  return d->text + " (" + iso(*d->due) + ")";
}

// The concrete units assigned to a tracked item (the index already holds them).
std::set<std::string> assignees(const PlanIndex& index, std::size_t item) {
  const auto& units = index.responsible_units(item);
  return {units.begin(), units.end()};
}

std::vector<std::string> minus(const std::set<std::string>& a, const std::set<std::string>& b) {
  std::vector<std::string> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// The delays entry that explains moving an item's deadline away from `from`.
const Delay* explaining_delay(const Item& y, const Date& from) {
  for (const auto& d : y.delays)
    if (d.from_due && *d.from_due == from && !d.reason.empty()) return &d;
  return nullptr;
}

// Where a change is listed: tasks in plan order, then units, groups and progress.
struct Scope {
  std::string key;
  std::vector<Change> changes;
};

class Builder {
 public:
  Builder(const PlanIndex& a, const PlanIndex& b, const std::vector<RawEntry>& entries_after)
      : a_(a), b_(b), entries_after_(entries_after) {}

  void add(const std::string& scope, Change c) {
    c.scope = scope;
    auto it = std::find_if(scopes_.begin(), scopes_.end(),
                           [&](const Scope& s) { return s.key == scope; });
    if (it == scopes_.end()) {
      scopes_.push_back({scope, {}});
      it = scopes_.end() - 1;
    }
    it->changes.push_back(std::move(c));
  }

  std::vector<Change> take() {
    std::vector<Change> out;
    for (auto& s : scopes_)
      for (auto& c : s.changes) out.push_back(std::move(c));
    return out;
  }

  static std::string scope_of(const Item& it) { return it.task.empty() ? it.id : it.task; }

  // A unit's own name for a name or alias (groups and unknown names as written).
  static std::string own_name(const PlanIndex& index, const std::string& name) {
    const Unit* u = index.find_unit(name);
    return u ? u->name : name;
  }

  // A unit's name in the new plan when it was renamed (the old name is an alias there), so that
  // a rename is one change and not every assignment moving.
  std::string now_named(const std::string& name) const {
    const Unit* u = b_.find_unit(name);
    if (u && u->name != name && !a_.find_group(name)) {
      const Unit* was = a_.find_unit(name);
      if (was && was->name == name) return u->name;
    }
    return name;
  }

  void compare_items() {
    // Visit items in the new plan's order; removed items come right after the item that
    // preceded them in the old plan.
    std::vector<std::pair<bool, std::size_t>> order;  // (from the old plan, index)
    std::map<std::string, std::size_t> pos;
    for (std::size_t i = 0; i < b_.items().size(); ++i) {
      pos[b_.items()[i].id] = order.size();
      order.push_back({false, i});
    }
    std::size_t insert_at = 0;
    for (std::size_t i = 0; i < a_.items().size(); ++i) {
      const std::string& id = a_.items()[i].id;
      if (auto it = pos.find(id); it != pos.end()) {
        insert_at = it->second + 1;
        continue;
      }
      order.insert(order.begin() + static_cast<std::ptrdiff_t>(insert_at), {true, i});
      for (auto& [k, v] : pos)
        if (v >= insert_at) ++v;
      ++insert_at;
    }
    for (auto [removed, i] : order) {
      const Item& it = removed ? a_.items()[i] : b_.items()[i];
      if (removed) {
        add(scope_of(it), {"", it.id, "item-removed", it.title, "", "", false});
        continue;
      }
      auto old = a_.find_item(it.id);
      if (!old) {
        add(scope_of(it),
            {"", it.id, "item-added", "", it.title, deadline_text(it.own_deadline), false});
        continue;
      }
      compare_item(a_.items()[*old], *old, it, i);
    }
  }

  void compare_item(const Item& x, std::size_t xi, const Item& y, std::size_t yi) {
    const std::string scope = scope_of(y);
    if (x.title != y.title) add(scope, {"", y.id, "title-changed", x.title, y.title, "", false});
    if (x.text != y.text && x.type != ItemType::measure)
      add(scope, {"", y.id, "text-changed", x.text, y.text, "", false});
    compare_deadline(scope, x, y);
    if (x.deadline_text != y.deadline_text)
      add(scope, {"", y.id, "deadline-reworded", x.deadline_text, y.deadline_text, "", false});

    // Units as written, with their roles, matched by the unit they name (so that writing an
    // alias, or a rename, is not a change of responsibility).
    struct Written {
      Role role;
      std::string name;
    };
    std::map<std::string, Written> ux, uy;
    for (const auto& r : x.own_units) ux[now_named(own_name(a_, r.name))] = {r.role, r.name};
    for (const auto& r : y.own_units) uy[own_name(b_, r.name)] = {r.role, r.name};
    for (const auto& [key, w] : uy) {
      auto it = ux.find(key);
      if (it == ux.end()) {
        add(scope,
            {"", y.id, "unit-added", "", w.name, std::string("@role-") + role_key(w.role), false});
      } else if (it->second.role != w.role) {
        add(scope, {"", y.id, "role-changed", std::string("@role-") + role_key(it->second.role),
                    std::string("@role-") + role_key(w.role), w.name, false});
      }
    }
    for (const auto& [key, w] : ux)
      if (!uy.count(key))
        add(scope, {"", y.id, "unit-removed", w.name, "", std::string("@role-") + role_key(w.role),
                    false});

    // The concrete assignments, which group changes move without touching the item.
    if (x.leaf && y.leaf) {
      std::set<std::string> ax, ay = assignees(b_, yi);
      for (const auto& u : assignees(a_, xi)) ax.insert(now_named(u));
      auto added = minus(ay, ax), removed = minus(ax, ay);
      if (!added.empty())
        add(scope, {"", y.id, "assignments-added", "", join(added, "、"),
                    std::to_string(added.size()), false});
      if (!removed.empty()) {
        // Entries those units made on the item stay in their files, no longer counted.
        std::size_t orphaned = 0;
        for (const auto& e : entries_after_)
          orphaned += e.item == y.id && e.retracts.empty() &&
                      std::find(removed.begin(), removed.end(), e.unit) != removed.end();
        std::string detail = std::to_string(removed.size());
        if (orphaned) detail += "; @entries-orphaned:" + std::to_string(orphaned);
        add(scope, {"", y.id, "assignments-removed", join(removed, "、"), "", detail, false});
      }
    }
  }

  // Deadlines are compared as items actually have them, their own or inherited: removing a
  // measure's own deadline so that it falls back to its task's later one is an extension.
  // Items that inherit on both sides are left to the item they inherit from.
  void compare_deadline(const std::string& scope, const Item& x, const Item& y) {
    if (!x.own_deadline && !y.own_deadline) return;
    const auto& dx = x.deadline;
    const auto& dy = y.deadline;
    std::string how;  // the own deadline went or came
    if (x.own_deadline && !y.own_deadline) how = "@deadline-now-inherited";
    if (!x.own_deadline && y.own_deadline) how = "@deadline-now-own";
    if (!dx && !dy) return;
    if (!dx) {
      add(scope, {"", y.id, "deadline-added", "", deadline_text(dy), how, false});
      return;
    }
    if (!dy) {
      // No deadline at all any more: the furthest extension there is.
      add(scope, {"", y.id, "deadline-removed", deadline_text(dx), "", how, true});
      return;
    }
    if (dx->due && dy->due && *dx->due != *dy->due) {
      int days = days_between(*dx->due, *dy->due);
      if (days > 0) {
        const Delay* why = explaining_delay(y, *dx->due);
        std::string detail = fmt_days(days) + (why ? "; " + why->reason : "");
        add(scope, {"", y.id, why ? "deadline-extended" : "deadline-extended-unexplained",
                    deadline_text(dx), deadline_text(dy), join_detail(detail, how), !why});
      } else {
        add(scope, {"", y.id, "deadline-advanced", deadline_text(dx), deadline_text(dy),
                    join_detail(fmt_days(days), how), false});
      }
    } else if (!how.empty()) {
      add(scope, {"", y.id, x.own_deadline ? "deadline-removed" : "deadline-added",
                  deadline_text(dx), deadline_text(dy), how, false});
    } else if (dx->text != dy->text) {
      add(scope, {"", y.id, "deadline-reworded", dx->text, dy->text, "", false});
    }
  }

  static std::string join_detail(const std::string& a, const std::string& b) {
    return b.empty() ? a : a + "; " + b;
  }

  // "+107 天" / "+107 days" for a later date, "-47" for an earlier one (a catalog reference,
  // localized when rendered).
  static std::string fmt_days(int days) {
    return "@days-shift:" + std::string(days > 0 ? "+" : "") + std::to_string(days);
  }

  void compare_units() {
    const Plan& pa = a_.plan();
    const Plan& pb = b_.plan();
    std::set<std::string> renamed_from;
    for (const auto& u : pb.units) {
      if (a_.find_unit(u.name) && a_.find_unit(u.name)->name == u.name) {
        const Unit& old = *a_.find_unit(u.name);
        if (old.kind != u.kind)
          add("units", {"", u.name, "kind-changed", std::string("@kind-") + kind_key(old.kind),
                        std::string("@kind-") + kind_key(u.kind), "", false});
        continue;
      }
      // A unit renamed keeps its old name as an alias.
      const Unit* old = nullptr;
      for (const auto& alias : u.aliases)
        if (const Unit* o = a_.find_unit(alias); o && o->name == alias) old = o;
      if (old && b_.find_unit(old->name)->name != old->name) {
        renamed_from.insert(old->name);
        add("units", {"", u.name, "unit-renamed", old->name, u.name, "", false});
      } else {
        add("units", {"", u.name, "unit-created", "", u.name,
                      std::string("@kind-") + kind_key(u.kind), false});
      }
    }
    for (const auto& u : pa.units) {
      const Unit* now = b_.find_unit(u.name);
      if ((!now || now->name != u.name) && !renamed_from.count(u.name))
        add("units", {"", u.name, "unit-deleted", u.name, "", "", false});
    }
    // Groups: members as written.
    for (const auto& g : pb.groups) {
      const Group* old = a_.find_group(g.name);
      if (!old) {
        add("groups", {"", g.name, "group-created", "", g.name, "", false});
        continue;
      }
      std::set<std::string> mx, my;
      for (const auto& m : old->members) mx.insert(now_named(own_name(a_, m.name)));
      for (const auto& m : g.members) my.insert(own_name(b_, m.name));
      for (const auto& m : minus(my, mx))
        add("groups", {"", g.name, "member-added", "", m, "", false});
      for (const auto& m : minus(mx, my))
        add("groups", {"", g.name, "member-removed", m, "", "", false});
    }
    for (const auto& g : pa.groups)
      if (!b_.find_group(g.name))
        add("groups", {"", g.name, "group-deleted", g.name, "", "", false});
  }

 private:
  const PlanIndex& a_;
  const PlanIndex& b_;
  const std::vector<RawEntry>& entries_after_;
  std::vector<Scope> scopes_;
};

std::string entry_text(const RawEntry& e) {
  std::string s = e.date + " " + e.item + " " + e.status_written;
  if (!e.note.empty()) s += " " + e.note;
  return s;
}

void compare_entries(const Snapshot& a, const Snapshot& b, Builder& out) {
  // Entries are compared as multisets per unit: order in the file does not matter, and a
  // merge that interleaves two clerks' lines is not a rewrite.
  // A unit renamed since (its old name now an alias) keeps its entries: compare them under the
  // name it has now, so that moving its progress file rewrites nothing.
  auto now_named = [&](const std::string& unit) {
    const Unit* u = b.index->find_unit(unit);
    return u ? u->name : unit;
  };
  std::multimap<std::string, const RawEntry*> old_by_key;
  for (const auto& e : a.entries) old_by_key.emplace(e.key(now_named(e.unit)), &e);
  std::vector<const RawEntry*> added;
  for (const auto& e : b.entries) {
    auto it = old_by_key.find(e.key(e.unit));
    if (it != old_by_key.end()) {
      old_by_key.erase(it);
    } else {
      added.push_back(&e);
    }
  }
  std::vector<const RawEntry*> removed;
  for (const auto& [k, e] : old_by_key) removed.push_back(e);
  std::sort(removed.begin(), removed.end(), [](const RawEntry* x, const RawEntry* y) {
    return std::tie(x->unit, x->line) < std::tie(y->unit, y->line);
  });
  for (const RawEntry* r : removed) {
    // The same unit, date and item in an added entry: the old one was edited.
    auto it = std::find_if(added.begin(), added.end(), [&](const RawEntry* e) {
      return e->unit == now_named(r->unit) && e->date == r->date && e->item == r->item &&
             e->amends.empty() && e->retracts.empty();
    });
    if (it != added.end()) {
      out.add("progress", {"", r->unit, "entry-changed", entry_text(*r), entry_text(**it),
                           (*it)->file + ":" + std::to_string((*it)->line), true});
      added.erase(it);
    } else {
      out.add("progress", {"", r->unit, "entry-deleted", entry_text(*r), "",
                           r->file + ":" + std::to_string(r->line), true});
    }
  }
  // Corrections and retractions are new lines that name the old one: shown as what they are.
  for (const RawEntry* e : added) {
    const std::string place = e->file + ":" + std::to_string(e->line);
    if (!e->retracts.empty()) {
      out.add("progress",
              {"", e->unit, "entry-retracted", e->retracts, "", e->reason + "; " + place, false});
    } else if (!e->amends.empty()) {
      out.add("progress", {"", e->unit, "entry-corrected", e->amends, entry_text(*e),
                           e->reason + "; " + place, false});
    } else {
      out.add("progress", {"", e->unit, "entry-added", "", entry_text(*e), place, false});
    }
  }
}

}  // namespace

PlanDiff diff_plans(const Snapshot& before, const Snapshot& after) {
  PlanDiff d;
  d.from = before.label;
  d.to = after.label;
  Builder b(*before.index, *after.index, after.entries);
  b.compare_items();
  b.compare_units();
  compare_entries(before, after, b);
  d.changes = b.take();
  return d;
}

Diagnostics check_extensions(const PlanIndex& before, const PlanIndex& after) {
  Diagnostics out;
  for (const auto& y : after.items()) {
    auto xi = before.find_item(y.id);
    if (!xi) continue;
    const Item& x = before.items()[*xi];
    // Effective deadlines, as in plan diff; items inheriting on both sides are checked at the
    // item they inherit from.
    if (!x.own_deadline && !y.own_deadline) continue;
    if (!x.deadline || !x.deadline->due) continue;
    const bool gone = !y.deadline || !y.deadline->due;
    if (!gone && *y.deadline->due <= *x.deadline->due) continue;
    if (explaining_delay(y, *x.deadline->due)) continue;
    const Where where = y.own_deadline ? y.own_deadline->where : y.where;
    out.push_back(
        warning(where, "extension-unexplained",
                {y.id, x.deadline->text, gone ? std::string("@deadline-none") : y.deadline->text,
                 x.deadline->text}));
  }
  return out;
}

namespace {
// Catalog keys (@key, or @key:argument) in a value, alone or as parts joined with "; ".
std::string localize(const std::string& v, Lang lang) {
  std::string out;
  std::size_t start = 0;
  while (start <= v.size()) {
    std::size_t end = v.find("; ", start);
    std::string part = v.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!out.empty()) out += lang == Lang::zh ? "；" : "; ";
    if (part.size() > 1 && part[0] == '@') {
      // @key or @key:argument
      auto colon = part.find(':');
      out += colon == std::string::npos
                 ? tr(lang, part.substr(1))
                 : tr(lang, part.substr(1, colon - 1), {part.substr(colon + 1)});
    } else {
      out += part;
    }
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}
}  // namespace

Table diff_table(const PlanDiff& diff, Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-scope")},
               {tr(lang, "col-item-id")},
               {tr(lang, "col-change")},
               {tr(lang, "col-before"), Align::left, 36},
               {tr(lang, "col-after"), Align::left, 36},
               {tr(lang, "col-note"), Align::left, 40}};
  for (const auto& c : diff.changes) {
    Style st =
        c.flag                          ? Style::overdue
        : c.kind == "deadline-extended" ? Style::late
        : c.kind.find("added") != std::string::npos || c.kind.find("created") != std::string::npos
            ? Style::done
            : Style::plain;
    std::string scope = c.scope == "units" || c.scope == "groups" || c.scope == "progress"
                            ? tr(lang, "scope-" + c.scope)
                            : c.scope;
    t.rows.push_back({{scope},
                      {c.item},
                      {tr(lang, "diff-" + c.kind), st},
                      {localize(c.before, lang)},
                      {localize(c.after, lang)},
                      {localize(c.detail, lang)}});
  }
  return t;
}

Json diff_json(const PlanDiff& diff) {
  Json changes = Json::array();
  for (const auto& c : diff.changes) {
    // Catalog references in English: JSON is read by programs, not county staff.
    auto plain = [](const std::string& v) { return localize(v, Lang::en); };
    changes.push_back({{"scope", c.scope},
                       {"item", c.item},
                       {"kind", c.kind},
                       {"before", plain(c.before)},
                       {"after", plain(c.after)},
                       {"detail", plain(c.detail)},
                       {"flag", c.flag}});
  }
  Json out;
  out["from"] = diff.from;
  out["to"] = diff.to;
  out["changes"] = std::move(changes);
  out["flags"] = diff.flags();
  return out;
}

}  // namespace plan
