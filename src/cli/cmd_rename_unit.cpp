// plan rename-unit OLD NEW: rename a unit everywhere, keeping the old name as an alias and its
// progress file's history.
#include <fcntl.h>
#include <stdio.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/cli.h"
#include "core/common/files.h"
#include "core/common/text.h"
#include "core/plan/rename.h"

namespace plan::cli {

namespace {

namespace fs = std::filesystem;

struct RenameOptions {
  std::string old_name;
  std::string new_name;
  std::string reason;
};

int run_rename(const Globals& g, const RenameOptions& o) {
  auto s = open_plan(g);
  if (!s) return kDataError;
  std::vector<DraftProblem> problems;
  check_free_text("NEW", o.new_name, 100, problems);
  if (!o.reason.empty()) check_free_text("--reason", o.reason, 500, problems);
  if (!problems.empty()) return print_draft_problems(g, problems, {});
  const Plan& plan = s->loaded->plan;
  // The texts open_plan read, so that the renamed files are these bytes with the names changed.
  const std::string* tasks = s->loaded->sources.text(plan.tasks_file);
  const std::string* units = s->loaded->sources.text(plan.units_file);
  if (!tasks || !units) return kDataError;

  std::string comment = iso(g.today) + " " +
                        tr(g.lang, "rename-comment", {o.old_name, o.new_name}) +
                        (o.reason.empty() ? "" : "；" + o.reason);
  RenameResult r = rename_unit_texts(*tasks, *units, *s->index, o.old_name, o.new_name, comment);
  if (!r.texts) return usage_error(g, tr(g.lang, r.error, r.args));

  // The renamed plan must load and check clean before anything is written.
  Plan renamed;
  Diagnostics diags;
  bool ok = load_units_text(r.texts->units, plan.units_file, renamed, diags);
  ok = load_tasks_text(r.texts->tasks, plan.tasks_file, renamed, diags) && ok;
  if (ok) {
    PlanIndex index(renamed);
    auto more = check_plan(renamed, index);
    check_progress_file_names(renamed, more);
    diags.insert(diags.end(), more.begin(), more.end());
  }
  if (!ok || has_errors(diags)) {
    Sources sources;
    sources.add(plan.tasks_file, r.texts->tasks);
    sources.add(plan.units_file, r.texts->units);
    report_errors(g, diags, sources);
    return kDataError;
  }

  const fs::path progress = fs::path(plan.dir) / "progress";
  const fs::path from = progress / progress_file_name(o.old_name);
  const fs::path to = progress / progress_file_name(o.new_name);
  std::error_code ec;
  const bool has_file = fs::exists(fs::symlink_status(from, ec));
  // The progress file moves under the writers' lock, so that no record appends to it meanwhile.
  DirectoryLock lock;
  if (has_file) {
    if (auto failure = lock.acquire(progress.string()))
      return usage_error(g, write_failure_text(*failure, g.lang));
  }
  if (has_file && fs::exists(fs::symlink_status(to, ec)))
    return usage_error(g, tr(g.lang, "rename-file-exists", {to.string()}));

  if (auto failure = write_file_atomic(plan.tasks_file, r.texts->tasks))
    return usage_error(g, write_failure_text(*failure, g.lang));
  if (auto failure = write_file_atomic(plan.units_file, r.texts->units))
    return usage_error(g, write_failure_text(*failure, g.lang));
  std::string moved;
  if (has_file) {
    // Inside a repository the move is staged with git mv, so that history follows the file.
    GitLookup problem;
    bool in_git = false;
    if (auto place = git_place(plan.dir, problem)) {
      GitResult ls = run_git(progress.string(),
                             {"ls-files", "--error-unmatch", "--", from.filename().string()});
      if (ls.started && ls.exit_code == 0) {
        GitResult mv = run_git(progress.string(),
                               {"mv", "--", from.filename().string(), to.filename().string()});
        in_git = mv.started && mv.exit_code == 0;
      }
    }
    // Never over a file that appeared meanwhile (RENAME_NOREPLACE where the file system has it).
    if (!in_git &&
        ::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) != 0) {
      if (errno != EINVAL || fs::exists(fs::symlink_status(to, ec)))
        return usage_error(g, std::strerror(errno));
      fs::rename(from, to, ec);
      if (ec) return usage_error(g, ec.message());
    }
    // The header names the unit: say the new name, keep every entry line as it was.
    Diagnostics d2;
    Sources s2;
    if (auto text =
            read_text_file(to.string(), d2, s2, ReadLimits{kMaxProgressFileBytes, false}, false)) {
      std::string t = *text;
      std::size_t end = 0;
      for (int k = 0; k < 2 && end < t.size() && t[end] == '#'; ++k) end = t.find('\n', end) + 1;
      std::string head = t.substr(0, end);
      for (std::size_t at; (at = head.find(o.old_name)) != std::string::npos;)
        head.replace(at, o.old_name.size(), o.new_name);
      if (head != t.substr(0, end)) {
        if (auto failure = write_file_atomic(to.string(), head + t.substr(end)))
          return usage_error(g, to.string() + ": " + write_failure_text(*failure, g.lang));
      }
    }
    moved = tr(g.lang, in_git ? "rename-moved-git" : "rename-moved", {from.string(), to.string()});
  }
  say_out(tr(g.lang, "rename-done", {o.old_name, o.new_name, std::to_string(r.texts->mentions)}));
  if (!moved.empty()) say_out(moved);
  return kOk;
}

}  // namespace

Command setup_rename_unit(CLI::App& app, Globals& g) {
  auto o = std::make_shared<RenameOptions>();
  CLI::App* sub = app.add_subcommand("rename-unit", tr(g.lang, "help-rename-unit"));
  sub->add_option("OLD", o->old_name, tr(g.lang, "help-opt-rename-old"))->required()->type_name("");
  sub->add_option("NEW", o->new_name, tr(g.lang, "help-opt-rename-new"))->required()->type_name("");
  sub->add_option("--reason", o->reason, tr(g.lang, "help-opt-rename-reason"))->type_name("TEXT");
  sub->footer(tr(g.lang, "help-rename-unit-examples"));
  return {sub, [&g, o] { return run_rename(g, *o); }};
}

}  // namespace plan::cli
