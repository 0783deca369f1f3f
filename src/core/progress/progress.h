// Progress entries: one append-only YAML file per unit under plan/progress/.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
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
  // Every member is initialised by its own initializer: a constructor of our own spares the
  // whole entry being zeroed first each time a reader makes one (hundreds of thousands).
  ProgressEntry() {}
  Date date{};       // when the work happened (for a retraction: the day it was withdrawn)
  std::string item;  // canonical item id ("" for a retraction)
  // The item's position in the PlanIndex the entry was read with, -1 when not known (read from
  // the cache, made by hand): saves looking it up again when the entry is handed to the ledger.
  std::int32_t item_index = -1;
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

// What the ledger (LedgerBuilder) reads of an entry in force, compact: the progress cache
// (core/progress/cache.h) hands these out instead of ProgressEntry values.
struct LedgerEntry {
  Date date;
  Date reported_on;        // ProgressEntry::reported_on()
  std::int32_t item = -1;  // PlanIndex::find_item(item), -1 for none
  State status = State::not_started;
  bool orphaned = false;
  bool retraction = false;
  std::string_view note;
};

// The compact form of an entry (its item looked up in `index`); the note points into `e`.
LedgerEntry ledger_entry(const ProgressEntry& e, const PlanIndex& index);

// What became of an entry among its unit's entries (core/progress/corrections.h decides).
struct EntryFate {
  enum class Kind {
    in_force,    // counts in reports
    superseded,  // replaced by a correction (`by` is the id in force)
    retracted,   // withdrawn (`by` is the retraction's id)
    retraction,  // the withdrawing entry itself (`by` is the id it withdraws)
  };
  Kind kind = Kind::in_force;
  std::string by;
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
// The longest file name the file systems plan runs on take (NAME_MAX), in bytes.
inline constexpr std::size_t kMaxFileNameBytes = 255;
// An error, at the name in units.yaml, for each unit whose progress file name would be longer
// than kMaxFileNameBytes: such a unit passes every other check and then no entry can be made.
void check_progress_file_names(const Plan& plan, Diagnostics& diags);

struct ProgressLoad {
  std::vector<ProgressEntry> entries;
  Diagnostics diags;
  Sources sources;
  // With skip_broken_files: the files left out because they have errors (their errors are in
  // `diags`).
  std::vector<std::string> skipped_files;
};

// Receives each valid entry as it is read.
using EntrySink = std::function<void(ProgressEntry&&)>;

struct ProgressStream {
  Diagnostics diags;
  Sources sources;  // only the files that have problems, for quoting their lines
  std::size_t entries = 0;
  std::size_t ignored = 0;  // entries that do not fit the plan (lenient reading only)
  // With skip_broken_files: the files left out because they have errors, in file order.
  std::vector<std::string> skipped_files;
};

// At most this many errors, and as many warnings, are reported for one progress file; one more
// diagnostic ("diagnostics-not-shown") says how many more there were. count() adds them back.
inline constexpr std::size_t kMaxDiagnosticsPerFile = 50;
// A progress file may hold at most 1 GiB (docs/limits.md).
inline constexpr std::size_t kMaxProgressFileBytes = std::size_t{1} << 30;

class ProgressCache;  // core/progress/cache.h

struct StreamOptions {
  unsigned threads = 1;
  // true: hand out only the entries in force (corrections applied, retracted and superseded
  // entries and orphaned ones left out), each unit's in effective_before() order.
  // false: every entry as written, retractions and orphans included, in file order.
  bool resolve = true;
  // true (a plan from another revision): entries naming items or units that plan lacks, or
  // items the unit is not responsible for there, are skipped and counted, not errors.
  bool lenient = false;
  // true (the reports): a file with errors is left out whole, none of its entries handed out,
  // and named in ProgressStream::skipped_files, so that one unit's bad line does not stop the
  // report of every other unit. Its errors are still in `diags`.
  bool skip_broken_files = false;
  // With resolve false: when set, receives each entry with its fate among its unit's entries
  // instead of `sink` (plan log).
  std::function<void(ProgressEntry&&, EntryFate&&)> fated_sink;
  // true (plan check): warn about evidence that names a file which does not exist. Off for
  // the reports, which do not show warnings: a stat() per path is not free.
  bool check_evidence = false;
  // true: the lines plan record writes are read without libyaml (core/progress/entry_line.h),
  // with the same result; false reads every line with libyaml (for tests that compare them).
  bool fast_lines = true;
  // true: a file the lean reading takes (core/progress/lean.h: nothing but clean lines as plan
  // record writes them) goes to ledger_sink without a ProgressEntry per line, with the same
  // result; false reads every file the full way (for tests that compare them).
  bool lean = true;
  // When set, files are read through this cache (stream_progress only; docs/progress.md).
  ProgressCache* cache = nullptr;
  // With resolve: when set, each file hands its entries in force to this instead of `sink`, in
  // the same order, compact (`unit` is the file's unit), one call per file. Their notes stay
  // valid during the call, and as long as the cache does when it served them without reading.
  std::function<void(const std::string& unit, const LedgerEntry* entries, std::size_t n)>
      ledger_sink;
  // With ledger_sink and a cache, both set: a record the cache writes also keeps the file's
  // entries in force as `fold` makes them (LedgerBuilder::fold), and a file the cache serves
  // without reading it hands that fold to `fold_sink` instead of its entries to ledger_sink.
  // fold_sink returns false when it took nothing (a fold it cannot use): then the entries go
  // to ledger_sink as without it.
  std::function<std::string(const std::string& unit, const LedgerEntry* entries, std::size_t n)>
      fold;
  std::function<bool(const std::string& unit, std::string_view fold)> fold_sink;
};

// Reads every *.yaml file of `dir` (a missing directory is no entries), checks each entry
// against the plan and `today` (no entry may be dated after the day after it: one day is
// allowed for a clock in another time zone), applies corrections and
// retractions (which always live in the same unit's file as the entry they name), and hands
// the entries to `sink`. One file is held in memory at a time per thread, so memory grows with
// the largest unit file, not with the number of entries.
// With threads > 1, files are read in parallel and `sink` is called from several threads at
// once, never for two entries of the same unit at the same time (one file per unit).
// Diagnostics come out in file order whatever the threads.
ProgressStream stream_progress(const std::string& dir, const PlanIndex& index, const Date& today,
                               const EntrySink& sink, const StreamOptions& options = {});

// The same over files already in memory, e.g. read from git: (path as shown, text), each named
// as a progress file is (the unit's name and .yaml); read in path order.
ProgressStream stream_progress_files(const std::vector<std::pair<std::string, std::string>>& files,
                                     const PlanIndex& index, const Date& today,
                                     const EntrySink& sink, const StreamOptions& options = {});

// The same, keeping every entry as written (plan log, plan check, tests): resolve = false.
// With `skip_broken_files`, a file with errors is left out and named in skipped_files.
ProgressLoad load_progress(const std::string& dir, const PlanIndex& index, const Date& today,
                           bool skip_broken_files = false);
// One file's text; `file_number` orders files for `seq`. False when the file had errors and
// options.skip_broken_files kept its entries back. With `text_checked` false the text is
// checked as it is decoded, with check_text's error and nothing handed out when it fails.
bool stream_progress_text(std::string_view text, const std::string& file, const std::string& unit,
                          const PlanIndex& index, const Date& today, Diagnostics& diags,
                          const EntrySink& sink, std::size_t file_number = 0,
                          const StreamOptions& options = {}, std::size_t* ignored = nullptr,
                          bool text_checked = true);
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

// Whether a progress file's bytes can take an appended entry line: they must read as the
// progress reader reads them (UTF-8, one YAML document) with a top level that is a block list
// starting in column 1, or nothing but comments, and no end marker (...), after which an
// appended line would start a second document. Problems go to `diags` with their place.
// A file of nothing but the lines plan record writes, blank lines and comments is accepted
// without libyaml (`fast_lines`; false for tests that compare the two).
bool check_appendable(std::string_view text, const std::string& file, Diagnostics& diags,
                      bool fast_lines = true);

// Why an append did not happen.
struct AppendFailure {
  std::string message;  // a strerror() text, or "@key" of the catalog (write_failure_text)
  Diagnostics diags;    // when the file itself is refused: where and why
  Sources sources;      // its text, to quote the line
};

// Appends an entry to the unit's file in `dir`: under the directory's lock (DirectoryLock),
// reads the file (a symbolic link, FIFO, device or a file over 1 GiB is refused), checks that
// it can take the line (check_appendable), copies its bytes unchanged to a new temporary file in
// the same directory, adds the line, flushes, and renames it over the old file, keeping its mode.
// Temporary files left by writers that were killed are removed once their process is gone and
// they are 10 minutes old. Returns why not, or nullopt on success.
std::optional<AppendFailure> append_entry(const std::string& dir, const ProgressEntry& entry,
                                          const AppendOptions& options = {});

// Warnings for temporary files a killed writer left in `dir` (plan check): each names the file
// and says to remove it.
Diagnostics leftover_temp_files(const std::string& dir);

}  // namespace plan
