// Any bytes as a returned form: never a crash, a hang or a leak, and what reads is well formed.
// The first byte picks what the rest is: 0 a whole .xlsx file, 1 a CSV file, 2 the worksheet XML
// and 3 the shared strings of an otherwise valid workbook (so that the XML handling is reached
// without the fuzzer having to get through deflate and CRCs first).
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "core/intake/form.h"
#include "core/intake/plan_import.h"
#include "core/intake/xlsx_read.h"

namespace {

void put16(std::string& s, unsigned v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}

// A zip of stored (uncompressed) entries.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out, dir;
  for (const auto& [name, data] : entries) {
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    const auto size = static_cast<std::uint32_t>(data.size());
    put32(out, 0x04034b50);
    put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0x21);
    put32(out, crc), put32(out, size), put32(out, size);
    put16(out, static_cast<unsigned>(name.size())), put16(out, 0);
    out += name + data;
    put32(dir, 0x02014b50);
    put16(dir, 20), put16(dir, 20), put16(dir, 0), put16(dir, 0), put16(dir, 0), put16(dir, 0x21);
    put32(dir, crc), put32(dir, size), put32(dir, size);
    put16(dir, static_cast<unsigned>(name.size()));
    put16(dir, 0), put16(dir, 0), put16(dir, 0), put16(dir, 0);
    put32(dir, 0), put32(dir, offset);
    dir += name;
  }
  const auto dir_offset = static_cast<std::uint32_t>(out.size());
  out += dir;
  put32(out, 0x06054b50);
  put16(out, 0), put16(out, 0);
  put16(out, static_cast<unsigned>(entries.size())),
      put16(out, static_cast<unsigned>(entries.size()));
  put32(out, static_cast<std::uint32_t>(dir.size())), put32(out, dir_offset);
  put16(out, 0);
  return out;
}

const char* kRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"xl/workbook.xml\"/></Relationships>";
const char* kWorkbookRels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
    "Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
    "Target=\"sharedStrings.xml\"/></Relationships>";
const char* kWorkbook =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
const char* kSheet =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>(1)</t></is></c><c r=\"B2\" "
    "t=\"s\"><v>2</v></c></row></sheetData></worksheet>";
const char* kStrings =
    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>事项</t></si>"
    "<si><t>状态</t></si><si><r><t>已</t></r><r><t>完成</t></r></si></sst>";

void check(const plan::XlsxRead& book) {
  if (!book.ok() && !book.sheets.empty()) __builtin_trap();
  for (const auto& s : book.sheets) {
    for (std::size_t i = 0; i < s.cells.size(); ++i) {
      const auto& c = s.cells[i];
      if (c.ref != plan::cell_ref(c.row, c.col) || s.at(c.row, c.col) != &c) __builtin_trap();
      if (i > 0 && !(s.cells[i - 1].row < c.row ||
                     (s.cells[i - 1].row == c.row && s.cells[i - 1].col < c.col)))
        __builtin_trap();
    }
  }
  plan::FormExtract x = plan::extract_form(book, "f.xlsx", {"甲镇"});
  for (const auto& r : x.rows)
    if (r.status.text.empty()) __builtin_trap();

  // plan import-plan: a draft, when there is one, is YAML the loader reads; the only errors
  // plan check may find in it are those a human must settle (the table lacks units, a measure
  // after its task, a number used twice).
  plan::PlanImport d = plan::import_plan_table(book, "f.xlsx", {});
  if (plan::has_errors(d.diags)) return;
  plan::PlanDraftFiles files = plan::draft_plan_files(d, "f.xlsx", "", plan::Lang::zh);
  plan::Sources sources;
  for (const auto& e : plan::check_plan_draft(files, "t.yaml", "u.yaml", sources))
    if (e.severity == plan::Severity::error && e.code != "no-units" &&
        e.code != "measure-after-task" && e.code != "duplicate-id") {
      std::fprintf(stderr, "draft refused by plan check: %s\n%s\n---\n%s\n",
                   plan::format_diagnostic(e, plan::Lang::en, sources).c_str(), files.tasks.c_str(),
                   files.units.c_str());
      __builtin_trap();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::string rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  plan::XlsxLimits limits;  // small enough that every limit can be reached
  limits.max_part_bytes = 1 << 20;
  limits.max_total_bytes = 4 << 20;
  limits.max_cells = 20000;
  switch (data[0] % 4) {
    case 0:
      check(plan::read_xlsx_bytes(rest, "f.xlsx", limits));
      break;
    case 1:
      check(plan::read_csv_text(rest, "f.csv", limits));
      break;
    case 2:
    case 3: {
      std::string zip = stored_zip({{"_rels/.rels", kRels},
                                    {"xl/workbook.xml", kWorkbook},
                                    {"xl/_rels/workbook.xml.rels", kWorkbookRels},
                                    {"xl/worksheets/sheet1.xml", data[0] % 4 == 2 ? rest : kSheet},
                                    {"xl/sharedStrings.xml", data[0] % 4 == 3 ? rest : kStrings}});
      check(plan::read_xlsx_bytes(zip, "f.xlsx", limits));
      break;
    }
  }
  return 0;
}
