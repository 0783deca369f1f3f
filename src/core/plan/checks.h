// Validation of a loaded plan: a list of small independent checks, each adding diagnostics.
#pragma once
#include "core/common/diag.h"
#include "core/plan/model.h"
#include "core/plan/plan_index.h"

namespace plan {

void check_duplicate_ids(const Plan& plan, const PlanIndex& index, Diagnostics& diags);
void check_unit_names(const Plan& plan, const PlanIndex& index, Diagnostics& diags);
void check_unit_refs(const Plan& plan, const PlanIndex& index, Diagnostics& diags);
void check_group_cycles(const Plan& plan, const PlanIndex& index, Diagnostics& diags);
void check_deadline_order(const Plan& plan, const PlanIndex& index, Diagnostics& diags);
void check_numbering(const Plan& plan, const PlanIndex& index, Diagnostics& diags);
void check_tracked_items(const Plan& plan, const PlanIndex& index, Diagnostics& diags);
void check_unassigned_units(const Plan& plan, const PlanIndex& index, Diagnostics& diags);

// Marks the warnings the plan acknowledges (same code; the message's arguments contain `match`
// when one is given), and warns of acknowledgements that match no warning.
void acknowledge_warnings(const std::vector<Acknowledgement>& acks, Diagnostics& diags);

// Every check above, in order.
Diagnostics check_plan(const Plan& plan, const PlanIndex& index);

}  // namespace plan
