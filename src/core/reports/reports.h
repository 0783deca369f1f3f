// The ledger's reports (status, overdue, due, report, log, stale): each computed once as a
// list of rows, then rendered as a Table or as JSON.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/ledger/ledger.h"
#include "core/progress/corrections.h"
#include "core/reports/table.h"
#include "core/reports/views.h"

namespace plan {

struct LedgerFilter {
  std::vector<std::string> units;      // concrete units; empty = all
  std::vector<std::string> chosen;     // the units and groups as chosen (各乡镇), for titles
  std::optional<std::string> section;  // section id
  std::optional<std::string> task;     // task id
};

// Indices into ledger.rows that pass the filter, in plan order.
std::vector<std::size_t> select_rows(const PlanIndex& index, const Ledger& ledger,
                                     const LedgerFilter& filter);
// The ledger narrowed to `rows` (indices into ledger.rows, e.g. from select_rows): the same day,
// reports and skipped files, only those assignments. What a township's own dashboard or workbook
// is made from: every part of it then counts the chosen rows only.
Ledger ledger_part(const Ledger& ledger, const std::vector<std::size_t>& rows);
// Who a filtered output is about, for its title: the units and groups as chosen (北平镇, 各乡镇,
// 北平镇、古阳镇; more than three: 所选 5 个单位), 第四部分, 任务 16, joined (北平镇 · 第四部分);
// "" when nothing is filtered.
std::string filter_title(const LedgerFilter& filter, Lang lang);
// Overdue rows, grouped by unit (the unit with the most overdue item first), most overdue
// first within a unit.
std::vector<std::size_t> overdue_rows(const PlanIndex& index, const Ledger& ledger,
                                      const std::vector<std::size_t>& selected);
// Rows not done and due within [as_of, as_of + days], soonest first.
std::vector<std::size_t> due_rows(const PlanIndex& index, const Ledger& ledger,
                                  const std::vector<std::size_t>& selected, int days);

enum class RowsKind { status, overdue, due };
Table rows_table(const PlanIndex& index, const Ledger& ledger, const std::vector<std::size_t>& rows,
                 RowsKind kind, Lang lang);
// {"as_of": …, "rows": [{task, item, section, unit, role, due, state, done_on, overdue,
// days_overdue, late, due_soon, last_entry, note}, …]}
Json rows_json(const PlanIndex& index, const Ledger& ledger, const std::vector<std::size_t>& rows);

// Rows gathered per item (overdue --by item, due --by item): the item and its rows, earliest
// deadline first (the most overdue, or the soonest due), then plan order.
struct ItemRows {
  std::size_t item = 0;  // index into PlanIndex::items()
  std::optional<Date> due;
  std::vector<std::size_t> rows;  // into ledger.rows, in units.yaml order
};
std::vector<ItemRows> group_by_item(const PlanIndex& index, const Ledger& ledger,
                                    const std::vector<std::size_t>& rows);
// The units of ledger `rows`, each followed by what `mark` says of its state ("" for nothing),
// joined with 、: 北平镇（进行中）、古阳镇.
std::string unit_list(const PlanIndex& index, const Ledger& ledger,
                      const std::vector<std::size_t>& rows, Lang lang,
                      const std::function<std::string(const AssignmentStatus&)>& mark);
// One row per item: days overdue (or left), deadline, task, item, content, how many units and
// which (a unit whose state is not 未开始 shows it: 北平镇（进行中）).
Table item_rows_table(const PlanIndex& index, const Ledger& ledger,
                      const std::vector<ItemRows>& groups, RowsKind kind, Lang lang);
Json item_rows_json(const PlanIndex& index, const Ledger& ledger,
                    const std::vector<ItemRows>& groups);

// The columns of a summary after its first: the states, which add up to 总数, then 其中逾期 and
// 完成率.
inline constexpr const char* kSummaryColumns[] = {
    "col-total",       "col-done-on-time", "col-done-late",       "col-in-progress",
    "col-not-started", "col-blocked",      "col-overdue-of-open", "col-completion"};
// What the summary's columns mean: the partition, and what the completion rate is over.
std::vector<std::string> summary_notes(const Counts& total, Lang lang);
// {"total", "done", "done_on_time", "done_late", "in_progress", "not_started", "blocked",
// "overdue", "undated", "completion"}: the counts as every JSON report gives them.
Json counts_json(const Counts& c);
// The cells of kSummaryColumns for one row of counts (the rate "—" when nothing is dated).
std::vector<Cell> count_cells(const Counts& c);
Table summary_table(const Summary& summary, Lang lang);
Json summary_json(const Summary& summary, const Date& as_of);

// One line of the log: an entry as written and what became of it. The log keeps every entry
// until it is sorted, so a row is compact: its text fields share one string.
struct LogRow {
  enum Field { recorded, id, item, note, by, amends, retracts, reason, evidence };
  Date date;
  State status = State::not_started;
  bool retraction = false;
  bool orphaned = false;
  std::uint32_t file = 0;  // index into LogRows::files and LogRows::units
  int line = 0;
  std::uint64_t seq = 0;  // file order, the last tie-breaker
  EntryFate fate;
  // item: the entry's item, or for a retraction the item of the entry it withdraws.
  std::string_view get(Field f) const;
  std::vector<std::string> evidence_items() const;
  void set(Field f, std::string_view value);
  std::string packed;  // the fields in Field order, each as a length and its bytes
};
struct LogRows {
  std::vector<std::string> files, units;
  std::vector<LogRow> rows;
  const std::string& unit(const LogRow& r) const { return units[r.file]; }
};

// Collects the log from entries as written, each with its fate among its unit's entries, as
// stream_progress hands them to a fated_sink (one thread: one unit's entries come together).
// Keeps those dated on or before as_of that pass the filter (unit, section and task).
class LogBuilder {
 public:
  LogBuilder(const PlanIndex& index, LedgerFilter filter, const Date& as_of);
  void add(ProgressEntry&& e, const EntryFate& fate);
  // The rows in effective_before() order across units (date, recorded, then file order).
  LogRows finish();

 private:
  void end_unit();
  bool wanted(std::string_view item) const;
  const PlanIndex& index_;
  LedgerFilter filter_;
  Date as_of_;
  LogRows out_;
  std::string unit_, file_;
  std::vector<LogRow> retractions_;  // of the current unit, waiting for their item
  std::map<std::string, std::string, std::less<>> retracted_item_;  // id → item, current unit
};

// The same from entries in memory (every unit's, any order): for tests and small ledgers.
LogRows log_rows(const PlanIndex& index, const std::vector<ProgressEntry>& entries,
                 const LedgerFilter& filter, const Date& as_of);
// Rows [from, to) of the log as a table, and one row as JSON; log_json is the whole document.
Table log_table(const PlanIndex& index, const LogRows& rows, Lang lang, std::size_t from = 0,
                std::size_t to = SIZE_MAX);
Json log_entry_json(const LogRows& rows, const LogRow& r);
Json log_json(const LogRows& rows, const Date& as_of);

struct StaleRow {
  std::string unit;
  int unfinished = 0;              // assignments not done as of the date
  std::optional<Date> last_entry;  // the latest day it recorded an entry, on or before as_of
};
// Units responsible for unfinished items that recorded nothing from `since` to as_of (未报送),
// by the day each entry was recorded (the work date for entries older than the stamp).
std::vector<StaleRow> stale_units(const PlanIndex& index, const Ledger& ledger, const Date& since,
                                  const LedgerFilter& filter);
Table stale_table(const std::vector<StaleRow>& rows, Lang lang);
Json stale_json(const std::vector<StaleRow>& rows, const Date& since, const Date& as_of);

// 未开始 / not started …
std::string state_label(State s, Lang lang);

}  // namespace plan
