#include "core/reports/table.h"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>

#include "core/common/escape.h"
#include "core/common/text.h"

namespace plan {

namespace {

std::string styled(const std::string& s, Style style, bool color) {
  if (!color) return s;
  switch (style) {
    case Style::plain:
      return s;
    case Style::heading:
      return fmt::format(fmt::emphasis::bold, "{}", s);
    case Style::done:
      return fmt::format(fg(fmt::terminal_color::green), "{}", s);
    case Style::late:
      return fmt::format(fg(fmt::terminal_color::yellow), "{}", s);
    case Style::overdue:
      return fmt::format(fg(fmt::terminal_color::red) | fmt::emphasis::bold, "{}", s);
    case Style::soon:
      return fmt::format(fg(fmt::terminal_color::cyan), "{}", s);
    case Style::blocked:
      return fmt::format(fg(fmt::terminal_color::magenta), "{}", s);
    case Style::dim:
      return fmt::format(fmt::emphasis::faint, "{}", s);
  }
  return s;
}

// A line break inside a cell: shown, so that a cell stays on its row.
constexpr std::string_view kNewline = "↵";

std::string cell_text(const Cell& c, const Column& col) {
  std::string text = std::string(static_cast<std::size_t>(std::max(c.indent, 0)) * 2, ' ') + c.text;
  return col.max_width ? escape_terminal_to_width(text, col.max_width, kNewline)
                       : escape_terminal(text, kNewline);
}

}  // namespace

std::string render_text(const Table& t, bool color) {
  const std::size_t n = t.columns.size();
  std::vector<std::size_t> width(n, 0);
  auto measure = [&](const std::vector<Cell>& row) {
    for (std::size_t i = 0; i < n && i < row.size(); ++i)
      width[i] = std::max(width[i], display_width(cell_text(row[i], t.columns[i])));
  };
  for (std::size_t i = 0; i < n; ++i)
    width[i] = display_width(escape_terminal(t.columns[i].header, kNewline));
  for (const auto& row : t.rows) measure(row);
  if (!t.footer.empty()) measure(t.footer);

  auto line = [&](const std::vector<Cell>& row, bool header) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      Cell c = i < row.size() ? row[i] : Cell{};
      std::string text =
          header ? escape_terminal(t.columns[i].header, kNewline) : cell_text(c, t.columns[i]);
      bool last = i + 1 == n;
      std::string padded = t.columns[i].align == Align::right ? pad_left(text, width[i])
                           : last                             ? text
                                                              : pad_right(text, width[i]);
      out += styled(padded, header ? Style::heading : c.style, color);
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  auto rule = [&] {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      if (i) out += "  ";
      out += std::string(width[i], '-');
    }
    return out + "\n";
  };

  std::string out = line({}, true) + rule();
  for (const auto& row : t.rows) out += line(row, false);
  if (!t.footer.empty()) out += rule() + line(t.footer, false);
  for (const auto& n : t.notes)
    out += styled(escape_terminal(n, kNewline), Style::dim, color) + "\n";
  return out;
}

std::string render_markdown(const Table& t) {
  std::string out = "|";
  for (const auto& c : t.columns) out += " " + escape_markdown(c.header) + " |";
  out += "\n|";
  for (const auto& c : t.columns) out += c.align == Align::right ? " ---: |" : " --- |";
  out += "\n";
  auto row_line = [&](const std::vector<Cell>& row) {
    std::string l = "|";
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      l += " " + escape_markdown(i < row.size() ? row[i].text : "") + " |";
    return l + "\n";
  };
  for (const auto& row : t.rows) out += row_line(row);
  if (!t.footer.empty()) out += row_line(t.footer);
  if (!t.notes.empty()) out += "\n";
  for (const auto& n : t.notes) out += escape_markdown(n) + "\n\n";
  if (!t.notes.empty()) out.pop_back();
  return out;
}

std::string render_csv(const Table& t) {
  auto row_line = [&](const std::vector<Cell>* row) {
    std::string l;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (i) l += ',';
      if (!row) {
        l += escape_csv(t.columns[i].header);
      } else if (i < row->size()) {
        l += escape_csv((*row)[i].text, t.columns[i].numeric);
      }
    }
    return l + "\r\n";
  };
  std::string out = "\xEF\xBB\xBF";
  out += row_line(nullptr);
  for (const auto& row : t.rows) out += row_line(&row);
  if (!t.footer.empty()) out += row_line(&t.footer);
  return out;
}

}  // namespace plan
