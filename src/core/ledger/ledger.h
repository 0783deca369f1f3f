// The state of every assignment as of a date, and the summaries the reports are made of.
#pragma once
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/date.h"
#include "core/plan/plan_index.h"
#include "core/progress/progress.h"

namespace plan {

struct AssignmentStatus {
  std::size_t assignment = 0;  // index into PlanIndex::assignments()
  State state = State::not_started;
  std::optional<Date> due;
  std::optional<Date> done_on;    // when the current run of 已完成 began
  std::optional<Date> last_date;  // the latest entry counted
  std::string note;               // of the latest entry counted
  bool overdue = false;           // not done and as_of is after due
  int days_overdue = 0;           // as_of − due when overdue
  bool late = false;              // done after due
  bool due_soon = false;          // not done, due within `soon_days` from as_of (inclusive)
};

struct Ledger {
  Date as_of;
  int soon_days = 30;
  std::vector<AssignmentStatus> rows;  // one per assignment, in plan order
  // Per unit: the latest day, on or before as_of, on which it recorded an entry in force.
  std::map<std::string, Date> last_entry;
  // Per unit: the months (year * 12 + month - 1), on or before as_of, in which it recorded an
  // entry in force, ascending (plan score: a month without a report).
  std::map<std::string, std::vector<int>> report_months;
  // Progress files left out because they have errors: the ledger is incomplete, and every
  // output made from it says so (docs/limits.md).
  std::vector<std::string> skipped_files;
};

// Builds a Ledger from the entries in force (see stream_progress), keeping only what each
// assignment needs: memory does not grow with the number of entries.
// Each unit's entries must arrive in effective_before() order (stream_progress and
// compute_ledger ensure it); units may interleave, and add() may be called from several threads
// at once for entries of different units.
class LedgerBuilder {
 public:
  LedgerBuilder(const PlanIndex& index, const Date& as_of, int soon_days = 30);
  void add(const ProgressEntry& e);
  // The same for `n` entries in force of one unit, in order (from the progress cache). With
  // `notes_outlive`, the notes' bytes stay valid until finish() and are not copied.
  void add(const std::string& unit, const LedgerEntry* entries, std::size_t n, bool notes_outlive);
  Ledger finish() const;

  // A unit's `n` entries in force (in effective_before() order, as add() takes them) folded
  // once for every as-of date, as bytes the progress cache keeps beside the entries: the days
  // and months the unit reported, and for each assignment the entries touch its state at the
  // end of each day they changed it. Empty when the entries are not in order by date (then
  // there is nothing to fold: add() them).
  static std::string fold(const PlanIndex& index, const std::string& unit,
                          const LedgerEntry* entries, std::size_t n);
  // Adds a fold of `unit`'s entries: the same as add() of those entries, for this builder's
  // as_of, without going through them (a binary search per assignment). False, and nothing
  // added, when `bytes` is not a well-formed fold for this plan.
  bool add_fold(const std::string& unit, std::string_view bytes);
  // The bytes of notes kept in blocks (a file's latest notes, copied at once by add()): about
  // one note per assignment, whatever the number of entries.
  std::size_t note_block_bytes() const;

 private:
  struct Tracker {
    State state = State::not_started;
    bool own_done = false;  // the latest entry on the tracked item itself says 已完成
    std::optional<Date> done_on;
    std::optional<Date> last;
    std::string note;
    std::string_view note_view;  // the note instead, when its bytes outlive the builder's use
    bool note_is_view = false;
  };
  // The (assignment, on the item itself) pairs an entry on `item` by `unit` may change.
  static void targets(const PlanIndex& index, std::size_t item, const std::string& unit,
                      std::vector<std::pair<std::size_t, bool>>& out);
  // Applies `e` to `t`; false when it leaves `t` as it was (a task-level entry that does not
  // reopen a measure done by its own entries).
  static bool apply(Tracker& t, bool own, const LedgerEntry& e, bool note_outlives);
  // `t` holds a copy of `note` from now on.
  static void keep_note(Tracker& t, std::string_view note);
  // The trackers among `targets` that hold a view of a note whose bytes do not outlive the
  // call: their notes copied into one block the builder keeps, and viewed there.
  void keep_notes(const std::vector<std::pair<std::size_t, bool>>& targets);
  const PlanIndex& index_;
  Date as_of_;
  int soon_days_;
  std::vector<Tracker> track_;
  // Per unit (units.yaml order): the latest day it reported, on or before as_of.
  std::vector<std::optional<Date>> last_entry_;
  std::vector<std::set<int>> months_;  // per unit, as report_months
  // The notes copied by keep_notes(), a block per add() call (calls for other units may run at
  // the same time: the list is locked to add one). An assignment is one unit's, so a block's
  // notes are seldom replaced by a later call's.
  std::vector<std::unique_ptr<char[]>> note_blocks_;
  std::size_t note_block_bytes_ = 0;
  mutable std::mutex note_blocks_mutex_;
};

// Rules (docs/progress.md): entries whose work date is on or before as_of count. For an
// assignment (tracked item, unit), the unit's entries on the item, or on a task or part that
// encloses it, apply in effective_before() order, except that an entry on an enclosing task or
// part never reopens an item whose own latest entry says 已完成. Done from the first day of the
// final run of 已完成. A unit's last report is the day it recorded its latest entry.
Ledger compute_ledger(const PlanIndex& index, const std::vector<ProgressEntry>& entries,
                      const Date& as_of, int soon_days = 30);

// The states partition the total: done_on_time() + done_late + in_progress + not_started +
// blocked == total. `overdue` counts the unfinished past their deadline (a subset of the last
// three). Assignments with no deadline (the standing requirements of section 七) are counted in
// the states but not in the completion rate: `undated` of them, `undated_done` done.
struct Counts {
  int total = 0, done = 0, done_late = 0, in_progress = 0, not_started = 0, blocked = 0,
      overdue = 0, undated = 0, undated_done = 0;
  int done_on_time() const { return done - done_late; }
  // The assignments the completion rate is over: those with a deadline.
  int rated() const { return total - undated; }
  bool has_rate() const { return rated() > 0; }
  double completion() const {
    return rated() ? static_cast<double>(done - undated_done) / rated() : 0.0;
  }
  void add(const AssignmentStatus& s);
  Counts& operator+=(const Counts& o);  // the counts of both (a roll-up's total)
};

struct SummaryRow {
  std::string key;    // unit name or section id
  std::string title;  // section title ("" for units)
  Counts counts;
};

struct Summary {
  std::string by;  // "unit", "section" or "task"
  std::vector<SummaryRow> rows;
  Counts total;
};

// One row per unit (units.yaml order), per section or per task (plan order; a task is done
// when all its assignments are), with a totals row. Rows with nothing assigned are left out.
Summary summarize(const PlanIndex& index, const Ledger& ledger, const std::string& by);

}  // namespace plan
