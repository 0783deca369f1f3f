// The self-contained HTML dashboard (plan report --format html): summary cards, completion by
// section and by unit, a deadline timeline with the as-of line, the overdue items and what falls
// due next (one row per item, with its units), and who has not reported. No network: inline CSS
// and SVG only. Prints on A4 landscape; reads on a phone without scrolling sideways.
#pragma once
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/ledger/ledger.h"
#include "core/progress/progress.h"
#include "core/rollup/rollup.h"

namespace plan {

struct DashboardOptions {
  Date since;             // "not reported since" (default: as_of − 30 days)
  int due_within = 30;    // the "falls due next" window
  std::string generator;  // e.g. "plan 0.1.0"
  std::string scope;      // who the page is about (filter_title: 北平镇), "" for everyone
};

// The page, over every row of `ledger`: for one unit or section, pass ledger_part of the chosen
// rows and say who in `scope`. Every text from the plan or the ledger goes through escape_html
// (core/common/escape.h), in element content and in attribute values alike.
std::string render_dashboard(const PlanIndex& index, const Ledger& ledger,
                             const DashboardOptions& options, Lang lang);

// The city's page over a roll-up (plan rollup --format html): summary cards, a row of bars per
// member, the members that could not be read and why, the members with silent units, and (with
// links to a parent plan) the parent tasks with the members carrying them out and those no member
// covers. The same style, print and phone rules as the dashboard.
std::string render_rollup_dashboard(const Rollup& rollup, const std::string& generator, Lang lang);

}  // namespace plan
