// A plan as it stands in a directory or at a git revision, with its progress entries read
// as written (unvalidated), for comparing versions.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/common/diag.h"
#include "core/plan/load.h"
#include "core/plan/plan_index.h"

namespace plan {

// A progress entry exactly as a file holds it.
struct RawEntry {
  std::string unit;
  std::string date, item, status, note, evidence, by;  // status normalised (state key)
  std::string status_written;                          // status as the file writes it
  std::string amends, retracts, reason, recorded, id;  // corrections (docs/progress.md)
  std::string file;
  int line = 0;
  // Everything but the place: two entries with the same key say the same thing. `unit` stands
  // in for the entry's own unit (a renamed unit's entries keep their meaning).
  std::string key(const std::string& unit) const;
};

struct Snapshot {
  std::string label;  // e.g. "HEAD (1a2b3c4)" or a directory
  // On the heap: the index refers to the plan, which must not move when the snapshot does.
  std::unique_ptr<LoadResult> loaded = std::make_unique<LoadResult>();
  std::unique_ptr<PlanIndex> index;  // set when the plan files parsed
  std::vector<RawEntry> entries;
};

// From a plan directory on disk.
Snapshot snapshot_from_dir(const std::string& dir, std::string label);
// From files already read: (path relative to the plan directory, content), e.g. from git.
// `too_large` names files that were not read for their size (relative path, size): each is an
// error, and a plan file among them leaves the plan unparsed.
Snapshot snapshot_from_files(
    const std::vector<std::pair<std::string, std::string>>& files, const std::string& display_dir,
    std::string label, const std::vector<std::pair<std::string, std::uint64_t>>& too_large = {});

}  // namespace plan
