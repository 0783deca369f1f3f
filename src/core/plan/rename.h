// Renaming a unit (plan rename-unit): the texts of tasks.yaml and units.yaml with every mention
// of the old name changed, comments and layout kept, and the old name kept as an alias.
#pragma once
#include <optional>
#include <string>

#include "core/plan/plan_index.h"

namespace plan {

struct RenameTexts {
  std::string tasks;
  std::string units;
  int mentions = 0;  // names replaced in tasks.yaml and in group members
};

struct RenameResult {
  std::optional<RenameTexts> texts;
  std::string error;  // catalog key when texts is empty
  std::vector<std::string> args;
};

// `old_name` must be a unit's own name and `new_name` a name no other unit or group uses (it may
// be one of the unit's aliases, which is then dropped from the list). `comment` is written as a
// comment line above the unit (e.g. "2025-06-01 更名：市场监管局 → 市场监督管理局；机构改革").
// Every name the plan writes is replaced where the loader found it (file, line, column), so
// nothing else in the files changes.
RenameResult rename_unit_texts(const std::string& tasks_text, const std::string& units_text,
                               const PlanIndex& index, const std::string& old_name,
                               const std::string& new_name, const std::string& comment);

}  // namespace plan
