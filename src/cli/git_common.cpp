// Helpers shared by the commands that read the plan's git history.
#include "cli/cli.h"

namespace plan::cli {

void print_git_problem(const Globals& g, const GitLookup& problem, const std::string& plan_dir) {
  std::string msg;
  switch (problem.error) {
    case GitError::no_git:
      msg = tr(g.lang, "git-missing");
      break;
    case GitError::not_a_repository:
      msg = tr(g.lang, "git-not-repo", {plan_dir});
      break;
    case GitError::bad_revision:
      msg = tr(g.lang, "git-bad-revision", {problem.detail});
      break;
    case GitError::no_plan_at_revision:
      msg = tr(g.lang, "git-no-plan", {problem.detail.substr(0, 7), plan_dir});
      break;
    case GitError::no_commit_by_date:
      msg = tr(g.lang, "git-no-commit-by-date", {problem.detail});
      break;
    case GitError::none:
      return;
  }
  say("plan: " + msg);
}

std::optional<GitContext> open_git(const Globals& g) {
  Diagnostics diags;
  auto dir = resolve_plan_dir(g, diags);
  if (!dir) {
    print_diagnostics(g, diags, Sources{});
    return std::nullopt;
  }
  GitLookup problem;
  auto place = git_place(*dir, problem);
  if (!place) {
    print_git_problem(g, problem, *dir);
    return std::nullopt;
  }
  return GitContext{*dir, *place};
}

std::optional<Snapshot> snapshot_at(const Globals& g, const GitContext& ctx, const std::string& rev,
                                    bool with_progress) {
  GitLookup problem;
  auto commit = git_resolve(ctx.place, rev, problem);
  std::optional<std::vector<std::pair<std::string, std::string>>> files;
  std::vector<std::pair<std::string, std::uint64_t>> too_large;
  if (commit) files = git_read_tree(ctx.place, *commit, problem, with_progress, &too_large);
  if (!files) {
    print_git_problem(g, problem, ctx.plan_dir);
    return std::nullopt;
  }
  std::string label = rev == commit->substr(0, rev.size())
                          ? commit->substr(0, 7)
                          : rev + " (" + commit->substr(0, 7) + ")";
  return usable(g, snapshot_from_files(*files, rev + ":" + ctx.place.prefix, label, too_large));
}

std::optional<Snapshot> usable(const Globals& g, Snapshot s) {
  if (s.loaded->parsed) {
    // A progress file too large to read is left out of the comparison, and said so.
    Diagnostics skipped;
    for (const auto& d : s.loaded->diags)
      if (d.code == "file-too-large") skipped.push_back(d);
    print_diagnostics(g, skipped, s.loaded->sources);
    return s;
  }
  report_errors(g, s.loaded->diags, s.loaded->sources);
  say("plan: " + tr(g.lang, "snapshot-errors", {s.label}));
  return std::nullopt;
}

}  // namespace plan::cli
