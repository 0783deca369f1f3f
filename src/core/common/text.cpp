#include "core/common/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace plan {

namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not valid there.
std::size_t utf8_seq_len(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  char32_t min = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2, min = 0x80, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, min = 0x800, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, min = 0x10000, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

// GBK/GB18030 two-byte characters: lead 0x81-0xFE, trail 0x40-0xFE except 0x7F.
bool gb_pair_at(std::string_view s, std::size_t i) {
  if (i + 1 >= s.size()) return false;
  auto lead = static_cast<unsigned char>(s[i]);
  auto trail = static_cast<unsigned char>(s[i + 1]);
  return lead >= 0x81 && lead <= 0xFE && trail >= 0x40 && trail <= 0xFE && trail != 0x7F;
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  return i < s.size() ? utf8_seq_len(s, i) : 0;
}

namespace {

// Whether the whole text is UTF-8, eight ASCII bytes at a time: the common case, for which the
// place of an error need not be followed.
bool all_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (i + 8 <= s.size()) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    // Chinese text is mostly three-byte sequences whose lead byte alone rules out overlong
    // forms and surrogates (E1–EC, EE–EF): two continuation bytes make them valid. ASCII
    // between them is taken a byte at a time until eight in a row are ASCII again.
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (plain_three_byte(s, i)) {
      i += 3;
      continue;
    }
    const std::size_t n = utf8_seq_len(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

}  // namespace

std::optional<Utf8Error> find_invalid_utf8(std::string_view s) {
  if (all_utf8(s)) return std::nullopt;
  int line = 1;
  int col = 1;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_seq_len(s, i);
    if (n == 0) {
      Utf8Error e{i, line, col, false};
      // Judge the rest of the line: mostly GB pairs means a GBK/GB18030 file.
      std::size_t pairs = 0, bad = 0;
      for (std::size_t k = i; k < s.size() && s[k] != '\n';) {
        if (static_cast<unsigned char>(s[k]) < 0x80) {
          ++k;
        } else if (gb_pair_at(s, k)) {
          ++pairs, k += 2;
        } else {
          ++bad, ++k;
        }
      }
      e.looks_like_gb18030 = pairs > 0 && bad == 0;
      return e;
    }
    if (s[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
    i += n;
  }
  return std::nullopt;
}

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_seq_len(s, i);
    if (n == 0) {  // not expected after validation; keep going with a replacement
      out.push_back(U'\uFFFD');
      ++i;
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t cp : s) append_utf8(out, cp);
  return out;
}

std::optional<std::size_t> common_display_width(std::string_view s) {
  // As fmt measures them: printable ASCII (dates, numbers, ids) takes a column a character; CJK
  // ideographs and punctuation (U+3000–U+9FFF but U+303F, lead bytes E3–E9) and full-width
  // forms (U+FF00–U+FF3F, EF BC) two.
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto next = [&](std::size_t k) {
      return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0;
    };
    if (c >= 0x20 && c < 0x7F) {
      ++width;
      ++i;
    } else if (plain_three_byte(s, i) &&
               ((c >= 0xE3 && c <= 0xE9 && !(c == 0xE3 && next(1) == 0x80 && next(2) == 0xBF)) ||
                (c == 0xEF && next(1) == 0xBC))) {
      width += 2;
      i += 3;
    } else {
      return std::nullopt;
    }
  }
  return width;
}

std::size_t display_width(std::string_view s) {
  if (const auto width = common_display_width(s)) return *width;
  // fmt pads by display width (two columns for CJK); measure that padding rather than keep a
  // second copy of the East Asian width table.
  const std::size_t probe = s.size() * 2 + 1;
  return probe - (fmt::formatted_size("{:<{}}", s, probe) - s.size());
}

std::string pad_right(std::string_view s, std::size_t width) {
  return fmt::format("{:<{}}", s, width);
}

std::string pad_left(std::string_view s, std::size_t width) {
  return fmt::format("{:>{}}", s, width);
}

std::string truncate_to_width(std::string_view s, std::size_t width) {
  if (display_width(s) <= width) return std::string(s);
  if (width == 0) return {};
  std::u32string cps = to_u32(s);
  std::string out;
  std::size_t used = 0;
  for (char32_t cp : cps) {
    std::string one = to_utf8(std::u32string_view(&cp, 1));
    std::size_t w = display_width(one);
    if (used + w + 1 > width) break;  // keep one column for the ellipsis
    out += one;
    used += w;
  }
  return out + "…";
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions
  // (a common typo: "titel") each cost one.
  std::u32string x = to_u32(a), y = to_u32(b);
  const std::size_t n = x.size(), m = y.size();
  std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
  for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    for (std::size_t j = 1; j <= m; ++j) {
      std::size_t cost = x[i - 1] == y[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_d = 0;
  const std::size_t len = to_u32(word).size();
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(word, c);
    // A typo changes a few characters; a candidate that merely contains the word also counts.
    bool near =
        d <= std::max<std::size_t>(1, len / 3) || (len >= 2 && c.find(word) != std::string::npos);
    if (near && (!best || d < best_d)) {
      best = c;
      best_d = d;
    }
  }
  return best;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

bool has_control_chars(std::string_view s) {
  for (char32_t cp : to_u32(s)) {
    if ((cp < 0x20 && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) return true;
  }
  return false;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::vector<std::string> split_on(std::string_view text, char sep) {
  std::vector<std::string> out;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(sep, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

}  // namespace plan
