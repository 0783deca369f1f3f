// Loading plan/tasks.yaml and plan/units.yaml into a Plan, collecting every problem.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/common/diag.h"
#include "core/plan/model.h"

namespace plan {

// The nearest `plan/` directory holding tasks.yaml, from `start` upwards (as git finds .git).
std::optional<std::string> find_plan_dir(const std::string& start);

struct LoadResult {
  Plan plan;
  Diagnostics diags;
  Sources sources;
  bool parsed = false;  // both files were read and are well-formed YAML (checks can run)
};

// Reads DIR/tasks.yaml and DIR/units.yaml. Problems go to diags; what could be read is kept.
LoadResult load_plan(const std::string& dir);

// The same from text already in memory (tests, and files read elsewhere).
// Both return false when the text is not well-formed YAML (nothing could be read).
bool load_tasks_text(std::string_view text, const std::string& file, Plan& plan,
                     Diagnostics& diags);
bool load_units_text(std::string_view text, const std::string& file, Plan& plan,
                     Diagnostics& diags);

// Canonical item ids from what a user types: "（25）" and "m25" → "(25)", "5A" → "5a".
std::string normalize_item_id(std::string_view id);

}  // namespace plan
