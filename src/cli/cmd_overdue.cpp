// plan overdue: overdue assignments, most overdue first, grouped by unit.
#include "cli/cli.h"

namespace plan::cli {

namespace {

struct OverdueOptions {
  ReportOptions report;
  std::string by = "unit";
  bool fail_if_any = false;
};

int run_overdue(const Globals& g, const OverdueOptions& o) {
  if (!check_by(g, o.by, {"unit", "item"})) return kUsage;
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  const Ledger& ledger = in->ledger;
  auto rows = overdue_rows(index, ledger, select_rows(index, ledger, in->filter));
  if (o.by == "item") {
    auto groups = group_by_item(index, ledger, rows);
    if (int rc = print_result(
            g,
            [&] {
              return framed(g, item_rows_table(index, ledger, groups, RowsKind::overdue, g.lang),
                            in->as_of, o.report, in->filter, "empty-overdue");
            },
            [&] { return item_rows_json(index, ledger, groups); }, ledger.skipped_files);
        rc != kOk)
      return rc;
    return o.fail_if_any && !rows.empty() ? kDataError : kOk;
  }
  if (int rc = print_result(
          g,
          [&] {
            return framed(g, rows_table(index, ledger, rows, RowsKind::overdue, g.lang), in->as_of,
                          o.report, in->filter, "empty-overdue");
          },
          [&] { return rows_json(index, ledger, rows); }, ledger.skipped_files);
      rc != kOk)
    return rc;
  return o.fail_if_any && !rows.empty() ? kDataError : kOk;
}

}  // namespace

Command setup_overdue(CLI::App& app, Globals& g) {
  auto o = std::make_shared<OverdueOptions>();
  CLI::App* sub = app.add_subcommand("overdue", tr(g.lang, "help-overdue"));
  sub->add_option("--by", o->by, tr(g.lang, "help-opt-by-item"))->type_name("unit|item");
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->add_flag("--fail-if-any", o->fail_if_any, tr(g.lang, "help-opt-fail-if-any"));
  sub->footer(tr(g.lang, "help-overdue-examples"));
  return {sub, [&g, o] { return run_overdue(g, *o); }};
}

}  // namespace plan::cli
