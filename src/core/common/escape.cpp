#include "core/common/escape.h"

#include <fmt/format.h>

#include "core/common/text.h"

namespace plan {

namespace {

// One piece of the input: a whole character, or a byte that is not UTF-8 (`valid` false).
struct Piece {
  std::string_view bytes;
  char32_t cp = 0;
  bool valid = true;
};

// Calls `f(piece)` for each character of `s` in order; a CR LF pair comes as one piece whose code
// point is the line feed, so that a Windows line end counts as one line break.
template <typename F>
void for_each_piece(std::string_view s, F f) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      f(Piece{s.substr(i, 1), static_cast<unsigned char>(s[i]), false});
      ++i;
      continue;
    }
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      f(Piece{s.substr(i, 2), U'\n', true});
      i += 2;
      continue;
    }
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    f(Piece{s.substr(i, n), cp, true});
    i += n;
  }
}

// The visible stand-in for an unsafe character or a bad byte.
std::string shown_escaped(const Piece& p) {
  if (!p.valid || p.cp < 0x80) return fmt::format("\\x{:02X}", static_cast<unsigned>(p.cp));
  return fmt::format("\\u{{{:04X}}}", static_cast<unsigned>(p.cp));
}

// The terminal form of one piece: the character itself, or its escape.
std::string terminal_piece(const Piece& p, std::string_view newline) {
  if (p.valid && p.cp == U'\n' && !newline.empty()) return std::string(newline);
  if (!p.valid || is_unsafe_char(p.cp)) return shown_escaped(p);
  return std::string(p.bytes);
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// -3, 12, 12.5, 40.0%: what the numeric columns hold on purpose.
bool plain_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (digits == 0) return false;
  if (i < s.size() && s[i] == '.') {
    ++i;
    std::size_t frac = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++frac;
    if (frac == 0) return false;
  }
  if (i < s.size() && s[i] == '%') ++i;
  return i == s.size();
}

}  // namespace

bool is_unsafe_char(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string escape_terminal(std::string_view s, std::string_view newline) {
  // Most text has nothing to escape (every table cell goes through here): then it is itself.
  // Printable ASCII and three-byte characters whose lead byte (E1, E3–EF except ED) rules out
  // overlong forms, surrogates and the unsafe U+2028–U+202E and U+2066–U+2069 are seen at a
  // glance; other text is decoded.
  bool glance = true;
  for (std::size_t i = 0; i < s.size() && glance;) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) {
      ++i;
    } else if (c != 0xE2 && plain_three_byte(s, i)) {
      i += 3;
    } else {
      glance = false;
    }
  }
  if (glance) return std::string(s);
  bool plain = true;
  for_each_piece(s, [&](const Piece& p) { plain = plain && p.valid && !is_unsafe_char(p.cp); });
  if (plain) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for_each_piece(s, [&](const Piece& p) { out += terminal_piece(p, newline); });
  return out;
}

std::string escape_terminal_to_width(std::string_view s, std::size_t width,
                                     std::string_view newline) {
  std::string all = escape_terminal(s, newline);
  if (display_width(all) <= width) return all;
  if (width == 0) return {};
  std::string out;
  std::size_t used = 0;
  bool full = false;
  for_each_piece(s, [&](const Piece& p) {
    if (full) return;
    std::string shown = terminal_piece(p, newline);
    std::size_t w = display_width(shown);
    if (used + w + 1 > width) {  // keep one column for the ellipsis
      full = true;
      return;
    }
    out += shown;
    used += w;
  });
  return out + "…";
}

std::string escape_message(std::string_view s, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  bool cut = false;
  for_each_piece(s, [&](const Piece& p) {
    if (cut) return;
    if (++chars > max_chars) {
      cut = true;
      return;
    }
    out += terminal_piece(p, {});
  });
  return cut ? out + "…" : out;
}

std::string escape_markdown(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  // A leading # + - = that could start a heading, list or rule ("# ", "- ", "---", "==") is
  // escaped; "-47d" or "+30d" is left alone.
  auto ends_marker = [&](std::size_t at) {
    return at >= s.size() || s[at] == ' ' || s[at] == '\t' || s[at] == s[0];
  };
  bool first = true;
  for_each_piece(s, [&](const Piece& p) {
    const bool at_start = first && ends_marker(1);
    first = false;
    if (!p.valid || (p.cp != U'\n' && is_unsafe_char(p.cp))) {
      out += shown_escaped(p);
      return;
    }
    switch (p.cp) {
      case U'\n':
        out += "<br>";
        return;
      case U'<':
        out += "&lt;";
        return;
      case U'>':
        out += "&gt;";
        return;
      case U'&':
        out += "&amp;";
        return;
      case U'\\':
      case U'`':
      case U'*':
      case U'_':
      case U'~':
      case U'[':
      case U']':
      case U'|':
        out += '\\';
        out += static_cast<char>(p.cp);
        return;
      case U'#':
      case U'+':
      case U'-':
      case U'=':
        if (at_start) out += '\\';
        out += static_cast<char>(p.cp);
        return;
      default:
        out += p.bytes;
    }
  });
  // "12. text" or "3) text" at the start would read as a list item in a block context
  // ("15.4%" would not).
  std::size_t digits = 0;
  while (digits < out.size() && is_digit(out[digits])) ++digits;
  if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')') &&
      (digits + 1 == out.size() || out[digits + 1] == ' '))
    out.insert(digits, 1, '\\');
  return out;
}

bool csv_formula_like(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] == '\t' || s[0] == '\r' || s[0] == '\n') return true;
  std::size_t i = s.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) return false;
  char c = s[i];
  return c == '=' || c == '+' || c == '-' || c == '@';
}

std::string escape_csv(std::string_view s, bool numeric) {
  std::string v;
  if (csv_formula_like(s) && !(numeric && plain_number(s))) v = "'";
  v += s;
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string escape_html(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for_each_piece(s, [&](const Piece& p) {
    if (p.valid && (p.cp == U'\n' || p.cp == U'\t')) {
      out += p.bytes;
      return;
    }
    if (!p.valid || is_unsafe_char(p.cp)) {
      out += shown_escaped(p);
      return;
    }
    switch (p.cp) {
      case U'&':
        out += "&amp;";
        break;
      case U'<':
        out += "&lt;";
        break;
      case U'>':
        out += "&gt;";
        break;
      case U'"':
        out += "&quot;";
        break;
      case U'\'':
        out += "&#39;";
        break;
      default:
        out += p.bytes;
    }
  });
  return out;
}

}  // namespace plan
