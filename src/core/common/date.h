// Calendar dates and the deadline phrases the county writes (2024年底前, 2024年6月底前, …).
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace plan {

using Date = std::chrono::year_month_day;

// The years a date may have, wherever it comes from (plan deadlines, --date and the other date
// options, progress entries, recorded stamps, returned forms): every date outside is refused
// with a message naming this range, so that nothing downstream meets year 0 or 9999.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2999;
bool in_supported_range(const Date& d);

// Why a date was refused.
enum class DateError {
  none,
  malformed,     // not one of the accepted shapes
  no_such_date,  // the shape is right but the day does not exist (2024-02-30)
  out_of_range,  // a real date outside kMinYear–kMaxYear
};
// The catalog key that explains `e` (bad-date, date-out-of-range), or `malformed_key` for a
// malformed date; its one argument is the date as written.
const char* date_error_key(DateError e, const char* malformed_key);

// "2024-12-31" → the date; nullopt (and the reason in `error`) when it is not a date in range.
std::optional<Date> parse_iso_date(std::string_view s, DateError* error = nullptr);
std::string iso(const Date& d);
// A date as people type it: 2024-12-31, 2024-1-5, 2024/12/31, 2024.12.31, 20241231,
// 2024年12月31日 (full-width digits too, spaces around the parts ignored). `error` tells
// 2024-02-30 (no_such_date) and 0000-01-01 (out_of_range) from 31/12/2024 (malformed).
std::optional<Date> parse_user_date(std::string_view s, DateError* error = nullptr);
// Days from a to b (positive when b is later).
int days_between(const Date& a, const Date& b);
// A month as one number, year * 12 + month - 1, so that months can be counted and compared.
inline int month_number(const Date& d) {
  return static_cast<int>(d.year()) * 12 + static_cast<int>(static_cast<unsigned>(d.month())) - 1;
}
Date add_days(const Date& d, int days);
// Days since 1970-01-01 (negative before), and back: dates as plain numbers, for compact records
// and cheap comparisons.
int day_number(const Date& d);
Date from_day_number(int days);

enum class DeadlineError { none, unrecognised, no_such_date, out_of_range };

// The due date of a deadline phrase: the last day of the period it names, inclusive.
// Accepts 2024年底前 / 2024年底 / 2024年年底前, 2024年6月底前, 2025年3月15日前,
// 2024年上半年 / 下半年, 2024年第三季度 / 2024年三季度, and ISO 2024-12-31, with an optional
// trailing 完成 or 前完成, spaces between parts and full-width digits. A four-digit year
// outside kMinYear–kMaxYear is out_of_range, whichever form it is written in.
struct DeadlineParse {
  std::optional<Date> due;
  DeadlineError error = DeadlineError::none;
};
DeadlineParse parse_deadline(std::string_view text);
// The catalog key that explains a deadline error (bad-deadline, bad-date, date-out-of-range).
const char* deadline_error_key(DeadlineError e);

}  // namespace plan
