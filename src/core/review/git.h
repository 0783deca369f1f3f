// Reading a repository's history by running `git` with an argument vector (never a shell).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plan {

struct GitResult {
  bool started = false;  // false: git could not be run at all (not installed, not on PATH)
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `git -C dir args…` and captures its output, with `input` on its standard input (else
// /dev/null). The environment is inherited, except that git's own localisation is turned off so
// its messages can be matched.
GitResult run_git(const std::string& dir, const std::vector<std::string>& args,
                  std::string_view input = {});

// A repository and a path inside it, as git sees them.
struct GitPlace {
  std::string root;    // the work tree's top directory
  std::string prefix;  // the plan directory relative to root, with a trailing '/', or ""
};

enum class GitError {
  none,
  no_git,
  not_a_repository,
  bad_revision,
  no_plan_at_revision,
  no_commit_by_date
};

struct GitLookup {
  GitError error = GitError::none;
  std::string detail;  // git's own message, or the revision
};

// Where `dir` lies in its repository.
std::optional<GitPlace> git_place(const std::string& dir, GitLookup& problem);
// The full commit id a revision names.
std::optional<std::string> git_resolve(const GitPlace& place, const std::string& rev,
                                       GitLookup& problem);
// The last commit of HEAD's history made on or before the end of `date` (YYYY-MM-DD, local
// time, committer date), with its own date; no_commit_by_date when there is none.
std::optional<std::string> git_commit_on_or_before(const GitPlace& place, const std::string& date,
                                                   GitLookup& problem);

// The files under place.prefix at a commit, as (path relative to the prefix, content).
// Without `with_progress`, only tasks.yaml and units.yaml are read. Each blob's size is looked
// at first (ls-tree -l): one over the limit the working tree has (8 MiB for a plan file, 1 GiB
// for a progress file) is not read but named in `too_large` as (relative path, size). With
// `links`, a file that is a symbolic link in the tree is not read but named there. The blobs are
// read through one `git cat-file --batch`.
std::optional<std::vector<std::pair<std::string, std::string>>> git_read_tree(
    const GitPlace& place, const std::string& commit, GitLookup& problem, bool with_progress = true,
    std::vector<std::pair<std::string, std::uint64_t>>* too_large = nullptr,
    std::vector<std::string>* links = nullptr);
// The size limit of a plan directory's file (relative path), as for files on disk.
std::size_t plan_file_limit(const std::string& relative_path);

struct GitCommit {
  std::string id;
  std::string date;  // YYYY-MM-DD, author date
  std::string author;
  std::string subject;
};
// Commits that touched tasks.yaml or units.yaml of the plan directory, oldest first.
std::vector<GitCommit> git_log_plan(const GitPlace& place, GitLookup& problem);

}  // namespace plan
