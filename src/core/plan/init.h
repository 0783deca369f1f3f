// The files of a new, minimal plan directory (`plan init`).
#pragma once
#include <string>
#include <vector>

namespace plan {

struct TemplateFile {
  std::string path;  // relative to the project directory
  std::string text;
};

// plan/tasks.yaml, plan/units.yaml and plan/progress/ of a small commented example plan that
// passes `plan check`, and the .gitattributes line that lets clones' progress entries merge.
// Nothing in it is specific to any county.
// Also a short README.md and docs/plan-data-format.md (the data-format notes); files that exist
// already are left alone by plan init.
std::vector<TemplateFile> init_template();

// The pre-commit hook (scripts/hooks/pre-commit) that plan init installs in a new repository.
const char* pre_commit_hook();

}  // namespace plan
