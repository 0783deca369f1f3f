// plan tasks: the breakdown as a tree, section → task → part → measure.
#include "cli/cli.h"
#include "core/common/text.h"

namespace plan::cli {

namespace {

struct TasksOptions {
  std::string section;
  std::string unit;
};

int run_tasks(const Globals& g, const TasksOptions& o) {
  auto s = open_plan(g);
  if (!s) return kDataError;
  TasksQuery q;
  if (!o.section.empty()) {
    std::vector<std::string> ids;
    for (const auto& sec : s->loaded->plan.sections) ids.push_back(sec.id);
    if (std::find(ids.begin(), ids.end(), o.section) == ids.end()) {
      std::string msg = tr(g.lang, "usage-no-section", {o.section, join(ids, " ")});
      return usage_error(g, msg);
    }
    q.section = o.section;
  }
  if (!o.unit.empty()) {
    auto units = resolve_unit_filter(g, *s->index, o.unit);
    if (!units) return kUsage;
    q.units = *units;
  }
  TasksView view = compute_tasks(*s->index, q);
  return print_result(g, tasks_table(*s->index, view, g.lang), tasks_json(*s->index, view));
}

}  // namespace

Command setup_tasks(CLI::App& app, Globals& g) {
  auto o = std::make_shared<TasksOptions>();
  CLI::App* sub = app.add_subcommand("tasks", tr(g.lang, "help-tasks"));
  sub->add_option("--section", o->section, tr(g.lang, "help-opt-section"))->type_name("SECTION");
  sub->add_option("--unit", o->unit, tr(g.lang, "help-opt-unit"))->type_name("UNIT");
  sub->footer(tr(g.lang, "help-tasks-examples"));
  return {sub, [&g, o] { return run_tasks(g, *o); }};
}

}  // namespace plan::cli
