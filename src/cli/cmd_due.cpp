// plan due: what falls due in the next N days.
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct DueOptions {
  ReportOptions report;
  std::string by = "unit";
  std::string within = "30";
};

int run_due(const Globals& g, const DueOptions& o) {
  if (!check_by(g, o.by, {"unit", "item"})) return kUsage;
  auto within = days_option(g, "--within", o.within);
  if (!within) return kUsage;
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code, *within);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  const Ledger& ledger = in->ledger;
  auto rows = due_rows(index, ledger, select_rows(index, ledger, in->filter), *within);
  if (o.by == "item") {
    auto groups = group_by_item(index, ledger, rows);
    return print_result(
        g,
        [&] {
          return framed(g, item_rows_table(index, ledger, groups, RowsKind::due, g.lang), in->as_of,
                        o.report, in->filter, "empty-due");
        },
        [&] { return item_rows_json(index, ledger, groups); }, ledger.skipped_files);
  }
  return print_result(
      g,
      [&] {
        return framed(g, rows_table(index, ledger, rows, RowsKind::due, g.lang), in->as_of,
                      o.report, in->filter, "empty-due");
      },
      [&] { return rows_json(index, ledger, rows); }, ledger.skipped_files);
}

}  // namespace

Command setup_due(CLI::App& app, Globals& g) {
  auto o = std::make_shared<DueOptions>();
  CLI::App* sub = app.add_subcommand("due", tr(g.lang, "help-due"));
  sub->add_option("--within", o->within, tr(g.lang, "help-opt-within"))->type_name("DAYS");
  sub->add_option("--by", o->by, tr(g.lang, "help-opt-by-item"))->type_name("unit|item");
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->footer(tr(g.lang, "help-due-examples"));
  return {sub, [&g, o] { return run_due(g, *o); }};
}

}  // namespace plan::cli
