// plan init DIR: a new, minimal, commented plan directory DIR/plan that passes `plan check`.
#include <filesystem>

#include "cli/cli.h"
#include "core/common/files.h"
#include "core/plan/init.h"

namespace plan::cli {

namespace fs = std::filesystem;

namespace {

// A git repository for the new plan (unless it is inside one already), with the pre-commit hook
// that refuses a plan with errors. Without git the plan still works: say what to do later.
void setup_git(const Globals& g, const std::string& dir) {
  GitResult inside = run_git(dir, {"rev-parse", "--is-inside-work-tree"});
  if (!inside.started) {
    say(tr(g.lang, "init-no-git"));
    return;
  }
  if (inside.exit_code != 0 || inside.out.rfind("true", 0) != 0) {
    GitResult made = run_git(dir, {"init", "-q"});
    if (made.exit_code != 0) {
      say("plan: " + tr(g.lang, "init-git-failed", {made.err}));
      return;
    }
    say_out(tr(g.lang, "init-git-created", {dir}));
  }
  GitResult hooks = run_git(dir, {"rev-parse", "--git-path", "hooks/pre-commit"});
  std::string path = hooks.out.substr(0, hooks.out.find('\n'));
  if (hooks.exit_code != 0 || path.empty()) return;
  fs::path hook =
      (fs::path(path).is_absolute() ? fs::path(path) : fs::path(dir) / path).lexically_normal();
  std::error_code ec;
  // The hook checks `plan` at the top of the repository unless plan.hookDirs names others: a
  // plan further down is added there.
  GitResult prefix = run_git(dir, {"rev-parse", "--show-prefix"});
  std::string sub = prefix.out.substr(0, prefix.out.find('\n'));
  if (prefix.exit_code == 0 && !sub.empty()) {
    GitResult dirs = run_git(dir, {"config", "--get", "plan.hookDirs"});
    std::string value = dirs.out.substr(0, dirs.out.find('\n'));
    value = (value.empty() ? "plan " : value + " ") + sub + "plan";
    run_git(dir, {"config", "plan.hookDirs", value});
    say_out(tr(g.lang, "init-hook-dirs", {value}));
  }
  GitResult configured = run_git(dir, {"config", "--get", "core.hooksPath"});
  if (fs::exists(fs::symlink_status(hook, ec)) || !configured.out.empty()) {
    // Someone's own hook (or hooks directory) is kept; say how to add ours.
    say(tr(g.lang, "init-hook-kept", {hook.string()}));
    return;
  }
  fs::create_directories(hook.parent_path(), ec);
  if (auto failure = write_new_file(hook.string(), pre_commit_hook())) {
    say("plan: " +
        tr(g.lang, "init-failed", {hook.string(), write_failure_text(*failure, g.lang)}));
    return;
  }
  fs::permissions(hook, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                  fs::perm_options::add, ec);
  say_out(tr(g.lang, "init-hook-installed", {hook.string()}));
}

int run_init(const Globals& g, const std::string& dir) {
  fs::path plan_dir = fs::path(dir) / "plan";
  std::error_code ec;
  if (fs::exists(fs::symlink_status(plan_dir, ec))) {
    say("plan: " + tr(g.lang, "init-exists", {plan_dir.string()}));
    return kDataError;
  }
  for (const auto& f : init_template()) {
    fs::path p = fs::path(dir) / f.path;
    // A project's own README and notes are kept.
    if ((f.path == "README.md" || f.path.rfind("docs/", 0) == 0) &&
        fs::exists(fs::symlink_status(p, ec)))
      continue;
    std::optional<std::string> failure;
    if (f.path == ".gitattributes" && fs::exists(fs::symlink_status(p, ec))) {
      // An existing project keeps its attributes; ours are added at the end.
      RegularRead old = read_regular_file(p.string(), ReadLimits{}.max_bytes, true);
      if (auto problem = read_problem(old, p.string(), ReadLimits{}.max_bytes)) {
        failure = message_text(*problem, g.lang);
      } else if (old.text.find("plan/progress/*.yaml merge=union") != std::string::npos) {
        continue;
      } else {
        failure = write_file_atomic(
            p.string(),
            old.text + (old.text.empty() || old.text.back() == '\n' ? "" : "\n") + f.text);
      }
    } else {
      fs::create_directories(p.parent_path(), ec);
      // Created, never opened: a file or link already there is an error, not overwritten.
      failure = ec ? std::optional<std::string>(ec.message()) : write_new_file(p.string(), f.text);
    }
    if (failure) {
      say("plan: " + tr(g.lang, "init-failed", {p.string(), write_failure_text(*failure, g.lang)}));
      return kDataError;
    }
  }
  say_out(tr(g.lang, "init-done", {plan_dir.string(), dir}));
  setup_git(g, dir);
  return kOk;
}

}  // namespace

Command setup_init(CLI::App& app, Globals& g) {
  auto dir = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("init", tr(g.lang, "help-init"));
  sub->add_option("DIR", *dir, tr(g.lang, "help-opt-init-dir"))->required()->type_name("");
  sub->footer(tr(g.lang, "help-init-examples"));
  return {sub, [&g, dir] { return run_init(g, *dir); }};
}

}  // namespace plan::cli
