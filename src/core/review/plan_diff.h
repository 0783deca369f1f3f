// What changed in a plan between two versions, in the plan's own terms: deadlines moved
// (extensions apart from advances), units and assignments added or removed, items added,
// removed or re-worded, units renamed, progress entries added — and entries changed or deleted,
// which rewrite history and are flagged.
#pragma once
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/reports/table.h"
#include "core/reports/views.h"
#include "core/review/snapshot.h"

namespace plan {

struct Change {
  std::string scope;  // task id, requirement id, or "units", "groups", "progress"
  std::string item;   // item id, unit or group name
  std::string kind;   // catalog key suffix: item-added, deadline-extended, entry-deleted, …
  std::string before;
  std::string after;
  std::string detail;
  bool flag =
      false;  // needs a reviewer's attention: history rewritten, or an unexplained extension
};

struct PlanDiff {
  std::string from, to;
  std::vector<Change> changes;
  std::size_t flags() const;
};

// Compares two snapshots whose plan files parsed.
PlanDiff diff_plans(const Snapshot& before, const Snapshot& after);

// Warnings for deadlines that are later in `after` than in `before` and have no delays entry
// starting from the earlier deadline (plan check --against REV).
Diagnostics check_extensions(const PlanIndex& before, const PlanIndex& after);

Table diff_table(const PlanDiff& diff, Lang lang);
Json diff_json(const PlanDiff& diff);

}  // namespace plan
