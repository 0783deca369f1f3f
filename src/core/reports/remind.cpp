#include "core/reports/remind.h"

#include <map>

#include "core/common/escape.h"
#include "core/common/text.h"

namespace plan {

namespace {

// One line of a list: 1. 第3条 (4) 按照分类分级…（完成时限 2024-06-30，已逾期 185 天）
std::string item_line(const PlanIndex& index, const AssignmentStatus& s, int n, bool overdue,
                      const Date& as_of, Lang lang) {
  const Item& it = index.items()[index.assignments()[s.assignment].item];
  const std::string where = it.task.empty() || it.task == it.id
                                ? tr(lang, "remind-task", {it.id})
                                : tr(lang, "remind-task-item", {it.task, it.id});
  const std::string title = escape_terminal_to_width(it.title, 40);
  const std::string when =
      overdue
          ? tr(lang, "remind-overdue-days", {iso(*s.due), std::to_string(s.days_overdue)})
          : tr(lang, "remind-due-in", {iso(*s.due), std::to_string(days_between(as_of, *s.due))});
  std::string line = "  " + std::to_string(n) + ". " + where + " " + title + when;
  if (s.state != State::not_started) line += tr(lang, "remind-state", {state_label(s.state, lang)});
  return line + "\n";
}

}  // namespace

std::vector<Reminder> make_reminders(const PlanIndex& index, const Ledger& ledger,
                                     const LedgerFilter& filter, int within, Lang lang) {
  const auto selected = select_rows(index, ledger, filter);
  std::map<std::string, std::vector<std::size_t>> overdue, soon;
  for (std::size_t k : overdue_rows(index, ledger, selected))
    overdue[index.assignments()[ledger.rows[k].assignment].unit].push_back(k);
  for (std::size_t k : due_rows(index, ledger, selected, within))
    soon[index.assignments()[ledger.rows[k].assignment].unit].push_back(k);

  std::string office;
  for (const auto& u : index.plan().units)
    if (u.coordination == Coordination::office) office = u.name;

  std::vector<Reminder> out;
  for (const auto& u : index.plan().units) {
    auto o = overdue.find(u.name);
    auto d = soon.find(u.name);
    if (o == overdue.end() && d == soon.end()) continue;
    Reminder r;
    r.unit = u.name;
    std::string& t = r.text;
    t += tr(lang, "remind-head", {escape_terminal(index.plan().info.title)}) + "\n";
    t += tr(lang, "remind-to", {escape_terminal(u.name)}) + "\n";
    if (o != overdue.end()) {
      r.overdue = static_cast<int>(o->second.size());
      t += tr(lang, "remind-overdue", {iso(ledger.as_of), std::to_string(r.overdue)}) + "\n";
      int n = 0;
      for (std::size_t k : o->second)
        t += item_line(index, ledger.rows[k], ++n, true, ledger.as_of, lang);
    } else {
      t += tr(lang, "remind-no-overdue", {iso(ledger.as_of)}) + "\n";
    }
    if (d != soon.end()) {
      r.due_soon = static_cast<int>(d->second.size());
      t += tr(lang, "remind-soon", {std::to_string(within), std::to_string(r.due_soon)}) + "\n";
      int n = 0;
      for (std::size_t k : d->second)
        t += item_line(index, ledger.rows[k], ++n, false, ledger.as_of, lang);
    }
    auto last = ledger.last_entry.find(u.name);
    t += (last == ledger.last_entry.end() ? tr(lang, "remind-never-reported")
                                          : tr(lang, "remind-last", {iso(last->second)})) +
         "\n";
    t += tr(lang, "remind-ask") + "\n";
    t += (office.empty() ? tr(lang, "remind-from-office", {iso(ledger.as_of)})
                         : tr(lang, "remind-from", {escape_terminal(office), iso(ledger.as_of)})) +
         "\n";
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace plan
