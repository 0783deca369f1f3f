#include "core/intake/xlsx_read.h"

#include <doctest/doctest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace plan;

namespace {

namespace fs = std::filesystem;

// A fresh temporary directory, removed with the object.
struct TempDir {
  fs::path path;
  TempDir() {
    static int n = 0;
    path = fs::temp_directory_path() /
           ("plan-xlsx-test-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A zip made by hand with libzip: each entry's name and bytes, deflated.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  TempDir dir;
  const std::string path = dir.file("made.zip");
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  REQUIRE(z != nullptr);
  for (const auto& [name, bytes] : entries) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    REQUIRE(src != nullptr);
    REQUIRE(zip_file_add(z, name.c_str(), src, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(z) == 0);
  return slurp(path);
}

const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";

const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheets/../worksheets/meta.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId10" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>)";

// The workbook as some writers spell it: every element with the prefix x:.
const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="1"/>
<x:sheets><x:sheet name="数据" sheetId="1" rel:id="rId7"/><x:sheet name="_meta" sheetId="2" state="veryHidden" rel:id="rId8"/></x:sheets>
<x:definedNames><x:definedName name="_xlnm.Print_Titles" localSheetId="0">数据!$1:$1</x:definedName></x:definedNames>
</x:workbook>)";

const char* kStyles =
    R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="&quot;day&quot;0.00"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="14"/></cellXfs>
</styleSheet>)";

const char* kSharedStrings =
    R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>事项</t></si>
<si><r><rPr><b/></rPr><t>已</t></r><r><t xml:space="preserve">完成 </t></r><rPh sb="0" eb="1"><t>yi</t></rPh></si>
<si><t>第一行_x000D_
第二行</t></si>
</sst>)";

const char* kDataSheet =
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>
<row r="3"><c r="A3" s="1"><v>45000</v></c><c s="2"><v>3.5</v></c><c s="3"><v>0</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row>
<row><c t="str"><f>A1</f><v>公式</v></c><c t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r></is></c><c r="D4" t="d"><v>2025-03-20T12:00:00</v></c><c r="E4" s="1"/></row>
</sheetData></worksheet>)";

const char* kMetaSheet =
    R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>)";

std::vector<std::pair<std::string, std::string>> hand_made_parts() {
  return {{"_rels/.rels", kRootRels},
          {"xl/workbook.xml", kWorkbook},
          {"xl/_rels/workbook.xml.rels", kWorkbookRels},
          {"xl/styles.xml", kStyles},
          {"xl/sharedStrings.xml", kSharedStrings},
          {"xl/worksheets/data.xml", kDataSheet},
          {"xl/worksheets/meta.xml", kMetaSheet}};
}

// The hand-made workbook with one part replaced (or added).
std::string hand_made_with(const std::string& part, const std::string& bytes) {
  auto parts = hand_made_parts();
  bool replaced = false;
  for (auto& p : parts)
    if (p.first == part) p.second = bytes, replaced = true;
  if (!replaced) parts.emplace_back(part, bytes);
  return make_zip(parts);
}

std::string diag_text(const XlsxRead& r) {
  std::string out;
  for (const auto& d : r.diags) out += format_diagnostic(d, Lang::en, {});
  return out;
}

const XlsxCell& cell(const XlsxSheet& s, const char* ref) {
  auto pos = parse_cell_ref(ref);
  REQUIRE(pos);
  const XlsxCell* c = s.at(pos->row, pos->col);
  REQUIRE_MESSAGE(c != nullptr, ref);
  return *c;
}

}  // namespace

TEST_CASE("cell references") {
  CHECK(cell_ref(7, 3) == "C7");
  CHECK(cell_ref(1, 26) == "Z1");
  CHECK(cell_ref(1, 27) == "AA1");
  CHECK(cell_ref(1048576, 16384) == "XFD1048576");
  auto p = parse_cell_ref("$AB$12");
  REQUIRE(p);
  CHECK(p->row == 12);
  CHECK(p->col == 28);
  CHECK_FALSE(parse_cell_ref("XFE1"));
  CHECK_FALSE(parse_cell_ref("A0"));
  CHECK_FALSE(parse_cell_ref("A1048577"));
  CHECK_FALSE(parse_cell_ref("12"));
  CHECK_FALSE(parse_cell_ref("A1B"));
  CHECK_FALSE(parse_cell_ref(""));
}

TEST_CASE("date formats: y, m, d or h outside quotes, brackets and escapes") {
  for (const char* code : {"yyyy-mm-dd", "yyyy\\-mm\\-dd;@", "[$-804]yyyy\"年\"m\"月\"d\"日\"",
                           "YYYY/MM/DD", "h:mm", "[h]:mm:ss", "m/d/yy", "[Red]yyyy-mm-dd"})
    CHECK_MESSAGE(is_date_format(code), code);
  for (const char* code : {"General", "0.00", "\"day\"0", "#,##0;[Red]-#,##0", "@", "0.0%", "\\d0",
                           "_d0", "[$¥-804]#,##0.00", "0.00;\"ymd\""})
    CHECK_MESSAGE(!is_date_format(code), code);
  CHECK(is_builtin_date_format(14));
  CHECK(is_builtin_date_format(22));
  CHECK(is_builtin_date_format(31));
  CHECK(is_builtin_date_format(58));
  CHECK_FALSE(is_builtin_date_format(0));
  CHECK_FALSE(is_builtin_date_format(23));
  CHECK_FALSE(is_builtin_date_format(49));
}

TEST_CASE("Excel serial numbers as dates, in the 1900 and 1904 systems") {
  auto iso_of = [](double serial, bool d1904) {
    auto d = excel_serial_to_date(serial, d1904);
    return d ? iso(*d) : std::string("-");
  };
  CHECK(iso_of(1, false) == "1900-01-01");
  CHECK(iso_of(59, false) == "1900-02-28");
  CHECK(iso_of(60, false) == "-");  // Excel's fictitious 1900-02-29
  CHECK(iso_of(61, false) == "1900-03-01");
  CHECK(iso_of(45657, false) == "2024-12-31");
  CHECK(iso_of(45736.75, false) == "2025-03-20");  // the time of day is dropped
  CHECK(iso_of(2958465, false) == "9999-12-31");
  CHECK(iso_of(2958466, false) == "-");
  CHECK(iso_of(0, false) == "-");
  CHECK(iso_of(-1, false) == "-");
  CHECK(iso_of(0, true) == "1904-01-01");
  CHECK(iso_of(44195, true) == "2024-12-31");
}

TEST_CASE("a workbook written by libxlsxwriter reads back cell by cell") {
  TempDir dir;
  const std::string path = dir.file("book.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* builtin = workbook_add_format(wb);
  format_set_num_format_index(builtin, 14);
  lxw_format* decimal = workbook_add_format(wb);
  format_set_num_format(decimal, "0.00");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "报送表");
  worksheet_write_string(ws, 0, 0, "事项", nullptr);
  worksheet_write_string(ws, 0, 1, "(25)", nullptr);
  worksheet_write_number(ws, 1, 0, 16, nullptr);
  worksheet_write_number(ws, 1, 1, 45736, date);
  worksheet_write_number(ws, 1, 2, 45657, builtin);
  worksheet_write_number(ws, 1, 3, 2.5, decimal);
  worksheet_write_boolean(ws, 2, 0, 1, nullptr);
  worksheet_write_formula_str(ws, 2, 1, "=A1&\"!\"", nullptr, "事项!");
  lxw_rich_string_tuple a = {bold, const_cast<char*>("已")};
  lxw_rich_string_tuple b = {nullptr, const_cast<char*>("完成")};
  lxw_rich_string_tuple* rich[] = {&a, &b, nullptr};
  worksheet_write_rich_string(ws, 2, 2, rich, nullptr);
  worksheet_write_string(ws, 2, 3, "多行\n说明", nullptr);
  lxw_worksheet* hidden = workbook_add_worksheet(wb, "_plan");
  worksheet_write_string(hidden, 0, 0, "unit", nullptr);
  worksheet_hide(hidden);
  workbook_define_name(wb, "单位", "=_plan!$B$1");
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

  XlsxRead r = read_xlsx(path);
  REQUIRE_MESSAGE(r.ok(), diag_text(r));
  REQUIRE(r.sheets.size() == 2);
  CHECK(r.sheets[0].name == "报送表");
  CHECK_FALSE(r.sheets[0].hidden);
  CHECK(r.sheets[1].name == "_plan");
  CHECK(r.sheets[1].hidden);
  CHECK_FALSE(r.date1904);
  const XlsxSheet& s = r.sheets[0];
  CHECK(s.cells.size() == 10);
  CHECK(cell(s, "A1").kind == CellKind::string);
  CHECK(cell(s, "A1").text == "事项");
  CHECK(cell(s, "A1").ref == "A1");
  CHECK(cell(s, "B1").text == "(25)");
  CHECK(cell(s, "A2").kind == CellKind::number);
  CHECK(cell(s, "A2").text == "16");
  CHECK_FALSE(cell(s, "A2").is_date);
  CHECK(cell(s, "B2").is_date);
  CHECK(cell(s, "B2").number == 45736);
  CHECK(cell(s, "C2").is_date);
  CHECK(cell(s, "D2").number == 2.5);
  CHECK_FALSE(cell(s, "D2").is_date);
  CHECK(cell(s, "A3").kind == CellKind::boolean);
  CHECK(cell(s, "A3").text == "TRUE");
  CHECK(cell(s, "B3").kind == CellKind::string);
  CHECK(cell(s, "B3").text == "事项!");
  CHECK(cell(s, "C3").text == "已完成");
  CHECK(cell(s, "D3").text == "多行\n说明");
  REQUIRE(r.names.size() == 1);
  CHECK(r.names[0].name == "单位");
  CHECK(r.names[0].value == "_plan!$B$1");
}

TEST_CASE("libxlsxwriter's constant-memory mode writes inline strings") {
  TempDir dir;
  const std::string path = dir.file("inline.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  worksheet_write_string(ws, 0, 0, "北平镇", nullptr);
  worksheet_write_string(ws, 4, 2, "受阻", nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  REQUIRE(slurp(path).size() > 0);
  XlsxRead r = read_xlsx(path);
  REQUIRE_MESSAGE(r.ok(), diag_text(r));
  REQUIRE(r.sheets.size() == 1);
  CHECK(r.sheets[0].name == "Sheet1");
  CHECK(cell(r.sheets[0], "A1").text == "北平镇");
  CHECK(cell(r.sheets[0], "C5").text == "受阻");
}

TEST_CASE("a hand-made workbook: prefixes, relationship paths, rich text, 1904, odd cells") {
  XlsxRead r = read_xlsx_bytes(make_zip(hand_made_parts()), "hand.xlsx");
  REQUIRE_MESSAGE(r.ok(), diag_text(r));
  CHECK(r.date1904);
  REQUIRE(r.sheets.size() == 2);
  CHECK(r.sheets[0].name == "数据");
  CHECK(r.sheets[0].part == "xl/worksheets/data.xml");
  CHECK(r.sheets[1].part == "xl/worksheets/meta.xml");
  CHECK(r.sheets[1].hidden);
  REQUIRE(r.names.size() == 1);
  REQUIRE(r.names[0].sheet);
  CHECK(*r.names[0].sheet == 0);
  const XlsxSheet& s = r.sheets[0];
  CHECK(cell(s, "B1").text == "已完成 ");           // runs joined, the phonetic run left out
  CHECK(cell(s, "C1").text == "第一行\r\n第二行");  // _x000D_ decoded
  CHECK(cell(s, "A3").is_date);                     // custom format 年月日
  CHECK(cell(s, "B3").number == 3.5);               // no r attribute: the next column
  CHECK_FALSE(cell(s, "B3").is_date);               // "day"0.00 is quoted
  CHECK(cell(s, "C3").is_date);                     // built-in 14
  CHECK(cell(s, "D3").kind == CellKind::boolean);
  CHECK(cell(s, "E3").kind == CellKind::error);
  CHECK(cell(s, "E3").text == "#N/A");
  CHECK(cell(s, "A4").text == "公式");  // <row> without r: the row after 3
  CHECK(cell(s, "B4").text == "内联");
  CHECK(cell(s, "D4").is_date);
  CHECK(excel_serial_to_date(cell(s, "D4").number, true) == parse_iso_date("2025-03-20"));
  CHECK(cell(s, "E4").kind == CellKind::empty);
  CHECK(cell(r.sheets[1], "B2").text == "x");
}

TEST_CASE("a strict OOXML workbook (purl.oclc.org namespaces) reads too") {
  std::string wb = kWorkbook, sheet = kMetaSheet;
  auto swap = [](std::string& s, const std::string& from, const std::string& to) {
    for (auto p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
      s.replace(p, from.size(), to);
  };
  swap(wb, "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "http://purl.oclc.org/ooxml/spreadsheetml/main");
  swap(sheet, "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "http://purl.oclc.org/ooxml/spreadsheetml/main");
  auto parts = hand_made_parts();
  parts[1].second = wb;
  parts[6].second = sheet;
  XlsxRead r = read_xlsx_bytes(make_zip(parts), "strict.xlsx");
  REQUIRE_MESSAGE(r.ok(), diag_text(r));
  CHECK(r.date1904);
  CHECK(cell(r.sheets[1], "B2").text == "x");
}

TEST_CASE("files that are not workbooks say what they are and what to do") {
  CHECK(diag_text(read_xlsx_bytes("", "a.xlsx")) ==
        "a.xlsx: error: the file is empty (0 bytes); save or send it again\n");
  CHECK(diag_text(read_xlsx_bytes(
            std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'),
            "old.xlsx")) ==
        "old.xlsx: error: not an .xlsx file: it is the old .xls (or WPS .et) format, or a "
        "workbook with an opening password; in Excel or WPS save it as an Excel workbook (*.xlsx) "
        "without a password\n");
  CHECK(diag_text(read_xlsx_bytes("事项,状态\r\n(1),已完成\r\n", "csv.xlsx")) ==
        "csv.xlsx: error: not an .xlsx file: it is a text file (a CSV?) renamed; open it in Excel "
        "or WPS and save as .xlsx, or send it as a .csv\n");
  CHECK(diag_text(read_xlsx_bytes(std::string("\x89PNG\r\n\x1a\n\xff\xfe", 10), "p.xlsx")) ==
        "p.xlsx: error: not an .xlsx file (is it the old .xls format?); save it as .xlsx in Excel "
        "or WPS\n");
  CHECK(diag_text(read_xlsx_bytes(make_zip({{"mimetype",
                                             "application/vnd.oasis.opendocument."
                                             "spreadsheet"},
                                            {"content.xml", "<x/>"}}),
                                  "o.xlsx")) ==
        "o.xlsx: error: this is an OpenDocument spreadsheet (.ods); save it as an Excel workbook "
        "(*.xlsx)\n");
  CHECK(diag_text(read_xlsx_bytes(make_zip({{"word/document.xml", "<x/>"}}), "d.xlsx")) ==
        "d.xlsx: error: the zip holds no Excel workbook (a Word document or another archive?)\n");
  CHECK(diag_text(read_xlsx("/nonexistent/form.xlsx")) ==
        "/nonexistent/form.xlsx: error: file /nonexistent/form.xlsx not found\n");
  CHECK(diag_text(read_xlsx("/")) ==
        "/: error: not a regular file (a directory, pipe or device)\n");
}

TEST_CASE("a damaged zip or damaged XML is an error naming the part, never a crash") {
  std::string good = make_zip(hand_made_parts());
  XlsxRead cut = read_xlsx_bytes(good.substr(0, good.size() / 2), "cut.xlsx");
  CHECK(diag_text(cut).rfind("cut.xlsx: error: the file is damaged and cannot be read as a zip (",
                             0) == 0);
  CHECK(cut.sheets.empty());

  CHECK(diag_text(read_xlsx_bytes(
            hand_made_with("xl/worksheets/data.xml",
                           "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/"
                           "2006/main\">\n<sheetData><row></sheetData></worksheet>"),
            "bad.xlsx")) ==
        "bad.xlsx:xl/worksheets/data.xml:2:19: error: malformed XML: mismatched tag; the file is "
        "damaged, open it in Excel or WPS and save it again\n");
  CHECK(diag_text(read_xlsx_bytes(
            hand_made_with("xl/sharedStrings.xml", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><sst/>"),
            "dtd.xlsx")) ==
        "dtd.xlsx:xl/sharedStrings.xml:1:13: error: the XML has a DOCTYPE declaration, which no "
        ".xlsx file has; not read\n");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<a>";
  CHECK(diag_text(read_xlsx_bytes(hand_made_with("xl/styles.xml", deep), "deep.xlsx")) ==
        "deep.xlsx:xl/styles.xml:1:193: error: XML nested deeper than 64 levels; not read\n");
  CHECK(diag_text(read_xlsx_bytes(hand_made_with("xl/worksheets/data.xml",
                                                 "<worksheet><sheetData><row><c r=\"A1\" "
                                                 "t=\"s\"><v>7</v></c></row></sheetData></"
                                                 "worksheet>"),
                                  "s.xlsx")) ==
        "s.xlsx:xl/worksheets/data.xml: error: cell A1 refers to string 7, which does not exist; "
        "the file is damaged\n");
  CHECK(diag_text(read_xlsx_bytes(hand_made_with("xl/worksheets/data.xml",
                                                 "<worksheet><sheetData><row><c "
                                                 "r=\"1A\"/></row></sheetData></worksheet>"),
                                  "r.xlsx")) ==
        "r.xlsx:xl/worksheets/data.xml: error: invalid cell reference '1A'; the file is damaged\n");
  CHECK(diag_text(read_xlsx_bytes(hand_made_with("xl/worksheets/data.xml",
                                                 "<worksheet><sheetData><row><c "
                                                 "r=\"A1\"><v>12abc</v></c></row></sheetData></"
                                                 "worksheet>"),
                                  "n.xlsx")) ==
        "n.xlsx:xl/worksheets/data.xml: error: cell A1 holds '12abc' where a number belongs; the "
        "file is damaged\n");
  auto parts = hand_made_parts();
  parts.erase(parts.begin() + 5);  // the data sheet
  CHECK(diag_text(read_xlsx_bytes(make_zip(parts), "m.xlsx")) ==
        "m.xlsx: error: xl/worksheets/data.xml is missing; the file is incomplete, save it again "
        "as .xlsx in Excel or WPS\n");
}

TEST_CASE("limits: entries, part size, total size, ratio, cells, strings, sheets") {
  const std::string book = make_zip(hand_made_parts());
  XlsxLimits few_entries;
  few_entries.max_entries = 3;
  CHECK(diag_text(read_xlsx_bytes(book, "e.xlsx", few_entries)) ==
        "e.xlsx: error: the zip has 7 entries, more than the limit of 3; this is not a form\n");

  // A sheet that inflates far beyond its compressed size: a zip bomb in small.
  std::string bomb =
      "<worksheet><sheetData>" + std::string(3 << 20, ' ') + "</sheetData></worksheet>";
  const std::string bombed = hand_made_with("xl/worksheets/data.xml", bomb);
  CHECK(diag_text(read_xlsx_bytes(bombed, "b.xlsx")) ==
        "b.xlsx:xl/worksheets/data.xml: error: compressed more than 100 times (a zip bomb?); not "
        "read\n");
  XlsxLimits small_part;
  small_part.max_part_bytes = 1 << 20;
  CHECK(diag_text(read_xlsx_bytes(bombed, "p.xlsx", small_part)) ==
        "p.xlsx:xl/worksheets/data.xml: error: inflates to more than 1048576 bytes (a zip bomb?); "
        "not read\n");
  XlsxLimits small_total;
  small_total.max_total_bytes = 2000;
  CHECK(diag_text(read_xlsx_bytes(book, "t.xlsx", small_total)) ==
        "t.xlsx:xl/sharedStrings.xml: error: the parts inflate to more than 2000 bytes in all (a "
        "zip bomb?); not read\n");

  XlsxLimits few_cells;
  few_cells.max_cells = 5;
  CHECK(diag_text(read_xlsx_bytes(book, "c.xlsx", few_cells)) ==
        "c.xlsx:xl/worksheets/data.xml: error: more than 5 cells or strings; not read\n");
  few_cells.max_cells = 2;
  CHECK(diag_text(read_xlsx_bytes(book, "ss.xlsx", few_cells)) ==
        "ss.xlsx:xl/sharedStrings.xml: error: more than 2 cells or strings; not read\n");
  XlsxLimits short_strings;
  short_strings.max_string_bytes = 20;  // the defined name has 12, a shared string 27
  CHECK(diag_text(read_xlsx_bytes(book, "l.xlsx", short_strings)) ==
        "l.xlsx:xl/sharedStrings.xml:5:1: error: a text is longer than 20 bytes (an Excel cell "
        "holds at most 32767 characters)\n");
  XlsxLimits one_sheet;
  one_sheet.max_sheets = 1;
  CHECK(diag_text(read_xlsx_bytes(book, "w.xlsx", one_sheet)) ==
        "w.xlsx:xl/workbook.xml: error: more than 1 sheets; not read\n");
  XlsxLimits tiny_file;
  tiny_file.max_file_bytes = 100;
  CHECK(diag_text(read_xlsx_bytes(book, "f.xlsx", tiny_file)) ==
        "f.xlsx: error: the file has " + std::to_string(book.size()) +
            " bytes, more than the limit of 100; a form is never that large, check that it is the "
            "right file\n");
}

TEST_CASE("CSV: BOM, CRLF, RFC 4180 quoting") {
  XlsxRead r = read_csv_text(
      "\xEF\xBB\xBF事项,状态,说明\r\n(1),已完成,\"有逗号, "
      "和\"\"引号\"\"\r\n第二行\"\r\n\r\n(2),,x\n",
      "f.csv");
  REQUIRE_MESSAGE(r.ok(), diag_text(r));
  CHECK(r.csv);
  REQUIRE(r.sheets.size() == 1);
  const XlsxSheet& s = r.sheets[0];
  CHECK(cell(s, "A1").text == "事项");
  CHECK(cell(s, "C2").text == "有逗号, 和\"引号\"\r\n第二行");
  CHECK(cell(s, "A4").text == "(2)");  // the empty line is row 3
  CHECK(s.at(4, 2) == nullptr);        // empty fields are no cells
  CHECK(cell(s, "C4").text == "x");
  CHECK(s.cells.size() == 8);
}

TEST_CASE("CSV in another encoding says to save as CSV UTF-8") {
  // 事项 in GBK.
  CHECK(diag_text(read_csv_text("\xCA\xC2\xCF\xEE,x\r\n", "g.csv")) ==
        "g.csv:1:1: error: the CSV file is GBK/GB18030 (what Excel's plain 'CSV (Comma "
        "delimited)' writes); save it as 'CSV UTF-8 (Comma delimited)', or choose UTF-8 when WPS "
        "saves a CSV\n");
  CHECK(diag_text(read_csv_text("\xFF\xFEx\0", "u.csv")) ==
        "u.csv: error: the file is UTF-16 (Excel's 'Unicode Text'); save it as 'CSV UTF-8 (Comma "
        "delimited)'\n");
  CHECK(diag_text(read_csv_text("a,\"b\nc,d\n", "q.csv")) ==
        "q.csv:1:3: error: the quote that starts here is never closed; check this cell\n");
}

TEST_CASE("merged ranges: read with their corners in order; single cells and bad refs left out") {
  TempDir dir;
  const std::string path = dir.file("merged.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "分解表");
  worksheet_merge_range(ws, 0, 0, 0, 4, "标题", nullptr);
  worksheet_merge_range(ws, 2, 0, 5, 0, "（一）部分", nullptr);
  worksheet_write_string(ws, 2, 1, "1.任务", nullptr);
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  XlsxRead r = read_xlsx(path);
  REQUIRE_MESSAGE(r.ok(), diag_text(r));
  const XlsxSheet& s = r.sheets[0];
  REQUIRE(s.merged.size() == 2);
  CHECK(s.merged[0].first_row == 1);
  CHECK(s.merged[0].last_col == 5);
  CHECK(s.merged[1].first_row == 3);
  CHECK(s.merged[1].last_row == 6);
  CHECK(s.merged[1].contains(5, 1));
  CHECK_FALSE(s.merged[1].contains(5, 2));
  CHECK(cell(s, "A3").text == "（一）部分");

  // Written by hand: reversed corners, a single cell, a malformed ref, a prefix.
  const std::string sheet =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row></x:sheetData>)"
      R"(<x:mergeCells count="4"><x:mergeCell ref="B5:A2"/><x:mergeCell ref="C3"/><x:mergeCell ref="C3:ZZZZ9"/><x:mergeCell ref="$D$1:$E$1"/></x:mergeCells></x:worksheet>)";
  XlsxRead h = read_xlsx_bytes(hand_made_with("xl/worksheets/data.xml", sheet), "hand.xlsx");
  REQUIRE_MESSAGE(h.ok(), diag_text(h));
  const auto& m = h.sheets[0].merged;
  REQUIRE(m.size() == 2);
  CHECK((m[0].first_row == 2 && m[0].first_col == 1 && m[0].last_row == 5 && m[0].last_col == 2));
  CHECK((m[1].first_row == 1 && m[1].first_col == 4 && m[1].last_col == 5));
  CHECK(parse_range_ref("A1:B") == std::nullopt);

  // Merged ranges count against the cell limit.
  auto parts = hand_made_parts();
  for (auto& [name, bytes] : parts) {
    if (name == "xl/worksheets/data.xml") bytes = sheet;
    if (name == "xl/sharedStrings.xml")
      bytes = R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>)";
  }
  XlsxLimits few;
  few.max_cells = 2;  // A1 and one range
  CHECK(diag_text(read_xlsx_bytes(make_zip(parts), "few.xlsx", few)) ==
        "few.xlsx:xl/worksheets/data.xml: error: more than 2 cells or strings; not read\n");
}
