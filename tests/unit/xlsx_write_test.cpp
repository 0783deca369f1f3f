#include "core/writers/xlsx_write.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "core/common/text.h"
#include "core/intake/form.h"
#include "core/intake/xlsx_read.h"
#include "helpers.h"

using namespace plan;

namespace {

namespace fs = std::filesystem;

// A temporary file name, removed at the end of the test.
struct TempPath {
  fs::path path;
  explicit TempPath(const std::string& name)
      : path(fs::temp_directory_path() /
             ("plan-xlsx-write-" + std::to_string(::getpid()) + "-" + name)) {}
  ~TempPath() {
    std::error_code ec;
    fs::remove(path, ec);
  }
  std::string str() const { return path.string(); }
};

// Writes one sheet with `fill` and reads it back.
template <typename F>
XlsxRead write_and_read(const TempPath& p, XlsxLog& log, F fill) {
  std::string tmp, failure;
  lxw_workbook* wb = open_workbook(p.str(), tmp, failure);
  REQUIRE(wb);
  log.file = p.str();
  SheetWriter sw(wb, "Sheet", log);
  fill(sw);
  auto closed = close_workbook(wb, tmp, p.str(), log);
  REQUIRE_FALSE(closed);
  return read_xlsx(p.str());
}

const XlsxCell* cell(const XlsxRead& r, const char* ref) {
  auto pos = *parse_cell_ref(ref);
  return r.sheets.at(0).at(pos.row, pos.col);
}

}  // namespace

TEST_CASE("texts that look like formulas are written as strings and read back unchanged") {
  TempPath p("formula.xlsx");
  XlsxLog log;
  const std::vector<std::string> texts = {"=HYPERLINK(\"http://x\",\"y\")",
                                          "+1",
                                          "-2+3",
                                          "@SUM(A1)",
                                          "\t=1",
                                          "_x0041_ and _x005F_",
                                          "a\x1b]52;c;eA==\x07"};
  XlsxRead r = write_and_read(p, log, [&](SheetWriter& sw) {
    for (std::size_t i = 0; i < texts.size(); ++i)
      sw.text(static_cast<lxw_row_t>(i), 0, texts[i], nullptr);
  });
  REQUIRE(r.ok());
  CHECK(log.warnings.empty());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const XlsxCell* c = r.sheets[0].at(static_cast<std::uint32_t>(i + 1), 1);
    REQUIRE(c);
    CAPTURE(texts[i]);
    CHECK(c->kind == CellKind::string);
    CHECK(c->text == texts[i]);
  }
}

TEST_CASE("a text longer than an Excel cell is cut with a mark and a warning") {
  TempPath p("long.xlsx");
  XlsxLog log;
  log.lang = Lang::en;
  // 20,000 emoji are 20,000 code points (libxlsxwriter's count) but 40,000 UTF-16 units (Excel's).
  std::string emoji;
  for (int i = 0; i < 20000; ++i) emoji += "\xF0\x9F\x98\x80";
  const std::string ascii = std::string(20000, 'a') + std::string(20000, 'b');
  XlsxRead r = write_and_read(p, log, [&](SheetWriter& sw) {
    sw.text(0, 0, emoji, nullptr);
    sw.merged(1, 0, 2, 1, ascii, nullptr);
    sw.text(3, 0, std::string(32767, 'x'), nullptr);  // exactly the limit: kept whole
  });
  REQUIRE(r.ok());
  REQUIRE(log.warnings.size() == 2);
  CHECK(format_diagnostic(log.warnings[0], Lang::en, {}) ==
        p.str() +
            ": warning: sheet 'Sheet', cell A1: the text has 40000 characters, more than the "
            "32,767 an Excel cell holds; it was cut and marked at the end\n");
  CHECK(format_diagnostic(log.warnings[1], Lang::en, {}).find("cell A2: the text has 40000") !=
        std::string::npos);
  const std::string mark = tr(Lang::en, "xlsx-cut-mark");
  for (const char* ref : {"A1", "A2"}) {
    const XlsxCell* c = cell(r, ref);
    REQUIRE(c);
    CAPTURE(ref);
    CHECK(utf16_units(c->text) <= kXlsxMaxCellUnits);
    CHECK(utf16_units(c->text) >= kXlsxMaxCellUnits - 1);  // an emoji does not fit in one unit
    CHECK(c->text.size() > mark.size());
    CHECK(c->text.compare(c->text.size() - mark.size(), mark.size(), mark) == 0);
    CHECK_FALSE(find_invalid_utf8(c->text));
  }
  CHECK(cell(r, "A4")->text == std::string(32767, 'x'));
}

TEST_CASE("a text whose _xHHHH_ escapes would pass libxlsxwriter's limit is cut, not refused") {
  TempPath p("escapes.xlsx");
  XlsxLog log;
  // 28,000 characters as Excel counts them, but 52,000 once each "_x" is escaped as "_x005F_x".
  std::string text;
  for (int i = 0; i < 4000; ++i) text += "_x0041_";
  XlsxRead r = write_and_read(p, log, [&](SheetWriter& sw) { sw.text(0, 0, text, nullptr); });
  REQUIRE(r.ok());
  CHECK_FALSE(log.failure);
  REQUIRE(log.warnings.size() == 1);
  const std::string mark = tr(Lang::zh, "xlsx-cut-mark");
  const std::string& got = cell(r, "A1")->text;
  CHECK(got.size() > mark.size());
  CHECK(got.compare(got.size() - mark.size(), mark.size(), mark) == 0);
  CHECK(got.compare(0, 14, "_x0041__x0041_") == 0);  // read back as written, not as "AA"
}

TEST_CASE("a sheet past Excel's last row writes no file and says why") {
  TempPath p("rows.xlsx");
  std::string tmp, failure;
  lxw_workbook* wb = open_workbook(p.str(), tmp, failure);
  REQUIRE(wb);
  XlsxLog log{p.str(), Lang::en, {}, std::nullopt};
  SheetWriter sw(wb, "Overdue", log);
  sw.text(kXlsxMaxRows - 1, 0, "last row", nullptr);
  CHECK(sw.ok());
  sw.text(kXlsxMaxRows, 0, "one too many", nullptr);
  CHECK_FALSE(sw.ok());
  sw.number(kXlsxMaxRows + 5, 0, 1, nullptr);  // later writes change nothing
  auto closed = close_workbook(wb, tmp, p.str(), log);
  REQUIRE(closed);
  CHECK(*closed ==
        "sheet 'Overdue' reached A1048577, past Excel's limit of 1,048,576 rows; no file was "
        "written");
  CHECK_FALSE(fs::exists(p.path));
  CHECK_FALSE(fs::exists(tmp));
}

TEST_CASE("page header text: '&' doubled, long text cut to what a header holds") {
  CHECK(xlsx_header_text("R&D 中心（截至 2025-01-01）") == "R&&D 中心（截至 2025-01-01）");
  CHECK(xlsx_header_text("&P&&") == "&&P&&&&");
  const std::string cut = xlsx_header_text(std::string(300, '&'));
  CHECK(cut.size() <= 250);
  CHECK(display_width(xlsx_header_text(std::string(150, 'x'))) <= 100);
}

TEST_CASE("cell references") {
  CHECK(xlsx_cell_ref(0, 0) == "A1");
  CHECK(xlsx_cell_ref(6, 2) == "C7");
  CHECK(xlsx_cell_ref(0, 25) == "Z1");
  CHECK(xlsx_cell_ref(0, 26) == "AA1");
  CHECK(xlsx_cell_ref(0, 16383) == "XFD1");
  CHECK(utf16_units("a司\xF0\x9F\x98\x80") == 4);
}

TEST_CASE("a form for a unit whose name looks like a formula reads back as written") {
  const char* units = R"(units:
  - name: "=HYPERLINK(\"http://x\")_x0041_"
    kind: department
)";
  const char* tasks = R"(plan:
  title: "+计划 <b>"
sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: "@任务 _x0041_"
        units: ["=HYPERLINK(\"http://x\")_x0041_"]
        deadline: 2025年底前
)";
  test::Fixture f(tasks, units);
  REQUIRE_MESSAGE(!has_errors(f.diags), f.text());
  PlanIndex index(f.plan);
  Ledger ledger = compute_ledger(index, {}, *parse_iso_date("2025-03-31"));
  const std::string unit = "=HYPERLINK(\"http://x\")_x0041_";
  TempPath p("form.xlsx");
  Diagnostics warnings;
  REQUIRE_FALSE(write_form(p.str(), index, ledger, unit, Lang::zh, "fp", &warnings));
  CHECK(warnings.empty());
  XlsxRead r = read_xlsx(p.str());
  REQUIRE(r.ok());
  CHECK(cell(r, "B2")->kind == CellKind::string);
  CHECK(cell(r, "B2")->text == unit);
  CHECK(cell(r, "B7")->text == "1. @任务 _x0041_");
  FormExtract x = extract_form(r, "form.xlsx");
  CHECK(x.diags.empty());
  CHECK(x.unit.text == unit);
  CHECK(x.meta.plan_title == "+计划 <b>");
}
