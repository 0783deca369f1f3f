#include "core/reports/table.h"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>

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

std::string one_line(const std::string& s) {
  std::string out;
  for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

std::string cell_text(const Cell& c, const Column& col) {
  std::string text =
      std::string(static_cast<std::size_t>(std::max(c.indent, 0)) * 2, ' ') + one_line(c.text);
  return col.max_width ? truncate_to_width(text, col.max_width) : text;
}

}  // namespace

std::vector<std::size_t> text_widths(const Table& t) {
  const std::size_t n = t.columns.size();
  std::vector<std::size_t> width(n, 0);
  auto measure = [&](const std::vector<Cell>& row) {
    for (std::size_t i = 0; i < n && i < row.size(); ++i)
      width[i] = std::max(width[i], display_width(cell_text(row[i], t.columns[i])));
  };
  for (std::size_t i = 0; i < n; ++i) width[i] = display_width(t.columns[i].header);
  for (const auto& row : t.rows) measure(row);
  if (!t.footer.empty()) measure(t.footer);
  return width;
}

std::string render_text(const Table& t, bool color) {
  const std::size_t n = t.columns.size();
  std::vector<std::size_t> width = text_widths(t);
  for (std::size_t i = 0; i < n && i < t.min_widths.size(); ++i)
    width[i] = std::max(width[i], t.min_widths[i]);

  auto line = [&](const std::vector<Cell>& row, bool header) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      Cell c = i < row.size() ? row[i] : Cell{};
      std::string text = header ? t.columns[i].header : cell_text(c, t.columns[i]);
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
  return out;
}

std::string render_markdown(const Table& t) {
  auto esc = [](const std::string& s) {
    std::string out;
    for (char c : s) {
      if (c == '|') {
        out += "\\|";
      } else if (c == '\n') {
        out += "<br>";
      } else if (c != '\r') {
        out += c;
      }
    }
    return out;
  };
  std::string out = "|";
  for (const auto& c : t.columns) out += " " + esc(c.header) + " |";
  out += "\n|";
  for (const auto& c : t.columns) out += c.align == Align::right ? " ---: |" : " --- |";
  out += "\n";
  auto row_line = [&](const std::vector<Cell>& row) {
    std::string l = "|";
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      l += " " + esc(i < row.size() ? row[i].text : "") + " |";
    return l + "\n";
  };
  for (const auto& row : t.rows) out += row_line(row);
  if (!t.footer.empty()) out += row_line(t.footer);
  return out;
}

std::string render_csv(const Table& t) {
  auto field = [](const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  };
  auto row_line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i) l += ',';
      l += field(cells[i]);
    }
    return l + "\r\n";
  };
  std::string out = "\xEF\xBB\xBF";
  std::vector<std::string> header;
  for (const auto& c : t.columns) header.push_back(c.header);
  out += row_line(header);
  auto texts = [&](const std::vector<Cell>& row) {
    std::vector<std::string> v;
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      v.push_back(i < row.size() ? row[i].text : "");
    return v;
  };
  for (const auto& row : t.rows) out += row_line(texts(row));
  if (!t.footer.empty()) out += row_line(texts(t.footer));
  return out;
}

}  // namespace plan
