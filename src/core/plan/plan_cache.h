// The plan as loaded and checked, kept between runs (plan/.cache/plan.bin, beside the progress
// cache): a command whose tasks.yaml and units.yaml are byte for byte those of the record skips
// parsing and checking them (docs/progress.md, "缓存 / The cache").
//
// A record holds the Plan, the diagnostics loading gave and those check_plan gave (warnings:
// only a plan without errors is recorded), after a key: XXH3-128 of both files' bytes, their
// paths as the command named them, and the program's identity. Anything that does not match
// the key, the format version or the record's own hash is not used.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/common/diag.h"
#include "core/plan/model.h"

namespace plan {

struct PlanRecordKey {
  std::uint64_t hash[2] = {0, 0};
};

// The key of a plan read from these files, with these bytes, by this program.
PlanRecordKey plan_record_key(const std::string& dir, const std::string& tasks_file,
                              std::string_view tasks_text, const std::string& units_file,
                              std::string_view units_text, std::string_view program);

std::string encode_plan_record(const PlanRecordKey& key, const Plan& plan,
                               const Diagnostics& load_diags, const Diagnostics& check_diags);

struct PlanRecord {
  Plan plan;
  Diagnostics load_diags, check_diags;
};
// The record's content, or nullopt when `bytes` is not a whole record of this version for `key`.
std::optional<PlanRecord> decode_plan_record(std::string_view bytes, const PlanRecordKey& key);

}  // namespace plan
