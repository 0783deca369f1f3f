// Text helpers shared by the loader, the checks and every renderer.
#pragma once
#include <cstddef>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plan {

// s == lit for a string literal: its length is a constant, so the comparison is compiled inline
// instead of calling memcmp (for the words and keys read on every line).
template <std::size_t N>
inline bool is_literal(std::string_view s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

// Position of the first byte that is not valid UTF-8, as 1-based line and column (in characters).
struct Utf8Error {
  std::size_t offset = 0;
  int line = 1;
  int col = 1;
  bool looks_like_gb18030 = false;  // the bad bytes form plausible GBK/GB18030 pairs
};
std::optional<Utf8Error> find_invalid_utf8(std::string_view s);
// Length of the UTF-8 sequence that starts at s[i] (1–4), or 0 when the bytes there are not
// valid UTF-8 (a stray continuation byte, an overlong form, a surrogate, a cut sequence).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
// Whether s[i..i+3) is a three-byte sequence whose lead byte alone rules out overlong forms and
// surrogates (E1–EC, EE–EF) followed by two continuation bytes: valid UTF-8 without decoding it.
// Most Chinese text is made of these; callers exclude the lead bytes of what they treat apart.
inline bool plain_three_byte(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  return i + 3 <= s.size() && b(0) >= 0xE1 && b(0) <= 0xEF && b(0) != 0xED &&
         (b(1) & 0xC0) == 0x80 && (b(2) & 0xC0) == 0x80;
}

// Decodes valid UTF-8 into code points (call find_invalid_utf8 first).
std::u32string to_u32(std::string_view s);
std::string to_utf8(std::u32string_view s);
// Appends one code point as UTF-8.
void append_utf8(std::string& out, char32_t cp);

// Terminal columns the text takes: CJK characters count two (fmt's own width rules).
std::size_t display_width(std::string_view s);
// The same for the common text display_width counts itself, or nullopt for other text (which
// it measures through fmt): printable ASCII one column a character, CJK characters and
// punctuation (lead bytes E3–E9, but U+303F) and full-width forms (EF BC) two.
std::optional<std::size_t> common_display_width(std::string_view s);
// Pads with spaces on the right (or left) to `width` display columns.
std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);
// Cuts to at most `width` display columns, ending with "…" when something was cut.
std::string truncate_to_width(std::string_view s, std::size_t width);

// Edit distance in code points, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate nearest to `word`, if any is near enough to be a plausible typo.
std::optional<std::string> nearest(std::string_view word,
                                   const std::vector<std::string>& candidates);

// Joins with a separator.
std::string join(const std::vector<std::string>& parts, std::string_view sep);
// The lines of a text, without their line feeds (a final line feed ends the last line).
std::vector<std::string> split_lines(const std::string& text);

// The parts between separators ("a//b" has an empty part; "" is one empty part).
std::vector<std::string> split_on(std::string_view text, char sep);

// True when the text holds a control character other than tab (C0, DEL or C1).
bool has_control_chars(std::string_view s);

}  // namespace plan
