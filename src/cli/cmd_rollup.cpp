// plan rollup: one row per member plan of a city's or province's roll-up (rollup.yaml), each
// as plan report computes it inside that member, with a total; --by parent-task: per task of
// the parent plan, the members carrying it out. `plan rollup fetch` (or --fetch) updates the
// mirrors of git members first.
#include <filesystem>
#include <thread>

#include "cli/cli.h"
#include "core/common/text.h"
#include "core/rollup/rollup.h"
#include "core/writers/dashboard.h"
#include "core/writers/xlsx_export.h"

namespace plan::cli {

namespace {

struct RollupCmdOptions {
  std::string action;  // "" or "fetch"
  std::string dir;
  std::string as_of;
  std::string plan_at;
  std::string by = "member";
  bool fetch = false;
};

// The roll-up's configuration, or nullopt with its errors printed.
std::optional<RollupConfig> open_rollup(const Globals& g, const std::string& dir_option) {
  Diagnostics diags;
  Sources sources;
  std::string dir = dir_option;
  if (dir.empty()) {
    std::error_code ec;
    const std::string cwd = std::filesystem::current_path(ec).string();
    auto found = find_rollup_dir(cwd);
    if (!found) {
      say("plan: " + tr(g.lang, "rollup-not-found", {cwd}));
      return std::nullopt;
    }
    // Shown relative to where the command runs: counties/古县/plan/tasks.yaml.
    dir = std::filesystem::path(*found).lexically_relative(cwd).string();
    if (dir.empty()) dir = ".";
  }
  RollupConfig config = load_rollup_config(dir, diags, sources);
  if (has_errors(diags)) {
    sort_by_place(diags);
    print_diagnostics(g, diags, sources);
    say("plan: " + tr(g.lang, "rollup-config-errors",
                      {config.file, std::to_string(count(diags, Severity::error))}));
    return std::nullopt;
  }
  return config;
}

// Fetches the mirrors of git members (all of them, or those not fetched yet), several at once:
// fetching waits on the network, not on the processor. Failures are printed; they make the
// member fail later (not fetched), or it is read from the mirror it already has.
std::size_t fetch_members(const Globals& g, const RollupConfig& config, bool all) {
  std::vector<std::pair<std::string, const PlanSource*>> todo;
  for (const auto& m : config.members)
    if (m.source.is_git() && (all || !std::filesystem::is_directory(mirror_dir(config, m.name))))
      todo.emplace_back(m.name, &m.source);
  if (config.parent && config.parent->is_git() &&
      (all || !std::filesystem::is_directory(mirror_dir(config, "parent"))))
    todo.emplace_back("parent", &*config.parent);
  std::vector<std::optional<Diagnostic>> results(todo.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < todo.size();)
      results[k] = fetch_mirror(config, todo[k].first, *todo[k].second);
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < std::min<std::size_t>(8, todo.size()); ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  std::size_t failed = 0;
  for (const auto& r : results)
    if (r) {
      print_diagnostics(g, {*r}, Sources{});
      ++failed;
    }
  if (!todo.empty())
    say(tr(g.lang, "rollup-fetched",
           {std::to_string(todo.size() - failed), std::to_string(failed)}));
  return failed;
}

// Why each member that could not be counted was left out, and what else is incomplete.
void say_problems(const Globals& g, const Rollup& r) {
  if (!r.parent_problems.empty()) {
    print_diagnostics(g, r.parent_problems, r.parent_sources);
    say("plan: " + tr(g.lang, "rollup-parent-failed", {r.parent_label}));
  }
  for (const auto& m : r.rows) {
    if (!m.ok()) {
      print_diagnostics(g, m.problems, m.sources);
      say("plan: " + tr(g.lang, "rollup-member-failed", {m.name}));
    }
    if (!m.skipped_files.empty()) {
      print_diagnostics(g, m.skipped_diags, m.skipped_sources);
      say("plan: " +
          tr(g.lang, "rollup-member-skipped",
             {m.name, std::to_string(m.skipped_files.size()), join(m.skipped_files, ", ")}));
    }
    print_diagnostics(g, m.link_problems, Sources{});
  }
}

int run_rollup(const Globals& g, const RollupCmdOptions& o) {
  if (!o.action.empty() && o.action != "fetch")
    return usage_error(g, tr(g.lang, "usage-rollup-action", {o.action}));
  if (!check_by(g, o.by, {"member", "parent-task"})) return kUsage;
  auto config = open_rollup(g, o.dir);
  if (!config) return kDataError;
  if (o.action == "fetch") return fetch_members(g, *config, true) ? kDataError : kOk;
  RollupOptions options;
  auto as_of = as_of_date(g, o.as_of);
  if (!as_of) return kUsage;
  options.as_of = *as_of;
  options.today = g.today;
  if (!o.plan_at.empty()) {
    auto day = user_date(g, "--plan-at", o.plan_at);
    if (!day) return kUsage;
    options.plan_at = iso(*day);
  }
  options.threads = std::max(1u, std::thread::hardware_concurrency());
  // A member whose fetch failed is read from the mirror it has (and the exit status says so),
  // or fails as not fetched.
  const std::size_t fetch_failed = fetch_members(g, *config, o.fetch);
  const Rollup r = compute_rollup(*config, options);
  say_problems(g, r);
  const int status = r.incomplete() || fetch_failed ? kDataError : kOk;
  int rc = kOk;
  if (g.format == "html") {
    rc = emit(g, render_rollup_dashboard(r, std::string("plan ") + PLAN_VERSION, g.lang));
  } else if (g.format == "xlsx") {
    if (g.output.empty()) return usage_error(g, tr(g.lang, "usage-needs-output", {"xlsx"}));
    Diagnostics warnings;
    auto failure = export_rollup_xlsx(g.output, r, g.lang, &warnings);
    print_diagnostics(g, warnings, Sources{});
    rc = report_written(g, failure);
  } else {
    const bool by_parent = o.by == "parent-task";
    Table t = by_parent ? parent_task_table(r, g.lang) : rollup_table(r, g.lang);
    std::string head = r.title.empty() ? "" : r.title + " · ";
    t.preface.push_back(head + (r.plan_at.empty() ? tr(g.lang, "preface-as-of", {iso(r.as_of)})
                                                  : tr(g.lang, "preface-as-of-plan-at",
                                                       {iso(r.as_of), r.plan_at})));
    t.empty_text = tr(g.lang, by_parent ? "rollup-empty-parent" : "rollup-empty", {iso(r.as_of)});
    rc = print_result(g, std::move(t), by_parent ? parent_task_json(r) : rollup_json(r, g.lang));
  }
  return rc == kOk ? status : rc;
}

}  // namespace

int export_rollup(const Globals& g, const std::string& as_of) {
  RollupCmdOptions o;
  o.as_of = as_of;
  Globals x = g;
  x.format = "xlsx";
  return run_rollup(x, o);
}

Command setup_rollup(CLI::App& app, Globals& g) {
  auto o = std::make_shared<RollupCmdOptions>();
  CLI::App* sub = app.add_subcommand("rollup", tr(g.lang, "help-rollup"));
  sub->add_option("action", o->action, tr(g.lang, "help-opt-rollup-action"))->type_name("fetch");
  sub->add_option("--dir", o->dir, tr(g.lang, "help-opt-rollup-dir"))->type_name("DIR");
  sub->add_option("--as-of", o->as_of, tr(g.lang, "help-opt-as-of"))->type_name("DATE");
  sub->add_option("--plan-at", o->plan_at, tr(g.lang, "help-opt-rollup-plan-at"))
      ->type_name("DATE");
  sub->add_option("--by", o->by, tr(g.lang, "help-opt-rollup-by"))->type_name("member|parent-task");
  sub->add_flag("--fetch", o->fetch, tr(g.lang, "help-opt-fetch"));
  sub->footer(tr(g.lang, "help-rollup-examples"));
  return {sub, [&g, o] { return run_rollup(g, *o); }};
}

}  // namespace plan::cli
