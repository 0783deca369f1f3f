// The self-contained HTML dashboard (plan report --format html): summary cards, completion by
// section and by unit, the overdue list, a deadline timeline with the as-of line, what falls
// due next and who has not reported. No network: inline CSS and SVG only.
#pragma once
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/ledger/ledger.h"
#include "core/progress/progress.h"

namespace plan {

struct DashboardOptions {
  Date since;             // "not reported since" (default: as_of − 30 days)
  int due_within = 30;    // the "falls due next" window
  std::string generator;  // e.g. "plan 0.1.0"
};

// The page. Every text from the plan or the ledger goes through escape_html
// (core/common/escape.h), in element content and in attribute values alike.
std::string render_dashboard(const PlanIndex& index, const Ledger& ledger,
                             const DashboardOptions& options, Lang lang);

}  // namespace plan
