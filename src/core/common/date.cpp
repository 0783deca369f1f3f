#include "core/common/date.h"

#include <fmt/format.h>

#include <vector>

#include "core/common/text.h"

namespace plan {

using namespace std::chrono;

bool in_supported_range(const Date& d) {
  return d.year() >= year{kMinYear} && d.year() <= year{kMaxYear};
}

const char* date_error_key(DateError e, const char* malformed_key) {
  switch (e) {
    case DateError::no_such_date:
      return "bad-date";
    case DateError::out_of_range:
      return "date-out-of-range";
    case DateError::none:
    case DateError::malformed:
      break;
  }
  return malformed_key;
}

namespace {

// The date of year, month and day, or why not.
std::optional<Date> checked_date(int y, int m, int d, DateError* error) {
  Date date{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  DateError e = !date.ok()                  ? DateError::no_such_date
                : !in_supported_range(date) ? DateError::out_of_range
                                            : DateError::none;
  if (error) *error = e;
  if (e != DateError::none) return std::nullopt;
  return date;
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view s, DateError* error) {
  if (error) *error = DateError::malformed;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k) {
    for (std::size_t i = starts[k]; i < starts[k] + lens[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  }
  return checked_date(v[0], v[1], v[2], error);
}

std::optional<Date> parse_user_date(std::string_view text, DateError* error) {
  if (error) *error = DateError::malformed;
  // Full-width digits and separators become ASCII; spaces go.
  std::string s;
  for (char32_t c : to_u32(text)) {
    if (c >= U'０' && c <= U'９') c = U'0' + (c - U'０');
    if (c == U'－') c = U'-';
    if (c == U'／') c = U'/';
    if (c == U'．') c = U'.';
    if (c == U' ' || c == U'\u3000' || c == U'\t') continue;
    s += to_utf8(std::u32string(1, c));
  }
  int v[3] = {0, 0, 0};
  if (s.size() == 8 && s.find_first_not_of("0123456789") == std::string::npos) {
    v[0] = std::stoi(s.substr(0, 4));
    v[1] = std::stoi(s.substr(4, 2));
    v[2] = std::stoi(s.substr(6, 2));
  } else {
    // Year, month and day: digits split by one kind of separator (- / .) or by 年 月 (日).
    std::vector<std::string> parts(1);
    std::string sep;
    std::string_view rest = s;
    while (!rest.empty()) {
      char c = rest.front();
      if (c >= '0' && c <= '9') {
        parts.back() += c;
        rest.remove_prefix(1);
        continue;
      }
      std::string mark;
      for (std::string_view m : {"-", "/", ".", "年", "月", "日"}) {
        if (rest.substr(0, m.size()) == m) {
          mark = m;
          break;
        }
      }
      if (mark.empty()) return std::nullopt;
      rest.remove_prefix(mark.size());
      if (mark == "日") {
        if (!rest.empty() || parts.size() != 3 || sep != "年月") return std::nullopt;
        sep += mark;
        break;
      }
      sep += mark;
      parts.emplace_back();
    }
    bool cjk = sep == "年月" || sep == "年月日";
    bool plain = sep == "--" || sep == "//" || sep == "..";
    if (!(cjk || plain) || parts.size() != 3) return std::nullopt;
    const std::size_t max_len[3] = {4, 2, 2};
    for (int k = 0; k < 3; ++k) {
      if (parts[k].empty() || parts[k].size() > max_len[k]) return std::nullopt;
      if (k == 0 && parts[k].size() != 4) return std::nullopt;
      v[k] = std::stoi(parts[k]);
    }
  }
  return checked_date(v[0], v[1], v[2], error);
}

std::string iso(const Date& d) {
  const int y = static_cast<int>(d.year());
  const auto m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
  // Written digit by digit for the dates there are (this runs for every date of every row of
  // long lists); anything else, as fmt writes it.
  if (y < 0 || y > 9999 || m > 99 || day > 99) return fmt::format("{:04}-{:02}-{:02}", y, m, day);
  return {static_cast<char>('0' + y / 1000),
          static_cast<char>('0' + y / 100 % 10),
          static_cast<char>('0' + y / 10 % 10),
          static_cast<char>('0' + y % 10),
          '-',
          static_cast<char>('0' + m / 10),
          static_cast<char>('0' + m % 10),
          '-',
          static_cast<char>('0' + day / 10),
          static_cast<char>('0' + day % 10)};
}

int days_between(const Date& a, const Date& b) {
  return static_cast<int>((sys_days{b} - sys_days{a}).count());
}

Date add_days(const Date& d, int n) {
  return Date{sys_days{d} + days{n}};
}

int day_number(const Date& d) {
  return static_cast<int>(sys_days{d}.time_since_epoch().count());
}

Date from_day_number(int n) {
  return Date{sys_days{days{n}}};
}

namespace {

// A cursor over the phrase's code points, skipping spaces.
struct Cursor {
  std::u32string s;
  std::size_t i = 0;
  void skip_spaces() {
    while (i < s.size() && (s[i] == U' ' || s[i] == U'\u3000' || s[i] == U'\t')) ++i;
  }
  bool eat(std::u32string_view word) {
    skip_spaces();
    if (s.compare(i, word.size(), word) == 0) {
      i += word.size();
      return true;
    }
    return false;
  }
  std::optional<int> number(int max_digits) {
    skip_spaces();
    int v = 0, n = 0;
    while (i < s.size() && n < max_digits) {
      char32_t c = s[i];
      if (c >= U'０' && c <= U'９') c = U'0' + (c - U'０');
      if (c < U'0' || c > U'9') break;
      v = v * 10 + static_cast<int>(c - U'0');
      ++i, ++n;
    }
    if (n == 0) return std::nullopt;
    return v;
  }
  // 一 … 四 or 1 … 4
  std::optional<int> small_numeral() {
    skip_spaces();
    static constexpr char32_t kNum[] = U"一二三四";
    for (int k = 0; k < 4; ++k) {
      if (i < s.size() && s[i] == kNum[k]) {
        ++i;
        return k + 1;
      }
    }
    return number(1);
  }
  bool at_end() {
    skip_spaces();
    return i == s.size();
  }
};

Date last_of_month(int y, int m) {
  return Date{year{y} / month{static_cast<unsigned>(m)} / last};
}

}  // namespace

const char* deadline_error_key(DeadlineError e) {
  switch (e) {
    case DeadlineError::no_such_date:
      return "bad-date";
    case DeadlineError::out_of_range:
      return "date-out-of-range";
    case DeadlineError::none:
    case DeadlineError::unrecognised:
      break;
  }
  return "bad-deadline";
}

DeadlineParse parse_deadline(std::string_view text) {
  DeadlineParse r;
  DateError iso_error = DateError::none;
  if (auto d = parse_iso_date(text, &iso_error)) {
    r.due = d;
    return r;
  }
  if (iso_error != DateError::malformed) {
    r.error = iso_error == DateError::out_of_range ? DeadlineError::out_of_range
                                                   : DeadlineError::no_such_date;
    return r;
  }
  Cursor c{to_u32(text)};
  r.error = DeadlineError::unrecognised;
  c.skip_spaces();
  const std::size_t year_start = c.i;
  auto y = c.number(4);
  const std::size_t year_digits = c.i - year_start;
  if (!y || !c.eat(U"年")) return r;
  if (*y < kMinYear || *y > kMaxYear) {
    // 19年底前 is a shape we do not know; 1899年底前 and 3000年底前 are years we do not take.
    if (year_digits == 4) r.error = DeadlineError::out_of_range;
    return r;
  }

  std::optional<Date> due;
  bool bad_date = false;
  if (c.eat(U"年底") || c.eat(U"底")) {
    due = last_of_month(*y, 12);
  } else if (c.eat(U"上半年")) {
    due = last_of_month(*y, 6);
  } else if (c.eat(U"下半年")) {
    due = last_of_month(*y, 12);
  } else {
    std::size_t mark = c.i;
    bool ordinal = c.eat(U"第");
    if (auto q = c.small_numeral(); q && *q >= 1 && *q <= 4 && c.eat(U"季度")) {
      due = last_of_month(*y, *q * 3);
    } else {
      if (ordinal) return r;
      c.i = mark;
      auto m = c.number(2);
      if (!m || !c.eat(U"月")) return r;
      if (*m < 1 || *m > 12) {
        bad_date = true;
        c.eat(U"底") || c.eat(U"末") || (c.number(2) && (c.eat(U"日") || c.eat(U"号")));
      } else if (c.eat(U"底") || c.eat(U"末")) {
        due = last_of_month(*y, *m);
      } else {
        auto d = c.number(2);
        if (!d || !(c.eat(U"日") || c.eat(U"号"))) return r;
        Date date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
        if (!date.ok()) {
          bad_date = true;
        } else {
          due = date;
        }
      }
    }
  }
  // Trailing words that do not change the date.
  c.eat(U"前");
  c.eat(U"完成");
  if (!c.at_end()) return r;
  if (bad_date) {
    r.error = DeadlineError::no_such_date;
    return r;
  }
  r.due = due;
  r.error = due ? DeadlineError::none : DeadlineError::unrecognised;
  return r;
}

}  // namespace plan
