// Any bytes as a unit's progress file against a small valid plan: loading and the ledger never
// crash, and every entry that loads writes back as a line that reads back the same.
#include <cstdint>
#include <memory>
#include <string>

#include "core/common/files.h"
#include "core/ledger/ledger.h"
#include "core/plan/load.h"
#include "core/progress/progress.h"
#include "fixture.h"

namespace {
struct World {
  plan::Plan plan;
  std::unique_ptr<plan::PlanIndex> index;
  World() {
    plan::Diagnostics d;
    plan.dir = plan::fuzz::kFixtureDir;
    plan::load_units_text(plan::fuzz::slurp(plan::fuzz::kFixtureDir + "/units.yaml"), "units.yaml",
                          plan, d);
    plan::load_tasks_text(plan::fuzz::slurp(plan::fuzz::kFixtureDir + "/tasks.yaml"), "tasks.yaml",
                          plan, d);
    index = std::make_unique<plan::PlanIndex>(plan);
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World w;
  static const plan::Date today = *plan::parse_iso_date("2025-06-30");
  std::string text(reinterpret_cast<const char*>(data), size);
  plan::ProgressLoad p;
  if (!plan::check_text(text, "东街道.yaml", p.diags)) return 0;
  plan::load_progress_text(text, "东街道.yaml", "东街道", *w.index, today, p);
  for (const auto& e : p.entries) {
    if (!plan::entry_round_trips(e, *w.index, today)) __builtin_trap();
  }
  plan::Ledger l = plan::compute_ledger(*w.index, p.entries, today);
  (void)plan::summarize(*w.index, l, "unit");
  return 0;
}
