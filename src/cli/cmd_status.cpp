// plan status: every assignment with due date, state, last entry and days overdue.
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct StatusOptions {
  ReportOptions report;
  std::string soon = "30";
};

int run_status(const Globals& g, const StatusOptions& o) {
  auto soon = days_option(g, "--soon", o.soon);
  if (!soon) return kUsage;
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code, *soon);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  const Ledger& ledger = in->ledger;
  auto rows = select_rows(index, ledger, in->filter);
  return print_result(
      g,
      [&] {
        return framed(g, rows_table(index, ledger, rows, RowsKind::status, g.lang), in->as_of,
                      o.report, in->filter, "empty-status");
      },
      [&] { return rows_json(index, ledger, rows); }, ledger.skipped_files);
}

}  // namespace

Command setup_status(CLI::App& app, Globals& g) {
  auto o = std::make_shared<StatusOptions>();
  CLI::App* sub = app.add_subcommand("status", tr(g.lang, "help-status"));
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->add_option("--soon", o->soon, tr(g.lang, "help-opt-soon"))->type_name("DAYS");
  sub->footer(tr(g.lang, "help-status-examples"));
  return {sub, [&g, o] { return run_status(g, *o); }};
}

}  // namespace plan::cli
