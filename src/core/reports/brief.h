// The monthly meeting's briefing (情况通报): the headline numbers and their change over the
// period, what was completed and what fell overdue in it, the overdue items with their units,
// the units that did not report, what falls due next, per-unit counts and (with rules) scores.
// Computed once from the ledger as of the day and as of the period's start, then written as a
// Document (Markdown, HTML, Word) or JSON; every number is the one the JSON reports give.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/ledger/ledger.h"
#include "core/reports/document.h"
#include "core/reports/reports.h"
#include "core/reports/score.h"

namespace plan {

struct BriefData {
  Date as_of, since;
  int within = 30;  // days ahead for "due soon"
  Counts now, then;
  std::vector<ItemRows> newly_done;     // done on a day in (since, as_of]
  std::vector<ItemRows> newly_overdue;  // overdue as of as_of, due on a day in [since, as_of)
  std::vector<ItemRows> overdue;        // every overdue item as of as_of
  std::vector<ItemRows> due_soon;       // not done, due within `within` days after as_of
  std::vector<StaleRow> silent;         // unfinished work and no report since `since`
  Summary by_unit;
  std::optional<ScoreResult> scores;
};

// `now` and `then` are the ledger as of the day and as of `since`, both over every assignment;
// the filter (units, section) chooses the rows the briefing is about.
BriefData compute_brief(const PlanIndex& index, const Ledger& now, const Ledger& then,
                        const LedgerFilter& filter, int within);

// `scope`: who the briefing is about when filtered ("北平镇", "第四部分"), empty for everyone.
Document brief_document(const PlanIndex& index, const Ledger& now, const BriefData& b, Lang lang,
                        const std::string& scope);
Json brief_json(const PlanIndex& index, const Ledger& now, const BriefData& b);

}  // namespace plan
