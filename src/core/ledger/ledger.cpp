#include "core/ledger/ledger.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/progress/corrections.h"

namespace plan {

LedgerBuilder::LedgerBuilder(const PlanIndex& index, const Date& as_of, int soon_days)
    : index_(index),
      as_of_(as_of),
      soon_days_(soon_days),
      track_(index.assignments().size()),
      last_entry_(index.plan().units.size()),
      months_(index.plan().units.size()) {}

void LedgerBuilder::targets(std::size_t item, const std::string& unit,
                            std::vector<std::pair<std::size_t, bool>>& out) const {
  out.clear();
  for (std::size_t leaf : index_.leaves_under(item))
    if (auto a = index_.assignment_of(leaf, unit)) out.emplace_back(*a, leaf == item);
}

void LedgerBuilder::apply(Tracker& t, bool own, const LedgerEntry& e, bool note_outlives) {
  if (own) t.own_done = e.status == State::done;
  // A task- or part-level report covers the measures under it, but does not reopen one that
  // its own entries say is done.
  if (!own && e.status != State::done && t.own_done) return;
  if (e.status == State::done) {
    if (t.state != State::done) t.done_on = e.date;
  } else {
    t.done_on.reset();
  }
  t.state = e.status;
  t.last = e.date;
  t.note_is_view = note_outlives;
  if (note_outlives) {
    t.note_view = e.note;
  } else if (t.note.capacity() > 2 * e.note.size() + 32) {
    // Only the latest note, at about its own size: copied into a string that once held a
    // longer note, it would keep that capacity for every assignment.
    t.note = std::string(e.note);
  } else {
    t.note.assign(e.note);
  }
}

void LedgerBuilder::add(const ProgressEntry& e) {
  const LedgerEntry le = ledger_entry(e, index_);
  add(e.unit, &le, 1, false);
}

void LedgerBuilder::add(const std::string& unit, const LedgerEntry* entries, std::size_t n,
                        bool notes_outlive) {
  const std::size_t u = index_.unit_order(unit);
  // Each item's assignments are looked up once per call, not once per entry.
  std::unordered_map<std::int32_t, std::vector<std::pair<std::size_t, bool>>> memo;
  int last_month = -1;
  for (std::size_t i = 0; i < n; ++i) {
    const LedgerEntry& e = entries[i];
    if (e.retraction) continue;
    const Date reported = e.reported_on;
    if (u < last_entry_.size() && reported <= as_of_ &&
        (!last_entry_[u] || *last_entry_[u] < reported))
      last_entry_[u] = reported;
    if (u < months_.size() && reported <= as_of_) {
      const int month = month_number(reported);
      if (month != last_month) months_[u].insert(month);
      last_month = month;
    }
    if (e.date > as_of_ || e.orphaned || e.item < 0) continue;
    auto [m, fresh] = memo.try_emplace(e.item);
    if (fresh) targets(static_cast<std::size_t>(e.item), unit, m->second);
    for (const auto& [a, own] : m->second) apply(track_[a], own, e, notes_outlive);
  }
}

Ledger LedgerBuilder::finish() const {
  const auto& items = index_.items();
  const auto& assignments = index_.assignments();
  Ledger ledger;
  ledger.as_of = as_of_;
  ledger.soon_days = soon_days_;
  for (std::size_t u = 0; u < last_entry_.size(); ++u)
    if (last_entry_[u]) ledger.last_entry.emplace(index_.plan().units[u].name, *last_entry_[u]);
  for (std::size_t u = 0; u < months_.size(); ++u)
    if (!months_[u].empty())
      ledger.report_months.emplace(index_.plan().units[u].name,
                                   std::vector<int>(months_[u].begin(), months_[u].end()));
  ledger.rows.reserve(assignments.size());
  for (std::size_t a = 0; a < assignments.size(); ++a) {
    const Item& item = items[assignments[a].item];
    const Tracker& t = track_[a];
    AssignmentStatus s;
    s.assignment = a;
    s.state = t.state;
    s.note = t.note_is_view ? std::string(t.note_view) : t.note;
    if (item.deadline && item.deadline->due) s.due = item.deadline->due;
    s.last_date = t.last;
    if (s.state == State::done) {
      s.done_on = t.done_on;
      s.late = s.due && s.done_on && *s.done_on > *s.due;
    } else if (s.due) {
      int days = days_between(*s.due, as_of_);
      s.overdue = days > 0;
      s.days_overdue = s.overdue ? days : 0;
      s.due_soon = days <= 0 && -days <= soon_days_;
    }
    ledger.rows.push_back(std::move(s));
  }
  return ledger;
}

Ledger compute_ledger(const PlanIndex& index, const std::vector<ProgressEntry>& entries,
                      const Date& as_of, int soon_days) {
  // Resolve corrections per unit, as stream_progress does for each file.
  std::map<std::string, std::vector<ProgressEntry>> by_unit;
  for (const auto& e : entries) by_unit[e.unit].push_back(e);
  LedgerBuilder b(index, as_of, soon_days);
  for (auto& [unit, list] : by_unit) {
    Diagnostics ignored;
    auto fates = resolve_unit_entries(list, ignored);
    for (const auto& e : entries_in_force(std::move(list), fates)) b.add(e);
  }
  return b.finish();
}

Counts& Counts::operator+=(const Counts& o) {
  total += o.total;
  done += o.done;
  done_late += o.done_late;
  in_progress += o.in_progress;
  not_started += o.not_started;
  blocked += o.blocked;
  overdue += o.overdue;
  undated += o.undated;
  undated_done += o.undated_done;
  return *this;
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
  if (!s.due) {
    ++undated;
    undated_done += s.state == State::done;
  }
}

Summary summarize(const PlanIndex& index, const Ledger& ledger, const std::string& by) {
  Summary sum;
  sum.by = by;
  std::unordered_map<std::string, std::size_t> row_of;
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
    for (const auto& u : index.plan().units) sum.rows.push_back({u.name, "", {}});
  }
  const bool by_unit = by != "section" && by != "task";
  for (const auto& s : ledger.rows) {
    const Assignment& a = index.assignments()[s.assignment];
    const Item& item = index.items()[a.item];
    std::size_t row;
    if (by_unit) {
      // Rows are the units in units.yaml order, so a unit's order is its row.
      row = index.assignment_unit_order(s.assignment);
      if (row >= sum.rows.size()) continue;
    } else {
      auto it =
          row_of.find(by == "section" ? item.section : (item.task.empty() ? item.id : item.task));
      if (it == row_of.end()) continue;
      row = it->second;
    }
    sum.rows[row].counts.add(s);
    sum.total.add(s);
  }
  // Units with nothing assigned have nothing to report.
  std::erase_if(sum.rows, [](const SummaryRow& r) { return r.counts.total == 0; });
  return sum;
}

}  // namespace plan
