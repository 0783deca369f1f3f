// The plan as loaded from plan/tasks.yaml and plan/units.yaml.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/common/date.h"
#include "core/common/diag.h"

namespace plan {

enum class UnitKind { township, department, supervisory, judicial, other };
enum class Coordination { none, member, office };
// lead = 牵头, responsible = 负责 (a plain list of units), implement = 落实.
enum class Role { lead, responsible, implement };

struct Unit {
  std::string name;
  UnitKind kind = UnitKind::department;
  std::vector<std::string> aliases;
  Coordination coordination = Coordination::none;
  std::string note;
  Where where;
  Where name_where;  // the name's own place (its progress file is named after it)
  bool operator==(const Unit&) const = default;
};

// A name as written in the plan (a unit, a group or an alias of either) with its role.
struct UnitRef {
  std::string name;
  Role role = Role::responsible;
  Where where;
  bool operator==(const UnitRef&) const = default;
};

struct Group {
  std::string name;
  std::vector<std::string> aliases;
  std::vector<UnitRef> members;  // units or groups
  std::string note;
  Where where;
  bool operator==(const Group&) const = default;
};

struct Deadline {
  std::string text;         // as written, e.g. 2024年底前
  std::optional<Date> due;  // derived; empty when the text did not parse
  Where where;
  bool operator==(const Deadline&) const = default;
};

// A recorded extension of a deadline (延期): the deadline before it, when and why.
struct Delay {
  std::string from;  // the previous deadline, as written
  std::optional<Date> from_due;
  std::string date;  // when the extension was decided (YYYY-MM-DD)
  std::string reason;
  std::string document;  // the approving document, if any
  Where where;
  bool operator==(const Delay&) const = default;
};

// A link to the plan this one carries out (the city's or the province's): an item id there.
struct ParentLink {
  std::string id;
  Where where;
  bool operator==(const ParentLink&) const = default;
};

struct Measure {
  std::string id;  // "(25)"
  std::string text;
  std::vector<UnitRef> units;        // empty: those of its part or task
  std::optional<Deadline> deadline;  // empty: that of its part or task
  std::vector<Delay> delays;
  std::vector<ParentLink> implements;  // implements: [<parent id>…]
  std::string note;
  Where where;
  bool operator==(const Measure&) const = default;
};

struct Part {
  std::string id;  // "5a"
  std::string title;
  std::vector<UnitRef> units;
  std::optional<Deadline> deadline;
  std::vector<Delay> delays;
  std::vector<Measure> measures;
  std::vector<ParentLink> implements;  // implements: [<parent id>…]
  std::string note;
  Where where;
  bool operator==(const Part&) const = default;
};

struct Task {
  std::string id;  // "16"
  std::string title;
  std::string table_title;  // the title Attachment 2 gives, where it differs
  std::string text;
  std::vector<UnitRef> units;
  std::optional<Deadline> deadline;
  std::string deadline_text;  // the original wording when the deadline is split into parts
  std::vector<Delay> delays;
  std::vector<Part> parts;
  std::vector<Measure> measures;
  std::vector<ParentLink> implements;  // implements: [<parent id>…]
  std::string note;
  Where where;
  bool operator==(const Task&) const = default;
};

// A standing working requirement (工作要求): responsible units, no deadline.
struct Requirement {
  std::string id;  // "七(一)"
  std::string title;
  std::string text;
  std::vector<UnitRef> units;
  std::string note;
  Where where;
  bool operator==(const Requirement&) const = default;
};

struct Section {
  std::string id;  // "一"
  std::string title;
  std::string table_title;
  std::vector<Task> tasks;
  std::vector<Requirement> requirements;
  std::string note;
  Where where;
  bool operator==(const Section&) const = default;
};

// A warning the county knows of and accepts, with why (plan.acknowledged in tasks.yaml): the
// warning's code and, optionally, text its message must contain (an item id, a range).
struct Acknowledgement {
  std::string code;
  std::string match;
  std::string reason;
  Where where;
  bool operator==(const Acknowledgement&) const = default;
};

struct PlanInfo {
  std::string title;
  std::string document;  // e.g. 古政办发〔2024〕21号
  std::string issued;
  std::string note;
  std::vector<Acknowledgement> acknowledged;
  bool operator==(const PlanInfo&) const = default;
};

struct Plan {
  std::string dir;
  std::string tasks_file;
  std::string units_file;
  PlanInfo info;
  std::vector<Section> sections;
  std::vector<Unit> units;
  std::vector<Group> groups;
  bool operator==(const Plan&) const = default;
};

const char* kind_key(UnitKind k);  // "township" …
const char* role_key(Role r);      // "lead" …
std::optional<UnitKind> parse_unit_kind(std::string_view s);

}  // namespace plan
