// The command-line layer: the only code that reads argv, the environment and the clock,
// writes to stdout/stderr and chooses exit codes.
#pragma once
#include <CLI/CLI.hpp>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/intake/intake.h"
#include "core/plan/checks.h"
#include "core/plan/load.h"
#include "core/plan/plan_index.h"
#include "core/progress/corrections.h"
#include "core/progress/progress.h"
#include "core/reports/reports.h"
#include "core/reports/table.h"
#include "core/reports/views.h"
#include "core/review/git.h"
#include "core/review/snapshot.h"

namespace plan::cli {

enum Exit { kOk = 0, kDataError = 1, kUsage = 2 };

struct Globals {
  std::string plan_dir;
  std::string format = "table";
  std::string lang_name;
  std::string color = "auto";
  std::string output;  // -o FILE: write the result there instead of stdout
  Lang lang = Lang::zh;
  bool color_on = false;
  bool wide = false;       // --wide: tables at full width even on a terminal
  std::string width_text;  // --width COLS
  std::size_t fit = 0;     // the width tables are fitted to; 0 = full width (files, pipes)
  Date today;              // the local date, or $PLAN_TODAY (for reproducible tests)
  // The local time as RFC 3339 (2025-01-05T10:23:11+08:00), stamped on new entries; $PLAN_NOW
  // stands in for it (and sets today), else $PLAN_TODAY at 09:00:00+08:00.
  std::string now;
};

// A loaded, indexed plan.
struct Session {
  std::unique_ptr<LoadResult> loaded;
  std::unique_ptr<PlanIndex> index;
  Diagnostics check_diags;             // from check_plan: warnings only, once open_plan succeeded
  std::vector<ProgressEntry> entries;  // filled by open_ledger
};

// Options shared by the reports: --as-of and the filters.
struct ReportOptions {
  std::string as_of;
  std::string plan_at;             // --plan-at REV|DATE: the plan from git
  std::vector<std::string> units;  // --unit, repeatable; each may be a list (北平镇,古阳镇)
  std::string section;
  std::string task;
};
// The table with the day it describes above it (and the plan version with --plan-at), and the
// sentence it says when nothing matches (`empty_key`: {0} the date, {1} who, e.g. 市场监管局).
Table framed(const Globals& g, Table t, const Date& as_of, const ReportOptions& o,
             const LedgerFilter& f, const char* empty_key);
// Binds --as-of and, when asked, --unit, --section and --task.
void add_report_options(CLI::App* app, const Globals& g, ReportOptions& o, bool unit,
                        bool section_task);
// Binds --plan-at (the reports that compute the ledger: status, overdue, due, report, stale,
// export).
void add_plan_at_option(CLI::App* app, const Globals& g, ReportOptions& o);
// A date typed for an option (any form parse_user_date takes), or a usage error naming it.
std::optional<Date> user_date(const Globals& g, const std::string& option, const std::string& text);
// The number of days typed for `option` (--within, --soon): plain decimal digits from 0 to 3650,
// leading zeros read as decimal (010 is ten). Hex, octal, signs, exponents, separators and
// fractions (0x0a, 0o12, +5, -1, 1e2, 1_000, 3.5) are a usage error naming the option and value.
std::optional<int> days_option(const Globals& g, const std::string& option,
                               const std::string& text);
// The as-of date (default today), or a usage error.
std::optional<Date> as_of_date(const Globals& g, const std::string& text);
// The filter the options describe, or a usage error (with a suggestion).
std::optional<LedgerFilter> make_filter(const Globals& g, const PlanIndex& index,
                                        const ReportOptions& o);
// open_plan, then the progress entries; errors in either are printed (exit 1).
std::optional<Session> open_ledger(const Globals& g);

// What every report starts from: the plan, the as-of date, the filter and the ledger as of that
// date, computed while the progress files stream past (entries are not kept).
struct ReportInput {
  Session session;
  Date as_of;
  LedgerFilter filter;
  Ledger ledger;
};
// Opens the plan, reads --as-of and the filters, and streams the progress files into the
// ledger. On failure the error is already printed and `exit_code` says how to exit.
std::optional<ReportInput> open_report(const Globals& g, const ReportOptions& o, int& exit_code,
                                       int soon_days = 30);

// Prints the errors among `diags` and the line that says the command stops because of them.
void report_errors(const Globals& g, const Diagnostics& diags, const Sources& sources);

struct Command {
  CLI::App* app;
  std::function<int()> run;
};

// The plan directory: --plan-dir, else $PLAN_DIR, else the nearest plan/ with a tasks.yaml from
// the current directory upwards. When there is none, adds a diagnostic.
std::optional<std::string> resolve_plan_dir(const Globals& g, Diagnostics& diags);

// Resolves the plan directory (--plan-dir, $PLAN_DIR, nearest plan/ upwards), loads and checks
// it. On errors prints them to stderr and returns nullopt (exit 1); warnings are not printed.
std::optional<Session> open_plan(const Globals& g);
// Prints diagnostics to stderr in the chosen language.
void print_diagnostics(const Globals& g, const Diagnostics& diags, const Sources& sources);

// Writes text to stdout exactly (a rendered result, already escaped by its renderer).
void out(const std::string& text);
// The longest message on stderr, in characters: the rest is cut with "…".
inline constexpr std::size_t kMessageChars = 1000;
// Writes one message line to stderr (say; cut after kMessageChars) or stdout (say_out; a
// confirmation, not cut) through escape_message: messages quote paths, values the user typed,
// names from the plan and git subjects, so every control character in them is shown as \xNN
// and never reaches the terminal raw.
void say(const std::string& line);
void say_out(const std::string& line);
// Writes a command's result: to stdout, or with -o to that file (atomically), saying so on
// stderr. Returns kOk, or kDataError when the file cannot be written.
int emit(const Globals& g, const std::string& text);
// Says on stderr that -o's file was written, or why not; kOk or kDataError.
int report_written(const Globals& g, const std::optional<std::string>& failure);
// "plan: usage error: …" on stderr; returns kUsage.
int usage_error(const Globals& g, const std::string& message);

// True when --by's value is one of `allowed`; otherwise prints a usage error (with the nearest).
bool check_by(const Globals& g, const std::string& by, const std::vector<std::string>& allowed);
// A JSON result as text (indented, one line feed at the end); JSON's own escaping covers control
// characters, and bytes that are not UTF-8 become U+FFFD.
std::string json_text(const Json& j);
// Prints a tabular result in the chosen format (json uses `json`); the exit code of emit().
int print_result(const Globals& g, const Table& table, const Json& json);

// Binds a repeatable --unit: each occurrence takes one value, which may itself be a list.
CLI::Option* add_units_option(CLI::App* app, const Globals& g, std::vector<std::string>& units);
// The concrete units that --unit values name (names, aliases or groups, each value possibly a
// list like 北平镇,古阳镇 or 北平镇、古阳镇), sorted and without repeats; or a usage error with
// the name someone most likely meant.
std::optional<std::vector<std::string>> resolve_units(const Globals& g, const PlanIndex& index,
                                                      const std::vector<std::string>& typed);
// The section --section names (四, 4, 第四部分), or a usage error listing the sections.
std::optional<std::string> resolve_section(const Globals& g, const Plan& plan,
                                           const std::string& typed);
// The task --task names (16, 第16条, 十六), or a usage error: a measure or part names its task.
std::optional<std::string> resolve_task(const Globals& g, const PlanIndex& index,
                                        const std::string& typed);

// The option that each draft field comes from, for messages: item → ITEM, date → --date, ….
inline const std::map<std::string, std::string> kEntryOptionNames = {
    {"item", "ITEM"},   {"unit", "--unit"},         {"status", "--status"}, {"date", "--date"},
    {"note", "--note"}, {"evidence", "--evidence"}, {"by", "--by"},         {"reason", "--reason"}};
// Prints each problem as a usage error naming its option; returns kUsage.
int print_draft_problems(const Globals& g, const std::vector<DraftProblem>& problems,
                         const std::map<std::string, std::string>& field_names);

// An entry named by id (or a unique prefix of at least 4 hex digits), with its unit's entries
// and its fate among them.
struct EntryTarget {
  const ProgressEntry* entry = nullptr;
  std::vector<ProgressEntry> unit_entries;
  EntryFate fate;
};
// Finds it among the session's entries (as written), or prints why not: no such id, an
// ambiguous prefix, a retraction, or an entry already retracted.
std::optional<EntryTarget> find_target(const Globals& g, const Session& s, const std::string& id);
// The locked, crash-safe append shared by record, amend, retract and import, then the
// confirmation (`done_key`) with the item's title and, for a task or part, the measures it covers.
int append_and_confirm(const Globals& g, const Session& s, const ProgressEntry& e,
                       const std::string& done_key);

Command setup_check(CLI::App& app, Globals& g);
Command setup_tasks(CLI::App& app, Globals& g);
Command setup_units(CLI::App& app, Globals& g);
// The plan directory and its place in a git repository; errors are printed (exit 2).
struct GitContext {
  std::string plan_dir;
  GitPlace place;
};
std::optional<GitContext> open_git(const Globals& g);
// The plan at a revision; errors (bad revision, no plan there, unreadable files) are printed.
std::optional<Snapshot> snapshot_at(const Globals& g, const GitContext& ctx, const std::string& rev,
                                    bool with_progress = true);
// The snapshot when its plan files could be read; otherwise prints why and returns nullopt.
std::optional<Snapshot> usable(const Globals& g, Snapshot s);
// Prints the problem of a failed git lookup as a usage-level error (exit 2).
void print_git_problem(const Globals& g, const GitLookup& problem, const std::string& plan_dir);

Command setup_init(CLI::App& app, Globals& g);
Command setup_diff(CLI::App& app, Globals& g);
Command setup_export(CLI::App& app, Globals& g);
Command setup_form(CLI::App& app, Globals& g);
Command setup_history(CLI::App& app, Globals& g);
Command setup_record(CLI::App& app, Globals& g);
Command setup_amend(CLI::App& app, Globals& g);
Command setup_retract(CLI::App& app, Globals& g);
Command setup_rename_unit(CLI::App& app, Globals& g);
Command setup_import(CLI::App& app, Globals& g);
Command setup_import_plan(CLI::App& app, Globals& g);
// The fingerprint (core/intake/form.h: plan_fingerprint) of the plan files as open_plan read them.
std::string plan_files_fingerprint(const LoadResult& loaded);
Command setup_status(CLI::App& app, Globals& g);
Command setup_overdue(CLI::App& app, Globals& g);
Command setup_due(CLI::App& app, Globals& g);
Command setup_report(CLI::App& app, Globals& g);
Command setup_log(CLI::App& app, Globals& g);
Command setup_stale(CLI::App& app, Globals& g);

}  // namespace plan::cli
