// Progress entries: one append-only YAML file per unit under plan/progress/.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/diag.h"
#include "core/plan/plan_index.h"

namespace plan {

enum class State { not_started, in_progress, blocked, done };
const char* state_key(State s);  // "not_started" …
// 未开始 / 进行中 / 已完成 / 受阻, or not_started / in_progress / done / blocked.
std::optional<State> parse_state(std::string_view s);

struct ProgressEntry {
  Date date;         // when the work happened (for a retraction: the day it was withdrawn)
  std::string item;  // canonical item id ("" for a retraction)
  std::string unit;  // canonical unit name (the file's unit)
  State status = State::not_started;
  std::string note;
  std::vector<std::string> evidence;
  std::string by;
  // When it was recorded, as written (2025-01-05T10:23:11+08:00); empty in entries written
  // before plan recorded it. `recorded_on` is its local date.
  std::string recorded;
  std::optional<Date> recorded_on;
  // The entry's id: as written, or (for entries written without one) derived from its content.
  std::string id;
  std::string amends;     // this entry replaces the entry with this id (a correction)
  std::string retracts;   // this entry withdraws the entry with this id (no item or status)
  std::string reason;     // why, for a correction or a retraction
  bool orphaned = false;  // the unit is no longer responsible for the item (plan changed)
  Where where;
  std::size_t seq = 0;  // position among all entries read (file order), for display only

  bool is_retraction() const { return !retracts.empty(); }
  // The day the office had the report: the recorded date, else (older entries) the work date.
  Date reported_on() const { return recorded_on.value_or(date); }
};

// The local date of a recorded stamp (2025-01-05T10:23:11+08:00, or …Z), or nullopt.
std::optional<Date> parse_recorded_stamp(std::string_view s);

// The order in which entries of one assignment take effect: by work date, then by when they
// were recorded (entries without a stamp first), then by id. It does not depend on the order of
// lines in a file, so every clone resolves a union merge the same way.
bool effective_before(const ProgressEntry& a, const ProgressEntry& b);

// The id of an entry written without one: 10 hex digits of a hash of its content (date, item,
// status, note, evidence, by; not the unit, so that a renamed unit keeps its ids).
std::string derived_entry_id(const ProgressEntry& e);
// The id plan record gives a new entry: a hash of the unit and the line it writes (with the
// recorded stamp), 10 hex digits.
std::string new_entry_id(const ProgressEntry& e);

// The file name of a unit's progress file: the unit name with characters that are unsafe in
// file names (/ \ : * ? " < > | %, control characters, a leading or trailing dot or space)
// written as %XX, then ".yaml". Stable, reversible, never a path.
std::string progress_file_name(std::string_view unit);
// The unit a progress file name stands for, or nullopt when the name is not of that form.
std::optional<std::string> unit_of_progress_file(std::string_view file_name);

struct ProgressLoad {
  std::vector<ProgressEntry> entries;
  Diagnostics diags;
  Sources sources;
};

// Receives each valid entry as it is read.
using EntrySink = std::function<void(ProgressEntry&&)>;

struct ProgressStream {
  Diagnostics diags;
  Sources sources;  // only the files that have problems, for quoting their lines
  std::size_t entries = 0;
  std::size_t ignored = 0;  // entries that do not fit the plan (lenient reading only)
};

struct StreamOptions {
  unsigned threads = 1;
  // true: hand out only the entries in force (corrections applied, retracted and superseded
  // entries and orphaned ones left out), each unit's in effective_before() order.
  // false: every entry as written, retractions and orphans included, in file order.
  bool resolve = true;
  // true (a plan from another revision): entries naming items or units that plan lacks, or
  // items the unit is not responsible for there, are skipped and counted, not errors.
  bool lenient = false;
};

// Reads every *.yaml file of `dir` (a missing directory is no entries), checks each entry
// against the plan and `today` (no entry may be dated after it), applies corrections and
// retractions (which always live in the same unit's file as the entry they name), and hands
// the entries to `sink`. One file is held in memory at a time per thread, so memory grows with
// the largest unit file, not with the number of entries.
// With threads > 1, files are read in parallel and `sink` is called from several threads at
// once, never for two entries of the same unit at the same time (one file per unit).
// Diagnostics come out in file order whatever the threads.
ProgressStream stream_progress(const std::string& dir, const PlanIndex& index, const Date& today,
                               const EntrySink& sink, const StreamOptions& options = {});

// The same, keeping every entry as written (plan log, plan check, tests): resolve = false.
ProgressLoad load_progress(const std::string& dir, const PlanIndex& index, const Date& today);
// One file's text; `file_number` orders files for `seq`.
void stream_progress_text(std::string_view text, const std::string& file, const std::string& unit,
                          const PlanIndex& index, const Date& today, Diagnostics& diags,
                          const EntrySink& sink, std::size_t file_number = 0,
                          const StreamOptions& options = {}, std::size_t* ignored = nullptr);
void load_progress_text(std::string_view text, const std::string& file, const std::string& unit,
                        const PlanIndex& index, const Date& today, ProgressLoad& out);

// One entry as the single YAML line that is appended: "- {date: …, item: …, …}".
std::string format_entry_line(const ProgressEntry& e);

// True when the entry's line reads back (through the same loader as plan check) as exactly
// this entry: a guard against writing anything that the next check would reject.
bool entry_round_trips(const ProgressEntry& e, const PlanIndex& index, const Date& today);

struct AppendOptions {
  // Called after the new file is written and flushed, before it replaces the old one. Tests
  // use it to kill the process at that moment; it is empty otherwise.
  std::function<void()> before_rename;
};

// Appends an entry to the unit's file in `dir`: under an exclusive lock on dir/.lock, copies
// the file's bytes unchanged to a temporary file in the same directory, adds the line, flushes,
// and renames it over the old file. Returns an error message, or nullopt on success.
std::optional<std::string> append_entry(const std::string& dir, const ProgressEntry& entry,
                                        const AppendOptions& options = {});

}  // namespace plan
