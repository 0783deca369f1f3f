// Any bytes as tasks.yaml (first byte even) or units.yaml (odd), with the other file taken from
// a small valid plan: loading, checking and rendering never crash, and each problem has a place.
#include <cstdint>
#include <string>

#include "core/common/files.h"
#include "core/plan/checks.h"
#include "core/plan/load.h"
#include "core/reports/views.h"
#include "fixture.h"

namespace {
const std::string& tasks() {
  static const std::string t = plan::fuzz::slurp(plan::fuzz::kFixtureDir + "/tasks.yaml");
  return t;
}
const std::string& units() {
  static const std::string u = plan::fuzz::slurp(plan::fuzz::kFixtureDir + "/units.yaml");
  return u;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool as_tasks = data[0] % 2 == 0;
  std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
  plan::Plan plan;
  plan::Diagnostics diags;
  if (!plan::check_text(text, "fuzz.yaml", diags)) return 0;
  bool ok = as_tasks ? plan::load_units_text(units(), "units.yaml", plan, diags) &&
                           plan::load_tasks_text(text, "tasks.yaml", plan, diags)
                     : plan::load_units_text(text, "units.yaml", plan, diags) &&
                           plan::load_tasks_text(tasks(), "tasks.yaml", plan, diags);
  if (!ok) return 0;
  plan::PlanIndex index(plan);
  auto more = plan::check_plan(plan, index);
  for (const auto& d : more) {
    if (d.code.empty()) __builtin_trap();
  }
  auto view = plan::compute_tasks(index, {});
  (void)plan::render_text(plan::tasks_table(index, view, plan::Lang::zh), true);
  (void)plan::tasks_json(index, view).dump();
  (void)plan::units_json(index).dump();
  return 0;
}
