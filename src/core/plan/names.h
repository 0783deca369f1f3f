// What people type for units, sections and tasks, and the names they mean: lists written
// 北平镇,古阳镇 or 北平镇、古阳镇, sections written 4 or 第四部分, tasks written 第16条 or 十六,
// and the unit someone most likely meant by 北平镇人民政府, 古县北平镇, 市监局 or 北平.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/plan/plan_index.h"

namespace plan {

// Splits a typed list on ',', '，' and '、', trimming ASCII and full-width spaces
// around each name; empty pieces are dropped.
std::vector<std::string> split_name_list(std::string_view typed);

// Trims ASCII and full-width spaces at both ends.
std::string trim_spaces(std::string_view s);

// A number written in Chinese numerals (一 … 九十九, also 两 and 〇/零), or nullopt.
std::optional<int> chinese_number(std::string_view s);
// The Chinese numeral for 1 … 99 (十六, 二十).
std::string chinese_numeral(int n);

// The id of the section someone meant: the id itself, or 4 / 第四部分 / 四、 / 第4部分 for 四.
// nullopt when no section matches.
std::optional<std::string> section_id_for(const Plan& plan, std::string_view typed);

// The task id someone meant: 16, 第16条, 第十六条, 十六, 16. or 16、 all mean task 16. Returns
// the typed text unchanged (trimmed) when it has none of these forms.
std::string task_id_for(std::string_view typed);

// The unit or group someone most likely meant by a name the plan does not have: the name with
// the county prefix or a 人民政府/政府 suffix removed, a unique name starting with it, a unique
// name containing it, a unique abbreviation (its characters in order, first one first: 市监局 →
// 市场监管局), else the nearest by edit distance. nullopt when nothing is plausible.
std::optional<std::string> suggest_unit_name(const PlanIndex& index, std::string_view typed);

}  // namespace plan
