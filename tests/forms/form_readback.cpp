// Reads a filled form (.xlsx or .csv) through read_xlsx / read_csv_table and extract_form and
// prints what was extracted as JSON, for form_test.py to compare with what it filled in.
//   form_readback FILE [UNIT]
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "core/intake/form.h"
#include "core/intake/xlsx_read.h"

using namespace plan;

namespace {

nlohmann::ordered_json text_json(const FormText& t) {
  return {{"text", t.text}, {"place", t.place.text()}};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: form_readback FILE [UNIT]\n");
    return 2;
  }
  const std::string path = argv[1];
  const bool csv = path.size() > 4 && path.substr(path.size() - 4) == ".csv";
  XlsxRead book = csv ? read_csv_table(path) : read_xlsx(path);
  ExtractOptions options;
  if (argc > 2) options.unit = argv[2];
  FormExtract x = extract_form(book, path, options);
  nlohmann::ordered_json out;
  out["sheet"] = x.sheet;
  out["header_row"] = x.header_row;
  out["date1904"] = book.date1904;
  out["meta"] = {{"found", x.meta.found},
                 {"version", x.meta.version},
                 {"unit", x.meta.unit},
                 {"as_of", x.meta.as_of},
                 {"fingerprint", x.meta.fingerprint}};
  out["unit"] = text_json(x.unit);
  out["by"] = text_json(x.by);
  out["phone"] = text_json(x.phone);
  out["rows"] = nlohmann::ordered_json::array();
  for (const FormRow& r : x.rows) {
    nlohmann::ordered_json row;
    row["row"] = r.row;
    row["item"] = text_json(r.item);
    row["status"] = text_json(r.status);
    row["date"] = r.date.date ? nlohmann::ordered_json(iso(*r.date.date)) : nullptr;
    row["date_text"] = r.date.text;
    row["date_place"] = r.date.place.text();
    row["note"] = text_json(r.note);
    row["evidence"] = nlohmann::ordered_json::array();
    for (const auto& e : r.evidence) row["evidence"].push_back(e.text);
    row["by"] = r.by.text;
    out["rows"].push_back(row);
  }
  out["diags"] = nlohmann::ordered_json::array();
  for (const auto& d : x.diags) out["diags"].push_back(format_diagnostic(d, Lang::en, {}));
  std::string s = out.dump(2) + "\n";
  std::fwrite(s.data(), 1, s.size(), stdout);
  return 0;
}
