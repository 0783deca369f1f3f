#include "core/reports/reports.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/common/text.h"

namespace plan {

std::string state_label(State s, Lang lang) {
  return tr(lang, std::string("state-") + state_key(s));
}

namespace {

Json date_json(const std::optional<Date>& d) {
  return d ? Json(iso(*d)) : Json(nullptr);
}
std::string date_text(const std::optional<Date>& d) {
  return d ? iso(*d) : "";
}

Style row_style(const AssignmentStatus& s) {
  if (s.late) return Style::late;
  if (s.state == State::done) return Style::done;
  if (s.overdue) return Style::overdue;
  if (s.state == State::blocked) return Style::blocked;
  if (s.due_soon) return Style::soon;
  return Style::plain;
}

std::string status_text(const AssignmentStatus& s, Lang lang) {
  std::string text = state_label(s.state, lang);
  if (s.late) text += tr(lang, "late-suffix");
  return text;
}

bool item_in_task(const PlanIndex& index, std::size_t item, const std::string& task) {
  const Item& it = index.items()[item];
  return it.type != ItemType::requirement && it.task == task;
}

}  // namespace

std::vector<std::size_t> select_rows(const PlanIndex& index, const Ledger& ledger,
                                     const LedgerFilter& f) {
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < ledger.rows.size(); ++r) {
    const Assignment& a = index.assignments()[ledger.rows[r].assignment];
    const Item& it = index.items()[a.item];
    if (!f.units.empty() && std::find(f.units.begin(), f.units.end(), a.unit) == f.units.end())
      continue;
    if (f.section && it.section != *f.section) continue;
    if (f.task && !item_in_task(index, a.item, *f.task)) continue;
    out.push_back(r);
  }
  return out;
}

Ledger ledger_part(const Ledger& ledger, const std::vector<std::size_t>& rows) {
  Ledger part;
  part.as_of = ledger.as_of;
  part.soon_days = ledger.soon_days;
  part.last_entry = ledger.last_entry;
  part.report_months = ledger.report_months;
  part.skipped_files = ledger.skipped_files;
  part.rows.reserve(rows.size());
  for (std::size_t r : rows) part.rows.push_back(ledger.rows[r]);
  return part;
}

std::string filter_title(const LedgerFilter& f, Lang lang) {
  std::vector<std::string> parts;
  const auto& who = f.chosen.empty() ? f.units : f.chosen;
  if (!who.empty())
    parts.push_back(who.size() <= 3 ? join(who, tr(lang, "list-sep"))
                                    : tr(lang, "title-unit-count", {std::to_string(who.size())}));
  if (f.task) {
    parts.push_back(tr(lang, "title-task", {*f.task}));
  } else if (f.section) {
    parts.push_back(tr(lang, "title-section", {*f.section}));
  }
  return join(parts, " · ");
}

std::vector<std::size_t> overdue_rows(const PlanIndex& index, const Ledger& ledger,
                                      const std::vector<std::size_t>& selected) {
  // Units by their most days overdue, then in units.yaml order; each unit's rows most overdue
  // first. Keyed by the unit's order (thousands of rows: no name is compared or looked up).
  struct Key {
    int worst;  // the unit's most days overdue
    std::size_t unit;
    int days;
    std::size_t row;
  };
  std::vector<Key> keys;
  std::vector<int> worst(index.plan().units.size() + 1, 0);  // by unit order
  for (std::size_t r : selected) {
    const auto& s = ledger.rows[r];
    if (!s.overdue) continue;
    const std::size_t u = std::min(index.assignment_unit_order(s.assignment), worst.size() - 1);
    keys.push_back({0, u, s.days_overdue, r});
    worst[u] = std::max(worst[u], s.days_overdue);
  }
  for (Key& k : keys) k.worst = worst[k.unit];
  std::stable_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    if (a.unit != b.unit) return a.worst != b.worst ? a.worst > b.worst : a.unit < b.unit;
    return a.days > b.days;
  });
  std::vector<std::size_t> out;
  out.reserve(keys.size());
  for (const Key& k : keys) out.push_back(k.row);
  return out;
}

std::vector<std::size_t> due_rows(const PlanIndex&, const Ledger& ledger,
                                  const std::vector<std::size_t>& selected, int days) {
  std::vector<std::size_t> out;
  const Date last = add_days(ledger.as_of, days);
  for (std::size_t r : selected) {
    const auto& s = ledger.rows[r];
    if (s.state != State::done && s.due && *s.due >= ledger.as_of && *s.due <= last)
      out.push_back(r);
  }
  std::stable_sort(out.begin(), out.end(), [&](std::size_t x, std::size_t y) {
    return *ledger.rows[x].due < *ledger.rows[y].due;
  });
  return out;
}

namespace {

// Appends a row of these cells, moved in.
template <typename... Cells>
void add_row(Table& t, Cells&&... cells) {
  std::vector<Cell>& row = t.rows.emplace_back();
  row.reserve(sizeof...(cells));
  (row.push_back(std::forward<Cells>(cells)), ...);
}

}  // namespace

Table rows_table(const PlanIndex& index, const Ledger& ledger, const std::vector<std::size_t>& rows,
                 RowsKind kind, Lang lang) {
  Table t;
  auto col = [&](const char* key, Align a = Align::left, std::size_t w = 0) {
    return Column{tr(lang, key), a, w};
  };
  auto number_col = [&](const char* key) { return Column{tr(lang, key), Align::right, 0, true}; };
  switch (kind) {
    case RowsKind::status:
      t.columns = {col("col-task"),
                   col("col-item-id"),
                   col("col-content", Align::left, 24),
                   col("col-unit"),
                   col("col-role"),
                   col("col-due"),
                   col("col-state"),
                   col("col-done-on"),
                   col("col-last-entry"),
                   number_col("col-days-overdue"),
                   col("col-note", Align::left, 30)};
      break;
    case RowsKind::overdue:
      t.columns = {col("col-unit"),    number_col("col-days-overdue"),
                   col("col-due"),     col("col-task"),
                   col("col-item-id"), col("col-content", Align::left, 24),
                   col("col-state"),   col("col-last-entry")};
      break;
    case RowsKind::due:
      t.columns = {col("col-due"),     number_col("col-days-left"),         col("col-task"),
                   col("col-item-id"), col("col-content", Align::left, 24), col("col-unit"),
                   col("col-state")};
      break;
  }
  // Each row's cells are moved into it (a braced list would copy every one): long lists have
  // tens of thousands of rows.
  t.rows.reserve(rows.size());
  for (std::size_t r : rows) {
    const AssignmentStatus& s = ledger.rows[r];
    const Assignment& a = index.assignments()[s.assignment];
    const Item& it = index.items()[a.item];
    Style st = row_style(s);
    Cell task{it.task}, item{it.id}, content{it.title}, unit{a.unit};
    Cell due{date_text(s.due)}, state{status_text(s, lang), st};
    Cell last{date_text(s.last_date)};
    switch (kind) {
      case RowsKind::status:
        add_row(t, std::move(task), std::move(item), std::move(content), std::move(unit),
                Cell{tr(lang, std::string("role-") + role_key(a.role))}, std::move(due),
                std::move(state), Cell{date_text(s.done_on)}, std::move(last),
                Cell{s.overdue ? std::to_string(s.days_overdue) : "", Style::overdue},
                Cell{s.note});
        break;
      case RowsKind::overdue:
        add_row(t, std::move(unit), Cell{std::to_string(s.days_overdue), Style::overdue},
                std::move(due), std::move(task), std::move(item), std::move(content),
                std::move(state), std::move(last));
        break;
      case RowsKind::due:
        add_row(t, std::move(due), Cell{std::to_string(days_between(ledger.as_of, *s.due))},
                std::move(task), std::move(item), std::move(content), std::move(unit),
                std::move(state));
        break;
    }
  }
  return t;
}

namespace {

// What every JSON row says of its item: task, id, type and section.
Json item_json(const Item& it) {
  Json j;
  j["task"] = it.task.empty() ? Json(nullptr) : Json(it.task);
  j["item"] = it.id;
  j["item_type"] = item_type_key(it.type);
  j["section"] = it.section;
  return j;
}

}  // namespace

Json rows_json(const PlanIndex& index, const Ledger& ledger, const std::vector<std::size_t>& rows) {
  Json arr = Json::array();
  for (std::size_t r : rows) {
    const AssignmentStatus& s = ledger.rows[r];
    const Assignment& a = index.assignments()[s.assignment];
    const Item& it = index.items()[a.item];
    Json j = item_json(it);
    j["unit"] = a.unit;
    j["role"] = role_key(a.role);
    j["due"] = date_json(s.due);
    j["state"] = state_key(s.state);
    j["done_on"] = date_json(s.done_on);
    j["overdue"] = s.overdue;
    j["days_overdue"] = s.days_overdue;
    j["late"] = s.late;
    j["due_soon"] = s.due_soon;
    j["last_entry"] = date_json(s.last_date);
    j["note"] = s.note;
    arr.push_back(std::move(j));
  }
  Json out;
  out["as_of"] = iso(ledger.as_of);
  out["rows"] = std::move(arr);
  return out;
}

std::vector<ItemRows> group_by_item(const PlanIndex& index, const Ledger& ledger,
                                    const std::vector<std::size_t>& rows) {
  std::map<std::size_t, std::size_t> slot;  // item → position in out
  std::vector<ItemRows> out;
  for (std::size_t r : rows) {
    const AssignmentStatus& s = ledger.rows[r];
    std::size_t item = index.assignments()[s.assignment].item;
    auto [it, fresh] = slot.emplace(item, out.size());
    if (fresh) out.push_back({item, s.due, {}});
    out[it->second].rows.push_back(r);
  }
  for (auto& g : out) {
    std::sort(g.rows.begin(), g.rows.end(), [&](std::size_t a, std::size_t b) {
      return index.unit_order(index.assignments()[ledger.rows[a].assignment].unit) <
             index.unit_order(index.assignments()[ledger.rows[b].assignment].unit);
    });
  }
  std::stable_sort(out.begin(), out.end(), [](const ItemRows& a, const ItemRows& b) {
    if (a.due != b.due) return a.due < b.due;
    return a.item < b.item;
  });
  return out;
}

std::string unit_list(const PlanIndex& index, const Ledger& ledger,
                      const std::vector<std::size_t>& rows, Lang lang,
                      const std::function<std::string(const AssignmentStatus&)>& mark) {
  std::vector<std::string> units;
  for (std::size_t r : rows) {
    const AssignmentStatus& s = ledger.rows[r];
    units.push_back(index.assignments()[s.assignment].unit + mark(s));
  }
  return join(units, tr(lang, "list-sep"));
}

Table item_rows_table(const PlanIndex& index, const Ledger& ledger,
                      const std::vector<ItemRows>& groups, RowsKind kind, Lang lang) {
  Table t;
  const bool overdue = kind == RowsKind::overdue;
  t.columns = {{tr(lang, overdue ? "col-days-overdue" : "col-days-left"), Align::right},
               {tr(lang, "col-due")},
               {tr(lang, "col-task")},
               {tr(lang, "col-item-id")},
               {tr(lang, "col-content"), Align::left, 24},
               {tr(lang, "col-unit-count"), Align::right},
               {tr(lang, "col-units"), Align::left, 40}};
  for (const auto& g : groups) {
    const Item& it = index.items()[g.item];
    const std::string units =
        unit_list(index, ledger, g.rows, lang, [&](const AssignmentStatus& s) {
          return s.state == State::not_started
                     ? std::string()
                     : tr(lang, "unit-with-state", {status_text(s, lang)});
        });
    const int days = g.due ? days_between(*g.due, ledger.as_of) : 0;
    t.rows.push_back(
        {{std::to_string(overdue ? days : -days), overdue ? Style::overdue : Style::plain},
         {date_text(g.due)},
         {it.task},
         {it.id},
         {it.title},
         {std::to_string(g.rows.size())},
         {units}});
  }
  return t;
}

Json item_rows_json(const PlanIndex& index, const Ledger& ledger,
                    const std::vector<ItemRows>& groups) {
  Json arr = Json::array();
  for (const auto& g : groups) {
    const Item& it = index.items()[g.item];
    Json j = item_json(it);
    j["title"] = it.title;
    j["due"] = date_json(g.due);
    j["days_overdue"] = g.due ? std::max(0, days_between(*g.due, ledger.as_of)) : 0;
    Json units = Json::array();
    for (std::size_t r : g.rows) {
      const AssignmentStatus& s = ledger.rows[r];
      units.push_back({{"unit", index.assignments()[s.assignment].unit},
                       {"state", state_key(s.state)},
                       {"last_entry", date_json(s.last_date)}});
    }
    j["units"] = std::move(units);
    arr.push_back(std::move(j));
  }
  Json out;
  out["as_of"] = iso(ledger.as_of);
  out["items"] = std::move(arr);
  return out;
}

std::vector<Cell> count_cells(const Counts& c) {
  return {{std::to_string(c.total)},
          {std::to_string(c.done_on_time()), Style::done},
          {std::to_string(c.done_late), c.done_late ? Style::late : Style::plain},
          {std::to_string(c.in_progress)},
          {std::to_string(c.not_started)},
          {std::to_string(c.blocked), c.blocked ? Style::blocked : Style::plain},
          {std::to_string(c.overdue), c.overdue ? Style::overdue : Style::plain},
          {c.has_rate() ? fmt::format("{:.1f}%", c.completion() * 100) : "—"}};
}

Json counts_json(const Counts& c) {
  Json j;
  j["total"] = c.total;
  j["done"] = c.done;
  j["done_on_time"] = c.done_on_time();
  j["done_late"] = c.done_late;
  j["in_progress"] = c.in_progress;
  j["not_started"] = c.not_started;
  j["blocked"] = c.blocked;
  j["overdue"] = c.overdue;
  j["undated"] = c.undated;
  // Over the assignments with a deadline; null when there are none. Rounded so that the JSON
  // is stable across platforms.
  if (c.has_rate()) {
    j["completion"] = std::round(c.completion() * 10000) / 10000;
  } else {
    j["completion"] = nullptr;
  }
  return j;
}

std::vector<std::string> summary_notes(const Counts& total, Lang lang) {
  std::vector<std::string> notes = {tr(lang, "summary-note-partition")};
  notes.push_back(total.undated ? tr(lang, "summary-note-rate-undated",
                                     {std::to_string(total.rated()), std::to_string(total.undated)})
                                : tr(lang, "summary-note-rate"));
  return notes;
}

Table summary_table(const Summary& sum, Lang lang) {
  Table t;
  bool titled = sum.by != "unit";
  t.columns.push_back({tr(lang, sum.by == "section" ? "col-section"
                                : sum.by == "task"  ? "col-task"
                                                    : "col-unit"),
                       Align::left, titled ? std::size_t{34} : 0});
  for (const char* key : kSummaryColumns)
    t.columns.push_back({tr(lang, key), Align::right, 0, true});
  for (const auto& r : sum.rows) {
    std::vector<Cell> row{{titled ? r.key + " " + r.title : r.key}};
    auto cells = count_cells(r.counts);
    row.insert(row.end(), cells.begin(), cells.end());
    t.rows.push_back(std::move(row));
  }
  t.footer = {{tr(lang, "total")}};
  auto cells = count_cells(sum.total);
  t.footer.insert(t.footer.end(), cells.begin(), cells.end());
  t.notes = summary_notes(sum.total, lang);
  return t;
}

Json summary_json(const Summary& sum, const Date& as_of) {
  Json rows = Json::array();
  for (const auto& r : sum.rows) {
    Json j;
    j[sum.by] = r.key;
    if (sum.by != "unit") j["title"] = r.title;
    const Json counts = counts_json(r.counts);
    for (auto it = counts.begin(); it != counts.end(); ++it) j[it.key()] = it.value();
    rows.push_back(std::move(j));
  }
  Json out;
  out["as_of"] = iso(as_of);
  out["by"] = sum.by;
  out["rows"] = std::move(rows);
  out["total"] = counts_json(sum.total);
  return out;
}

namespace {

void put_varint(std::string& out, std::size_t n) {
  while (n >= 0x80) {
    out += static_cast<char>((n & 0x7F) | 0x80);
    n >>= 7;
  }
  out += static_cast<char>(n);
}

std::size_t get_varint(std::string_view s, std::size_t& pos) {
  std::size_t n = 0;
  for (int shift = 0; pos < s.size(); shift += 7) {
    auto b = static_cast<unsigned char>(s[pos++]);
    n |= static_cast<std::size_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
  }
  return n;
}

void put_field(std::string& out, std::string_view v) {
  put_varint(out, v.size());
  out += v;
}

// The text fields of a row, packed in LogRow::Field order.
std::string pack(const ProgressEntry& e, std::string_view item) {
  std::string out;
  for (std::string_view v :
       {std::string_view(e.recorded), std::string_view(e.id), item, std::string_view(e.note),
        std::string_view(e.by), std::string_view(e.amends), std::string_view(e.retracts),
        std::string_view(e.reason)})
    put_field(out, v);
  put_varint(out, e.evidence.size());
  for (const auto& ev : e.evidence) put_field(out, ev);
  out.shrink_to_fit();
  return out;
}

}  // namespace

std::string_view LogRow::get(Field f) const {
  std::size_t pos = 0;
  for (int k = 0;; ++k) {
    std::size_t n = get_varint(packed, pos);
    if (k == f) return std::string_view(packed).substr(pos, n);
    pos += n;
  }
}

std::vector<std::string> LogRow::evidence_items() const {
  std::size_t pos = 0;
  for (int k = 0; k < evidence; ++k) {
    std::size_t n = get_varint(packed, pos);
    pos += n;
  }
  std::vector<std::string> out(get_varint(packed, pos));
  for (auto& ev : out) {
    std::size_t n = get_varint(packed, pos);
    ev = packed.substr(pos, n);
    pos += n;
  }
  return out;
}

void LogRow::set(Field f, std::string_view value) {
  std::string out;
  std::size_t pos = 0;
  for (int k = 0; k < evidence; ++k) {
    std::size_t n = get_varint(packed, pos);
    put_field(out, k == f ? value : std::string_view(packed).substr(pos, n));
    pos += n;
  }
  out.append(packed, pos, std::string::npos);
  packed = std::move(out);
}

LogBuilder::LogBuilder(const PlanIndex& index, LedgerFilter filter, const Date& as_of)
    : index_(index), filter_(std::move(filter)), as_of_(as_of) {}

bool LogBuilder::wanted(std::string_view item_id) const {
  if (!filter_.task && !filter_.section) return true;
  auto item = index_.find_item(std::string(item_id));
  if (!item) return false;
  if (filter_.task && !item_in_task(index_, *item, *filter_.task)) return false;
  if (filter_.section && index_.items()[*item].section != *filter_.section) return false;
  return true;
}

void LogBuilder::end_unit() {
  // A retraction shows the item of the entry it withdraws, which may come later in the file.
  for (auto& r : retractions_) {
    auto it = retracted_item_.find(r.get(LogRow::retracts));
    if (it != retracted_item_.end()) r.set(LogRow::item, it->second);
    if (wanted(r.get(LogRow::item))) out_.rows.push_back(std::move(r));
  }
  retractions_.clear();
  retracted_item_.clear();
}

void LogBuilder::add(ProgressEntry&& e, const EntryFate& fate) {
  if (e.unit != unit_) {
    end_unit();
    unit_ = e.unit;
  }
  if (!filter_.units.empty() &&
      std::find(filter_.units.begin(), filter_.units.end(), e.unit) == filter_.units.end())
    return;
  if (fate.kind == EntryFate::Kind::retracted) retracted_item_.emplace(e.id, e.item);
  if (e.date > as_of_) return;
  if (out_.files.empty() || e.where.file != file_) {
    file_ = e.where.file;
    out_.files.push_back(file_);
    out_.units.push_back(e.unit);
  }
  LogRow row;
  row.date = e.date;
  row.status = e.status;
  row.retraction = e.is_retraction();
  row.orphaned = e.orphaned;
  row.file = static_cast<std::uint32_t>(out_.files.size() - 1);
  row.line = e.where.line;
  row.seq = e.seq;
  row.fate = fate;
  row.packed = pack(e, row.retraction ? std::string_view() : std::string_view(e.item));
  if (row.retraction) {
    retractions_.push_back(std::move(row));
  } else if (wanted(e.item)) {
    out_.rows.push_back(std::move(row));
  }
}

LogRows LogBuilder::finish() {
  end_unit();
  std::stable_sort(out_.rows.begin(), out_.rows.end(), [](const LogRow& a, const LogRow& b) {
    if (a.date != b.date) return a.date < b.date;
    std::string_view ra = a.get(LogRow::recorded), rb = b.get(LogRow::recorded);
    if (ra != rb) return ra < rb;
    return a.seq < b.seq;
  });
  out_.rows.shrink_to_fit();
  return std::move(out_);
}

LogRows log_rows(const PlanIndex& index, const std::vector<ProgressEntry>& entries,
                 const LedgerFilter& f, const Date& as_of) {
  std::map<std::string, std::vector<std::size_t>> by_unit;
  for (std::size_t i = 0; i < entries.size(); ++i) by_unit[entries[i].unit].push_back(i);
  LogBuilder b(index, f, as_of);
  for (const auto& [unit, idx] : by_unit) {
    std::vector<ProgressEntry> list;
    list.reserve(idx.size());
    for (std::size_t i : idx) list.push_back(entries[i]);
    Diagnostics ignored;  // plan check reports them
    auto fates = resolve_unit_entries(list, ignored);
    for (std::size_t k = 0; k < list.size(); ++k) b.add(std::move(list[k]), fates[k]);
  }
  return b.finish();
}

namespace {

// What became of an entry, in words: 更正 X：原因 / 已被 X 更正 / 已撤回（X）/ 撤回 X：原因.
std::string fate_text(const LogRow& r, Lang lang) {
  std::string s;
  switch (r.fate.kind) {
    case EntryFate::Kind::retraction:
      return tr(lang, "log-retracts",
                {std::string(r.get(LogRow::retracts)), std::string(r.get(LogRow::reason))});
    case EntryFate::Kind::retracted:
      s = tr(lang, "log-retracted", {r.fate.by});
      break;
    case EntryFate::Kind::superseded:
      s = tr(lang, "log-superseded", {r.fate.by});
      break;
    case EntryFate::Kind::in_force:
      break;
  }
  if (!r.get(LogRow::amends).empty()) {
    if (!s.empty()) s += lang == Lang::zh ? "；" : "; ";
    s += tr(lang, "log-amends",
            {std::string(r.get(LogRow::amends)), std::string(r.get(LogRow::reason))});
  }
  if (r.orphaned) {
    if (!s.empty()) s += lang == Lang::zh ? "；" : "; ";
    s += tr(lang, "log-orphaned");
  }
  return s;
}

const char* fate_key(EntryFate::Kind k) {
  switch (k) {
    case EntryFate::Kind::in_force:
      return "in_force";
    case EntryFate::Kind::superseded:
      return "superseded";
    case EntryFate::Kind::retracted:
      return "retracted";
    case EntryFate::Kind::retraction:
      return "retraction";
  }
  return "in_force";
}

Json text_or_null(std::string_view v) {
  return v.empty() ? Json(nullptr) : Json(std::string(v));
}

}  // namespace

Table log_table(const PlanIndex& index, const LogRows& rows, Lang lang, std::size_t from,
                std::size_t to) {
  Table t;
  t.columns = {{tr(lang, "col-entry-id")},
               {tr(lang, "col-date")},
               {tr(lang, "col-unit")},
               {tr(lang, "col-task")},
               {tr(lang, "col-item-id")},
               {tr(lang, "col-state")},
               {tr(lang, "col-note"), Align::left, 30},
               {tr(lang, "col-evidence"), Align::left, 30},
               {tr(lang, "col-by")},
               {tr(lang, "col-recorded")},
               {tr(lang, "col-correction"), Align::left, 30}};
  const char* sep = lang == Lang::zh ? "；" : "; ";
  to = std::min(to, rows.rows.size());
  for (std::size_t k = from; k < to; ++k) {
    const LogRow& r = rows.rows[k];
    const std::string item_id(r.get(LogRow::item));
    auto item = index.find_item(item_id);
    const bool stands = r.fate.kind == EntryFate::Kind::in_force && !r.orphaned;
    Style st = !stands                      ? Style::plain
               : r.status == State::done    ? Style::done
               : r.status == State::blocked ? Style::blocked
                                            : Style::plain;
    auto recorded_on = parse_recorded_stamp(r.get(LogRow::recorded));
    t.rows.push_back({{std::string(r.get(LogRow::id))},
                      {iso(r.date)},
                      {rows.unit(r)},
                      {item ? index.items()[*item].task : ""},
                      {item_id},
                      {r.retraction ? tr(lang, "log-retraction") : state_label(r.status, lang), st},
                      {std::string(r.get(LogRow::note))},
                      {join(r.evidence_items(), sep)},
                      {std::string(r.get(LogRow::by))},
                      {recorded_on ? iso(*recorded_on) : ""},
                      {fate_text(r, lang)}});
  }
  return t;
}

Json log_entry_json(const LogRows& rows, const LogRow& r) {
  return {{"id", std::string(r.get(LogRow::id))},
          {"date", iso(r.date)},
          {"unit", rows.unit(r)},
          {"item", std::string(r.get(LogRow::item))},
          {"status", r.retraction ? Json(nullptr) : Json(state_key(r.status))},
          {"note", std::string(r.get(LogRow::note))},
          {"evidence", r.evidence_items()},
          {"by", std::string(r.get(LogRow::by))},
          {"recorded", text_or_null(r.get(LogRow::recorded))},
          {"amends", text_or_null(r.get(LogRow::amends))},
          {"retracts", text_or_null(r.get(LogRow::retracts))},
          {"reason", text_or_null(r.get(LogRow::reason))},
          {"fate", fate_key(r.fate.kind)},
          {"fate_by", r.fate.by.empty() ? Json(nullptr) : Json(r.fate.by)},
          {"orphaned", r.orphaned},
          {"file", rows.files[r.file]},
          {"line", r.line}};
}

Json log_json(const LogRows& rows, const Date& as_of) {
  Json arr = Json::array();
  for (const LogRow& r : rows.rows) arr.push_back(log_entry_json(rows, r));
  Json out;
  out["as_of"] = iso(as_of);
  out["entries"] = std::move(arr);
  return out;
}

std::vector<StaleRow> stale_units(const PlanIndex& index, const Ledger& ledger, const Date& since,
                                  const LedgerFilter& filter) {
  std::map<std::string, StaleRow> by_unit;
  for (std::size_t r : select_rows(index, ledger, filter)) {
    const auto& s = ledger.rows[r];
    if (s.state == State::done) continue;
    const std::string& unit = index.assignments()[s.assignment].unit;
    auto& row = by_unit[unit];
    row.unit = unit;
    ++row.unfinished;
  }
  std::vector<StaleRow> out;
  for (auto& [unit, row] : by_unit) {
    if (auto it = ledger.last_entry.find(unit); it != ledger.last_entry.end())
      row.last_entry = it->second;
    // Silent since `since`: nothing recorded from then up to as_of.
    if (!row.last_entry || *row.last_entry < since) out.push_back(row);
  }
  std::sort(out.begin(), out.end(), [&](const StaleRow& a, const StaleRow& b) {
    return index.unit_order(a.unit) < index.unit_order(b.unit);
  });
  return out;
}

Table stale_table(const std::vector<StaleRow>& rows, Lang lang) {
  Table t;
  t.columns = {{tr(lang, "col-unit")},
               {tr(lang, "col-unfinished"), Align::right, 0, true},
               {tr(lang, "col-last-entry")}};
  for (const auto& r : rows) {
    t.rows.push_back({{r.unit},
                      {std::to_string(r.unfinished)},
                      r.last_entry ? Cell{iso(*r.last_entry)}
                                   : Cell{tr(lang, "never-reported"), Style::overdue}});
  }
  return t;
}

Json stale_json(const std::vector<StaleRow>& rows, const Date& since, const Date& as_of) {
  Json arr = Json::array();
  for (const auto& r : rows)
    arr.push_back(
        {{"unit", r.unit}, {"unfinished", r.unfinished}, {"last_entry", date_json(r.last_entry)}});
  Json out;
  out["as_of"] = iso(as_of);
  out["since"] = iso(since);
  out["units"] = std::move(arr);
  return out;
}

}  // namespace plan
