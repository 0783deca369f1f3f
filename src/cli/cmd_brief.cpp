// plan brief: the meeting's written briefing (情况通报) as Markdown, HTML or Word, or its
// numbers as JSON.
#include "cli/cli.h"
#include "core/common/files.h"
#include "core/reports/brief.h"
#include "core/writers/document.h"

namespace plan::cli {

namespace {

struct BriefOptions {
  ReportOptions report;
  std::string since;
  std::string within = "30";
  std::string year;
};

int run_brief(const Globals& g, const BriefOptions& o) {
  auto within = days_option(g, "--within", o.within);
  if (!within) return kUsage;
  if (g.format == "docx" && g.output.empty())
    return usage_error(g, tr(g.lang, "usage-docx-needs-output"));
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code, *within, &o.since);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  auto year = score_year(g, o.year, in->as_of);
  if (!year) return kUsage;
  auto rules = load_scoring_rules(g, in->session.loaded->plan.dir);
  if (!rules) return kDataError;

  BriefData b = compute_brief(index, in->ledger, *in->earlier, in->filter, *within);
  b.scores =
      compute_scores(index, in->ledger, select_rows(index, in->ledger, in->filter), *rules, *year);
  int rc = kOk;
  if (g.format == "json") {
    rc = emit(g, json_text(brief_json(index, in->ledger, b)));
  } else {
    Document doc = brief_document(index, in->ledger, b, g.lang, scope_text(g, in->filter));
    if (g.format == "html") {
      rc = emit(g, render_document_html(doc));
    } else if (g.format == "docx") {
      std::string failure;
      auto bytes = render_docx(doc, failure);
      rc = report_written(
          g, bytes ? write_output_file(g.output, *bytes) : std::optional<std::string>(failure));
    } else {
      rc = emit(g, render_document_markdown(doc));
    }
  }
  return rc == kOk && !in->ledger.skipped_files.empty() ? kDataError : rc;
}

}  // namespace

Command setup_brief(CLI::App& app, Globals& g) {
  auto o = std::make_shared<BriefOptions>();
  CLI::App* sub = app.add_subcommand("brief", tr(g.lang, "help-brief"));
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->add_option("--since", o->since, tr(g.lang, "help-opt-brief-since"))->type_name("DATE");
  sub->add_option("--within", o->within, tr(g.lang, "help-opt-within"))->type_name("DAYS");
  sub->add_option("--year", o->year, tr(g.lang, "help-opt-year"))->type_name("YEAR");
  sub->footer(tr(g.lang, "help-brief-examples"));
  return {sub, [&g, o] { return run_brief(g, *o); }};
}

}  // namespace plan::cli
