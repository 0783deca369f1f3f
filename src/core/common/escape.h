// How each output format makes text it did not write itself safe to show. There is one function
// per format, called by that format's renderer on every cell and every quoted value; call sites
// never escape by hand. The rules are listed in docs/limits.md ("Output safety").
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace plan {

// True for the characters no output shows raw: C0 controls (tab and line feed included), DEL,
// C1 controls, the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
// U+2066–U+2069) and the line and paragraph separators U+2028/U+2029.
bool is_unsafe_char(char32_t cp);

// Terminal text (the table format, and every message on stdout or stderr): each unsafe
// character shown as \xNN (ASCII controls) or \u{NNNN} (the others), each byte that is not
// UTF-8 as \xNN. A line feed (and a CR LF pair) becomes `newline` when that is given, else
// \x0A. The result is one line and holds no byte below 0x20, no 0x7F and no C1 character.
std::string escape_terminal(std::string_view s, std::string_view newline = {});
// escape_terminal, cut to at most `width` display columns (a CJK character is two) with "…" at
// the end when something was cut; a cut falls between whole characters and whole escapes.
std::string escape_terminal_to_width(std::string_view s, std::size_t width,
                                     std::string_view newline = {});
// escape_terminal for a message quoting user input: after `max_chars` characters of the input
// the rest is replaced by "…" (never inside an escape).
std::string escape_message(std::string_view s, std::size_t max_chars = 400);

// A GitHub-flavoured Markdown table cell: unsafe characters as in escape_terminal (a line feed
// becomes <br>); < > & as entities, so that nothing becomes a tag, an entity or an autolink;
// \ ` * _ ~ [ ] | backslash-escaped, so that nothing becomes code, emphasis, a link, an image
// or a new cell; and a leading # + - = or "12." escaped, so that a cell never starts a block.
std::string escape_markdown(std::string_view s);

// An RFC 4180 CSV field, quoted when it holds , " CR or LF. A text that a spreadsheet would take
// for a formula — its first character, after any spaces and tabs, is = + - or @, or it starts
// with a tab, CR or LF — gets a leading apostrophe (the OWASP rule). In a `numeric` column a
// plain number (-3, 12.5, 40.0%) is left as it is, so that Excel still reads it as a number.
std::string escape_csv(std::string_view s, bool numeric = false);
// True when a spreadsheet would read the text as a formula (see escape_csv).
bool csv_formula_like(std::string_view s);

// HTML text or a double- or single-quoted attribute value: & < > " ' as entities, unsafe
// characters shown as in escape_terminal except that tab and line feed stay (HTML folds them).
std::string escape_html(std::string_view s);

}  // namespace plan
