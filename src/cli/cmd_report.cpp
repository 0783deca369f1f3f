// plan report --by unit|section|task: counts and completion per unit, section or task, with
// totals; with --unit, --section or --task over the chosen rows only. --format html: the
// dashboard, of the chosen rows only when filtered.
#include "cli/cli.h"
#include "core/common/text.h"
#include "core/writers/dashboard.h"

namespace plan::cli {

namespace {

struct ReportCmdOptions {
  ReportOptions report;
  std::string by = "unit";
  std::string since;  // html: "not reported since"
};

int run_report(const Globals& g, const ReportCmdOptions& o) {
  if (!check_by(g, o.by, {"unit", "section", "task"})) return kUsage;
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  // Filtered: every part of the result counts the chosen rows only.
  std::optional<Ledger> part;
  if (!in->filter.units.empty() || in->filter.section || in->filter.task)
    part = ledger_part(in->ledger, select_rows(index, in->ledger, in->filter));
  const Ledger& ledger = part ? *part : in->ledger;
  if (g.format == "html") {
    DashboardOptions d;
    d.since = add_days(in->as_of, -30);
    if (!o.since.empty()) {
      auto since = user_date(g, "--since", o.since);
      if (!since) return kUsage;
      d.since = *since;
    }
    d.generator = std::string("plan ") + PLAN_VERSION;
    d.scope = filter_title(in->filter, g.lang);
    // The dashboard carries its own note when the ledger is incomplete.
    int rc = emit(g, render_dashboard(index, ledger, d, g.lang));
    return rc == kOk && !ledger.skipped_files.empty() ? kDataError : rc;
  }
  Summary sum = summarize(index, ledger, o.by);
  return print_result(
      g,
      [&] {
        return framed(g, summary_table(sum, g.lang), in->as_of, o.report, in->filter,
                      "empty-report");
      },
      [&] { return summary_json(sum, in->as_of); }, ledger.skipped_files);
}

}  // namespace

Command setup_report(CLI::App& app, Globals& g) {
  auto o = std::make_shared<ReportCmdOptions>();
  CLI::App* sub = app.add_subcommand("report", tr(g.lang, "help-report"));
  sub->add_option("--by", o->by, tr(g.lang, "help-opt-by"))->type_name("unit|section|task");
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->add_option("--since", o->since, tr(g.lang, "help-opt-stale-since"))->type_name("DATE");
  sub->footer(tr(g.lang, "help-report-examples"));
  return {sub, [&g, o] { return run_report(g, *o); }};
}

}  // namespace plan::cli
