// Progress entries: one append-only YAML file per unit under plan/progress/.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diag.h"
#include "core/plan_index.h"

namespace plan {

enum class State { not_started, in_progress, blocked, done };
const char* state_key(State s);  // "not_started" …
// 未开始 / 进行中 / 已完成 / 受阻, or not_started / in_progress / done / blocked.
std::optional<State> parse_state(std::string_view s);

struct ProgressEntry {
  Date date;
  std::string item;  // canonical item id
  std::string unit;  // canonical unit name
  State status = State::not_started;
  std::string note;
  std::vector<std::string> evidence;
  std::string by;
  Where where;
  std::size_t seq = 0;  // position among all entries read (file order), to break date ties
};

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
};

// Reads every *.yaml file of `dir` (a missing directory is no entries), one entry at a time,
// checks each against the plan and `today` (no entry may be dated after it), and hands the
// valid ones to `sink`. Memory does not grow with the number of entries. Entries are ordered
// by (file, position) through their `seq`.
// With threads > 1, files are read in parallel and `sink` is called from several threads at
// once, never for two entries of the same unit at the same time (one file per unit).
// Diagnostics come out in file order whatever the threads.
ProgressStream stream_progress(const std::string& dir, const PlanIndex& index, const Date& today,
                               const EntrySink& sink, unsigned threads = 1);

// The same, keeping every entry (plan log, plan check, tests).
ProgressLoad load_progress(const std::string& dir, const PlanIndex& index, const Date& today);
// One file's text; `file_number` orders files for `seq`.
void stream_progress_text(std::string_view text, const std::string& file, const std::string& unit,
                          const PlanIndex& index, const Date& today, Diagnostics& diags,
                          const EntrySink& sink, std::size_t file_number = 0);
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
