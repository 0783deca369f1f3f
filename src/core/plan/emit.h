// Writing a Plan back as the text of tasks.yaml and units.yaml, in the layout of the shipped
// files (block mappings, flow lists of names, one line per text), so that load_plan reads back
// the same plan.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/model.h"

namespace plan {

// A scalar as YAML writes it: plain when that reads back as the same string (in a flow list
// when `in_flow`), else double-quoted with escapes for quotes, backslashes, line breaks and
// control characters.
std::string yaml_scalar(std::string_view s, bool in_flow = false);

// tasks.yaml: `header` lines first as comments, then plan: and sections: with every field the
// model holds (delays and acknowledgements included). Empty optional fields are left out.
std::string tasks_yaml_text(const Plan& plan, const std::vector<std::string>& header = {});

// units.yaml: `header` lines as comments, then units: and groups:.
std::string units_yaml_text(const Plan& plan, const std::vector<std::string>& header = {});

// The list items alone ("- name: …" and their fields), the dash `indent` spaces in, to add to
// an existing units.yaml.
std::string unit_items_yaml(const std::vector<Unit>& units, int indent);
std::string group_items_yaml(const std::vector<Group>& groups, int indent);

}  // namespace plan
