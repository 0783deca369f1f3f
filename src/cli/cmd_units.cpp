// plan units: units with kind, aliases, groups and how many items each is assigned.
#include "cli/cli.h"

namespace plan::cli {

namespace {

int run_units(const Globals& g, bool groups) {
  auto s = open_plan(g);
  if (!s) return kDataError;
  return print_result(g, groups ? groups_table(*s->index, g.lang) : units_table(*s->index, g.lang),
                      units_json(*s->index));
}

}  // namespace

Command setup_units(CLI::App& app, Globals& g) {
  auto groups = std::make_shared<bool>(false);
  CLI::App* sub = app.add_subcommand("units", tr(g.lang, "help-units"));
  sub->add_flag("--groups", *groups, tr(g.lang, "help-opt-groups"));
  sub->footer(tr(g.lang, "help-units-examples"));
  return {sub, [&g, groups] { return run_units(g, *groups); }};
}

}  // namespace plan::cli
