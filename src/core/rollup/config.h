// rollup.yaml: a city's or province's roll-up over many counties' plans, each in its own
// directory or git repository (docs/rollup.md).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/diag.h"

namespace plan {

// Where a member's plan (or the parent plan) is read from: a directory inside the roll-up
// directory, or a git repository at a ref.
struct PlanSource {
  std::string path;          // path: relative to the roll-up directory ("" for a git source)
  std::string git;           // git: a repository URL or path ("" for a directory)
  std::string ref;           // ref: a branch, tag or commit ("" = the remote's HEAD)
  std::string dir = "plan";  // dir: the plan directory inside the repository (git only)
  Where where;
  bool is_git() const { return !git.empty(); }
};

struct RollupMember {
  std::string name;
  PlanSource source;
  Where where;
};

struct RollupConfig {
  std::string dir;   // the roll-up directory (holding rollup.yaml)
  std::string file;  // its rollup.yaml
  std::string title;
  std::vector<RollupMember> members;
  std::optional<PlanSource> parent;
};

inline constexpr const char* kRollupFile = "rollup.yaml";

// The nearest directory holding rollup.yaml, from `start` upwards.
std::optional<std::string> find_rollup_dir(const std::string& start);

// Reads DIR/rollup.yaml. Problems go to `diags` with their place; the config is usable when
// there are no errors.
RollupConfig load_rollup_config(const std::string& dir, Diagnostics& diags, Sources& sources);
// The same from text (tests).
RollupConfig parse_rollup_config(std::string_view text, const std::string& dir,
                                 const std::string& file, Diagnostics& diags);

// Whether a ref: value is a branch, tag or commit name that git cannot read as anything else
// (an option, a revision expression such as HEAD~1 or a..b, a path): git check-ref-format's
// rules, or 7 to 40 hex digits.
bool safe_git_ref(std::string_view ref);
// Whether a git: value is a URL or path that git fetches without running a program of its
// choosing: no leading '-', no "transport::address" form (ext::, fd::), no control characters.
bool safe_git_url(std::string_view url);
// Whether a relative path stays inside its directory: not absolute, no ".." that leaves it,
// no control characters.
bool safe_relative_path(std::string_view path);

}  // namespace plan
