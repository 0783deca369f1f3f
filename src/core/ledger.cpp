#include "core/ledger.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace plan {

namespace {

// Entries are ordered by date, then by their position in the files.
struct Key {
  Date date;
  std::size_t seq;
  bool operator<(const Key& o) const { return date < o.date || (date == o.date && seq < o.seq); }
};

struct Tracker {
  std::optional<Key> last;           // latest entry
  std::optional<Key> last_not_done;  // latest entry that is not 已完成
  std::vector<Key> done;             // 已完成 entries
  State state = State::not_started;
  std::string note;
};

}  // namespace

Ledger compute_ledger(const PlanIndex& index, const std::vector<ProgressEntry>& entries,
                      const Date& as_of, int soon_days) {
  const auto& items = index.items();
  const auto& assignments = index.assignments();

  // (item, unit) → assignment, and each item's tracked items.
  std::unordered_map<std::string, std::size_t> by_key;
  by_key.reserve(assignments.size() * 2);
  auto key_of = [](std::size_t item, const std::string& unit) {
    return std::to_string(item) + '\x1f' + unit;
  };
  for (std::size_t a = 0; a < assignments.size(); ++a)
    by_key.emplace(key_of(assignments[a].item, assignments[a].unit), a);
  std::vector<std::vector<std::size_t>> leaves(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].leaf) continue;
    for (std::optional<std::size_t> p = i; p; p = items[*p].parent) leaves[*p].push_back(i);
  }

  std::vector<Tracker> track(assignments.size());
  for (const auto& e : entries) {
    if (e.date > as_of) continue;
    auto item = index.find_item(e.item);
    if (!item) continue;
    Key k{e.date, e.seq};
    for (std::size_t leaf : leaves[*item]) {
      auto it = by_key.find(key_of(leaf, e.unit));
      if (it == by_key.end()) continue;
      Tracker& t = track[it->second];
      if (!t.last || *t.last < k) {
        t.last = k;
        t.state = e.status;
        t.note = e.note;
      }
      if (e.status == State::done) {
        t.done.push_back(k);
      } else if (!t.last_not_done || *t.last_not_done < k) {
        t.last_not_done = k;
      }
    }
  }

  Ledger ledger;
  ledger.as_of = as_of;
  ledger.soon_days = soon_days;
  ledger.rows.reserve(assignments.size());
  for (std::size_t a = 0; a < assignments.size(); ++a) {
    const Item& item = items[assignments[a].item];
    const Tracker& t = track[a];
    AssignmentStatus s;
    s.assignment = a;
    s.state = t.state;
    s.note = t.note;
    if (item.deadline && item.deadline->due) s.due = item.deadline->due;
    if (t.last) s.last_date = t.last->date;
    if (s.state == State::done) {
      std::optional<Key> first;
      for (const Key& k : t.done) {
        if ((!t.last_not_done || *t.last_not_done < k) && (!first || k < *first)) first = k;
      }
      if (first) s.done_on = first->date;
      s.late = s.due && s.done_on && *s.done_on > *s.due;
    } else if (s.due) {
      int days = days_between(*s.due, as_of);
      s.overdue = days > 0;
      s.days_overdue = s.overdue ? days : 0;
      s.due_soon = days <= 0 && -days <= soon_days;
    }
    ledger.rows.push_back(std::move(s));
  }
  return ledger;
}

void Counts::add(const AssignmentStatus& s) {
  ++total;
  switch (s.state) {
    case State::done:
      ++done;
      break;
    case State::in_progress:
      ++in_progress;
      break;
    case State::not_started:
      ++not_started;
      break;
    case State::blocked:
      ++blocked;
      break;
  }
  done_late += s.late;
  overdue += s.overdue;
}

Summary summarize(const PlanIndex& index, const Ledger& ledger, const std::string& by) {
  Summary sum;
  sum.by = by;
  std::map<std::string, std::size_t> row_of;
  if (by == "section") {
    for (const auto& s : index.plan().sections) {
      row_of.emplace(s.id, sum.rows.size());
      sum.rows.push_back({s.id, s.title, {}});
    }
  } else if (by == "task") {
    // Tasks, and the standing requirements, which belong to no task.
    for (const auto& it : index.items()) {
      if (it.type != ItemType::task && it.type != ItemType::requirement) continue;
      row_of.emplace(it.id, sum.rows.size());
      sum.rows.push_back({it.id, it.title, {}});
    }
  } else {
    for (const auto& u : index.plan().units) {
      row_of.emplace(u.name, sum.rows.size());
      sum.rows.push_back({u.name, "", {}});
    }
  }
  for (const auto& s : ledger.rows) {
    const Assignment& a = index.assignments()[s.assignment];
    const Item& item = index.items()[a.item];
    const std::string& key = by == "section" ? item.section
                             : by == "task"  ? (item.task.empty() ? item.id : item.task)
                                             : a.unit;
    auto it = row_of.find(key);
    if (it == row_of.end()) continue;
    sum.rows[it->second].counts.add(s);
    sum.total.add(s);
  }
  // Units with nothing assigned have nothing to report.
  std::erase_if(sum.rows, [](const SummaryRow& r) { return r.counts.total == 0; });
  return sum;
}

}  // namespace plan
