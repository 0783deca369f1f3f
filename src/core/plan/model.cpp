#include "core/plan/model.h"

namespace plan {

const char* kind_key(UnitKind k) {
  switch (k) {
    case UnitKind::township:
      return "township";
    case UnitKind::department:
      return "department";
    case UnitKind::supervisory:
      return "supervisory";
    case UnitKind::judicial:
      return "judicial";
    case UnitKind::other:
      return "other";
  }
  return "other";
}

const char* role_key(Role r) {
  switch (r) {
    case Role::lead:
      return "lead";
    case Role::responsible:
      return "responsible";
    case Role::implement:
      return "implement";
  }
  return "responsible";
}

std::optional<UnitKind> parse_unit_kind(std::string_view s) {
  for (auto k : {UnitKind::township, UnitKind::department, UnitKind::supervisory,
                 UnitKind::judicial, UnitKind::other}) {
    if (s == kind_key(k)) return k;
  }
  return std::nullopt;
}

}  // namespace plan
