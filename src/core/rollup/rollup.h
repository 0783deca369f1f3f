// A roll-up: every member's ledger as of one day, computed as plan report computes it inside
// that member, one row per member and a total; and, with links to a parent plan, per parent
// task the members carrying it out.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/ledger/ledger.h"
#include "core/reports/table.h"
#include "core/reports/views.h"
#include "core/rollup/config.h"
#include "core/rollup/source.h"

namespace plan {

struct MemberRow {
  std::string name;
  std::string label;   // where it was read (a path, or URL@ref and the commit)
  std::string commit;  // git members: the commit read
  // Why the member is not in the numbers (it could not be read, or its plan has errors): its
  // errors, with their places. Empty when it was read.
  Diagnostics problems;
  Sources sources;
  Counts counts;
  std::vector<std::string> silent_units;  // not reported in the last 30 days (plan stale)
  std::optional<Date> last_report;        // the latest day any unit reported
  // Progress files left out for their errors: plan report inside the member says the same.
  std::vector<std::string> skipped_files;
  Diagnostics skipped_diags;
  Sources skipped_sources;
  // Links to ids the parent plan does not have (warnings at the link's place).
  Diagnostics link_problems;
  // Per parent task (or, without a parent plan, per id as linked): the member's assignments
  // carrying it out.
  std::map<std::string, Counts> by_parent;
  bool ok() const { return problems.empty(); }
};

struct ParentTaskRow {
  std::string id;
  std::string title;  // "" without a parent plan
  std::optional<Date> due;
  std::vector<std::pair<std::size_t, Counts>> members;  // index into Rollup::rows
  Counts total;
};

struct Rollup {
  std::string title;
  Date as_of;
  std::string plan_at;
  int silent_days = 30;
  std::vector<MemberRow> rows;  // rollup.yaml order
  Counts total;                 // of the members read
  std::optional<Date> last_report;
  std::size_t silent_units = 0;
  bool has_parent = false;
  std::string parent_label;
  Diagnostics parent_problems;  // the parent plan could not be read
  Sources parent_sources;
  std::vector<ParentTaskRow> parent_tasks;  // parent plan order; linked ones only
  std::vector<ParentTaskRow> uncovered;     // parent tasks no member carries out
  std::size_t failed() const;
  bool incomplete() const;  // a member failed or left files out, or a link is unknown
};

struct RollupOptions {
  Date as_of;
  Date today;            // entries dated after it are errors, as in every command
  std::string plan_at;   // YYYY-MM-DD, or ""
  unsigned threads = 1;  // members read at once
  int silent_days = 30;
};

// Reads every member (threads at a time, one file at a time inside each, so memory grows with
// the largest member, not with their number), and the parent plan when there is one.
Rollup compute_rollup(const RollupConfig& config, const RollupOptions& options);

// One row per member and the total; failed members say why in the last column.
Table rollup_table(const Rollup& r, Lang lang);
// {"as_of", "title", "rows": [{"member", "total", "done", …, "silent_units", "last_report"}],
//  "total": {…}, "failed": [{"member", "errors": […]}]}
Json rollup_json(const Rollup& r, Lang lang);
// Per parent task: the members carrying it out, their completion and overdue; then the parent
// tasks no member carries out.
Table parent_task_table(const Rollup& r, Lang lang);
Json parent_task_json(const Rollup& r);
// The reason a failed member is not counted, in one line (its first error).
std::string failure_text(const MemberRow& m, Lang lang);

}  // namespace plan
