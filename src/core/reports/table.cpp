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

// Punctuation of East Asian "ambiguous" width (one column in some terminals, two in others,
// depending on the font and settings) in the forms every terminal shows two columns wide, so
// that Chinese text with curly quotes stays aligned: “ ” → ＂, ‘ ’ → ＇, · → ・, — → －.
std::string unambiguous(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kMap[] = {
      {"“", "＂"}, {"”", "＂"}, {"‘", "＇"}, {"’", "＇"}, {"·", "・"}, {"—", "－"}};
  // Each of them starts with 0xE2 or 0xC2: text without those bytes is returned as it is.
  if (std::none_of(s.begin(), s.end(), [](char c) { return c == '\xE2' || c == '\xC2'; }))
    return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b != 0xE2 && b != 0xC2) {
      out += s[i++];
      continue;
    }
    bool mapped = false;
    for (const auto& [from, to] : kMap) {
      if (s.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        mapped = true;
        break;
      }
    }
    if (!mapped) out += s[i++];
  }
  return out;
}

// A cell as the terminal shows it, cut to `width` columns when it is wider (0: never cut),
// with the columns it takes. `as_is`: the cell's own text, not copied into `text`.
struct Shown {
  std::string text;
  std::size_t width = 0;
  bool as_is = false;
};
Shown cell_text(const Cell& c, std::size_t width) {
  // Text display_width counts itself (printable ASCII, CJK, full-width forms: most cells) has
  // nothing escape_terminal escapes or unambiguous() replaces: it is shown as it is.
  if (c.indent == 0) {
    if (const auto w = common_display_width(c.text); w && (width == 0 || *w <= width))
      return {{}, *w, true};
  }
  std::string text =
      c.indent > 0 ? std::string(static_cast<std::size_t>(c.indent) * 2, ' ') + unambiguous(c.text)
                   : unambiguous(c.text);
  Shown shown{escape_terminal(text, kNewline), 0};
  shown.width = display_width(shown.text);
  if (width && shown.width > width) {
    shown.text = escape_terminal_to_width(text, width, kNewline);
    shown.width = display_width(shown.text);
  }
  return shown;
}

// Every cell of a table's rows (then its footer's) as cell_text(…, 0) gives it, row by row, n
// to a row (a row with fewer cells has empty ones after them): what render_text measured, to use
// again. Flat, and the text kept only where it is not the cell's own (most cells), since long
// lists have tens of thousands of rows.
struct MeasuredCells {
  struct Measured {
    std::size_t width = 0;
    std::size_t text = kAsIs;  // index into `texts`
  };
  static constexpr std::size_t kAsIs = ~std::size_t{0};
  std::vector<Measured> cells;
  std::vector<std::string> texts;

  void add(Shown&& shown) {
    if (shown.as_is) {
      cells.push_back({shown.width, kAsIs});
    } else {
      cells.push_back({shown.width, texts.size()});
      texts.push_back(std::move(shown.text));
    }
  }
  // Cell `i` as cell_text gave it, its text moved out.
  Shown take(std::size_t i) {
    const Measured& m = cells[i];
    if (m.text == kAsIs) return {{}, m.width, true};
    return {std::move(texts[m.text]), m.width, false};
  }
};

// The width of each column: its widest cell, or with `fit` at most the column's max_width, and
// then the text columns narrowed, widest first, until the table fits `fit` columns.
// With `shown`, every cell as cell_text(…, 0) gives it is kept there, for render_text to use
// again.
std::vector<std::size_t> column_widths(const Table& t, std::size_t fit,
                                       MeasuredCells* shown = nullptr) {
  const std::size_t n = t.columns.size();
  std::vector<std::size_t> width(n, 0), floor(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    floor[i] = display_width(escape_terminal(unambiguous(t.columns[i].header), kNewline));
    width[i] = floor[i];
  }
  auto measure = [&](const std::vector<Cell>& row) {
    for (std::size_t i = 0; i < n; ++i) {
      if (i >= row.size()) {
        if (shown) shown->add({{}, 0, true});  // as the empty cell render_text puts there
        continue;
      }
      Shown cell = cell_text(row[i], 0);
      width[i] = std::max(width[i], cell.width);
      if (shown) shown->add(std::move(cell));
    }
  };
  if (shown) shown->cells.reserve((t.rows.size() + 1) * n);
  for (const auto& row : t.rows) measure(row);
  if (!t.footer.empty()) measure(t.footer);
  for (std::size_t i = 0; i < n && i < t.min_widths.size(); ++i)
    width[i] = std::max(width[i], t.min_widths[i]);
  if (fit == 0) return width;
  for (std::size_t i = 0; i < n; ++i)
    if (t.columns[i].max_width)
      width[i] = std::max(floor[i], std::min(width[i], t.columns[i].max_width));
  auto total = [&] {
    std::size_t sum = n ? 2 * (n - 1) : 0;
    for (std::size_t w : width) sum += w;
    return sum;
  };
  // Only the free-text columns (those with a max_width) give way, never below their header or
  // 8 columns; ids, dates and numbers keep their width.
  while (total() > fit) {
    std::size_t widest = n;
    for (std::size_t i = 0; i < n; ++i) {
      if (!t.columns[i].max_width) continue;
      if (width[i] <= std::max<std::size_t>(floor[i], 8)) continue;
      if (widest == n || width[i] > width[widest]) widest = i;
    }
    if (widest == n) break;  // nothing left to narrow: the terminal wraps
    --width[widest];
  }
  return width;
}

}  // namespace

std::vector<std::size_t> text_widths(const Table& t) {
  Table bare = t;
  bare.min_widths.clear();
  return column_widths(bare, 0);
}

std::string render_text(const Table& t, bool color, std::size_t fit) {
  const std::size_t n = t.columns.size();
  MeasuredCells measured;
  const std::vector<std::size_t> width = column_widths(t, fit, &measured);
  static const Cell kNoCell;
  // Appends one line to `out`. `first`: where the row's cells are in `measured` (none for the
  // header).
  constexpr std::size_t kHeader = ~std::size_t{0};
  auto line = [&](std::string& out, const std::vector<Cell>& row, std::size_t first) {
    const bool header = first == kHeader;
    const std::size_t begin = out.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Cell& c = i < row.size() ? row[i] : kNoCell;
      Shown shown;
      if (header) {
        shown.text = escape_terminal(unambiguous(t.columns[i].header), kNewline);
        shown.width = display_width(shown.text);
      } else if (measured.cells[first + i].width <= width[i]) {
        shown = measured.take(first + i);  // as measured: it fits
      } else {
        shown = cell_text(c, width[i]);
      }
      bool last = i + 1 == n;
      // Padded by display width (what pad_left and pad_right do), from the width just measured,
      // straight into the line; a coloured cell is then wrapped in its colour.
      const std::size_t fill = width[i] > shown.width ? width[i] - shown.width : 0;
      const bool right = t.columns[i].align == Align::right;
      const std::size_t start = out.size();
      if (right) out.append(fill, ' ');
      out += shown.as_is ? std::string_view(c.text) : std::string_view(shown.text);
      if (!right && !last) out.append(fill, ' ');
      const Style style = header ? Style::heading : c.style;
      if (color && style != Style::plain) {
        const std::string padded = out.substr(start);
        out.resize(start);
        out += styled(padded, style, color);
      }
      if (!last) out += "  ";
    }
    while (out.size() > begin && out.back() == ' ') out.pop_back();
    out += '\n';
  };
  auto rule = [&] {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
      if (i) out += "  ";
      out += std::string(width[i], '-');
    }
    return out + "\n";
  };

  // Nothing to show: one sentence that says so, with the day (it replaces the preface).
  if (t.rows.empty() && !t.empty_text.empty())
    return escape_terminal(t.empty_text, kNewline) + "\n";
  std::string out;
  // Room for the padded part of every line at once (a CJK column takes 3 bytes for 2 columns),
  // not a copy of all of them at each doubling: long lists have tens of thousands of rows. The
  // last column is not padded, so one long cell there does not make every line long.
  std::size_t line_bytes = 1;
  for (std::size_t i = 0; i + 1 < n; ++i) line_bytes += (width[i] * 3 + 1) / 2 + 2;
  out.reserve((t.rows.size() + 3) * line_bytes);
  for (const auto& p : t.preface) out += escape_terminal(p, kNewline) + "\n";
  line(out, {}, kHeader);
  out += rule();
  for (std::size_t r = 0; r < t.rows.size(); ++r) line(out, t.rows[r], r * n);
  if (!t.footer.empty()) {
    out += rule();
    line(out, t.footer, t.rows.size() * n);
  }
  for (const auto& n : t.notes)
    out += styled(escape_terminal(n, kNewline), Style::dim, color) + "\n";
  return out;
}

std::string render_markdown(const Table& t) {
  if (t.rows.empty() && !t.empty_text.empty()) return escape_markdown(t.empty_text) + "\n";
  std::string out;
  for (const auto& p : t.preface) out += escape_markdown(p) + "\n\n";
  out += "|";
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
