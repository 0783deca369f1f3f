// plan form --unit U [-o FILE.xlsx] | plan form --all [--unit GROUP] -o DIR: the reporting
// forms (报送表) that units fill in and send back.
#include <filesystem>

#include "cli/cli.h"
#include "core/common/files.h"
#include "core/common/text.h"
#include "core/intake/form.h"
#include "core/plan/names.h"

namespace plan::cli {

namespace {

namespace fs = std::filesystem;

struct FormOptions {
  ReportOptions report;  // --as-of
  std::string unit;
  bool all = false;
};

// The units the options name, in units.yaml order; a usage error (printed) gives nullopt.
std::optional<std::vector<std::string>> chosen_units(const Globals& g, const PlanIndex& index,
                                                     const FormOptions& o) {
  if (o.unit.empty()) {
    std::vector<std::string> all;
    for (const Unit& u : index.plan().units)
      if (index.assigned_count(u.name) > 0) all.push_back(u.name);
    return all;
  }
  if (const Unit* u = index.find_unit(o.unit)) {
    if (index.assigned_count(u->name) == 0) {
      usage_error(g, tr(g.lang, "usage-form-nothing-assigned", {u->name}));
      return std::nullopt;
    }
    return std::vector<std::string>{u->name};
  }
  if (const Group* grp = index.find_group(o.unit)) {
    std::vector<std::string> members = index.expand_in_order(grp->name);
    if (!o.all) {
      usage_error(g, tr(g.lang, "usage-form-group", {grp->name, join(members, "、")}));
      return std::nullopt;
    }
    std::erase_if(members, [&](const std::string& m) { return index.assigned_count(m) == 0; });
    return members;
  }
  std::string msg = tr(g.lang, "record-unknown-unit", {o.unit});
  if (auto near = suggest_unit_name(index, o.unit)) msg += tr(g.lang, "did-you-mean", {*near});
  usage_error(g, msg);
  return std::nullopt;
}

int run_form(const Globals& g, const FormOptions& o) {
  if (!o.all && o.unit.empty()) return usage_error(g, tr(g.lang, "usage-form-needs-unit"));
  if (o.all && g.output.empty()) return usage_error(g, tr(g.lang, "usage-form-all-needs-dir"));
  int exit_code = kOk;
  auto in = open_report(g, o.report, exit_code);
  if (!in) return exit_code;
  const PlanIndex& index = *in->session.index;
  auto units = chosen_units(g, index, o);
  if (!units) return kUsage;

  const std::string fingerprint = plan_files_fingerprint(*in->session.loaded);

  std::error_code ec;
  if (o.all) {
    fs::create_directories(g.output, ec);
    if (ec || !fs::is_directory(g.output)) {
      say("plan: " + tr(g.lang, "write-failed", {g.output, ec ? ec.message() : "not a directory"}));
      return kDataError;
    }
  }
  int written = 0;
  const std::vector<std::string>& skipped = in->ledger.skipped_files;
  for (const std::string& unit : *units) {
    // A form filled in from a ledger without the unit's own entries would show its work as not
    // started: it is not made until the file is fixed. Other units' forms do not depend on it.
    const std::string own = progress_file_name(unit);
    if (std::any_of(skipped.begin(), skipped.end(),
                    [&](const std::string& f) { return fs::path(f).filename() == own; })) {
      say("plan: " + tr(g.lang, "form-unit-skipped", {unit}));
      continue;
    }
    std::string path = form_file_name(unit);
    // A single form goes to -o FILE, or into -o DIR when that is a directory.
    if (o.all || (!g.output.empty() && fs::is_directory(g.output, ec))) {
      path = (fs::path(g.output) / path).string();
    } else if (!g.output.empty()) {
      path = g.output;
    }
    Diagnostics warnings;
    auto failure = write_form(path, index, in->ledger, unit, g.lang, fingerprint, &warnings);
    print_diagnostics(g, warnings, Sources{});
    if (failure) {
      say("plan: " + tr(g.lang, "write-failed", {path, write_failure_text(*failure, g.lang)}));
      return kDataError;
    }
    say(tr(g.lang, "written", {path}));
    ++written;
  }
  if (o.all) say(tr(g.lang, "form-written-all", {std::to_string(written), g.output}));
  return skipped.empty() ? kOk : kDataError;
}

}  // namespace

std::string plan_files_fingerprint(const LoadResult& loaded) {
  // The bytes open_plan read, not a second read that could see a file changed in between.
  const std::string* tasks = loaded.sources.text(loaded.plan.tasks_file);
  const std::string* units = loaded.sources.text(loaded.plan.units_file);
  return plan_fingerprint(tasks ? *tasks : "", units ? *units : "");
}

Command setup_form(CLI::App& app, Globals& g) {
  auto o = std::make_shared<FormOptions>();
  CLI::App* sub = app.add_subcommand("form", tr(g.lang, "help-form"));
  sub->add_option("--unit", o->unit, tr(g.lang, "help-opt-form-unit"))->type_name("UNIT");
  sub->add_flag("--all", o->all, tr(g.lang, "help-opt-form-all"));
  add_report_options(sub, g, o->report, false, false);
  sub->footer(tr(g.lang, "help-form-examples"));
  return {sub, [&g, o] { return run_form(g, *o); }};
}

}  // namespace plan::cli
