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
  std::size_t max_width = 0;  // terminal only: longer cells are cut with "…"; 0 = no limit
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
  // Terminal only: columns at least this wide, so that a long result rendered in parts (plan
  // log) lines up as one table. Empty: as wide as the cells need.
  std::vector<std::size_t> min_widths;
};

// Columns padded by display width (a CJK character is two columns), a rule under the header.
std::string render_text(const Table& t, bool color);
// The column widths render_text gives the table (before min_widths).
std::vector<std::size_t> text_widths(const Table& t);
// A GitHub-flavoured Markdown table; '|' and line breaks in cells are escaped.
std::string render_markdown(const Table& t);
// RFC 4180 CSV with CRLF line ends, preceded by a UTF-8 byte order mark so that Excel and WPS
// read the Chinese text correctly.
std::string render_csv(const Table& t);

}  // namespace plan
