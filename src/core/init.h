// The files of a new, minimal plan directory (`plan init`).
#pragma once
#include <string>
#include <vector>

namespace plan {

struct TemplateFile {
  std::string path;  // relative to the new plan directory
  std::string text;
};

// tasks.yaml, units.yaml and progress/README.md of a small commented example plan that
// passes `plan check`. Nothing in it is specific to any county.
std::vector<TemplateFile> init_template();

}  // namespace plan
