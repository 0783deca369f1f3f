#include "core/common/escape.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "core/common/diag.h"
#include "core/common/text.h"
#include "core/reports/table.h"

using namespace plan;

namespace {

Table one_cell(const std::string& text, bool numeric = false, std::size_t max_width = 0) {
  Table t;
  t.columns = {{"h", numeric ? Align::right : Align::left, max_width, numeric}};
  t.rows = {{{text}}};
  return t;
}

// The rendered line of the one data row.
std::string row_of(const std::string& rendered, int line) {
  std::size_t at = 0;
  for (int i = 0; i < line; ++i) at = rendered.find('\n', at) + 1;
  return rendered.substr(at, rendered.find('\n', at) - at);
}

}  // namespace

TEST_CASE("terminal escaping: the quick look at common text agrees with decoding every character") {
  // Every character of the Basic Multilingual Plane, alone and among others: shown as it is
  // exactly when it is safe, otherwise escaped.
  for (char32_t cp = 0x20; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string one = to_utf8(std::u32string(1, cp));
    const std::string mixed = "a" + one + "司" + one;
    const bool shown_as_is = escape_terminal(mixed) == mixed;
    if (shown_as_is == is_unsafe_char(cp)) {
      FAIL_CHECK(fmt::format("U+{:04X}", static_cast<unsigned>(cp)));
      break;
    }
  }
  // Overlong forms and surrogates are bytes that are not UTF-8, whatever their lead byte.
  CHECK(escape_terminal("\xE0\x80\xAF") == "\\xE0\\x80\\xAF");
  CHECK(escape_terminal("\xED\xA0\x80") == "\\xED\\xA0\\x80");
  CHECK(escape_terminal("\xE4\xB8") == "\\xE4\\xB8");
}

TEST_CASE("terminal text shows every control character instead of sending it") {
  CHECK(escape_terminal("a\x1b]52;c;eA==\x07z") == "a\\x1B]52;c;eA==\\x07z");
  CHECK(escape_terminal("\x1b[2J\x7f") == "\\x1B[2J\\x7F");
  CHECK(escape_terminal("tab\there") == "tab\\x09here");
  CHECK(escape_terminal("a\nb") == "a\\x0Ab");
  CHECK(escape_terminal("a\r\nb", "↵") == "a↵b");
  CHECK(escape_terminal("a\rb", "↵") == "a\\x0Db");
  CHECK(escape_terminal("\xC2\x9B"
                        "31m") == "\\u{009B}31m");  // C1 CSI
  CHECK(escape_terminal("abc\xE2\x80\xAE"
                        "fed") == "abc\\u{202E}fed");  // right-to-left override
  CHECK(escape_terminal("\xE2\x81\xA6x\xE2\x81\xA9") == "\\u{2066}x\\u{2069}");
  CHECK(escape_terminal("bad \xFF\xC3") == "bad \\xFF\\xC3");
  CHECK(escape_terminal("司法局 (1)") == "司法局 (1)");
}

TEST_CASE("a cut never falls inside an escape or a character") {
  // "ab\x1B" is 6 columns escaped; at 5 columns the whole escape goes, not half of it.
  CHECK(escape_terminal_to_width("ab\x1b", 5) == "ab…");
  CHECK(escape_terminal_to_width("ab\x1b", 6) == "ab\\x1B");
  CHECK(escape_terminal_to_width("司法局司法局", 5) == "司法…");
  CHECK(escape_message("\x1b\x1b\x1b", 2) == "\\x1B\\x1B…");
  CHECK(escape_message(std::string(5, 'x'), 5) == "xxxxx");
}

TEST_CASE("the table renderer escapes cells and keeps a line break inside its cell") {
  std::string out = render_text(one_cell("x\x1b]0;T\x07y\nz"), false);
  CHECK(row_of(out, 2) == "x\\x1B]0;T\\x07y↵z");
  CHECK(out.find('\x1b') == std::string::npos);
  // Cut only when fitting a terminal; a file gets the whole text.
  std::string cut = render_text(one_cell("\x1b\x1b\x1b\x1b", false, 10), false, 40);
  CHECK(row_of(cut, 2) == "\\x1B\\x1B…");
  std::string whole = render_text(one_cell("\x1b\x1b\x1b\x1b", false, 10), false);
  CHECK(row_of(whole, 2) == "\\x1B\\x1B\\x1B\\x1B");
  // With colour on, the only escape sequences are the renderer's own.
  std::string colored = render_text(one_cell("\x1b[31m"), true);
  CHECK(colored.find("\x1b[31m") == std::string::npos);
}

TEST_CASE("Markdown cells cannot become tags, links, images, code or new cells") {
  CHECK(escape_markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;");
  CHECK(escape_markdown("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))");
  CHECK(escape_markdown("![i](http://x/y.png)") == "!\\[i\\](http://x/y.png)");
  CHECK(escape_markdown("<https://x>") == "&lt;https://x&gt;");
  CHECK(escape_markdown("a|b\\|c") == "a\\|b\\\\\\|c");
  CHECK(escape_markdown("`x` *y* _z_ ~~w~~") == "\\`x\\` \\*y\\* \\_z\\_ \\~\\~w\\~\\~");
  CHECK(escape_markdown("&lt;") == "&amp;lt;");
  CHECK(escape_markdown("line\nnext\r\nend") == "line<br>next<br>end");
  CHECK(escape_markdown("# title") == "\\# title");
  CHECK(escape_markdown("- item") == "\\- item");
  CHECK(escape_markdown("---") == "\\---");
  CHECK(escape_markdown("12. item") == "12\\. item");
  CHECK(escape_markdown("-47d") == "-47d");
  CHECK(escape_markdown("+30d") == "+30d");
  CHECK(escape_markdown("15.4%") == "15.4%");
  CHECK(escape_markdown("a\x1b]0;T\x07") == "a\\x1B\\]0;T\\x07");
  std::string md = render_markdown(one_cell("a|b\nc"));
  CHECK(row_of(md, 2) == "| a\\|b<br>c |");
}

TEST_CASE("CSV cells that a spreadsheet would run as a formula get an apostrophe") {
  CHECK(escape_csv("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(escape_csv("+1") == "'+1");
  CHECK(escape_csv("-2+3") == "'-2+3");
  CHECK(escape_csv("@SUM(A1)") == "'@SUM(A1)");
  CHECK(escape_csv("  =1+1") == "'  =1+1");
  CHECK(escape_csv("\t=1+1") == "'\t=1+1");
  CHECK(escape_csv("\tx") == "'\tx");
  CHECK(escape_csv("\rx") == "\"'\rx\"");
  CHECK(escape_csv("a=b") == "a=b");
  CHECK(escape_csv("") == "");
  CHECK(escape_csv("a,b") == "\"a,b\"");
  // Numbers written on purpose stay numbers, in numeric columns only.
  CHECK(escape_csv("-3", true) == "-3");
  CHECK(escape_csv("12.5%", true) == "12.5%");
  CHECK(escape_csv("-3") == "'-3");
  CHECK(escape_csv("-3+cmd", true) == "'-3+cmd");
  CHECK(escape_csv("-", true) == "'-");
  std::string csv = render_csv(one_cell("=1+1"));
  CHECK(csv == "\xEF\xBB\xBFh\r\n'=1+1\r\n");
  CHECK(render_csv(one_cell("-3", true)) == "\xEF\xBB\xBFh\r\n-3\r\n");
}

TEST_CASE("HTML text and attributes are escaped, controls shown") {
  CHECK(escape_html("<script>\"a\" & 'b'</script>") ==
        "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;");
  CHECK(escape_html("x\x1b[2Jy\nz") == "x\\x1B[2Jy\nz");
  CHECK(escape_html("\xE2\x80\xAE") == "\\u{202E}");
}

TEST_CASE("a diagnostic shows a hostile path, value and source line escaped") {
  Sources sources;
  sources.add("p\x1b]0;T\x07/tasks.yaml", "id: \"\x1b[2J\"\n");
  Diagnostic d = error({"p\x1b]0;T\x07/tasks.yaml", 1, 6}, "bad-iso-date", {"\x1b[2J"});
  std::string text = format_diagnostic(d, Lang::en, sources);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text ==
        "p\\x1B]0;T\\x07/tasks.yaml:1:6: error: the date '\\x1B[2J' should be written YYYY-MM-DD, "
        "e.g. 2024-12-31\n"
        "  id: \"\\x1B[2J\"\n"
        "       ^\n");
}

TEST_CASE("tables fit the terminal: free-text columns give way, widest first") {
  Table t;
  t.columns = {{"编号"}, {"内容", Align::left, 24}, {"说明", Align::left, 30}, {"日期"}};
  t.rows = {{{"(1)"},
             {std::string(40, 'a')},
             {"运用“线上+线下”方式，组织本级行政执法人员公共法律知识培训"},
             {"2024-12-31"}}};
  std::string full = render_text(t, false);
  CHECK(row_of(full, 2).find(std::string(40, 'a')) != std::string::npos);
  std::string fitted = render_text(t, false, 60);
  CHECK(display_width(row_of(fitted, 2)) <= 60);
  CHECK(row_of(fitted, 2).find("2024-12-31") != std::string::npos);  // dates never cut
  // Curly quotes are shown full-width, so that every terminal gives them two columns.
  CHECK(full.find("“") == std::string::npos);
  CHECK(full.find("＂线上+线下＂") != std::string::npos);
}

TEST_CASE("every row's cells are shown in their own row and column, however each was measured") {
  // render_text measures every cell once and keeps what it measured, flat, the text only of
  // cells that are not shown as they are (escaped, curly quotes, indented): each line must take
  // its own cells back, with rows shorter than the header and a footer among them.
  Table t;
  t.columns = {{"甲"}, {"乙", Align::right}, {"丙", Align::left, 12}};
  std::vector<std::string> want;
  for (int r = 0; r < 40; ++r) {
    const std::string k = std::to_string(r);
    std::vector<Cell> row;
    switch (r % 5) {
      case 0:  // as they are
        row = {{"行" + k}, {k}, {"内容" + k}};
        break;
      case 1:  // an escape in the first, curly quotes in the last
        row = {{"x\x1b" + k}, {k}, {"“引”" + k}};
        break;
      case 2:  // indented, and a line break
        row = {{"缩进" + k, Style::plain, 1}, {k}, {"a\nb" + k}};
        break;
      case 3:  // fewer cells than columns
        row = {{"短" + k}};
        break;
      default:  // longer than the free-text column may be when fitted
        row = {{"长" + k}, {k}, {std::string(30, 'w') + k}};
    }
    t.rows.push_back(row);
  }
  t.footer = {{"合计"}, {"40"}, {"x\x1b"}};
  for (const std::size_t fit : {std::size_t{0}, std::size_t{40}}) {
    const std::string out = render_text(t, false, fit);
    for (int r = 0; r < 40; ++r) {
      const std::string k = std::to_string(r);
      const std::string line = row_of(out, 2 + r);
      INFO("fit ", fit, ", row ", r, ": ", line);
      switch (r % 5) {
        case 0:
          CHECK(line.starts_with("行" + k + " "));
          CHECK(line.ends_with("  " + k + "  内容" + k));
          break;
        case 1:
          CHECK(line.starts_with("x\\x1B" + k + " "));
          CHECK(line.ends_with(" " + k + "  ＂引＂" + k));
          break;
        case 2:
          CHECK(line.starts_with("  缩进" + k + " "));
          CHECK(line.ends_with(" " + k + "  a↵b" + k));
          break;
        case 3:
          CHECK(line == "短" + k);
          break;
        default:
          CHECK(line.starts_with("长" + k + " "));
          if (fit) {
            CHECK(line.find(std::string(30, 'w')) == std::string::npos);  // cut to fit
            CHECK(line.ends_with("…"));
          } else {
            CHECK(line.ends_with(" " + k + "  " + std::string(30, 'w') + k));
          }
      }
    }
    CHECK(row_of(out, 2 + 40).starts_with("----"));
    CHECK(row_of(out, 3 + 40).starts_with("合计"));
    CHECK(row_of(out, 3 + 40).ends_with("  40  x\\x1B"));
  }
}
