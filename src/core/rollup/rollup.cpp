#include "core/rollup/rollup.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/common/text.h"
#include "core/plan/load.h"
#include "core/progress/progress.h"
#include "core/reports/reports.h"

namespace plan {

namespace {

// The parent plan's keys an item's links stand for: its own links and those of the task or
// part around it, each as the parent task it belongs to (or, without a parent plan, as written).
std::vector<std::string> parent_keys(const PlanIndex& index, std::size_t item,
                                     const PlanIndex* parent) {
  std::vector<std::string> keys;
  for (std::optional<std::size_t> i = item; i; i = index.items()[*i].parent) {
    for (const auto& link : index.items()[*i].implements) {
      std::string key = link.id;
      if (parent) {
        auto found = parent->find_item(link.id);
        if (!found) continue;  // an unknown link: warned about once, counted nowhere
        const Item& p = parent->items()[*found];
        key = p.task.empty() ? p.id : p.task;
      }
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  return keys;
}

MemberRow compute_member(const RollupConfig& config, const RollupMember& m, const RollupOptions& o,
                         const PlanIndex* parent, const std::string& parent_label) {
  MemberRow row;
  row.name = m.name;
  SourceOptions so;
  so.plan_at = o.plan_at;
  SourcePlan src = read_source(config, m.name, m.source, so);
  row.label = src.label;
  row.commit = src.commit;
  if (!src.ok()) {
    row.problems = std::move(src.diags);
    if (row.problems.empty()) row.problems.push_back(error(m.where, "rollup-unreadable", {m.name}));
    row.sources = std::move(src.sources);
    return row;
  }
  const PlanIndex& index = *src.index;
  // As plan report reads it: a broken unit file is left out, the rest counted.
  LedgerBuilder builder(index, o.as_of);
  StreamOptions options;
  options.lenient = !o.plan_at.empty();
  options.skip_broken_files = true;
  options.ledger_sink = [&](const std::string& unit, const LedgerEntry* entries, std::size_t n) {
    builder.add(unit, entries, n, false);
  };
  auto sink = [&](ProgressEntry&& e) { builder.add(e); };
  ProgressStream p = src.from_git
                         ? stream_progress_files(src.progress, index, o.today, sink, options)
                         : stream_progress(src.progress_dir, index, o.today, sink, options);
  src.progress.clear();
  src.progress.shrink_to_fit();
  const Ledger ledger = builder.finish();
  if (!p.skipped_files.empty()) {
    row.skipped_files = std::move(p.skipped_files);
    for (auto& d : p.diags)
      if (d.severity == Severity::error) row.skipped_diags.push_back(std::move(d));
    row.skipped_sources = std::move(p.sources);
  }
  row.counts = summarize(index, ledger, "unit").total;
  for (const auto& s : stale_units(index, ledger, add_days(o.as_of, -o.silent_days), {}))
    row.silent_units.push_back(s.unit);
  for (const auto& [unit, day] : ledger.last_entry)
    if (!row.last_report || day > *row.last_report) row.last_report = day;
  for (const auto& item : index.items())
    for (const auto& link : item.implements)
      if (parent && !parent->find_item(link.id))
        row.link_problems.push_back(
            warning(link.where, "rollup-unknown-link", {link.id, parent_label}));
  for (const auto& s : ledger.rows)
    for (const auto& key : parent_keys(index, index.assignments()[s.assignment].item, parent))
      row.by_parent[key].add(s);
  return row;
}

// Task ids in their natural order: 2 before 10, then as text.
bool id_before(const std::string& a, const std::string& b) {
  auto digits = [](const std::string& s) {
    return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
  };
  if (digits(a) && digits(b) && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

std::string rate_text(const Counts& c) {
  return c.has_rate() ? fmt::format("{:.1f}%", c.completion() * 100) : "—";
}

}  // namespace

std::size_t Rollup::failed() const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const MemberRow& m) { return !m.ok(); }));
}

bool Rollup::incomplete() const {
  if (failed() > 0 || !parent_problems.empty()) return true;
  return std::any_of(rows.begin(), rows.end(), [](const MemberRow& m) {
    return !m.skipped_files.empty() || !m.link_problems.empty();
  });
}

Rollup compute_rollup(const RollupConfig& config, const RollupOptions& o) {
  Rollup r;
  r.title = config.title;
  r.as_of = o.as_of;
  r.plan_at = o.plan_at;
  r.silent_days = o.silent_days;
  SourcePlan parent;
  if (config.parent) {
    r.has_parent = true;
    SourceOptions so;
    so.with_progress = false;
    parent = read_source(config, "parent", *config.parent, so);
    r.parent_label = parent.label;
    if (!parent.ok()) {
      r.parent_problems = parent.diags;
      r.parent_sources = parent.sources;
    }
  }
  const PlanIndex* parent_index = parent.ok() ? parent.index.get() : nullptr;
  r.rows.resize(config.members.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < config.members.size();)
      r.rows[k] = compute_member(config, config.members[k], o, parent_index, r.parent_label);
  };
  const unsigned threads =
      std::max(1u, std::min<unsigned>(o.threads, static_cast<unsigned>(config.members.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();

  for (const auto& m : r.rows) {
    if (!m.ok()) continue;
    r.total += m.counts;
    r.silent_units += m.silent_units.size();
    if (m.last_report && (!r.last_report || *m.last_report > *r.last_report))
      r.last_report = m.last_report;
  }
  // Per parent task: the parent plan's order, or (without one) the ids as linked.
  std::vector<std::pair<std::string, const Item*>> keys;
  if (parent_index) {
    for (const auto& item : parent_index->items())
      if (item.type == ItemType::task || item.type == ItemType::requirement)
        keys.emplace_back(item.id, &item);
  } else {
    for (const auto& m : r.rows)
      for (const auto& linked : m.by_parent) {
        const std::string& key = linked.first;
        if (std::none_of(keys.begin(), keys.end(), [&](const auto& k) { return k.first == key; }))
          keys.emplace_back(key, nullptr);
      }
    std::sort(keys.begin(), keys.end(),
              [](const auto& a, const auto& b) { return id_before(a.first, b.first); });
  }
  for (const auto& [key, item] : keys) {
    ParentTaskRow row;
    row.id = key;
    if (item) {
      row.title = item->title;
      if (item->deadline) row.due = item->deadline->due;
    }
    for (std::size_t k = 0; k < r.rows.size(); ++k) {
      auto it = r.rows[k].by_parent.find(key);
      if (!r.rows[k].ok() || it == r.rows[k].by_parent.end()) continue;
      row.members.emplace_back(k, it->second);
      row.total += it->second;
    }
    if (!row.members.empty()) {
      r.parent_tasks.push_back(std::move(row));
    } else if (item && item->type == ItemType::task) {
      r.uncovered.push_back(std::move(row));
    }
  }
  return r;
}

std::string failure_text(const MemberRow& m, Lang lang) {
  if (m.problems.empty()) return "";
  const Diagnostic& d = m.problems.front();
  std::string where = d.where.file;
  if (d.where.line > 0) where += ":" + std::to_string(d.where.line);
  if (d.where.col > 0) where += ":" + std::to_string(d.where.col);
  std::string text = message_text(d, lang);
  if (!where.empty()) text = where + ": " + text;
  if (m.problems.size() > 1)
    text += tr(lang, "rollup-more-errors", {std::to_string(m.problems.size() - 1)});
  return text;
}

Table rollup_table(const Rollup& r, Lang lang) {
  Table t;
  t.columns.push_back({tr(lang, "col-member")});
  for (const char* key : kSummaryColumns)
    t.columns.push_back({tr(lang, key), Align::right, 0, true});
  t.columns.push_back(
      {tr(lang, "col-silent-units", {std::to_string(r.silent_days)}), Align::right, 0, true});
  t.columns.push_back({tr(lang, "col-last-report")});
  t.columns.push_back({tr(lang, "col-remark"), Align::left, 40});
  for (const auto& m : r.rows) {
    std::vector<Cell> row{{m.name}};
    if (!m.ok()) {
      for (std::size_t i = 1; i + 1 < t.columns.size(); ++i) row.push_back({"—", Style::dim});
      row.push_back({tr(lang, "rollup-failed", {failure_text(m, lang)}), Style::overdue});
      t.rows.push_back(std::move(row));
      continue;
    }
    auto cells = count_cells(m.counts);
    row.insert(row.end(), cells.begin(), cells.end());
    row.push_back({std::to_string(m.silent_units.size()),
                   m.silent_units.empty() ? Style::plain : Style::late});
    row.push_back({m.last_report ? iso(*m.last_report) : "—"});
    std::string remark;
    if (!m.skipped_files.empty())
      remark = tr(lang, "rollup-member-incomplete", {std::to_string(m.skipped_files.size())});
    if (!m.link_problems.empty()) {
      if (!remark.empty()) remark += tr(lang, "list-sep");
      remark += tr(lang, "rollup-member-unknown-links", {std::to_string(m.link_problems.size())});
    }
    row.push_back({remark, remark.empty() ? Style::plain : Style::late});
    t.rows.push_back(std::move(row));
  }
  t.footer = {{tr(lang, "total")}};
  auto cells = count_cells(r.total);
  t.footer.insert(t.footer.end(), cells.begin(), cells.end());
  t.footer.push_back({std::to_string(r.silent_units)});
  t.footer.push_back({r.last_report ? iso(*r.last_report) : "—"});
  t.footer.push_back(
      {r.failed() ? tr(lang, "rollup-total-failed", {std::to_string(r.failed())}) : ""});
  t.notes = summary_notes(r.total, lang);
  t.notes.push_back(tr(lang, "rollup-note-same", {std::to_string(r.silent_days)}));
  if (r.failed()) t.notes.push_back(tr(lang, "rollup-note-failed", {std::to_string(r.failed())}));
  return t;
}

namespace {

Json problems_json(const Diagnostics& diags, Lang lang) {
  Json arr = Json::array();
  for (const auto& d : diags)
    arr.push_back({{"file", d.where.file},
                   {"line", d.where.line},
                   {"column", d.where.col},
                   {"code", d.code},
                   {"message", message_text(d, lang)}});
  return arr;
}

}  // namespace

Json rollup_json(const Rollup& r, Lang lang) {
  Json rows = Json::array();
  Json failed = Json::array();
  for (const auto& m : r.rows) {
    if (!m.ok()) {
      failed.push_back(
          {{"member", m.name}, {"source", m.label}, {"errors", problems_json(m.problems, lang)}});
      continue;
    }
    Json j;
    j["member"] = m.name;
    const Json counts = counts_json(m.counts);
    for (auto it = counts.begin(); it != counts.end(); ++it) j[it.key()] = it.value();
    j["silent_units"] = m.silent_units.size();
    j["silent_unit_names"] = m.silent_units;
    j["last_report"] = m.last_report ? Json(iso(*m.last_report)) : Json(nullptr);
    j["source"] = m.label;
    if (!m.commit.empty()) j["commit"] = m.commit;
    j["incomplete"] = !m.skipped_files.empty();
    if (!m.skipped_files.empty()) j["skipped_files"] = m.skipped_files;
    if (!m.link_problems.empty()) j["unknown_links"] = problems_json(m.link_problems, lang);
    rows.push_back(std::move(j));
  }
  Json out;
  out["as_of"] = iso(r.as_of);
  if (!r.plan_at.empty()) out["plan_at"] = r.plan_at;
  out["title"] = r.title;
  out["rows"] = std::move(rows);
  Json total = counts_json(r.total);
  total["members"] = r.rows.size() - r.failed();
  total["silent_units"] = r.silent_units;
  total["last_report"] = r.last_report ? Json(iso(*r.last_report)) : Json(nullptr);
  out["total"] = std::move(total);
  out["failed"] = std::move(failed);
  out["incomplete"] = r.incomplete();
  return out;
}

Table parent_task_table(const Rollup& r, Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-parent-task"), Align::left, 30},
               {tr(lang, "col-due")},
               {tr(lang, "col-members-n"), Align::right, 0, true},
               {tr(lang, "col-total"), Align::right, 0, true},
               {tr(lang, "col-done"), Align::right, 0, true},
               {tr(lang, "col-overdue-of-open"), Align::right, 0, true},
               {tr(lang, "col-completion"), Align::right, 0, true},
               {tr(lang, "col-by-member"), Align::left, 60}};
  auto add = [&](const ParentTaskRow& p, bool covered) {
    std::vector<std::string> parts;
    for (const auto& [k, c] : p.members)
      parts.push_back(c.overdue ? tr(lang, "rollup-member-rate-overdue",
                                     {r.rows[k].name, rate_text(c), std::to_string(c.overdue)})
                                : tr(lang, "rollup-member-rate", {r.rows[k].name, rate_text(c)}));
    t.rows.push_back(
        {{p.title.empty() ? p.id : p.id + " " + p.title},
         {p.due ? iso(*p.due) : "—"},
         {std::to_string(p.members.size()), covered ? Style::plain : Style::overdue},
         {std::to_string(p.total.total)},
         {std::to_string(p.total.done), Style::done},
         {std::to_string(p.total.overdue), p.total.overdue ? Style::overdue : Style::plain},
         {covered ? rate_text(p.total) : "—"},
         {covered ? join(parts, tr(lang, "list-sep")) : tr(lang, "rollup-uncovered"),
          covered ? Style::plain : Style::overdue}});
  };
  for (const auto& p : r.parent_tasks) add(p, true);
  for (const auto& p : r.uncovered) add(p, false);
  t.notes.push_back(r.has_parent ? tr(lang, "rollup-note-parent", {r.parent_label})
                                 : tr(lang, "rollup-note-no-parent"));
  if (!r.uncovered.empty())
    t.notes.push_back(tr(lang, "rollup-note-uncovered", {std::to_string(r.uncovered.size())}));
  return t;
}

Json parent_task_json(const Rollup& r) {
  auto row = [&](const ParentTaskRow& p) {
    Json members = Json::array();
    for (const auto& [k, c] : p.members) {
      Json m = counts_json(c);
      m["member"] = r.rows[k].name;
      members.push_back(std::move(m));
    }
    Json j;
    j["parent_task"] = p.id;
    j["title"] = p.title;
    j["due"] = p.due ? Json(iso(*p.due)) : Json(nullptr);
    j["members"] = std::move(members);
    j["total"] = counts_json(p.total);
    return j;
  };
  Json rows = Json::array(), uncovered = Json::array();
  for (const auto& p : r.parent_tasks) rows.push_back(row(p));
  for (const auto& p : r.uncovered) uncovered.push_back(row(p));
  Json out;
  out["as_of"] = iso(r.as_of);
  out["by"] = "parent-task";
  out["parent"] = r.has_parent ? Json(r.parent_label) : Json(nullptr);
  out["rows"] = std::move(rows);
  out["uncovered"] = std::move(uncovered);
  out["incomplete"] = r.incomplete();
  return out;
}

}  // namespace plan
