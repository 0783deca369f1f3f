// The `tasks` and `units` listings: computed once, then rendered as a Table or as JSON.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/plan/plan_index.h"
#include "core/reports/table.h"

namespace plan {

using Json = nlohmann::ordered_json;

// Responsible units as the plan writes them, with roles: 司法局（牵头）、各行政执法单位（落实）.
std::string units_as_written(const std::vector<UnitRef>& refs, Lang lang);
// Distinct due dates of an item and, for a task, of its parts, sorted.
std::vector<Date> own_due_dates(const PlanIndex& index, std::size_t item);

struct TasksQuery {
  std::optional<std::string> section;  // section id
  std::vector<std::string> units;      // concrete units; empty = all
};

struct TasksView {
  struct Row {
    std::optional<std::size_t> section;  // index into plan.sections, for a section heading
    std::optional<std::size_t> item;     // index into items()
    int depth = 0;
  };
  std::vector<Row> rows;
};

TasksView compute_tasks(const PlanIndex& index, const TasksQuery& query);
Table tasks_table(const PlanIndex& index, const TasksView& view, Lang lang);
Json tasks_json(const PlanIndex& index, const TasksView& view);

Table units_table(const PlanIndex& index, Lang lang);
Table groups_table(const PlanIndex& index, Lang lang);
Json units_json(const PlanIndex& index);

}  // namespace plan
