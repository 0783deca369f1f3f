#include "core/progress/entry_line.h"

#include <algorithm>
#include <cstdint>
#include <iterator>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/common/text.h"

namespace plan::entry_line {

namespace {

constexpr std::string_view kKeyNames[kKeys] = {"date",   "retracts", "item", "status",
                                               "note",   "evidence", "by",   "amends",
                                               "reason", "recorded", "id"};

// The code point of the UTF-8 sequence at p (strict: no overlong forms, no surrogates, nothing
// above U+10FFFF), setting `len`; -1 when it is not one.
std::int32_t utf8_at(std::string_view s, std::size_t p, std::size_t& len) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[p + i]); };
  const unsigned char c = b(0);
  std::int32_t cp;
  std::int32_t min;
  if (c < 0x80) {
    len = 1;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return -1;
  }
  if (p + len > s.size()) return -1;
  for (std::size_t i = 1; i < len; ++i) {
    if ((b(i) & 0xC0) != 0x80) return -1;
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return -1;
  return cp;
}

// A character libyaml takes as it is inside a quoted string or a comment on one line: printable
// (its reader refuses control characters), not a line break (U+0085, U+2028, U+2029 are breaks
// to libyaml) and, to be safe, not a byte order mark or a tab.
bool plain_char(std::int32_t cp) {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7F;
  return cp >= 0xA0 && cp != 0x2028 && cp != 0x2029 && cp != 0xFEFF && cp != 0xFFFE && cp != 0xFFFF;
}

// Two texts of the same few bytes (key names) are equal: compared inline, not by a call.
bool same_short(std::string_view a, std::string_view b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The key whose name, then ": ", begins at `p`, or kKeys for none: told apart by their first
// letters (or, for "re…", the third), then compared whole. Inlined into both its callers (a
// call per key costs a canonical line's decoding about a tenth more).
[[gnu::always_inline]] inline std::size_t key_at(std::string_view s, std::size_t p) {
  if (p + 4 > s.size()) return kKeys;  // the shortest, "by: " or "id: "
  std::size_t k;
  switch (s[p]) {
    case 'd':
      k = static_cast<std::size_t>(Key::date);
      break;
    case 'i':
      k = static_cast<std::size_t>(s[p + 1] == 'd' ? Key::id : Key::item);
      break;
    case 's':
      k = static_cast<std::size_t>(Key::status);
      break;
    case 'n':
      k = static_cast<std::size_t>(Key::note);
      break;
    case 'e':
      k = static_cast<std::size_t>(Key::evidence);
      break;
    case 'b':
      k = static_cast<std::size_t>(Key::by);
      break;
    case 'a':
      k = static_cast<std::size_t>(Key::amends);
      break;
    case 'r':
      k = static_cast<std::size_t>(s[p + 2] == 't'   ? Key::retracts
                                   : s[p + 2] == 'c' ? Key::recorded
                                                     : Key::reason);
      break;
    default:
      return kKeys;
  }
  const std::string_view name = kKeyNames[k];
  if (p + name.size() + 2 > s.size() || !same_short(name, s.substr(p, name.size())) ||
      s[p + name.size()] != ':' || s[p + name.size() + 1] != ' ')
    return kKeys;
  return k;
}

// `s` from `p` has the shape of `pattern`: '9' a digit, anything else itself.
template <std::size_t N>
bool shaped(std::string_view s, std::size_t p, const char (&pattern)[N]) {
  if (p + N - 1 > s.size()) return false;
  for (std::size_t i = 0; i + 1 < N; ++i) {
    const char c = s[p + i];
    if (pattern[i] == '9' ? (c < '0' || c > '9') : c != pattern[i]) return false;
  }
  return true;
}

// The state words a plain status may be, and their lengths in characters.
constexpr std::string_view kStateWords[] = {"未开始",      "进行中",      "已完成", "受阻",
                                            "not_started", "in_progress", "done",   "blocked"};
constexpr int kStateWordChars[] = {3, 3, 3, 2, 11, 11, 4, 7};

// The first state word (in kStateWords' order) `s` has at `p`, or the number of words for none.
std::size_t state_word_at(std::string_view s, std::size_t p) {
  const std::string_view rest = s.substr(std::min(p, s.size()));
  for (std::size_t w = 0; w < std::size(kStateWords); ++w)
    if (!rest.empty() && rest[0] == kStateWords[w][0] && rest.starts_with(kStateWords[w])) return w;
  return std::size(kStateWords);
}

#if defined(__SSE2__)
// The bits set in a 16-bit mask, inline (a build for any x86-64 has no popcount instruction, and
// __builtin_popcount is then a call).
inline int bits_set_16(std::uint32_t v) {
  v = v - ((v >> 1) & 0x5555);
  v = (v & 0x3333) + ((v >> 2) & 0x3333);
  v = (v + (v >> 4)) & 0x0F0F;
  return static_cast<int>((v + (v >> 8)) & 0x1F);
}

// From `p`, a character boundary in `s`, the longest run of whole characters that a quoted
// scalar takes as they are, found 16 bytes at a time: printable ASCII other than '"' and '\\'
// (or, for a literal block's line, `Literal`, any printable ASCII), and three-byte sequences that
// plain_three_byte() takes and plain_char() allows (not U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF). It
// stops at the first block with anything else in it (a quote, an escape, other UTF-8) or within 18
// bytes of the end, at the last character boundary before that block. Returns the bytes taken,
// adding their characters to `chars`. The byte-by-byte walk takes it from there, so this only takes
// what that walk would take, sooner. The steps do not wait on each other (the next block is always
// 16 bytes on): a character that runs into the next block carries its continuation bytes over as
// bits.
template <bool Literal = false>
std::size_t plain_run(std::string_view s, std::size_t p, int& chars) {
  const char* const start = s.data() + p;
  const char* const end = s.data() + s.size();
  const char* b = start;
  std::uint32_t carry = 0;  // continuation bytes due at the start of the block
  int n = 0;
  const auto eq = [](__m128i v, int c) {
    return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c)));
  };
  const auto bits = [](__m128i v) { return static_cast<std::uint32_t>(_mm_movemask_epi8(v)); };
  for (; end - b >= 18; b += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b));
    const __m128i x1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 1));
    const __m128i x2 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 2));
    // Bytes compare as signed: 0x80–0xFF are below 0x00.
    const __m128i printable = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x1F)),
                                            _mm_cmplt_epi8(x, _mm_set1_epi8(0x7F)));
    const __m128i ascii =
        Literal ? printable : _mm_andnot_si128(_mm_or_si128(eq(x, '"'), eq(x, '\\')), printable);
    const __m128i cont = _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(0xC0)));  // 80–BF
    // E1–EF but ED, and not the start of E2 80 A8, E2 80 A9, EF BB BF, EF BF BE, EF BF BF.
    const __m128i lead_range =
        _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(static_cast<char>(0xE0))),
                      _mm_cmplt_epi8(x, _mm_set1_epi8(static_cast<char>(0xF0))));
    const __m128i x2_even = _mm_and_si128(x2, _mm_set1_epi8(static_cast<char>(0xFE)));
    const __m128i separator =
        _mm_and_si128(_mm_and_si128(eq(x, 0xE2), eq(x1, 0x80)), eq(x2_even, 0xA8));
    const __m128i noncharacter =
        _mm_and_si128(eq(x, 0xEF), _mm_or_si128(_mm_and_si128(eq(x1, 0xBB), eq(x2, 0xBF)),
                                                _mm_and_si128(eq(x1, 0xBF), eq(x2_even, 0xBE))));
    const __m128i lead = _mm_andnot_si128(
        _mm_or_si128(eq(x, 0xED), _mm_or_si128(separator, noncharacter)), lead_range);
    const std::uint32_t a = bits(ascii), c = bits(cont), l = bits(lead);
    const std::uint32_t due = (l << 1) | (l << 2) | carry;  // where continuations must be
    // Every byte in place: ASCII or a lead where no continuation is due, a continuation where
    // one is.
    if ((((a | l) & ~due) | (c & due)) != 0xFFFF) break;
    n += bits_set_16(a | l);
    carry = due >> 16;
  }
  // Not within a character: back to the lead of one that runs on past the blocks taken.
  if (carry) {
    b -= carry == 0x3 ? 1 : 2;  // a lead at the last byte, or the one before
    --n;
  }
  chars += n;
  return static_cast<std::size_t>(b - start);
}
#endif

// Walks one line, keeping the byte position and the column in characters.
struct Cursor {
  std::string_view s;
  std::size_t p = 0;
  int col = 1;

  bool at_end() const { return p >= s.size(); }
  char peek() const { return p < s.size() ? s[p] : '\0'; }
  // Consumes an ASCII literal.
  template <std::size_t N>
  bool eat(const char (&lit)[N]) {
    if (!is_literal(s.substr(p, N - 1), lit)) return false;
    p += N - 1;
    col += static_cast<int>(N - 1);
    return true;
  }

  // A double-quoted scalar on this line, decoded as libyaml decodes it, into `out`: its place
  // in the line when it has no escapes, else decoded into its storage.
  bool quoted(Field& out) {
    if (!eat("\"")) return false;
    out.decoded = false;
    const std::size_t start = p;
    std::size_t run = p;  // start of characters not yet copied (once an escape was seen)
#if defined(__SSE2__)
    // Blocks are tried from the value's 17th byte: most values (an item, a short note) end
    // before it, and trying would only cost them.
    std::size_t blocks_from = p + 16;
#endif
    while (p < s.size()) {
#if defined(__SSE2__)
      // Whole blocks of plain characters at a time (long notes are mostly those). Where that
      // stops, the walk takes the next 16 bytes' characters before blocks are tried again.
      if (p >= blocks_from) {
        if (s.size() - p < 18) {
          blocks_from = std::string_view::npos;
        } else {
          p += plain_run(s, p, col);
          blocks_from = p + 16;
          continue;
        }
      }
#endif
      const char c = s[p];
      if (c == '"') {
        if (out.decoded) {
          out.storage.append(s.data() + run, p - run);
        } else {
          out.raw = s.substr(start, p - start);
        }
        ++p;
        ++col;
        return true;
      }
      if (c == '\\') {
        if (!out.decoded) {
          out.decoded = true;
          out.storage.clear();
        }
        out.storage.append(s.data() + run, p - run);
        if (!escape(out.storage)) return false;
        run = p;
        continue;
      }
      // Most characters are printable ASCII or a three-byte sequence whose lead byte (E1,
      // E3–EC, EE) rules out overlong forms, surrogates, line separators and U+FEFF–U+FFFF:
      // those take no decoding.
      const auto u = static_cast<unsigned char>(c);
      if (u >= 0x20 && u < 0x7F) {
        ++p;
        ++col;
        continue;
      }
      if (u != 0xE2 && u != 0xEF && plain_three_byte(s, p)) {
        p += 3;
        ++col;
        continue;
      }
      std::size_t len;
      std::int32_t cp = utf8_at(s, p, len);
      if (cp < 0 || !plain_char(cp)) return false;
      p += len;
      ++col;
    }
    return false;  // no closing quote on this line
  }

  // The rest of a literal block scalar's line, from `p` to its line break, as libyaml takes it
  // (every character as it is), appended to `out` with the break: true when every character
  // is one plain_char() allows and the line ends in '\n' (a final line without one, or one
  // ending in "\r\n", is left to libyaml). `p` is then past the break.
  bool literal_line(std::string& out) {
    const std::size_t start = p;
    while (p < s.size()) {
#if defined(__SSE2__)
      if (s.size() - p >= 18) p += plain_run<true>(s, p, col);
#endif
      if (p >= s.size()) break;
      const auto u = static_cast<unsigned char>(s[p]);
      if (u == '\n') {
        out.append(s.data() + start, p - start);
        out += '\n';
        ++p;
        return true;
      }
      if (u >= 0x20 && u < 0x7F) {
        ++p;
        continue;
      }
      std::size_t len;
      const std::int32_t cp = utf8_at(s, p, len);
      if (cp < 0 || !plain_char(cp)) return false;
      p += len;
    }
    return false;
  }

  // One escape sequence after a backslash: those libyaml knows, except the line continuation
  // and the rarer ones (left to libyaml).
  bool escape(std::string& out) {
    if (p + 1 >= s.size()) return false;
    const char e = s[p + 1];
    std::size_t hex = 0;
    switch (e) {
      case '0':
        out += '\0';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\x08';
        break;
      case 't':
        out += '\x09';
        break;
      case 'n':
        out += '\x0A';
        break;
      case 'v':
        out += '\x0B';
        break;
      case 'f':
        out += '\x0C';
        break;
      case 'r':
        out += '\x0D';
        break;
      case 'e':
        out += '\x1B';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'N':
        out += "\xC2\x85";
        break;
      case '_':
        out += "\xC2\xA0";
        break;
      case 'L':
        out += "\xE2\x80\xA8";
        break;
      case 'P':
        out += "\xE2\x80\xA9";
        break;
      case 'x':
        hex = 2;
        break;
      case 'u':
        hex = 4;
        break;
      case 'U':
        hex = 8;
        break;
      default:
        return false;
    }
    p += 2;
    col += 2;
    if (hex == 0) return true;
    if (p + hex > s.size()) return false;
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < hex; ++i) {
      int d = hex_digit(s[p + i]);
      if (d < 0) return false;
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    if ((v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) return false;
    append_utf8(out, v);
    p += hex;
    col += static_cast<int>(hex);
    return true;
  }

  // A plain scalar of a fixed shape, ended by ',' or '}' (in a flow mapping) or by the end of
  // the line (`Block`, in a block mapping).
  template <bool Block>
  bool plain(Key k, Field& out) {
    const std::size_t start = p;
    std::size_t n = 0;  // bytes
    int chars = 0;      // characters
    if (k == Key::date) {
      if (!shaped(s, p, "9999-99-99")) return false;
      n = 10;
    } else if (k == Key::recorded) {
      if (!shaped(s, p, "9999-99-99T99:99:99")) return false;
      if (p + 19 < s.size() && s[p + 19] == 'Z') {
        n = 20;
      } else if (p + 19 < s.size() && (s[p + 19] == '+' || s[p + 19] == '-') &&
                 shaped(s, p + 20, "99:99")) {
        n = 25;
      } else {
        return false;
      }
    } else if (k == Key::status) {
      const std::size_t w = state_word_at(s, p);
      if (w == std::size(kStateWords)) return false;
      n = kStateWords[w].size();
      chars = kStateWordChars[w];
    } else {
      return false;
    }
    if (Block ? p + n < s.size() && s[p + n] != '\n'
              : p + n >= s.size() || (s[p + n] != ',' && s[p + n] != '}'))
      return false;
    out.decoded = false;
    out.raw = s.substr(start, n);
    p += n;
    col += chars > 0 ? chars : static_cast<int>(n);  // dates and stamps are ASCII
    return true;
  }
};

}  // namespace

const char* key_name(Key k) {
  return kKeyNames[static_cast<std::size_t>(k)].data();  // each is a whole literal
}

namespace {

// A literal block scalar ("|", its lines indented at least as far as its first) after its key, at
// `c.p` on the '|', into `f`'s storage as libyaml reads it: the lines without their indentation,
// each with its line break (a final one clipped to one). Its first line is indented by three or
// more spaces, every line by at least as many (more are the line's own) and has a character that is
// not white space; any other shape (an empty line or one of spaces within it, indentation or
// chomping indicators, a comment after '|') is left to libyaml. `c.p` is then on its last line
// break, where a one-line value ends.
bool literal_block(Cursor& c, Field& f) {
  const std::string_view s = c.s;
  if (!c.eat("|") || c.peek() != '\n') return false;
  ++c.p;
  std::size_t indent = 0;
  while (c.p + indent < s.size() && s[c.p + indent] == ' ') ++indent;
  if (indent < 3) return false;  // more than the mapping's two spaces, and not empty
  f.decoded = true;
  f.storage.clear();
  // A line of the scalar: the indentation, then (after any more spaces, which are the line's)
  // something other than white space.
  const auto in_scalar = [&](std::size_t at) {
    std::size_t i = 0;
    while (at + i < s.size() && s[at + i] == ' ') ++i;
    if (i < indent || at + i >= s.size()) return false;
    const char first = s[at + i];
    return first != '\t' && first != '\n' && first != '\r';
  };
  if (!in_scalar(c.p)) return false;
  do {
    c.p += indent;
    c.col = static_cast<int>(indent) + 1;
    if (!c.literal_line(f.storage)) return false;
  } while (in_scalar(c.p));
  --c.p;  // back on the line break literal_line() took
  return true;
}

// The value of key `k`, at `c.p` after its key and ": ", ended as a flow mapping's value is
// ended or (`Block`) by the end of the line: an evidence list of quoted strings, a quoted
// value, a plain value of its key's shape, or (`Block`, the note) a literal block. Inlined: a
// call per value costs a canonical line's decoding about a quarter more.
template <bool Block>
[[gnu::always_inline]] inline bool value(Cursor& c, Key k, Line& out) {
  Field& f = out[k];
  if (f.present) return false;  // a duplicate key: libyaml's reading reports it
  f.present = true;
  f.col = c.col;
  if (k == Key::evidence) {
    if (!c.eat("[")) return false;
    for (bool first_item = true;; first_item = false) {
      if (!first_item && !c.eat(", ")) break;
      Field item;
      item.present = true;
      item.col = c.col;
      if (!c.quoted(item)) return false;
      out.evidence.push_back(std::move(item));
    }
    return c.eat("]");
  }
  if (c.peek() == '"') return c.quoted(f);
  if constexpr (Block)
    if (k == Key::note && c.peek() == '|') return literal_block(c, f);
  return c.template plain<Block>(k, f);
}

// The mapping of a line that begins at `c.p`, up to its closing brace.
bool decode_mapping(Cursor& c, Line& out) {
  if (!c.eat("- {")) return false;
  for (auto& f : out.fields) f.present = false;
  out.evidence.clear();
  for (bool first = true;; first = false) {
    if (!first && !c.eat(", ")) break;
    // The key and ": " after it. A known name followed by ':' is the whole run of letters a
    // scan would find (':' is not a letter), so this takes exactly the lines that finding the
    // run, looking its name up and eating ": " would take.
    const std::size_t k = key_at(c.s, c.p);
    if (k == kKeys) return false;
    const std::size_t size = kKeyNames[k].size() + 2;
    c.p += size;
    c.col += static_cast<int>(size);
    if (!value<false>(c, static_cast<Key>(k), out)) return false;
  }
  if (!c.eat("}")) return false;
  while (c.peek() == ' ') ++c.p;
  return true;
}

// Whether the entry whose lines go on up to `p` (the start of a line) is over there: at the
// end of the text, at a line that begins with anything but white space (the next item, a
// comment, a document marker: whatever it is, it is read as a line of its own), or at empty
// lines followed by one of those. False for a line that begins with white space.
bool entry_over_at(std::string_view s, std::size_t p) {
  while (p < s.size() && s[p] == '\n') ++p;
  return p >= s.size() || (s[p] != ' ' && s[p] != '\t' && s[p] != '\r');
}

}  // namespace

bool decode(std::string_view line, Line& out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  Cursor c{line};
  return decode_mapping(c, out) && c.at_end();
}

std::size_t decode_at(std::string_view text, std::size_t pos, Line& out) {
  // Nothing a value, a key or the mapping's punctuation takes is a line break, so reading on
  // into the text stops where reading the line alone would.
  Cursor c{text, pos};
  if (!decode_mapping(c, out)) return std::string_view::npos;
  if (c.peek() == '\r') ++c.p;
  if (c.at_end() || text[c.p] == '\n') return c.p;
  return std::string_view::npos;
}

std::size_t decode_block_at(std::string_view text, std::size_t pos, Line& out) {
  Cursor c{text, pos};
  if (!c.eat("- ")) return std::string_view::npos;
  for (auto& f : out.fields) f.present = false;
  out.evidence.clear();
  for (bool first = true;; first = false) {
    // Every line after the first: the entry is over, or the next key is two spaces in.
    if (!first) {
      if (entry_over_at(text, c.p)) return c.p - 1;
      c.col = 1;
      if (!c.eat("  ")) return std::string_view::npos;
    }
    const std::size_t k = key_at(text, c.p);
    if (k == kKeys) return std::string_view::npos;
    const std::size_t size = kKeyNames[k].size() + 2;
    c.p += size;
    c.col += static_cast<int>(size);
    if (!value<true>(c, static_cast<Key>(k), out)) return std::string_view::npos;
    if (c.at_end()) return c.p;
    if (text[c.p] != '\n') return std::string_view::npos;
    ++c.p;
  }
}

bool is_blank_or_comment(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::size_t p = line.find_first_not_of(' ');
  if (p == std::string_view::npos) return true;
  if (line[p] != '#') return false;
  for (++p; p < line.size();) {
    std::size_t len;
    std::int32_t cp = utf8_at(line, p, len);
    if (cp < 0 || !plain_char(cp)) return false;
    p += len;
  }
  return true;
}

int count_breaks(std::string_view text) {
  int n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++n;
    } else if (c == '\r') {
      ++n;
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x85) {
      ++n;
      ++i;
    } else if (c == 0xE2 && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(text[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(text[i + 2]) == 0xA9)) {
      n += 1;
      i += 2;
    }
  }
  return n;
}

}  // namespace plan::entry_line
