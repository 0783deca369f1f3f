// plan tasks: the breakdown as a tree, section → task → part → measure.
#include "cli/cli.h"
#include "core/common/text.h"

namespace plan::cli {

namespace {

struct TasksOptions {
  std::string section;
  std::vector<std::string> units;
};

int run_tasks(const Globals& g, const TasksOptions& o) {
  auto s = open_plan(g);
  if (!s) return kDataError;
  TasksQuery q;
  if (!o.section.empty()) {
    auto section = resolve_section(g, s->loaded->plan, o.section);
    if (!section) return kUsage;
    q.section = *section;
  }
  if (!o.units.empty()) {
    auto units = resolve_units(g, *s->index, o.units);
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
  add_units_option(sub, g, o->units);
  sub->footer(tr(g.lang, "help-tasks-examples"));
  return {sub, [&g, o] { return run_tasks(g, *o); }};
}

}  // namespace plan::cli
