// Calendar dates and the deadline phrases the county writes (2024年底前, 2024年6月底前, …).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace plan {

using Date = std::chrono::year_month_day;

// "2024-12-31" → the date; nullopt when the form is wrong. Sets `exists` false for 2024-02-30.
std::optional<Date> parse_iso_date(std::string_view s, bool* well_formed = nullptr);
std::string iso(const Date& d);
// A date as people type it: 2024-12-31, 2024-1-5, 2024/12/31, 2024.12.31, 20241231,
// 2024年12月31日 (full-width digits too, spaces around the parts ignored). Sets `well_formed`
// when the text has one of those shapes, so that 2024-02-30 can be told from 31/12/2024.
std::optional<Date> parse_user_date(std::string_view s, bool* well_formed = nullptr);
// Days from a to b (positive when b is later).
int days_between(const Date& a, const Date& b);
Date add_days(const Date& d, int days);

enum class DeadlineError { none, unrecognised, no_such_date };

// The due date of a deadline phrase: the last day of the period it names, inclusive.
// Accepts 2024年底前 / 2024年底 / 2024年年底前, 2024年6月底前, 2025年3月15日前,
// 2024年上半年 / 下半年, 2024年第三季度 / 2024年三季度, and ISO 2024-12-31, with an optional
// trailing 完成 or 前完成, spaces between parts and full-width digits.
struct DeadlineParse {
  std::optional<Date> due;
  DeadlineError error = DeadlineError::none;
};
DeadlineParse parse_deadline(std::string_view text);

}  // namespace plan
