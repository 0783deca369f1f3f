// The ledger's reports (status, overdue, due, report, log, stale): each computed once as a
// list of rows, then rendered as a Table or as JSON.
#pragma once
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
  std::optional<std::string> section;  // section id
  std::optional<std::string> task;     // task id
};

// Indices into ledger.rows that pass the filter, in plan order.
std::vector<std::size_t> select_rows(const PlanIndex& index, const Ledger& ledger,
                                     const LedgerFilter& filter);
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
Table summary_table(const Summary& summary, Lang lang);
Json summary_json(const Summary& summary, const Date& as_of);

// One line of the log: an entry as written and what became of it.
struct LogRow {
  const ProgressEntry* entry = nullptr;
  EntryFate fate;
  std::string item;  // the entry's item, or for a retraction the item of the entry it withdraws
};
// Entries (as written, with corrections and retractions) dated on or before as_of, filtered by
// unit, section and task, in effective_before() order; each with its fate.
std::vector<LogRow> log_rows(const PlanIndex& index, const std::vector<ProgressEntry>& entries,
                             const LedgerFilter& filter, const Date& as_of);
Table log_table(const PlanIndex& index, const std::vector<LogRow>& rows, Lang lang);
Json log_json(const std::vector<LogRow>& rows, const Date& as_of);

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
