#include "core/common/date.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace plan;

namespace {
std::string due(const char* text) {
  auto r = parse_deadline(text);
  if (r.error == DeadlineError::unrecognised) return "unrecognised";
  if (r.error == DeadlineError::no_such_date) return "no-such-date";
  if (r.error == DeadlineError::out_of_range) return "out-of-range";
  return iso(*r.due);
}
}  // namespace

TEST_CASE("deadline phrases give the last day of the period") {
  CHECK(due("2024年底前") == "2024-12-31");
  CHECK(due("2024年底") == "2024-12-31");
  CHECK(due("2024年年底前") == "2024-12-31");
  CHECK(due("2024 年底前") == "2024-12-31");
  CHECK(due("2024年6月底前") == "2024-06-30");
  CHECK(due("2024 年 6 月底前") == "2024-06-30");
  CHECK(due("2024年6月底") == "2024-06-30");
  CHECK(due("2025年3月15日前") == "2025-03-15");
  CHECK(due("2025年3月15日") == "2025-03-15");
  CHECK(due("2024年上半年") == "2024-06-30");
  CHECK(due("2024年下半年") == "2024-12-31");
  CHECK(due("2024年第三季度") == "2024-09-30");
  CHECK(due("2024年一季度") == "2024-03-31");
  CHECK(due("2024-12-31") == "2024-12-31");
  CHECK(due("２０２４年底前") == "2024-12-31");
  CHECK(due("2024年底前完成") == "2024-12-31");
}

TEST_CASE("month ends follow the calendar, leap years included") {
  CHECK(due("2024年2月底前") == "2024-02-29");
  CHECK(due("2023年2月底前") == "2023-02-28");
  CHECK(due("2100年2月底前") == "2100-02-28");
  CHECK(due("2000年2月底前") == "2000-02-29");
  CHECK(due("2024年4月底") == "2024-04-30");
  CHECK(due("2024-02-29") == "2024-02-29");
}

TEST_CASE("dates that do not exist are told apart from unreadable phrases") {
  CHECK(due("2024-02-30") == "no-such-date");
  CHECK(due("2023-02-29") == "no-such-date");
  CHECK(due("2024-13-01") == "no-such-date");
  CHECK(due("2024年13月底前") == "no-such-date");
  CHECK(due("2024年2月30日前") == "no-such-date");
  CHECK(due("明年年底") == "unrecognised");
  CHECK(due("2024年") == "unrecognised");
  CHECK(due("2024年第五季度") == "unrecognised");
  CHECK(due("2024/12/31") == "unrecognised");
  CHECK(due("2024-1-31") == "unrecognised");
  CHECK(due("") == "unrecognised");
  CHECK(due("2024年底前以后") == "unrecognised");
}

TEST_CASE("day arithmetic") {
  auto a = *parse_iso_date("2024-12-31");
  auto b = *parse_iso_date("2025-01-01");
  CHECK(days_between(a, b) == 1);
  CHECK(days_between(b, a) == -1);
  CHECK(iso(add_days(*parse_iso_date("2024-02-28"), 1)) == "2024-02-29");
}

TEST_CASE("dates as people type them") {
  for (const char* s : {"2024-12-31", "2024/12/31", "2024.12.31", "20241231", "2024年12月31日",
                        "2024年12月31", "２０２４年１２月３１日", " 2024 - 12 - 31 "})
    CHECK(iso(*parse_user_date(s)) == "2024-12-31");
  CHECK(iso(*parse_user_date("2024-1-5")) == "2024-01-05");
  CHECK(iso(*parse_user_date("2024年1月5日")) == "2024-01-05");
  DateError error = DateError::none;
  CHECK_FALSE(parse_user_date("2024-02-30", &error));
  CHECK(error == DateError::no_such_date);  // the shape is right, the day does not exist
  for (const char* s : {"31/12/2024", "2024-12/31", "24-12-31", "2024-123-1", "2024年12月", "",
                        "2024-12-31x", "12月31日"}) {
    CHECK_FALSE(parse_user_date(s, &error));
    CHECK(error == DateError::malformed);
  }
}

TEST_CASE("every date keeps to the years 1900 to 2999, whatever its form") {
  DateError error = DateError::none;
  for (const char* s : {"0000-01-01", "1899-12-31", "3000-01-01", "9999-12-31"}) {
    CAPTURE(s);
    CHECK_FALSE(parse_iso_date(s, &error));
    CHECK(error == DateError::out_of_range);
    CHECK_FALSE(parse_user_date(s, &error));
    CHECK(error == DateError::out_of_range);
    CHECK(due(s) == "out-of-range");
  }
  for (const char* s : {"00000101", "9999/12/31", "9999年12月31日", "1899.1.1"}) {
    CAPTURE(s);
    CHECK_FALSE(parse_user_date(s, &error));
    CHECK(error == DateError::out_of_range);
  }
  CHECK(due("9999年底前") == "out-of-range");
  CHECK(due("1899年6月底前") == "out-of-range");
  CHECK(due("3000年第一季度") == "out-of-range");
  CHECK(due("99年底前") == "unrecognised");  // a two-digit year is a shape, not a range, problem
  CHECK(iso(*parse_iso_date("1900-01-01")) == "1900-01-01");
  CHECK(iso(*parse_iso_date("2999-12-31")) == "2999-12-31");
  CHECK(due("2999年底前") == "2999-12-31");
  CHECK(parse_iso_date("0000-02-30", &error) == std::nullopt);
  CHECK(error == DateError::no_such_date);
  CHECK(std::string(date_error_key(DateError::out_of_range, "x")) == "date-out-of-range");
  CHECK(std::string(deadline_error_key(DeadlineError::out_of_range)) == "date-out-of-range");
}

TEST_CASE("iso() writes what fmt writes, for every day of the supported years and odd values") {
  auto by_fmt = [](const Date& d) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                       static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  };
  int days = 0;
  for (Date d = *parse_iso_date("1900-01-01"); d <= *parse_iso_date("2200-12-31");
       d = add_days(d, 1), ++days)
    REQUIRE(iso(d) == by_fmt(d));
  CHECK(days == 109938);
  using namespace std::chrono;
  for (int y : {-32767, -1, 0, 7, 99, 999, 9999, 10000, 32767})
    for (unsigned m : {0u, 1u, 12u, 13u, 99u, 100u, 255u})
      for (unsigned dd : {0u, 1u, 31u, 32u, 99u, 100u, 255u}) {
        const Date d{year{y}, month{m}, day{dd}};
        CHECK(iso(d) == by_fmt(d));
      }
  CHECK(iso(*parse_iso_date("2024-02-29")) == "2024-02-29");
}
