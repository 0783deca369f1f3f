// Helpers shared by the report commands.
#include <filesystem>
#include <thread>

#include "cli/cli.h"
#include "core/common/text.h"

namespace plan::cli {

void add_report_options(CLI::App* app, const Globals& g, ReportOptions& o, bool unit,
                        bool section_task) {
  app->add_option("--as-of", o.as_of, tr(g.lang, "help-opt-as-of"))->type_name("DATE");
  if (unit) app->add_option("--unit", o.unit, tr(g.lang, "help-opt-unit"))->type_name("UNIT");
  if (section_task) {
    app->add_option("--section", o.section, tr(g.lang, "help-opt-section"))->type_name("SECTION");
    app->add_option("--task", o.task, tr(g.lang, "help-opt-task"))->type_name("TASK");
  }
}

void add_plan_at_option(CLI::App* app, const Globals& g, ReportOptions& o) {
  app->add_option("--plan-at", o.plan_at, tr(g.lang, "help-opt-plan-at"))->type_name("REV|DATE");
}

std::optional<Date> user_date(const Globals& g, const std::string& option,
                              const std::string& text) {
  bool well_formed = false;
  if (auto d = parse_user_date(text, &well_formed)) return d;
  usage_error(g, option + ": " + tr(g.lang, well_formed ? "bad-date" : "bad-user-date", {text}));
  return std::nullopt;
}

std::optional<Date> as_of_date(const Globals& g, const std::string& text) {
  if (text.empty()) return g.today;
  return user_date(g, "--as-of", text);
}

namespace {

// The plan as it stood at a revision, or on a date (the last commit on or before it), with the
// working tree's plan directory for the progress files. Problems are printed (exit 2).
std::optional<Session> plan_at_session(const Globals& g, const std::string& plan_at,
                                       std::string& progress_dir) {
  auto ctx = open_git(g);
  if (!ctx) return std::nullopt;
  std::string rev = plan_at;
  bool well_formed = false;
  if (auto date = parse_user_date(plan_at, &well_formed)) {
    GitLookup problem;
    auto commit = git_commit_on_or_before(ctx->place, iso(*date), problem);
    if (!commit) {
      print_git_problem(g, problem, ctx->plan_dir);
      return std::nullopt;
    }
    rev = *commit;
  } else if (well_formed) {
    usage_error(g, "--plan-at: " + tr(g.lang, "bad-date", {plan_at}));
    return std::nullopt;
  }
  auto snap = snapshot_at(g, *ctx, rev, false);
  if (!snap) return std::nullopt;
  GitResult when = run_git(ctx->place.root, {"log", "-1", "--format=%cs", rev, "--"});
  std::string note =
      tr(g.lang, "plan-at-note",
         {plan_at == rev ? snap->label : plan_at + " → " + snap->label, when.out.substr(0, 10)}) +
      "\n";
  std::fwrite(note.data(), 1, note.size(), stderr);
  progress_dir = (std::filesystem::path(ctx->plan_dir) / "progress").string();
  Session s;
  s.loaded = std::move(snap->loaded);
  s.index = std::move(snap->index);
  return s;
}

}  // namespace

std::optional<LedgerFilter> make_filter(const Globals& g, const PlanIndex& index,
                                        const ReportOptions& o) {
  LedgerFilter f;
  if (!o.unit.empty()) {
    auto units = resolve_unit_filter(g, index, o.unit);
    if (!units) return std::nullopt;
    f.units = *units;
  }
  if (!o.section.empty()) {
    std::vector<std::string> ids;
    for (const auto& s : index.plan().sections) ids.push_back(s.id);
    if (std::find(ids.begin(), ids.end(), o.section) == ids.end()) {
      usage_error(g, tr(g.lang, "usage-no-section", {o.section, join(ids, " ")}));
      return std::nullopt;
    }
    f.section = o.section;
  }
  if (!o.task.empty()) {
    auto item = index.find_item(o.task);
    if (!item || index.items()[*item].type != ItemType::task) {
      std::vector<std::string> tasks;
      for (const auto& it : index.items())
        if (it.type == ItemType::task) tasks.push_back(it.id);
      std::string msg = tr(g.lang, "usage-no-task", {o.task});
      if (auto near = nearest(o.task, tasks)) msg += tr(g.lang, "did-you-mean", {*near});
      usage_error(g, msg);
      return std::nullopt;
    }
    f.task = index.items()[*item].id;
  }
  return f;
}

std::optional<Session> open_ledger(const Globals& g) {
  auto s = open_plan(g);
  if (!s) return std::nullopt;
  std::string dir = (std::filesystem::path(s->loaded->plan.dir) / "progress").string();
  ProgressLoad p = load_progress(dir, *s->index, g.today);
  if (has_errors(p.diags)) {
    report_errors(g, p.diags, p.sources);
    return std::nullopt;
  }
  s->entries = std::move(p.entries);
  return s;
}

std::optional<ReportInput> open_report(const Globals& g, const ReportOptions& o, int& exit_code,
                                       int soon_days) {
  exit_code = kDataError;
  std::string dir;
  std::optional<Session> s;
  if (o.plan_at.empty()) {
    s = open_plan(g);
    if (s) dir = (std::filesystem::path(s->loaded->plan.dir) / "progress").string();
  } else {
    exit_code = kUsage;
    s = plan_at_session(g, o.plan_at, dir);
  }
  if (!s) return std::nullopt;
  exit_code = kUsage;
  auto as_of = as_of_date(g, o.as_of);
  if (!as_of) return std::nullopt;
  auto filter = make_filter(g, *s->index, o);
  if (!filter) return std::nullopt;
  LedgerBuilder builder(*s->index, *as_of, soon_days);
  // Files are read in parallel: each belongs to one unit, whose assignments no other file
  // touches, so the builder needs no lock.
  StreamOptions options;
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  // Against an older plan, entries made for what it did not have yet are left out, not errors.
  options.lenient = !o.plan_at.empty();
  // One unit's broken file must not hide every other unit: it is left out and said so.
  options.skip_broken_files = true;
  ProgressStream p = stream_progress(
      dir, *s->index, g.today, [&](ProgressEntry&& e) { builder.add(e); }, options);
  say_skipped(g, p);
  if (p.ignored > 0) {
    std::string note = tr(g.lang, "plan-at-ignored", {std::to_string(p.ignored)}) + "\n";
    std::fwrite(note.data(), 1, note.size(), stderr);
  }
  exit_code = p.skipped_files.empty() ? kOk : kDataError;
  Ledger ledger = builder.finish();
  ledger.skipped_files = std::move(p.skipped_files);
  return ReportInput{std::move(*s), *as_of, std::move(*filter), std::move(ledger)};
}

void say_skipped(const Globals& g, const ProgressStream& p) {
  if (p.skipped_files.empty()) return;
  Diagnostics errors;
  for (const auto& d : p.diags)
    if (d.severity == Severity::error) errors.push_back(d);
  sort_by_place(errors);
  print_diagnostics(g, errors, p.sources);
  std::string msg = "plan: " +
                    tr(g.lang, "report-incomplete",
                       {std::to_string(p.skipped_files.size()), join(p.skipped_files, ", ")}) +
                    "\n";
  std::fwrite(msg.data(), 1, msg.size(), stderr);
}

}  // namespace plan::cli
