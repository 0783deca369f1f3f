// A table value and its renderers: aligned terminal text, Markdown and CSV.
// Every tabular command builds one Table and hands it to the renderer the user chose.
#pragma once
#include <string>
#include <vector>

namespace plan {

enum class Align { left, right };
enum class Style { plain, heading, done, late, overdue, soon, blocked, dim };

struct Column {
  std::string header;
  Align align = Align::left;
  std::size_t max_width = 0;  // on a terminal: longer cells are cut with "…"; 0 = no limit
  // The column holds numbers written on purpose (counts, days, percentages): CSV leaves a plain
  // number there as it is, where a text column would get the formula guard ("-3" → "'-3").
  bool numeric = false;
};

struct Cell {
  std::string text;
  Style style = Style::plain;
  int indent = 0;  // terminal only: tree depth, two columns per level
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<Cell> footer;  // e.g. a totals row; empty for none
  // Lines said under the table in text and Markdown (what the columns mean); not in CSV.
  std::vector<std::string> notes;
  // Lines said above it (the day the report describes); not in CSV.
  std::vector<std::string> preface;
  // With no rows, text and Markdown say only this sentence (which names the day) instead of the
  // preface and an empty table.
  std::string empty_text;
  // Terminal only: columns at least this wide, so that a long result rendered in parts (plan
  // log) lines up as one table. Empty: as wide as the cells need.
  std::vector<std::size_t> min_widths;
};

// Columns padded by display width (a CJK character is two columns), a rule under the header.
// Cells go through escape_terminal: control characters show as \xNN, a line break as "↵".
// With `fit` (the terminal's width) the text columns are cut to their max_width and then
// narrowed, widest first, until the table fits; with 0 (a file, a pipe, --wide) nothing is cut.
// Curly quotes and other ambiguous-width punctuation are shown in full-width forms (＂ ＇ ・ －)
// so that alignment holds whatever the terminal's font. Columns are at least min_widths wide.
std::string render_text(const Table& t, bool color, std::size_t fit = 0);
// The column widths render_text gives the table with nothing cut (before min_widths).
std::vector<std::size_t> text_widths(const Table& t);
// A GitHub-flavoured Markdown table; every cell goes through escape_markdown.
std::string render_markdown(const Table& t);
// RFC 4180 CSV with CRLF line ends, preceded by a UTF-8 byte order mark so that Excel and WPS
// read the Chinese text correctly. Every cell goes through escape_csv (the formula guard).
std::string render_csv(const Table& t);

}  // namespace plan
