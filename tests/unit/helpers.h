// Shared helpers for unit tests: load inline YAML and render diagnostics as one string.
#pragma once
#include <string>

#include "core/plan/checks.h"
#include "core/common/diag.h"
#include "core/plan/load.h"
#include "core/plan/plan_index.h"

namespace plan::test {

// A plan loaded from inline tasks and units YAML, with all diagnostics (load and checks).
struct Fixture {
  Plan plan;
  Diagnostics diags;
  Sources sources;
  Fixture(const std::string& tasks, const std::string& units) {
    sources.add("tasks.yaml", tasks);
    sources.add("units.yaml", units);
    bool ok = load_units_text(units, "units.yaml", plan, diags);
    ok = load_tasks_text(tasks, "tasks.yaml", plan, diags) && ok;
    if (ok) {
      PlanIndex index(plan);
      auto more = check_plan(plan, index);
      diags.insert(diags.end(), more.begin(), more.end());
    }
  }
  // Every diagnostic, formatted as the CLI prints it (English), in order.
  std::string text(Lang lang = Lang::en) const {
    std::string out;
    for (const auto& d : diags) out += format_diagnostic(d, lang, sources);
    return out;
  }
};

inline const char* kUnits = R"(units:
  - name: 司法局
    kind: department
  - name: 财政局
    kind: department
  - name: 甲镇
    kind: township
  - name: 乙镇
    kind: township
groups:
  - name: 各乡镇
    members: [甲镇, 乙镇]
  - name: 全部
    members: [各乡镇, 司法局, 财政局]
)";

}  // namespace plan::test
