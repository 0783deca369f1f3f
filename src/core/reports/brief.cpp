#include "core/reports/brief.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "core/common/text.h"

namespace plan {

namespace {

std::string rate_text(const Counts& c) {
  return c.has_rate() ? fmt::format("{:.1f}%", c.completion() * 100) : "—";
}

Counts count_rows(const Ledger& ledger, const std::vector<std::size_t>& rows) {
  Counts c;
  for (std::size_t k : rows) c.add(ledger.rows[k]);
  return c;
}

// A date as Chinese official documents write it (2025年1月1日), or ISO in English.
std::string long_date(const Date& d, Lang lang) {
  if (lang == Lang::en) return iso(d);
  return fmt::format("{}年{}月{}日", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::string signed_count(int n) {
  return n > 0 ? "+" + std::to_string(n) : std::to_string(n);
}

std::string rate_change(const Counts& now, const Counts& then) {
  if (!now.has_rate() || !then.has_rate()) return "—";
  return fmt::format("{:+.1f}", (now.completion() - then.completion()) * 100);
}

Table counts_table(const Counts& then, const Counts& now, const Date& since, const Date& as_of,
                   Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-measure")},
               {iso(since), Align::right, 0, true},
               {iso(as_of), Align::right, 0, true},
               {tr(lang, "col-change"), Align::right, 0, true}};
  auto row = [&](const char* key, int a, int b) {
    t.rows.push_back(
        {{tr(lang, key)}, {std::to_string(a)}, {std::to_string(b)}, {signed_count(b - a)}});
  };
  row("col-total", then.total, now.total);
  row("col-done-on-time", then.done_on_time(), now.done_on_time());
  row("col-done-late", then.done_late, now.done_late);
  row("col-in-progress", then.in_progress, now.in_progress);
  row("col-not-started", then.not_started, now.not_started);
  row("col-blocked", then.blocked, now.blocked);
  row("col-overdue-of-open", then.overdue, now.overdue);
  t.rows.push_back({{tr(lang, "col-completion")},
                    {rate_text(then)},
                    {rate_text(now)},
                    {rate_change(now, then)}});
  return t;
}

// One row per item: task, item, content, deadline and its units (with the day each finished).
Table done_table(const PlanIndex& index, const Ledger& ledger, const std::vector<ItemRows>& groups,
                 Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-task")},
               {tr(lang, "col-item-id")},
               {tr(lang, "col-content")},
               {tr(lang, "col-due")},
               {tr(lang, "col-units")}};
  for (const auto& g : groups) {
    const Item& it = index.items()[g.item];
    const std::string units =
        unit_list(index, ledger, g.rows, lang, [&](const AssignmentStatus& s) {
          return s.done_on
                     ? tr(lang, s.late ? "brief-done-late-on" : "brief-done-on", {iso(*s.done_on)})
                     : std::string();
        });
    t.rows.push_back({{it.task}, {it.id}, {it.title}, {g.due ? iso(*g.due) : "—"}, {units}});
  }
  return t;
}

// Overdue or due-soon items for a written document: the item, its deadline, days, and units.
Table item_list(const PlanIndex& index, const Ledger& ledger, const std::vector<ItemRows>& groups,
                RowsKind kind, Lang lang) {
  Table t = item_rows_table(index, ledger, groups, kind, lang);
  for (auto& c : t.columns) c.max_width = 0;
  return t;
}

std::size_t row_count(const std::vector<ItemRows>& groups) {
  std::size_t n = 0;
  for (const auto& g : groups) n += g.rows.size();
  return n;
}

Json groups_json(const PlanIndex& index, const Ledger& ledger, const std::vector<ItemRows>& g) {
  return item_rows_json(index, ledger, g)["items"];
}

}  // namespace

BriefData compute_brief(const PlanIndex& index, const Ledger& now, const Ledger& then,
                        const LedgerFilter& filter, int within) {
  BriefData b;
  b.as_of = now.as_of;
  b.since = then.as_of;
  b.within = within;
  const auto selected = select_rows(index, now, filter);
  b.now = count_rows(now, selected);
  b.then = count_rows(then, select_rows(index, then, filter));

  std::vector<std::size_t> done;
  for (std::size_t k : selected) {
    const AssignmentStatus& s = now.rows[k];
    if (s.state == State::done && s.done_on && *s.done_on > b.since && *s.done_on <= b.as_of)
      done.push_back(k);
  }
  b.newly_done = group_by_item(index, now, done);

  const auto overdue = overdue_rows(index, now, selected);
  b.overdue = group_by_item(index, now, overdue);
  std::vector<std::size_t> fresh;
  for (std::size_t k : overdue)
    if (now.rows[k].due && *now.rows[k].due >= b.since) fresh.push_back(k);
  b.newly_overdue = group_by_item(index, now, fresh);

  b.due_soon = group_by_item(index, now, due_rows(index, now, selected, within));
  b.silent = stale_units(index, now, b.since, filter);

  // Per unit, over the chosen rows only.
  Ledger part;
  part.as_of = now.as_of;
  part.soon_days = now.soon_days;
  for (std::size_t k : selected) part.rows.push_back(now.rows[k]);
  b.by_unit = summarize(index, part, "unit");
  return b;
}

Document brief_document(const PlanIndex& index, const Ledger& now, const BriefData& b, Lang lang,
                        const std::string& scope) {
  Document doc;
  doc.lang = lang;
  doc.title = tr(lang, "brief-title");
  doc.add(Block::Kind::title, doc.title);
  doc.add(Block::Kind::subtitle, index.plan().info.title);
  doc.add(Block::Kind::subtitle, tr(lang, scope.empty() ? "brief-subtitle" : "brief-subtitle-scope",
                                    {long_date(b.as_of, lang), scope}));

  // 一、总体情况
  const Counts& c = b.now;
  doc.add(Block::Kind::heading, tr(lang, "brief-h-overall"));
  doc.add(Block::Kind::paragraph, tr(lang, "brief-overall",
                                     {long_date(b.as_of, lang), std::to_string(c.total),
                                      std::to_string(c.done_on_time()), std::to_string(c.done_late),
                                      std::to_string(c.in_progress), std::to_string(c.not_started),
                                      std::to_string(c.blocked), std::to_string(c.overdue)}));
  if (c.has_rate())
    doc.add(Block::Kind::paragraph,
            tr(lang, c.undated ? "brief-rate" : "brief-rate-all-dated",
               {std::to_string(c.rated()), std::to_string(c.done - c.undated_done), rate_text(c),
                std::to_string(c.undated)}));
  doc.add(Block::Kind::paragraph,
          tr(lang, "brief-change",
             {long_date(b.since, lang), std::to_string(row_count(b.newly_done)),
              rate_change(b.now, b.then), signed_count(b.now.overdue - b.then.overdue)}));
  doc.add_table(counts_table(b.then, b.now, b.since, b.as_of, lang));

  // 二、本期完成情况
  doc.add(Block::Kind::heading, tr(lang, "brief-h-done"));
  if (b.newly_done.empty()) {
    doc.add(Block::Kind::paragraph,
            tr(lang, "brief-done-none", {long_date(b.since, lang), long_date(b.as_of, lang)}));
  } else {
    doc.add(Block::Kind::paragraph,
            tr(lang, "brief-done",
               {long_date(b.since, lang), long_date(b.as_of, lang),
                std::to_string(b.newly_done.size()), std::to_string(row_count(b.newly_done))}));
    doc.add_table(done_table(index, now, b.newly_done, lang));
  }

  // 三、逾期未完成事项
  doc.add(Block::Kind::heading, tr(lang, "brief-h-overdue"));
  if (b.overdue.empty()) {
    doc.add(Block::Kind::paragraph, tr(lang, "brief-overdue-none", {long_date(b.as_of, lang)}));
  } else {
    doc.add(Block::Kind::paragraph,
            tr(lang, "brief-overdue",
               {long_date(b.as_of, lang), std::to_string(b.overdue.size()),
                std::to_string(row_count(b.overdue)), std::to_string(b.newly_overdue.size())}));
    // Those that fell overdue in the period, then those overdue before it: each item once.
    std::vector<ItemRows> older;
    for (const auto& g : b.overdue)
      if (!g.due || *g.due < b.since) older.push_back(g);
    if (!b.newly_overdue.empty()) {
      doc.add(Block::Kind::heading, tr(lang, "brief-h-newly-overdue"), 2);
      doc.add_table(item_list(index, now, b.newly_overdue, RowsKind::overdue, lang));
    }
    if (!older.empty()) {
      doc.add(Block::Kind::heading, tr(lang, "brief-h-all-overdue", {long_date(b.since, lang)}), 2);
      doc.add_table(item_list(index, now, older, RowsKind::overdue, lang));
    }
  }

  // 四、未报送进展的单位
  doc.add(Block::Kind::heading, tr(lang, "brief-h-silent"));
  if (b.silent.empty()) {
    doc.add(Block::Kind::paragraph, tr(lang, "brief-silent-none", {long_date(b.since, lang)}));
  } else {
    doc.add(Block::Kind::paragraph,
            tr(lang, "brief-silent", {long_date(b.since, lang), std::to_string(b.silent.size())}));
    Table t = stale_table(b.silent, lang);
    for (auto& col : t.columns) col.max_width = 0;
    doc.add_table(std::move(t));
  }

  // 五、近期到期事项
  doc.add(Block::Kind::heading, tr(lang, "brief-h-due"));
  const Date until = add_days(b.as_of, b.within);
  if (b.due_soon.empty()) {
    doc.add(Block::Kind::paragraph,
            tr(lang, "brief-due-none", {std::to_string(b.within), long_date(until, lang)}));
  } else {
    doc.add(Block::Kind::paragraph,
            tr(lang, "brief-due",
               {std::to_string(b.within), long_date(until, lang), std::to_string(b.due_soon.size()),
                std::to_string(row_count(b.due_soon))}));
    doc.add_table(item_list(index, now, b.due_soon, RowsKind::due, lang));
  }

  // 六、各单位完成情况
  doc.add(Block::Kind::heading, tr(lang, "brief-h-units"));
  doc.add_table(summary_table(b.by_unit, lang));
  for (const auto& n : summary_notes(b.by_unit.total, lang)) doc.add(Block::Kind::note, n);

  // 七、评分
  if (b.scores) {
    doc.add(Block::Kind::heading, tr(lang, "brief-h-scores", {std::to_string(b.scores->year)}));
    doc.add_table(score_table(*b.scores, lang));
    for (const auto& n : score_notes(*b.scores, lang)) doc.add(Block::Kind::note, n);
  }

  doc.add(Block::Kind::note, tr(lang, "brief-made-by", {iso(b.as_of)}));
  if (!now.skipped_files.empty())
    doc.add(Block::Kind::note, tr(lang, "report-incomplete-line", {join(now.skipped_files, ", ")}));
  return doc;
}

Json brief_json(const PlanIndex& index, const Ledger& now, const BriefData& b) {
  Json j;
  j["as_of"] = iso(b.as_of);
  j["since"] = iso(b.since);
  j["within"] = b.within;
  j["now"] = counts_json(b.now);
  j["then"] = counts_json(b.then);
  j["newly_done"] = groups_json(index, now, b.newly_done);
  j["newly_overdue"] = groups_json(index, now, b.newly_overdue);
  j["overdue"] = groups_json(index, now, b.overdue);
  j["due_soon"] = groups_json(index, now, b.due_soon);
  j["not_reported"] = stale_json(b.silent, b.since, b.as_of)["units"];
  j["by_unit"] = summary_json(b.by_unit, b.as_of)["rows"];
  if (b.scores) j["scores"] = score_json(*b.scores)["rows"];
  if (!now.skipped_files.empty()) {
    j["incomplete"] = true;
    j["skipped_files"] = now.skipped_files;
  }
  return j;
}

}  // namespace plan
