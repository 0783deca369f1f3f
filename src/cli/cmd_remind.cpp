// plan remind: a short reminder per unit with overdue items or items falling due soon; to
// stdout, or with -o DIR one file per unit (DIR/<unit>.txt).
#include <filesystem>

#include "cli/cli.h"
#include "core/common/files.h"
#include "core/reports/remind.h"

namespace plan::cli {

namespace fs = std::filesystem;

namespace {

struct RemindOptions {
  ReportOptions report;
  std::string within = "30";
};

int run_remind(const Globals& g, const RemindOptions& o) {
  auto within = days_option(g, "--within", o.within);
  if (!within) return kUsage;
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code, *within);
  if (!in) return exit_code;
  auto list = make_reminders(*in->session.index, in->ledger, in->filter, *within, g.lang);
  const bool incomplete = !in->ledger.skipped_files.empty();
  if (g.output.empty()) {
    if (list.empty()) say_out(tr(g.lang, "remind-none", {iso(in->as_of)}));
    std::string text;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) text += "\n" + std::string(40, '=') + "\n\n";
      text += list[i].text;
    }
    out(text);
    return incomplete ? kDataError : kOk;
  }
  // -o DIR: one file per unit, named as its progress file is (unsafe characters as %XX).
  std::error_code ec;
  fs::create_directories(g.output, ec);
  if (ec || !fs::is_directory(g.output, ec)) {
    say("plan: " + tr(g.lang, "write-failed", {g.output, tr(g.lang, "write-not-a-directory")}));
    return kDataError;
  }
  for (const auto& r : list) {
    std::string name = progress_file_name(r.unit);
    name = name.substr(0, name.size() - 5) + ".txt";  // .yaml → .txt
    const std::string path = (fs::path(g.output) / name).string();
    if (auto failure = write_output_file(path, r.text)) {
      say("plan: " + tr(g.lang, "write-failed", {path, write_failure_text(*failure, g.lang)}));
      return kDataError;
    }
  }
  say(tr(g.lang, "remind-written", {std::to_string(list.size()), g.output}));
  return incomplete ? kDataError : kOk;
}

}  // namespace

Command setup_remind(CLI::App& app, Globals& g) {
  auto o = std::make_shared<RemindOptions>();
  CLI::App* sub = app.add_subcommand("remind", tr(g.lang, "help-remind"));
  add_report_options(sub, g, o->report, true, true);
  add_plan_at_option(sub, g, o->report);
  sub->add_option("--within", o->within, tr(g.lang, "help-opt-within"))->type_name("DAYS");
  sub->footer(tr(g.lang, "help-remind-examples"));
  return {sub, [&g, o] { return run_remind(g, *o); }};
}

}  // namespace plan::cli
