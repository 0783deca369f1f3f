// The fast path for progress lines: recognises the one-line flow mappings that plan record,
// amend, retract and import write (format_entry_line) and reads them without libyaml. Anything
// it does not recognise with certainty is left to libyaml, so it never changes what a file
// means or what is said about it; it only reads the common lines sooner.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace plan::entry_line {

// The keys of a progress entry, in the order format_entry_line writes them.
enum class Key { date, retracts, item, status, note, evidence, by, amends, reason, recorded, id };
inline constexpr std::size_t kKeys = 11;
const char* key_name(Key k);

// One value as read: its text (escapes decoded, as libyaml decodes them) and its 1-based column
// in characters. A value without escapes is not copied: it points into the line.
struct Field {
  bool present = false;
  bool decoded = false;  // the value had escapes: it is in `storage`
  std::string_view raw;  // the value as it is in the line (without quotes), when not decoded
  std::string storage;
  int col = 0;
  std::string_view value() const { return decoded ? std::string_view(storage) : raw; }
  // The value as a string of its own (taking `storage`).
  std::string take() { return decoded ? std::move(storage) : std::string(raw); }
};

// One line's fields. Reused from line to line; the values point into the line read last (or
// into `storage`), so they are valid as long as it is and until the next decode.
struct Line {
  std::array<Field, kKeys> fields;
  std::vector<Field> evidence;  // the items of `evidence: [...]`
  Field& operator[](Key k) { return fields[static_cast<std::size_t>(k)]; }
  const Field& operator[](Key k) const { return fields[static_cast<std::size_t>(k)]; }
};

// The column of the mapping's opening brace: every recognised line starts with "- {".
inline constexpr int kEntryCol = 3;

// Reads one line (without its line break; a final '\r' of a CRLF ending is allowed) of the form
//   - {key: value, key: value, ...}
// with known keys, each at most once, in any order, separated by ", ", and trailing spaces
// allowed; values double-quoted (a subset of escapes, no control characters or line
// separators), or plain for date (YYYY-MM-DD), recorded (YYYY-MM-DDThh:mm:ss and Z or ±hh:mm)
// and status (one of the eight state words), and evidence a non-empty flow list of
// double-quoted strings. False, with `out` in an unspecified state, for anything else.
bool decode(std::string_view line, Line& out);

// The same for the line of `text` that begins at `pos`, found as it is read: where the line
// ends (its '\n', or the end of `text`), or npos when decode() of the line would be false.
std::size_t decode_at(std::string_view text, std::size_t pos, Line& out);

// The same for an entry written by hand as a block mapping over several lines, beginning at
// `pos`: its first line "- key: value", every other line "  key: value", with the keys and
// values decode() takes (each value ending its line, no trailing spaces, no '\r'), except that
// the note may also be a literal block scalar:
//   - date: 2024-03-29
//     item: "(38)"
//     status: 进行中
//     note: |
//       第一行
//       第二行
// whose first line is indented by three or more spaces and every other line by at least as
// many, each line has a character that is not white space and consists of characters a quoted
// value may have; the note is then its lines without that first indentation, each with its
// line break, as libyaml reads it. The entry is over at the end of the text or at a line that
// begins with anything but white space, empty lines before it allowed. Returns where the
// entry's last line ends (its '\n', or the end of `text`), or npos for anything else, which is
// left to libyaml. Columns are as in decode(); the reports' lean reading (core/progress/lean.h)
// uses this, the full reading does not.
std::size_t decode_block_at(std::string_view text, std::size_t pos, Line& out);

// A line that libyaml reads as nothing: spaces only, or spaces then a comment of characters
// libyaml accepts (no control characters, no line separators), optionally ending in '\r'.
bool is_blank_or_comment(std::string_view line);

// The number of line breaks libyaml counts in `text`: "\r\n", "\r", "\n", U+0085, U+2028,
// U+2029.
int count_breaks(std::string_view text);

}  // namespace plan::entry_line
