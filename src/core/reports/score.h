// Scores per unit for a year (plan score, the brief's last section, a sheet of plan export),
// under rules the coordination office writes in plan/scoring.yaml. The rules are examples to
// adapt to the county's own assessment method, not official weights (docs/scoring.md).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/diag.h"
#include "core/ledger/ledger.h"
#include "core/reports/reports.h"

namespace plan {

// Points; every field may be left out of scoring.yaml, which then keeps the default here.
struct ScoringRules {
  double base = 100;              // every unit starts here
  double done_on_time = 0;        // per assignment due in the year, done by its deadline
  double done_late = -1;          // per assignment due in the year, done after it
  double overdue = -3;            // per assignment due in the year, past due and not done
  double overdue_per_month = -1;  // and per full 30 days it is overdue
  double blocked = -1;            // per assignment due in the year that is 受阻 (also if overdue)
  double missed_month = -1;       // per month of the year without a report while work was open
  std::optional<double> floor = 0.0;  // no score below this (null: none)
  bool from_file = false;             // false: the defaults above
};

// Reads scoring.yaml text; errors (with line and column) go to diags.
std::optional<ScoringRules> parse_scoring_rules(std::string_view text, const std::string& file,
                                                Diagnostics& diags);

struct ScoreRow {
  std::string unit;
  double score = 0;
  int rank = 0;  // 1 is best; equal scores share a rank
  int due = 0;   // assignments due in the year
  int done_on_time = 0, done_late = 0, overdue = 0, months_late = 0, blocked = 0, missed_months = 0,
      open = 0;  // open: due later in the year (on or after as_of), not done
};

struct ScoreResult {
  int year = 0;
  Date as_of;
  Date from, to;   // the days whose deadlines count: the year, up to as_of
  int months = 0;  // months of the year (from the plan's issue) that have ended by as_of
  ScoringRules rules;
  std::vector<ScoreRow> rows;  // best first
};

// Every unit with an assignment among `selected` rows (select_rows), scored as of the ledger's
// day for deadlines in `year`.
ScoreResult compute_scores(const PlanIndex& index, const Ledger& ledger,
                           const std::vector<std::size_t>& selected, const ScoringRules& rules,
                           int year);
Table score_table(const ScoreResult& r, Lang lang);
// {"as_of", "year", "from", "to", "months", "rules": {…}, "rows": [{"unit", "score", "rank", …}]}
Json score_json(const ScoreResult& r);
// The lines said under the table: how the score is made, and that the rules are examples.
std::vector<std::string> score_notes(const ScoreResult& r, Lang lang);

}  // namespace plan
