// Reminders (plan remind): for each unit with overdue items or items falling due soon, a short
// plain text to paste into a chat group or attach to a letter.
#pragma once
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/ledger/ledger.h"
#include "core/reports/reports.h"

namespace plan {

struct Reminder {
  std::string unit;
  int overdue = 0;   // assignments overdue
  int due_soon = 0;  // assignments due within the window
  std::string text;  // several lines, each ending in "\n"; no control characters
};

// Units in units.yaml order; a unit with nothing overdue and nothing due soon gets none.
std::vector<Reminder> make_reminders(const PlanIndex& index, const Ledger& ledger,
                                     const LedgerFilter& filter, int within, Lang lang);

}  // namespace plan
