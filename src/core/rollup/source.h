// Reading one plan of a roll-up (a member's, or the parent plan) from its directory or from a
// bare mirror of its git repository, never outside its own tree.
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/common/diag.h"
#include "core/plan/load.h"
#include "core/plan/plan_index.h"
#include "core/rollup/config.h"

namespace plan {

// Where the mirrors of git members are kept: DIR/.plan-cache (it ignores itself in git).
inline constexpr const char* kRollupCache = ".plan-cache";

// A plan as the roll-up reads it. `diags` holds what stops it being reported (plan errors, a
// path that leaves the member's tree, a mirror that is missing or has no such ref).
struct SourcePlan {
  std::unique_ptr<LoadResult> loaded = std::make_unique<LoadResult>();
  std::unique_ptr<PlanIndex> index;  // when the plan loaded and checked without errors
  Diagnostics diags;
  Sources sources;
  std::string progress_dir;                                   // a directory source
  std::vector<std::pair<std::string, std::string>> progress;  // a git source: (shown path, text)
  bool from_git = false;
  std::string commit;       // git: the commit read (the ref's)
  std::string plan_commit;  // with plan_at: the commit the plan files come from
  std::string label;        // where it was read, for people: counties/古县 or URL@ref 1a2b3c4
  bool ok() const { return index && !has_errors(diags); }
};

struct SourceOptions {
  bool with_progress = true;
  // YYYY-MM-DD: the plan files as they stood on that day (the last commit on or before it);
  // progress as it is now. "" for the plan as it is now.
  std::string plan_at;
};

// The mirror directory of a git source named `key` (a member's name, or "parent").
std::string mirror_dir(const RollupConfig& config, const std::string& key);
// Creates or updates the bare mirror of a git source (git clone --mirror, then git fetch
// --prune), and points its HEAD at the remote's. An error diagnostic at `source.where` when it
// cannot. Safe to run for different keys at once; `now` stamps the last fetch.
std::optional<Diagnostic> fetch_mirror(const RollupConfig& config, const std::string& key,
                                       const PlanSource& source);

// Reads a plan and, with options.with_progress, where its progress comes from. A directory
// source must lie inside the roll-up directory, and everything read from it inside its own
// directory (symbolic links that lead out are refused); a git source is read from its mirror at
// the ref, with symbolic links in the tree refused.
SourcePlan read_source(const RollupConfig& config, const std::string& key, const PlanSource& source,
                       const SourceOptions& options);

}  // namespace plan
