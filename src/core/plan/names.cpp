#include "core/plan/names.h"

#include <algorithm>

#include "core/common/text.h"

namespace plan {

namespace {

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\u3000' || c == U'\u00a0';
}

bool starts_with(std::u32string_view s, std::u32string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

bool ends_with(std::u32string_view s, std::u32string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

int digit_value(char32_t c) {
  static const std::u32string_view kDigits = U"〇一二三四五六七八九";
  if (c == U'零') return 0;
  if (c == U'两') return 2;
  auto at = kDigits.find(c);
  return at == std::u32string_view::npos ? -1 : static_cast<int>(at);
}

// An ASCII or full-width number, or a Chinese one; nullopt otherwise.
std::optional<int> any_number(std::u32string_view s) {
  if (s.empty()) return std::nullopt;
  int n = 0;
  bool ascii = true;
  for (char32_t c : s) {
    if (c >= U'０' && c <= U'９') c = U'0' + (c - U'０');
    if (c < U'0' || c > U'9' || n > 100000) {
      ascii = false;
      break;
    }
    n = n * 10 + static_cast<int>(c - U'0');
  }
  if (ascii) return n;
  return chinese_number(to_utf8(s));
}

// The typed text without the decorations around a number: 第…条/项/部分/个任务, a trailing 、
// or '.', brackets.
std::u32string bare_number_text(std::u32string s,
                                std::initializer_list<std::u32string_view> tails) {
  if (starts_with(s, U"第")) s.erase(0, 1);
  for (auto tail : tails) {
    if (ends_with(s, tail)) {
      s.erase(s.size() - tail.size());
      break;
    }
  }
  while (!s.empty() && (s.back() == U'、' || s.back() == U'.' || s.back() == U'．')) s.pop_back();
  return s;
}

// True when every character of `abbrev` appears in `name` in order, the first one first.
bool abbreviates(std::u32string_view abbrev, std::u32string_view name) {
  if (abbrev.empty() || name.empty() || abbrev.front() != name.front()) return false;
  std::size_t at = 0;
  for (char32_t c : abbrev) {
    at = name.find(c, at);
    if (at == std::u32string_view::npos) return false;
    ++at;
  }
  return true;
}

// The only unit or group (by its own name; aliases count as their owner) for which `pred`
// holds on some name or alias, if exactly one does.
template <class Pred>
std::optional<std::string> unique(const PlanIndex& index, const std::vector<std::string>& names,
                                  Pred pred) {
  std::optional<std::string> found;
  for (const auto& n : names) {
    if (!pred(to_u32(n))) continue;
    std::string owner = index.canonical(n).value_or(n);
    if (found && *found != owner) return std::nullopt;
    found = owner;
  }
  return found;
}

}  // namespace

std::string trim_spaces(std::string_view s) {
  std::u32string u = to_u32(s);
  std::size_t b = 0, e = u.size();
  while (b < e && is_space(u[b])) ++b;
  while (e > b && is_space(u[e - 1])) --e;
  return to_utf8(std::u32string_view(u).substr(b, e - b));
}

std::vector<std::string> split_name_list(std::string_view typed) {
  std::vector<std::string> out;
  std::u32string piece;
  auto flush = [&] {
    std::string name = trim_spaces(to_utf8(piece));
    if (!name.empty()) out.push_back(std::move(name));
    piece.clear();
  };
  for (char32_t c : to_u32(typed)) {
    if (c == U',' || c == U'，' || c == U'、') {
      flush();
    } else {
      piece += c;
    }
  }
  flush();
  return out;
}

std::optional<int> chinese_number(std::string_view text) {
  std::u32string s = to_u32(text);
  if (s.empty() || s.size() > 3) return std::nullopt;
  auto ten = s.find(U'十');
  if (ten == std::u32string::npos) {
    if (s.size() != 1) return std::nullopt;
    int d = digit_value(s[0]);
    return d >= 0 ? std::optional<int>(d) : std::nullopt;
  }
  int tens = 1, ones = 0;
  if (ten == 1) {
    tens = digit_value(s[0]);
    if (tens <= 0) return std::nullopt;
  } else if (ten != 0) {
    return std::nullopt;
  }
  if (ten + 1 < s.size()) {
    if (ten + 2 != s.size()) return std::nullopt;
    ones = digit_value(s[ten + 1]);
    if (ones <= 0) return std::nullopt;
  }
  return tens * 10 + ones;
}

std::string chinese_numeral(int n) {
  static const char* kDigits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0 || n > 99) return std::to_string(n);
  if (n < 10) return kDigits[n];
  return std::string(n / 10 == 1 ? "" : kDigits[n / 10]) + "十" + kDigits[n % 10];
}

std::optional<std::string> section_id_for(const Plan& plan, std::string_view typed) {
  const std::string t = trim_spaces(typed);
  for (const auto& s : plan.sections)
    if (s.id == t) return s.id;
  std::u32string bare = bare_number_text(to_u32(t), {U"部分"});
  if (bare.size() >= 2 && (bare.front() == U'(' || bare.front() == U'（') &&
      (bare.back() == U')' || bare.back() == U'）'))
    bare = bare.substr(1, bare.size() - 2);
  auto n = any_number(bare);
  if (!n) return std::nullopt;
  const std::string numeral = chinese_numeral(*n);
  for (const auto& s : plan.sections)
    if (s.id == numeral || s.id == std::to_string(*n)) return s.id;
  return std::nullopt;
}

std::string task_id_for(std::string_view typed) {
  const std::string t = trim_spaces(typed);
  std::u32string bare = bare_number_text(to_u32(t), {U"个任务", U"项任务", U"条", U"项"});
  if (auto n = any_number(bare); n && *n > 0) return std::to_string(*n);
  return t;
}

std::optional<std::string> suggest_unit_name(const PlanIndex& index, std::string_view typed) {
  const std::vector<std::string> names = index.all_names();
  std::u32string s = to_u32(trim_spaces(typed));
  if (s.empty()) return std::nullopt;
  // 北平镇人民政府 → 北平镇; 古县北平镇 / 临汾市古县北平镇 → 北平镇.
  std::vector<std::u32string> forms = {s};
  for (std::u32string_view tail : {U"人民政府", U"政府"}) {
    if (ends_with(s, tail) && s.size() > tail.size()) {
      forms.push_back(s.substr(0, s.size() - tail.size()));
      break;
    }
  }
  for (std::size_t k = 0, n = forms.size(); k < n; ++k) {
    const std::u32string f = forms[k];
    for (std::size_t i = 1; i + 1 < f.size() && i <= 8; ++i) {
      char32_t c = f[i - 1];
      if (c == U'县' || c == U'区' || c == U'市' || c == U'旗') forms.push_back(f.substr(i));
    }
  }
  for (const auto& f : forms) {
    const std::string name = to_utf8(f);
    if (f != s && index.canonical(name)) return *index.canonical(name);
  }
  for (const auto& f : forms) {
    if (auto hit = unique(index, names, [&](const std::u32string& n) { return starts_with(n, f); }))
      return hit;
  }
  if (auto hit = unique(index, names,
                        [&](const std::u32string& n) { return n.find(s) != std::u32string::npos; }))
    return hit;
  if (auto hit = unique(index, names, [&](const std::u32string& n) { return abbreviates(s, n); }))
    return hit;
  return nearest(to_utf8(s), names);
}

}  // namespace plan
