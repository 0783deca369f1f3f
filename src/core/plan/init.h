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
std::vector<TemplateFile> init_template();

}  // namespace plan
