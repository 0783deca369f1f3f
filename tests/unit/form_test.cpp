#include "core/intake/form.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>

#include "core/progress/progress.h"
#include "helpers.h"

using namespace plan;
using plan::test::Fixture;
using plan::test::kUnits;

namespace {

const char* kTasks = R"(plan:
  title: 某县计划
sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务一
        units: [各乡镇]
        deadline: 2024年6月底前
        measures:
          - id: (1)
            text: 措施一
          - id: (2)
            text: 措施二
            units: [司法局]
            deadline: 2024年3月底前
      - id: 2
        title: 任务二
        units: [甲镇]
        deadline: 2025年底前
)";

Date d(const char* s) {
  return *parse_iso_date(s);
}

// Cells for a workbook made in memory.
XlsxCell str(const char* ref, const char* text) {
  auto p = *parse_cell_ref(ref);
  return {p.row, p.col, ref, CellKind::string, text, 0, false};
}
XlsxCell num(const char* ref, double v, bool is_date = false) {
  auto p = *parse_cell_ref(ref);
  return {p.row, p.col, ref, CellKind::number, std::to_string(v), v, is_date};
}
XlsxCell err(const char* ref, const char* text) {
  auto p = *parse_cell_ref(ref);
  return {p.row, p.col, ref, CellKind::error, text, 0, false};
}

XlsxSheet sheet(const std::string& name, std::vector<XlsxCell> cells, bool hidden = false) {
  std::sort(cells.begin(), cells.end(), [](const XlsxCell& a, const XlsxCell& b) {
    return a.row < b.row || (a.row == b.row && a.col < b.col);
  });
  return {name, hidden, "", std::move(cells), {}};
}

XlsxSheet meta(const char* unit, const char* version = "1") {
  return sheet("_plan",
               {str("A1", "form_version"), str("B1", version), str("A2", "unit"), str("B2", unit),
                str("A3", "as_of"), str("B3", "2025-03-31"), str("A4", "plan_fingerprint"),
                str("B4", "0123456789abcdef")},
               true);
}

XlsxRead book(std::vector<XlsxSheet> sheets) {
  XlsxRead b;
  b.file = "f.xlsx";
  b.sheets = std::move(sheets);
  return b;
}

std::string diag_text(const Diagnostics& diags) {
  std::string out;
  for (const auto& x : diags) out += format_diagnostic(x, Lang::en, {});
  return out;
}

}  // namespace

TEST_CASE("plan_fingerprint is FNV-1a 64 over tasks, NUL, units") {
  CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(plan_fingerprint("tasks", "units") == "0b55ccf35e521792");
  CHECK(plan_fingerprint("tasks", "units") != plan_fingerprint("tasksu", "nits"));
}

TEST_CASE("form file names") {
  CHECK(form_file_name("北平镇") == "北平镇报送表.xlsx");
  CHECK(form_file_name("a/b") == "a%2Fb报送表.xlsx");
}

TEST_CASE("a written form reads back: header, labels, metadata, one row per assignment") {
  Fixture f(kTasks, kUnits);
  REQUIRE_MESSAGE(!has_errors(f.diags), f.text());
  PlanIndex index(f.plan);
  ProgressLoad p;
  load_progress_text("- {date: 2024-05-01, item: \"(1)\", status: 进行中}\n", "甲镇.yaml", "甲镇",
                     index, d("2025-12-31"), p);
  REQUIRE(p.diags.empty());
  Ledger ledger = compute_ledger(index, p.entries, d("2024-07-01"));

  const auto dir =
      std::filesystem::temp_directory_path() / ("plan-form-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / form_file_name("甲镇")).string();
  REQUIRE_FALSE(write_form(path, index, ledger, "甲镇", Lang::zh, "00000000deadbeef"));
  XlsxRead r = read_xlsx(path);
  std::filesystem::remove_all(dir);
  REQUIRE_MESSAGE(r.ok(), diag_text(r.diags));
  REQUIRE(r.sheets.size() == 2);
  CHECK(r.sheets[0].name == "报送表");
  CHECK(r.sheets[1].name == "_plan");
  CHECK(r.sheets[1].hidden);

  const XlsxSheet& s = r.sheets[0];
  auto text = [&](const char* ref) {
    auto pos = *parse_cell_ref(ref);
    const XlsxCell* c = s.at(pos.row, pos.col);
    return c ? c->text : std::string("<none>");
  };
  CHECK(text("A1") == "某县计划 进度报送表（甲镇，状态截至 2024-07-01）");
  CHECK(text("A2") == "填报单位");
  CHECK(text("B2") == "甲镇");
  CHECK(text("A3") == "填报人");
  CHECK(text("A4") == "联系电话");
  CHECK(text("A5") == "填写说明");
  std::vector<std::string> header;
  for (const char* ref : {"A6", "B6", "C6", "D6", "E6", "F6", "G6", "H6", "I6", "J6", "K6"})
    header.push_back(text(ref));
  CHECK(header == std::vector<std::string>{"事项", "任务", "内容", "完成时限", "截止日期",
                                           "当前状态", "最近报送", "状态", "日期", "说明", "佐证"});
  // 甲镇 has (1) through 各乡镇 and task 2 itself; (2) belongs to 司法局.
  CHECK(text("A7") == "(1)");
  CHECK(text("B7") == "1. 任务一");
  CHECK(text("C7") == "措施一");
  CHECK(text("D7") == "2024年6月底前");
  CHECK(text("F7") == "进行中（逾期 1 天）");
  CHECK(text("A8") == "2");
  CHECK(text("F8") == "未开始");
  CHECK(text("A9") == "<none>");
  auto due = parse_cell_ref("E7");
  const XlsxCell* due_cell = s.at(due->row, due->col);
  REQUIRE(due_cell);
  CHECK(due_cell->is_date);
  CHECK(excel_serial_to_date(due_cell->number, false) == d("2024-06-30"));
  auto last = parse_cell_ref("G7");
  CHECK(excel_serial_to_date(s.at(last->row, last->col)->number, false) == d("2024-05-01"));

  FormExtract x = extract_form(r, "甲镇报送表.xlsx");
  CHECK(diag_text(x.diags) == "");
  CHECK(x.sheet == "报送表");
  CHECK(x.header_row == 6);
  CHECK(x.meta.found);
  CHECK(x.meta.version == kFormVersion);
  CHECK(x.meta.unit == "甲镇");
  CHECK(x.meta.as_of == "2024-07-01");
  CHECK(x.meta.fingerprint == "00000000deadbeef");
  CHECK(x.meta.plan_title == "某县计划");
  CHECK(x.unit.text == "甲镇");
  CHECK(x.unit.place.text() == "甲镇报送表.xlsx:_plan!B2");
  CHECK(x.by.place.text() == "甲镇报送表.xlsx:报送表!B3");
  CHECK(x.rows.empty());  // nothing filled in yet
}

TEST_CASE("the English form keeps the Chinese column keys") {
  Fixture f(kTasks, kUnits);
  PlanIndex index(f.plan);
  Ledger ledger = compute_ledger(index, {}, d("2024-07-01"));
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("plan-form-en-" + std::to_string(::getpid()) + ".xlsx"))
                               .string();
  REQUIRE_FALSE(write_form(path, index, ledger, "司法局", Lang::en, "x"));
  XlsxRead r = read_xlsx(path);
  std::filesystem::remove(path);
  REQUIRE(r.ok());
  const XlsxSheet& s = r.sheets[0];
  CHECK(s.name == "Form");
  CHECK(s.at(2, 1)->text == "Unit");
  CHECK(s.at(3, 1)->text == "Reporter");
  CHECK(s.at(6, 1)->text == "事项");
  CHECK(s.at(6, 2)->text == "Task");
  CHECK(s.at(6, 8)->text == "状态");
  CHECK(s.at(7, 1)->text == "(2)");
  CHECK(s.at(7, 6)->text == "not started (92 days overdue)");
  FormExtract x = extract_form(r, "en.xlsx");
  CHECK(diag_text(x.diags) == "");
  CHECK(x.unit.text == "司法局");
}

TEST_CASE("extract_form reads filled rows with the place of every cell") {
  XlsxRead b =
      book({sheet("报送表", {str("A2", "填报单位"), str("B2", "甲镇"), str("A3", "填报人："),
                             str("B3", " 王敏 "), str("A4", "联系电话"), num("B4", 13800000000),
                             str("A6", "事项"), str("B6", "当前状态"), str("H6", "状态"),
                             str("I6", "日期"), str("J6", "说明"), str("K6", "佐证"),
                             // a filled row: a real date, a note on two lines, three evidence items
                             str("A7", "(1)"), str("B7", "进行中"), str("H7", "已完成"),
                             num("I7", 45736, true), str("J7", "开了会\r\n发了文 "),
                             str("K7", "古发〔2025〕1号\n纪要.pdf；https://x.cn/a; "),
                             // not filled
                             str("A8", "(2)"),
                             // a typed date stays text; a number without a date format too
                             num("A9", 2), str("H9", "受阻"), str("I9", "2025.3.1"),
                             str("A10", "(3)"), str("H10", "进行中"), num("I10", 45736),
                             // something filled but no status: a warning, no row
                             str("A11", "(4)"), str("J11", "忘了选状态"),
                             // an error value and the fictitious 1900-02-29
                             str("A12", "(5)"), str("H12", "已完成"), num("I12", 60, true),
                             err("J12", "#REF!"),
                             // a status without an item
                             str("H13", "已完成")}),
            meta("甲镇")});
  FormExtract x = extract_form(b, "甲镇.xlsx");
  CHECK(diag_text(x.diags) ==
        "甲镇.xlsx:报送表!H11: warning: this row has 说明 but no 状态 (status), so it was not "
        "read; choose a status\n"
        "甲镇.xlsx:报送表!I12: error: '60' is not a valid date; enter it like 2025-03-20\n"
        "甲镇.xlsx:报送表!J12: error: the cell holds the Excel error #REF!; put the real content "
        "there\n"
        "甲镇.xlsx:报送表!A13: error: this row has a status but no 事项 (item); do not change the "
        "item column\n");
  CHECK(x.unit.text == "甲镇");
  CHECK(x.by.text == "王敏");
  CHECK(x.by.place.text() == "甲镇.xlsx:报送表!B3");
  CHECK(x.phone.text == "13800000000");
  REQUIRE(x.rows.size() == 5);

  const FormRow& r = x.rows[0];
  CHECK(r.row == 7);
  CHECK(r.item.text == "(1)");
  CHECK(r.item.place.text() == "甲镇.xlsx:报送表!A7");
  CHECK(r.status.text == "已完成");
  CHECK(r.status.place.text() == "甲镇.xlsx:报送表!H7");
  CHECK(r.date.date == d("2025-03-20"));
  CHECK(r.date.text == "");
  CHECK(r.date.place.text() == "甲镇.xlsx:报送表!I7");
  CHECK(r.note.text == "开了会\n发了文");
  REQUIRE(r.evidence.size() == 3);
  CHECK(r.evidence[0].text == "古发〔2025〕1号");
  CHECK(r.evidence[1].text == "纪要.pdf");
  CHECK(r.evidence[2].text == "https://x.cn/a");
  CHECK(r.evidence[2].place.text() == "甲镇.xlsx:报送表!K7");
  CHECK(r.by.text == "王敏");

  CHECK(x.rows[1].item.text == "2");
  CHECK_FALSE(x.rows[1].date.date);
  CHECK(x.rows[1].date.text == "2025.3.1");
  CHECK_FALSE(x.rows[2].date.date);
  CHECK(x.rows[2].date.text == "45736");
  CHECK_FALSE(x.rows[3].date.date);
  CHECK(x.rows[3].note.text == "");
  CHECK(x.rows[4].item.text == "");
}

TEST_CASE("dates in a 1904 workbook") {
  XlsxRead b = book({sheet("S", {str("A1", "事项"), str("B1", "状态"), str("C1", "日期"),
                                 str("A2", "(1)"), str("B2", "已完成"), num("C2", 44195, true)})});
  b.date1904 = true;
  FormExtract x = extract_form(b, "f.xlsx", {"甲镇"});
  CHECK(diag_text(x.diags) == "");
  REQUIRE(x.rows.size() == 1);
  CHECK(x.rows[0].date.date == d("2024-12-31"));
}

TEST_CASE("English header aliases, a per-row reporter column, the first visible sheet") {
  XlsxRead b = book({sheet("hidden", {str("A1", "事项"), str("B1", "状态")}, true),
                     sheet("cover", {str("A1", "封面")}),
                     sheet("data", {str("A3", " Item "), str("B3", "STATUS"), str("C3", "Date:"),
                                    str("D3", "note"), str("E3", "Evidence"), str("F3", "by"),
                                    str("A4", "(1)"), str("B4", "done"), str("F4", "李四")})});
  FormExtract x = extract_form(b, "f.xlsx", {"司法局"});
  CHECK(diag_text(x.diags) == "");
  CHECK(x.sheet == "data");
  CHECK(x.header_row == 3);
  CHECK(x.unit.text == "司法局");
  REQUIRE(x.rows.size() == 1);
  CHECK(x.rows[0].status.text == "done");
  CHECK(x.rows[0].by.text == "李四");
  CHECK(x.rows[0].by.place.text() == "f.xlsx:data!F4");
}

TEST_CASE("no header, a duplicate column, a newer form, units that disagree") {
  CHECK(
      diag_text(extract_form(book({sheet("S", {str("A1", "事项"), str("A25", "状态")})}), "x.xlsx")
                    .diags) ==
      "x.xlsx: error: no header with the columns 事项 (item) and 状态 (status) in the first 20 "
      "rows; this is not a form, or its header was changed (fill in the form the coordination "
      "office sent)\n");
  CHECK(
      diag_text(extract_form(
                    book({sheet("S", {str("A1", "事项"), str("B1", "状态"), str("C1", "status")})}),
                    "x.xlsx", {"甲镇"})
                    .diags) ==
      "x.xlsx:S!C1: error: the header has 'status' twice (also at B1); remove one\n");
  CHECK(diag_text(extract_form(
                      book({sheet("S", {str("A1", "事项"), str("B1", "状态")}), meta("甲镇", "2")}),
                      "x.xlsx")
                      .diags) ==
        "x.xlsx:_plan!B1: error: the form is version 2, newer than version 1 that this program "
        "reads; update plan\n");
  CHECK(diag_text(extract_form(book({sheet("S", {str("A1", "单位"), str("B1", "乙镇"),
                                                 str("A2", "事项"), str("B2", "状态")}),
                                     meta("甲镇")}),
                               "x.xlsx", {"司法局"})
                      .diags) ==
        "x.xlsx:S!B1: warning: the unit cell says '乙镇' but the hidden sheet _plan says '甲镇'; "
        "_plan is used\n"
        "x.xlsx:_plan!B2: error: the form is from '甲镇', but the unit given is '司法局'\n");
  CHECK(diag_text(extract_form(book({sheet("S", {str("A1", "事项"), str("B1", "状态")})}), "x.xlsx")
                      .diags) ==
        "x.xlsx: error: cannot tell which unit sent this: no hidden sheet _plan and no unit cell; "
        "name the unit\n");
}

TEST_CASE("a form saved as CSV reads the same way, places without a sheet") {
  XlsxRead b = read_csv_text(
      "\xEF\xBB\xBF进度报送表,,,\r\n填报单位,乙镇,,\r\n填报人,张三,,\r\n事项,状态,日期,佐证\r\n"
      "(1),已完成,2025-03-20,\"a\nb\"\r\n(2),,,\r\n",
      "乙镇.csv");
  REQUIRE(b.ok());
  FormExtract x = extract_form(b, "乙镇.csv");
  CHECK(diag_text(x.diags) == "");
  CHECK(x.unit.text == "乙镇");
  CHECK(x.unit.place.text() == "乙镇.csv:B2");
  CHECK(x.by.text == "张三");
  REQUIRE(x.rows.size() == 1);
  CHECK(x.rows[0].date.text == "2025-03-20");  // text: the importer parses it
  CHECK_FALSE(x.rows[0].date.date);
  CHECK(x.rows[0].date.place.text() == "乙镇.csv:C5");
  REQUIRE(x.rows[0].evidence.size() == 2);
  CHECK(x.rows[0].evidence[1].text == "b");
}

TEST_CASE("a workbook that could not be read gives its errors and nothing else") {
  XlsxRead b = read_xlsx_bytes("", "e.xlsx");
  FormExtract x = extract_form(b, "e.xlsx");
  CHECK(diag_text(x.diags) ==
        "e.xlsx: error: the file is empty (0 bytes); save or send it again\n");
  CHECK(x.rows.empty());
}
