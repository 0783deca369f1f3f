// Derived views of a loaded plan: every item in plan order, names resolved, groups expanded,
// and the assignments (tracked item, concrete unit) that the ledger follows.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/plan/model.h"

namespace plan {

enum class ItemType { task, part, measure, requirement };
const char* item_type_key(ItemType t);

struct Item {
  ItemType type = ItemType::task;
  std::string id;
  std::string section;                // section id
  std::string task;                   // task id ("" for a requirement)
  std::optional<std::size_t> parent;  // index of the enclosing item
  std::vector<std::size_t> children;
  std::string title;  // for measures: their text
  std::string text;
  std::string note;
  std::vector<UnitRef> own_units;
  std::vector<UnitRef> units;  // own, else inherited from the parent
  std::optional<Deadline> own_deadline;
  std::optional<Deadline> deadline;  // own, else inherited
  bool leaf = false;  // a tracked item: a measure, or a task/part without measures or parts
  Where where;
  std::string deadline_text;  // a task's original wording when its parts carry the deadlines
  std::vector<Delay> delays;
  // The parent plan's items this one carries out, as written on it (an enclosing task's or
  // part's links apply too: see links_of in core/rollup).
  std::vector<ParentLink> implements;
};

struct Assignment {
  std::size_t item;  // index into items()
  std::string unit;  // concrete unit name
  Role role = Role::responsible;
};

class PlanIndex {
 public:
  explicit PlanIndex(const Plan& plan);

  const Plan& plan() const { return plan_; }
  const std::vector<Item>& items() const { return items_; }
  const std::vector<Assignment>& assignments() const { return assignments_; }

  // The item with this id (after normalize_item_id), if any.
  std::optional<std::size_t> find_item(std::string_view id) const;
  // Unit or group by name or alias.
  const Unit* find_unit(std::string_view name) const;
  const Group* find_group(std::string_view name) const;
  // Canonical name of a unit or group, from a name or alias.
  std::optional<std::string> canonical(std::string_view name) const;
  // The concrete units a name stands for, sorted; a group cycle is cut, not followed.
  std::vector<std::string> expand(std::string_view name) const;
  std::vector<std::string> expand(const std::vector<UnitRef>& refs) const;
  // The same, in units.yaml order (for display).
  std::vector<std::string> expand_in_order(std::string_view name) const;
  // Groups that contain the unit, directly or through other groups, in units.yaml order.
  std::vector<std::string> groups_of(const std::string& unit) const;
  // Every name and alias, for suggestions.
  std::vector<std::string> all_names() const;
  // Number of tracked items assigned to a unit.
  std::size_t assigned_count(const std::string& unit) const;
  // Position of a unit in units.yaml (for stable ordering of reports).
  std::size_t unit_order(const std::string& unit) const;
  // unit_order() of an assignment's unit.
  std::size_t assignment_unit_order(std::size_t assignment) const {
    return assignment_order_[assignment];
  }
  // Units with an assignment on the item or on a tracked item under it, in units.yaml order.
  // Made when asked (for messages and reviews): at a province's size the lists of every item
  // hold a hundred thousand names, which no report needs.
  std::vector<std::string> responsible_units(std::size_t item) const;
  bool is_responsible(std::size_t item, const std::string& unit) const;
  // The tracked items at or under an item.
  const std::vector<std::size_t>& leaves_under(std::size_t item) const { return leaves_[item]; }
  // The assignment of (tracked item, unit), if there is one.
  std::optional<std::size_t> assignment_of(std::size_t item, const std::string& unit) const;
  // Every item id, for suggestions.
  std::vector<std::string> item_ids() const;

 private:
  // Hashes std::string and std::string_view alike, so lookups by a view copy nothing.
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename V>
  using NameMap = std::unordered_map<std::string, V, NameHash, std::equal_to<>>;

  void add_units(const std::vector<UnitRef>& refs, std::size_t item,
                 NameMap<std::vector<std::size_t>>& expanded);
  // The units.yaml orders of the units `name` stands for, expanded once into `expanded`.
  const std::vector<std::size_t>& expansion(const std::string& name,
                                            NameMap<std::vector<std::size_t>>& expanded) const;
  void expand_into(std::string_view name, std::vector<std::string>& out,
                   std::vector<std::string>& path) const;

  const Plan& plan_;
  std::vector<Item> items_;
  NameMap<std::size_t> item_by_id_;
  std::map<std::string, const Unit*, std::less<>> unit_by_name_;
  std::map<std::string, const Group*, std::less<>> group_by_name_;
  std::vector<Assignment> assignments_;
  std::vector<std::size_t> assigned_count_;  // by unit order
  NameMap<std::size_t> unit_order_;
  // Per item, the units.yaml orders of its responsible units (responsible_units()), sorted.
  std::vector<std::vector<std::uint32_t>> responsible_orders_;
  std::vector<std::vector<std::size_t>> leaves_;
  // A tracked item's assignments are consecutive in assignments_, in unit order: where they
  // begin and end per item, and each assignment's unit order.
  std::vector<std::pair<std::size_t, std::size_t>> assignment_range_;
  std::vector<std::uint32_t> assignment_order_;
};

}  // namespace plan
