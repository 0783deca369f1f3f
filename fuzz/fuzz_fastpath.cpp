// Any bytes as a unit's progress file: read with the fast path for canonical lines and read
// with libyaml alone, the entries (every field, place and order) and the diagnostics must be the
// same. So must reading with the fast path and the text checked as it is decoded (as plan's
// reports read files), and checking the whole text first (check_text), then reading with
// libyaml. And what the reports hand the ledger must be the same read the lean way or not. The
// first byte picks the options (resolve, skip broken files); the rest is the file.
#include <cstdint>
#include <memory>
#include <string>

#include "core/common/files.h"
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

std::string describe(const plan::ProgressEntry& e) {
  std::string s = plan::iso(e.date) + '\x1f' + e.item + '\x1f' + e.unit + '\x1f' +
                  plan::state_key(e.status) + '\x1f' + e.note + '\x1f';
  for (const auto& ev : e.evidence) s += ev + '\x1e';
  s += '\x1f' + e.by + '\x1f' + e.recorded + '\x1f' +
       (e.recorded_on ? plan::iso(*e.recorded_on) : "-") + '\x1f' + e.id + '\x1f' + e.amends +
       '\x1f' + e.retracts + '\x1f' + e.reason + '\x1f' + (e.orphaned ? "o" : "") + '\x1f' +
       e.where.file + ':' + std::to_string(e.where.line) + ':' + std::to_string(e.where.col) +
       '\x1f' + std::to_string(e.seq);
  return s;
}

std::string describe(const plan::Diagnostic& d) {
  std::string s = d.where.file + ':' + std::to_string(d.where.line) + ':' +
                  std::to_string(d.where.col) + (d.severity == plan::Severity::error ? "E" : "W") +
                  d.code;
  for (const auto& a : d.args) s += '\x1f' + a;
  if (d.suggestion) s += '?' + *d.suggestion;
  return s;
}

// How the text is checked: not at all (the readers see any bytes), by check_text first (as for
// text that does not come from a file), or as it is decoded (as reports read files).
enum class Check { none, first, while_decoding };

std::string read(std::string_view text, const World& w, bool fast, bool resolve, bool skip,
                 Check check = Check::none) {
  static const plan::Date today = *plan::parse_iso_date("2025-06-30");
  plan::StreamOptions o;
  o.fast_lines = fast;
  o.resolve = resolve;
  o.skip_broken_files = skip;
  plan::Diagnostics diags;
  std::string out;
  bool kept = !skip;
  if (check != Check::first || plan::check_text(text, "东街道.yaml", diags))
    kept = plan::stream_progress_text(
        text, "东街道.yaml", "东街道", *w.index, today, diags,
        [&](plan::ProgressEntry&& e) { out += describe(e) + '\n'; }, 1, o, nullptr,
        check != Check::while_decoding);
  out += kept ? "kept\n" : "skipped\n";
  for (const auto& d : diags) out += describe(d) + '\n';
  return out;
}

// What the reports hand the ledger (StreamOptions::ledger_sink), every field, read the lean way
// (core/progress/lean.h) or not, and the diagnostics.
std::string ledger_calls(std::string_view text, const World& w, bool lean, bool skip) {
  static const plan::Date today = *plan::parse_iso_date("2025-06-30");
  plan::StreamOptions o;
  o.lean = lean;
  o.skip_broken_files = skip;
  std::string out;
  o.ledger_sink = [&](const std::string& unit, const plan::LedgerEntry* es, std::size_t n) {
    out += unit + '\n';
    for (std::size_t i = 0; i < n; ++i)
      out += plan::iso(es[i].date) + '\x1f' + plan::iso(es[i].reported_on) + '\x1f' +
             std::to_string(es[i].item) + '\x1f' + plan::state_key(es[i].status) + '\x1f' +
             (es[i].orphaned ? "o" : "") + (es[i].retraction ? "r" : "") + '\x1f' +
             std::string(es[i].note) + '\n';
  };
  plan::Diagnostics diags;
  const bool kept = plan::stream_progress_text(
      text, "东街道.yaml", "东街道", *w.index, today, diags,
      [&](plan::ProgressEntry&&) { out += "sink\n"; }, 1, o, nullptr, false);
  out += kept ? "kept\n" : "skipped\n";
  for (const auto& d : diags) out += describe(d) + '\n';
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World w;
  if (size == 0) return 0;
  const bool resolve = data[0] & 1, skip = data[0] & 2;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (read(text, w, false, resolve, skip) != read(text, w, true, resolve, skip)) __builtin_trap();
  if (read(text, w, false, resolve, skip, Check::first) !=
      read(text, w, true, resolve, skip, Check::while_decoding))
    __builtin_trap();
  if (ledger_calls(text, w, false, skip) != ledger_calls(text, w, true, skip)) __builtin_trap();
  return 0;
}
