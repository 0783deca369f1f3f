#include "core/intake/xlsx_read.h"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "core/common/text.h"

namespace plan {

namespace {

// ---------------------------------------------------------------- small helpers

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::optional<long long> parse_int(std::string_view s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<double> parse_double(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '+')) s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// OOXML writes characters that XML cannot hold as _xHHHH_ (ST_Xstring); Excel writes a literal
// "_x" as _x005F_x. Decodes them.
std::string decode_xstring(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_') {
      int v = 0;
      bool ok = true;
      for (std::size_t k = i + 2; k < i + 6; ++k) {
        int h = hex_value(s[k]);
        ok = ok && h >= 0;
        v = v * 16 + std::max(h, 0);
      }
      if (ok && !(v >= 0xD800 && v <= 0xDFFF)) {
        out += to_utf8(std::u32string(1, static_cast<char32_t>(v)));
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// ---------------------------------------------------------------- the zip container

const char* const kMainNs[] = {"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                               "http://purl.oclc.org/ooxml/spreadsheetml/main"};

struct Reader {
  std::string label;
  XlsxLimits limits;
  Diagnostics& diags;
  zip_t* zip = nullptr;
  std::size_t total = 0;
  bool failed = false;

  void fail(const std::string& part, std::string code, std::vector<std::string> args = {},
            int line = 0, int col = 0) {
    if (failed) return;  // the first problem is the one to fix
    failed = true;
    diags.push_back(error({part.empty() ? label : label + ":" + part, line, col}, std::move(code),
                          std::move(args)));
  }

  std::optional<zip_int64_t> locate(const std::string& name) const {
    zip_int64_t i = zip_name_locate(zip, name.c_str(), 0);
    if (i < 0) i = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);  // part names ignore case
    if (i < 0) return std::nullopt;
    return i;
  }

  // The bytes of a part, or nullopt when it is missing (failing when `required`) or unreadable.
  std::optional<std::string> read(const std::string& name, bool required) {
    if (failed) return std::nullopt;
    auto index = locate(name);
    if (!index) {
      if (required) fail("", "xlsx-part-missing", {name});
      return std::nullopt;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, static_cast<zip_uint64_t>(*index), 0, &st) != 0) {
      fail(name, "xlsx-read-failed", {zip_strerror(zip)});
      return std::nullopt;
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      fail(name, "xlsx-encrypted");
      return std::nullopt;
    }
    const std::uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    // The sizes in the directory may lie; they are checked here for an early answer and the
    // bytes actually inflated are counted below.
    if ((st.valid & ZIP_STAT_SIZE) && !check_size(name, st.size, compressed)) return std::nullopt;
    zip_file_t* f = zip_fopen_index(zip, static_cast<zip_uint64_t>(*index), 0);
    if (!f) {
      int code = zip_error_code_zip(zip_get_error(zip));
      if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_ENCRNOTSUPP || code == ZIP_ER_WRONGPASSWD) {
        fail(name, "xlsx-encrypted");
      } else if (code == ZIP_ER_COMPNOTSUPP) {
        fail(name, "xlsx-compression");
      } else {
        fail(name, "xlsx-read-failed", {zip_strerror(zip)});
      }
      return std::nullopt;
    }
    std::string out;
    char buf[1 << 16];
    for (;;) {
      zip_int64_t n = zip_fread(f, buf, sizeof buf);
      if (n < 0) {
        fail(name, "xlsx-read-failed", {zip_file_strerror(f)});
        break;
      }
      if (n == 0) break;
      out.append(buf, static_cast<std::size_t>(n));
      total += static_cast<std::size_t>(n);
      if (!check_size(name, out.size(), compressed)) break;
    }
    zip_fclose(f);
    if (failed) return std::nullopt;
    return out;
  }

  bool check_size(const std::string& name, std::uint64_t size, std::uint64_t compressed) {
    if (size > limits.max_part_bytes) {
      fail(name, "xlsx-part-too-large", {std::to_string(limits.max_part_bytes)});
    } else if (total > limits.max_total_bytes) {
      fail(name, "xlsx-total-too-large", {std::to_string(limits.max_total_bytes)});
    } else if (size > limits.ratio_floor &&
               static_cast<double>(size) > limits.max_ratio * static_cast<double>(compressed)) {
      fail(name, "xlsx-ratio", {fmt_ratio()});
    }
    return !failed;
  }

  std::string fmt_ratio() const {
    return std::to_string(static_cast<long long>(std::llround(limits.max_ratio)));
  }
};

// ---------------------------------------------------------------- XML through expat

// Element callbacks get the namespace and local name apart; attributes are looked up by local
// name (unprefixed ones have no namespace in expat's namespace mode).
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view ns, std::string_view name, const char** attrs) = 0;
  virtual void end(std::string_view ns, std::string_view name) = 0;
  // Character data is collected only while `collecting` is set, within the string limit.
  bool collecting = false;
  std::string text;
};

std::pair<std::string_view, std::string_view> split_name(const char* full) {
  std::string_view s(full);
  auto sep = s.find('\n');
  if (sep == std::string_view::npos) return {std::string_view(), s};
  return {s.substr(0, sep), s.substr(sep + 1)};
}

// The value of the attribute with this local name (and, when `any_ns`, any namespace).
const char* attr(const char** attrs, std::string_view local, bool any_ns = false) {
  for (int i = 0; attrs[i]; i += 2) {
    auto [ns, name] = split_name(attrs[i]);
    if (name == local && (ns.empty() || any_ns)) return attrs[i + 1];
  }
  return nullptr;
}

bool is_main(std::string_view ns) {
  if (ns.empty()) return true;  // a writer that leaves the namespace out
  for (const char* m : kMainNs)
    if (ns == m) return true;
  return false;
}

struct XmlRun {
  XmlRun(Reader& r, XmlHandler& h) : reader(r), handler(h) {}
  Reader& reader;
  XmlHandler& handler;
  XML_Parser parser = nullptr;
  int depth = 0;
  std::string problem;  // code of a limit broken inside a callback
  std::vector<std::string> args;
  int line = 0, col = 0;  // where it was broken

  void stop(std::string code, std::vector<std::string> a = {}) {
    if (problem.empty()) {
      problem = std::move(code);
      args = std::move(a);
      line = static_cast<int>(XML_GetCurrentLineNumber(parser));
      col = static_cast<int>(XML_GetCurrentColumnNumber(parser)) + 1;
    }
    XML_StopParser(parser, XML_FALSE);
  }
};

void XMLCALL on_start(void* data, const char* name, const char** attrs) {
  auto* run = static_cast<XmlRun*>(data);
  if (++run->depth > run->reader.limits.max_depth) {
    run->stop("xlsx-depth", {std::to_string(run->reader.limits.max_depth)});
    return;
  }
  auto [ns, local] = split_name(name);
  run->handler.start(ns, local, attrs);
}

void XMLCALL on_end(void* data, const char* name) {
  auto* run = static_cast<XmlRun*>(data);
  --run->depth;
  auto [ns, local] = split_name(name);
  run->handler.end(ns, local);
}

void XMLCALL on_text(void* data, const char* s, int len) {
  auto* run = static_cast<XmlRun*>(data);
  if (!run->handler.collecting) return;
  run->handler.text.append(s, static_cast<std::size_t>(len));
  if (run->handler.text.size() > run->reader.limits.max_string_bytes)
    run->stop("xlsx-string-too-long", {std::to_string(run->reader.limits.max_string_bytes)});
}

void XMLCALL on_doctype(void* data, const char*, const char*, const char*, int) {
  // OOXML parts never carry a DTD; refusing them rules out entity expansion of every kind.
  static_cast<XmlRun*>(data)->stop("xlsx-dtd");
}

bool parse_xml(Reader& reader, const std::string& part, const std::string& bytes,
               XmlHandler& handler) {
  XmlRun run(reader, handler);
  run.parser = XML_ParserCreateNS(nullptr, '\n');
  if (!run.parser) {
    reader.fail(part, "xlsx-xml", {"out of memory"});
    return false;
  }
  XML_SetUserData(run.parser, &run);
  XML_SetElementHandler(run.parser, on_start, on_end);
  XML_SetCharacterDataHandler(run.parser, on_text);
  XML_SetStartDoctypeDeclHandler(run.parser, on_doctype);
  // Fed in pieces, so that a part larger than INT_MAX is never passed in one call.
  const std::size_t chunk = 1 << 20;
  bool ok = true;
  for (std::size_t pos = 0;; pos += chunk) {
    std::size_t n = pos < bytes.size() ? std::min(chunk, bytes.size() - pos) : 0;
    bool last = pos + n >= bytes.size();
    if (XML_Parse(run.parser, bytes.data() + pos, static_cast<int>(n), last) == XML_STATUS_ERROR) {
      ok = false;
      break;
    }
    if (last) break;
  }
  if (!ok) {
    int line = static_cast<int>(XML_GetCurrentLineNumber(run.parser));
    int col = static_cast<int>(XML_GetCurrentColumnNumber(run.parser)) + 1;
    if (!run.problem.empty()) {
      reader.fail(part, run.problem, run.args, run.line, run.col);
    } else {
      reader.fail(part, "xlsx-xml", {XML_ErrorString(XML_GetErrorCode(run.parser))}, line, col);
    }
  }
  XML_ParserFree(run.parser);
  return ok && !reader.failed;
}

// ---------------------------------------------------------------- relationships

struct Relationship {
  std::string id, type, target;  // target resolved to a part name
};

// "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; "/x" is absolute.
std::string resolve_target(const std::string& source_part, std::string_view target) {
  std::vector<std::string> segs;
  if (target.empty() || target.front() != '/') {
    std::string base = source_part.substr(0, source_part.rfind('/') + 1);
    std::stringstream ss(base);
    for (std::string s; std::getline(ss, s, '/');)
      if (!s.empty()) segs.push_back(s);
  }
  std::string t(target);
  std::replace(t.begin(), t.end(), '\\', '/');
  std::stringstream ss(t);
  for (std::string s; std::getline(ss, s, '/');) {
    if (s.empty() || s == ".") continue;
    if (s == "..") {
      if (!segs.empty()) segs.pop_back();
    } else {
      segs.push_back(s);
    }
  }
  return join(segs, "/");
}

// The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels.
std::string rels_part_of(const std::string& part) {
  auto slash = part.rfind('/');
  std::string dir = slash == std::string::npos ? "" : part.substr(0, slash + 1);
  std::string name = slash == std::string::npos ? part : part.substr(slash + 1);
  return dir + "_rels/" + name + ".rels";
}

class RelsHandler : public XmlHandler {
 public:
  explicit RelsHandler(std::string source) : source_(std::move(source)) {}
  std::vector<Relationship> rels;
  void start(std::string_view, std::string_view name, const char** attrs) override {
    if (name != "Relationship") return;
    const char* mode = attr(attrs, "TargetMode");
    if (mode && std::string_view(mode) == "External") return;
    const char* id = attr(attrs, "Id");
    const char* type = attr(attrs, "Type");
    const char* target = attr(attrs, "Target");
    if (!id || !type || !target) return;
    rels.push_back({id, type, resolve_target(source_, target)});
  }
  void end(std::string_view, std::string_view) override {}

 private:
  std::string source_;
};

std::vector<Relationship> read_rels(Reader& r, const std::string& source, bool required) {
  std::string part = rels_part_of(source);
  auto bytes = r.read(part, required);
  if (!bytes) return {};
  RelsHandler h(source);
  parse_xml(r, part, *bytes, h);
  return h.rels;
}

const Relationship* find_rel_type(const std::vector<Relationship>& rels, std::string_view suffix) {
  for (const auto& rel : rels)
    if (ends_with(rel.type, suffix)) return &rel;
  return nullptr;
}

// ---------------------------------------------------------------- workbook.xml

struct SheetEntry {
  std::string name, rel_id;
  bool hidden = false;
};

class WorkbookHandler : public XmlHandler {
 public:
  std::vector<SheetEntry> sheets;
  std::vector<XlsxDefinedName> names;
  bool date1904 = false;
  std::string error;  // code
  std::size_t max_sheets = 256;

  void start(std::string_view ns, std::string_view name, const char** attrs) override {
    if (!is_main(ns)) return;
    if (name == "sheet") {
      const char* n = attr(attrs, "name");
      const char* id = attr(attrs, "id", true);
      const char* state = attr(attrs, "state");
      if (!n || !id) return;
      if (sheets.size() >= max_sheets) {
        error = "xlsx-too-many-sheets";
        return;
      }
      sheets.push_back({n, id, state && std::string_view(state) != "visible"});
    } else if (name == "workbookPr") {
      const char* d = attr(attrs, "date1904");
      date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
    } else if (name == "definedName") {
      XlsxDefinedName dn;
      if (const char* n = attr(attrs, "name")) dn.name = n;
      if (const char* l = attr(attrs, "localSheetId"))
        if (auto v = parse_int(l); v && *v >= 0) dn.sheet = static_cast<std::size_t>(*v);
      const char* h = attr(attrs, "hidden");
      dn.hidden = h && (std::string_view(h) == "1" || std::string_view(h) == "true");
      names.push_back(std::move(dn));
      collecting = true;
      text.clear();
    }
  }
  void end(std::string_view ns, std::string_view name) override {
    if (is_main(ns) && name == "definedName" && collecting) {
      names.back().value = decode_xstring(text);
      collecting = false;
    }
  }
};

// ---------------------------------------------------------------- styles.xml

bool is_builtin_date(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

class StylesHandler : public XmlHandler {
 public:
  std::vector<bool> xf_is_date;  // per cellXfs entry
  void start(std::string_view ns, std::string_view name, const char** attrs) override {
    if (!is_main(ns)) return;
    if (name == "numFmt") {
      const char* id = attr(attrs, "numFmtId");
      const char* code = attr(attrs, "formatCode");
      if (id && code)
        if (auto v = parse_int(id)) custom_[*v] = is_date_format(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = attr(attrs, "numFmtId");
      auto v = id ? parse_int(id) : std::optional<long long>(0);
      bool date = false;
      if (v) {
        auto c = custom_.find(*v);
        date = c != custom_.end() ? c->second : is_builtin_date(static_cast<int>(*v));
      }
      xf_is_date.push_back(date);
    }
  }
  void end(std::string_view ns, std::string_view name) override {
    if (is_main(ns) && name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  // numFmts come before cellXfs in styles.xml (the schema's order).
  std::map<long long, bool> custom_;
  bool in_cell_xfs_ = false;
};

// ---------------------------------------------------------------- shared strings

// Text of <si> or <is>: <t> directly or in rich-text runs <r><t>, leaving out phonetic runs
// (<rPh>), whose <t> is a reading guide and not part of the text.
class RichText {
 public:
  // Returns true when the element was part of a rich text.
  bool start(std::string_view name, XmlHandler& h) {
    if (name == "rPh") {
      ++in_phonetic_;
    } else if (name == "t" && in_phonetic_ == 0) {
      h.collecting = true;
      return true;
    }
    return false;
  }
  void end(std::string_view name, XmlHandler& h) {
    if (name == "rPh") {
      --in_phonetic_;
    } else if (name == "t" && h.collecting) {
      h.collecting = false;
    }
  }
  void reset() { in_phonetic_ = 0; }

 private:
  int in_phonetic_ = 0;
};

class SharedStringsHandler : public XmlHandler {
 public:
  std::vector<std::string> strings;
  std::size_t max = 0;
  bool too_many = false;
  void start(std::string_view ns, std::string_view name, const char**) override {
    if (!is_main(ns)) return;
    if (name == "si") {
      in_si_ = true;
      text.clear();
      rich_.reset();
    } else if (in_si_) {
      rich_.start(name, *this);
    }
  }
  void end(std::string_view ns, std::string_view name) override {
    if (!is_main(ns)) return;
    if (name == "si") {
      in_si_ = false;
      collecting = false;
      if (strings.size() >= max) {
        too_many = true;
        return;
      }
      strings.push_back(decode_xstring(std::move(text)));
      text.clear();
    } else if (in_si_) {
      rich_.end(name, *this);
    }
  }

 private:
  bool in_si_ = false;
  RichText rich_;
};

// ---------------------------------------------------------------- worksheets

// Days from 1899-12-30, the zero of Excel's 1900 system for dates after 1900-02-28.
int days_since_excel_epoch(const Date& d) {
  return days_between(Date{std::chrono::year{1899}, std::chrono::month{12}, std::chrono::day{30}},
                      d);
}

// An ISO 8601 date (and time) as an Excel serial number, for t="d" cells.
std::optional<double> iso_to_serial(std::string_view s, bool date1904) {
  auto d = parse_iso_date(s.substr(0, 10));
  if (!d) return std::nullopt;
  double serial = days_since_excel_epoch(*d);
  if (serial < 61) serial -= 1;  // before Excel's fictitious 1900-02-29
  if (date1904) serial -= 1462;
  if (s.size() >= 19 && s[10] == 'T') {
    auto h = parse_int(s.substr(11, 2)), m = parse_int(s.substr(14, 2)),
         sec = parse_int(s.substr(17, 2));
    if (h && m && sec) serial += (*h * 3600 + *m * 60 + *sec) / 86400.0;
  }
  return serial;
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(XlsxSheet& sheet, const std::vector<std::string>& strings,
               const std::vector<bool>& xf_is_date, bool date1904, std::size_t& cell_budget)
      : sheet_(sheet),
        strings_(strings),
        xf_is_date_(xf_is_date),
        date1904_(date1904),
        cell_budget_(cell_budget) {}
  std::string error;  // code
  std::vector<std::string> args;

  void start(std::string_view ns, std::string_view name, const char** attrs) override {
    if (!is_main(ns) || !error.empty()) return;
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      if (name == "mergeCell") {
        const char* ref = attr(attrs, "ref");
        auto range = ref ? parse_range_ref(ref) : std::nullopt;
        if (!range || (range->first_row == range->last_row && range->first_col == range->last_col))
          return;  // Excel repairs such a range away; so does the reader
        if (cell_budget_ == 0) return fail("xlsx-too-many-cells", {});
        --cell_budget_;
        sheet_.merged.push_back(*range);
      }
      return;
    } else if (name == "row") {
      const char* r = attr(attrs, "r");
      auto v = r ? parse_int(r) : std::optional<long long>(row_ + 1);
      if (!v || *v < 1 || *v > 1048576) return fail("xlsx-bad-cell-ref", {r ? r : ""});
      row_ = static_cast<std::uint32_t>(*v);
      col_ = 0;
    } else if (name == "c") {
      if (cell_budget_ == 0) return fail("xlsx-too-many-cells", {});
      --cell_budget_;
      in_cell_ = true;
      cell_ = XlsxCell{};
      type_ = "n";
      value_.reset();
      inline_.reset();
      if (const char* r = attr(attrs, "r")) {
        auto pos = parse_cell_ref(r);
        if (!pos) return fail("xlsx-bad-cell-ref", {r});
        row_ = pos->row;
        col_ = pos->col;
      } else {
        if (row_ == 0) row_ = 1;
        if (++col_ > 16384) return fail("xlsx-bad-cell-ref", {cell_ref(row_, 16385)});
      }
      cell_.row = row_;
      cell_.col = col_;
      if (const char* t = attr(attrs, "t")) type_ = t;
      style_ = 0;
      if (const char* s = attr(attrs, "s"))
        if (auto v = parse_int(s); v && *v >= 0) style_ = static_cast<std::size_t>(*v);
    } else if (in_cell_ && name == "v") {
      collecting = true;
      text.clear();
    } else if (in_cell_ && name == "is") {
      in_inline_ = true;
      inline_.emplace();
      text.clear();
      rich_.reset();
    } else if (in_inline_) {
      rich_.start(name, *this);
    }
  }

  void end(std::string_view ns, std::string_view name) override {
    if (!is_main(ns) || !error.empty()) return;
    if (name == "sheetData") {
      in_data_ = false;
    } else if (in_cell_ && name == "v") {
      collecting = false;
      value_ = std::move(text);
      text.clear();
    } else if (in_inline_ && name == "is") {
      in_inline_ = false;
      collecting = false;
      *inline_ = std::move(text);
      text.clear();
    } else if (in_inline_) {
      rich_.end(name, *this);
    } else if (in_cell_ && name == "c") {
      in_cell_ = false;
      finish_cell();
    }
  }

 private:
  void fail(std::string code, std::vector<std::string> a) {
    if (error.empty()) {
      error = std::move(code);
      args = std::move(a);
    }
  }

  void finish_cell() {
    XlsxCell& c = cell_;
    c.ref = cell_ref(c.row, c.col);
    if (type_ == "s") {
      if (!value_) return push();
      auto i = parse_int(*value_);
      if (!i || *i < 0 || static_cast<std::size_t>(*i) >= strings_.size())
        return fail("xlsx-bad-shared-string", {c.ref, *value_});
      c.kind = CellKind::string;
      c.text = strings_[static_cast<std::size_t>(*i)];
    } else if (type_ == "inlineStr") {
      c.kind = CellKind::string;
      c.text = decode_xstring(inline_ ? *inline_ : value_.value_or(""));
    } else if (type_ == "str") {
      if (!value_) return push();
      c.kind = CellKind::string;
      c.text = decode_xstring(*value_);
    } else if (type_ == "b") {
      if (!value_) return push();
      c.kind = CellKind::boolean;
      c.number = (*value_ == "1" || *value_ == "true") ? 1 : 0;
      c.text = c.number ? "TRUE" : "FALSE";
    } else if (type_ == "e") {
      c.kind = CellKind::error;
      c.text = value_.value_or("#N/A");
    } else if (type_ == "d") {
      if (!value_) return push();
      auto serial = iso_to_serial(*value_, date1904_);
      if (!serial) return fail("xlsx-bad-number", {c.ref, *value_});
      c.kind = CellKind::number;
      c.number = *serial;
      c.text = *value_;
      c.is_date = true;
    } else {  // "n", or absent
      if (!value_) return push();
      auto v = parse_double(*value_);
      if (!v) return fail("xlsx-bad-number", {c.ref, *value_});
      c.kind = CellKind::number;
      c.number = *v;
      c.text = *value_;
      c.is_date = style_ < xf_is_date_.size() && xf_is_date_[style_];
    }
    push();
  }

  void push() { sheet_.cells.push_back(std::move(cell_)); }

  XlsxSheet& sheet_;
  const std::vector<std::string>& strings_;
  const std::vector<bool>& xf_is_date_;
  bool date1904_;
  std::size_t& cell_budget_;
  bool in_data_ = false, in_cell_ = false, in_inline_ = false;
  std::uint32_t row_ = 0, col_ = 0;
  XlsxCell cell_;
  std::string type_;
  std::size_t style_ = 0;
  std::optional<std::string> value_, inline_;
  RichText rich_;
};

// ---------------------------------------------------------------- what the bytes are

bool starts_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

// Names the format of bytes that are not a zip, to say what to do about them.
std::string not_a_zip_code(std::string_view bytes) {
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return "xlsx-old-xls";
  std::string_view head = bytes.substr(0, 4096);
  auto bad = find_invalid_utf8(head);
  // A character cut at the end of the sample is not a fault of the file.
  bool text = !bad || (head.size() < bytes.size() && bad->offset + 4 > head.size());
  if (text && head.find('\0') == std::string_view::npos) return "xlsx-text";
  return "xlsx-not-zip";
}

void sort_cells(XlsxSheet& sheet) {
  auto& cells = sheet.cells;
  std::stable_sort(cells.begin(), cells.end(), [](const XlsxCell& a, const XlsxCell& b) {
    return a.row < b.row || (a.row == b.row && a.col < b.col);
  });
  cells.erase(std::unique(cells.begin(), cells.end(),
                          [](const XlsxCell& a, const XlsxCell& b) {
                            return a.row == b.row && a.col == b.col;
                          }),
              cells.end());
}

void read_workbook(Reader& r, XlsxRead& out) {
  // _rels/.rels names the workbook part; without it, try the usual place.
  std::string workbook_part = "xl/workbook.xml";
  if (r.locate("_rels/.rels")) {
    auto root = read_rels(r, "", true);
    if (r.failed) return;
    if (const Relationship* rel = find_rel_type(root, "/officeDocument"))
      workbook_part = rel->target;
  }
  if (!r.locate(workbook_part)) {
    r.fail("", r.locate("mimetype") || r.locate("content.xml") ? "xlsx-ods" : "xlsx-no-workbook");
    return;
  }
  auto rels = read_rels(r, workbook_part, true);
  if (r.failed) return;

  WorkbookHandler wb;
  wb.max_sheets = r.limits.max_sheets;
  auto wb_bytes = r.read(workbook_part, true);
  if (!wb_bytes || !parse_xml(r, workbook_part, *wb_bytes, wb)) return;
  if (!wb.error.empty()) {
    r.fail(workbook_part, wb.error, {std::to_string(r.limits.max_sheets)});
    return;
  }
  out.date1904 = wb.date1904;
  out.names = std::move(wb.names);

  StylesHandler styles;
  if (const Relationship* rel = find_rel_type(rels, "/styles")) {
    if (auto bytes = r.read(rel->target, false)) parse_xml(r, rel->target, *bytes, styles);
  }
  SharedStringsHandler sst;
  sst.max = r.limits.max_cells;
  if (const Relationship* rel = find_rel_type(rels, "/sharedStrings")) {
    if (auto bytes = r.read(rel->target, false)) {
      if (parse_xml(r, rel->target, *bytes, sst) && sst.too_many)
        r.fail(rel->target, "xlsx-too-many-cells", {std::to_string(r.limits.max_cells)});
    }
  }
  if (r.failed) return;

  std::size_t cell_budget = r.limits.max_cells;
  for (const auto& entry : wb.sheets) {
    XlsxSheet sheet;
    sheet.name = entry.name;
    sheet.hidden = entry.hidden;
    const Relationship* rel = nullptr;
    for (const auto& x : rels)
      if (x.id == entry.rel_id) rel = &x;
    // A chart sheet or dialog sheet holds no cells; it keeps its place in the order.
    if (rel && ends_with(rel->type, "/worksheet")) {
      sheet.part = rel->target;
      auto bytes = r.read(rel->target, true);
      if (!bytes) return;
      SheetHandler h(sheet, sst.strings, styles.xf_is_date, out.date1904, cell_budget);
      if (!parse_xml(r, rel->target, *bytes, h)) return;
      if (!h.error.empty()) {
        if (h.error == "xlsx-too-many-cells") h.args = {std::to_string(r.limits.max_cells)};
        r.fail(rel->target, h.error, h.args);
        return;
      }
      sort_cells(sheet);
    } else if (!rel) {
      r.fail(workbook_part, "xlsx-sheet-unresolved", {entry.name});
      return;
    }
    out.sheets.push_back(std::move(sheet));
  }
  for (auto& n : out.names)
    if (n.sheet && *n.sheet >= out.sheets.size()) n.sheet.reset();
}

}  // namespace

// ---------------------------------------------------------------- public

const XlsxCell* XlsxSheet::at(std::uint32_t row, std::uint32_t col) const {
  auto it =
      std::lower_bound(cells.begin(), cells.end(), std::pair{row, col},
                       [](const XlsxCell& c, const std::pair<std::uint32_t, std::uint32_t>& k) {
                         return c.row < k.first || (c.row == k.first && c.col < k.second);
                       });
  if (it == cells.end() || it->row != row || it->col != col) return nullptr;
  return &*it;
}

std::string column_name(std::uint32_t col) {
  std::string s;
  while (col > 0) {
    --col;
    s.insert(s.begin(), static_cast<char>('A' + col % 26));
    col /= 26;
  }
  return s;
}

std::string cell_ref(std::uint32_t row, std::uint32_t col) {
  return column_name(col) + std::to_string(row);
}

std::optional<CellPos> parse_cell_ref(std::string_view ref) {
  std::size_t i = 0;
  std::uint64_t col = 0, row = 0;
  if (i < ref.size() && ref[i] == '$') ++i;
  std::size_t letters = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i, ++letters) {
    if (letters >= 3) return std::nullopt;
    col = col * 26 +
          static_cast<std::uint64_t>(std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
  }
  if (i < ref.size() && ref[i] == '$') ++i;
  std::size_t digits = 0;
  for (; i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i])); ++i, ++digits) {
    if (digits >= 7) return std::nullopt;
    row = row * 10 + static_cast<std::uint64_t>(ref[i] - '0');
  }
  if (i != ref.size() || letters == 0 || digits == 0 || col > 16384 || row < 1 || row > 1048576)
    return std::nullopt;
  return CellPos{static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(col)};
}

std::optional<XlsxMerge> parse_range_ref(std::string_view ref) {
  auto colon = ref.find(':');
  auto a = parse_cell_ref(ref.substr(0, colon));
  auto b = colon == std::string_view::npos ? a : parse_cell_ref(ref.substr(colon + 1));
  if (!a || !b) return std::nullopt;
  return XlsxMerge{std::min(a->row, b->row), std::min(a->col, b->col), std::max(a->row, b->row),
                   std::max(a->col, b->col)};
}

bool is_builtin_date_format(int id) {
  return is_builtin_date(id);
}

bool is_date_format(std::string_view code) {
  // Only the first section decides (positive numbers); the others rarely differ in kind.
  bool in_quote = false;
  int bracket = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (in_quote) {
      if (c == '"') in_quote = false;
      continue;
    }
    if (bracket > 0) {
      if (c == ']') --bracket;
      continue;
    }
    switch (c) {
      case '"':
        in_quote = true;
        break;
      case '[':
        // [h], [mm] and [ss] are elapsed times; [Red], [$-804] and [>100] are not.
        if (i + 1 < code.size() && std::strchr("hHmMsS", code[i + 1])) return true;
        ++bracket;
        break;
      case '\\':
      case '_':
      case '*':
        ++i;  // the next character is literal, or padding
        break;
      case ';':
        return false;
      default:
        if (std::strchr("yYmMdDhH", c)) return true;
    }
  }
  return false;
}

std::optional<Date> excel_serial_to_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial >= 2958466) return std::nullopt;
  long long days = static_cast<long long>(std::floor(serial));
  if (date1904) {
    Date d = add_days(Date{std::chrono::year{1904}, std::chrono::month{1}, std::chrono::day{1}},
                      static_cast<int>(days));
    if (d.year() > std::chrono::year{9999}) return std::nullopt;
    return d;
  }
  if (days == 0 || days == 60) return std::nullopt;  // 1900-01-00 and 1900-02-29 do not exist
  // Excel counts 1900 as a leap year: serials after 60 are one day ahead of the calendar.
  const Date zero{std::chrono::year{1899}, std::chrono::month{12}, std::chrono::day{30}};
  return add_days(zero, static_cast<int>(days < 60 ? days + 1 : days));
}

XlsxRead read_xlsx_bytes(std::string_view bytes, const std::string& label,
                         const XlsxLimits& limits) {
  XlsxRead out;
  out.file = label;
  Reader r{label, limits, out.diags};
  if (bytes.size() > limits.max_file_bytes) {
    r.fail("", "xlsx-too-large",
           {std::to_string(bytes.size()), std::to_string(limits.max_file_bytes)});
    return out;
  }
  if (!starts_with(bytes, "PK\x03\x04") && !starts_with(bytes, "PK\x05\x06")) {
    r.fail("", bytes.empty() ? "xlsx-empty" : not_a_zip_code(bytes));
    return out;
  }
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (src) r.zip = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!r.zip) {
    r.fail("", "xlsx-bad-zip", {zip_error_strerror(&err)});
    if (src) zip_source_free(src);
    zip_error_fini(&err);
    return out;
  }
  zip_error_fini(&err);
  zip_int64_t entries = zip_get_num_entries(r.zip, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_entries) {
    r.fail("", "xlsx-too-many-entries",
           {std::to_string(entries), std::to_string(limits.max_entries)});
  } else {
    read_workbook(r, out);
  }
  zip_discard(r.zip);  // read-only: closes and frees the source too
  if (r.failed) out.sheets.clear();
  return out;
}

namespace {

// The whole file, bounded, or a diagnostic.
std::optional<std::string> slurp(const std::string& path, std::size_t max_bytes,
                                 Diagnostics& diags) {
  namespace fs = std::filesystem;
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status)) {
    diags.push_back(error({path, 0, 0}, "xlsx-missing", {path}));
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    diags.push_back(error({path, 0, 0}, "xlsx-not-regular"));
    return std::nullopt;
  }
  auto size = fs::file_size(path, ec);
  if (!ec && size > max_bytes) {
    diags.push_back(
        error({path, 0, 0}, "xlsx-too-large", {std::to_string(size), std::to_string(max_bytes)}));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  if (in) buf << in.rdbuf();
  if (!in || in.bad()) {
    diags.push_back(error({path, 0, 0}, "file-unreadable", {std::strerror(errno)}));
    return std::nullopt;
  }
  return buf.str();
}

}  // namespace

XlsxRead read_xlsx(const std::string& path, const XlsxLimits& limits) {
  XlsxRead out;
  out.file = path;
  auto bytes = slurp(path, limits.max_file_bytes, out.diags);
  if (!bytes) return out;
  return read_xlsx_bytes(*bytes, path, limits);
}

// ---------------------------------------------------------------- CSV

XlsxRead read_csv_text(std::string_view text, const std::string& label, const XlsxLimits& limits) {
  XlsxRead out;
  out.file = label;
  out.csv = true;
  if (text.size() > limits.max_file_bytes) {
    out.diags.push_back(
        error({label, 0, 0}, "xlsx-too-large",
              {std::to_string(text.size()), std::to_string(limits.max_file_bytes)}));
    return out;
  }
  if (starts_with(text, "\xFF\xFE") || starts_with(text, "\xFE\xFF")) {
    out.diags.push_back(error({label, 0, 0}, "csv-utf16"));
    return out;
  }
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  if (text.find('\0') != std::string_view::npos) {
    out.diags.push_back(error({label, 0, 0}, "csv-binary"));
    return out;
  }
  if (auto bad = find_invalid_utf8(text)) {
    out.diags.push_back(
        error({label, bad->line, bad->col}, bad->looks_like_gb18030 ? "csv-gbk" : "csv-not-utf8"));
    return out;
  }

  XlsxSheet sheet;
  std::uint32_t row = 1, col = 1;
  std::string field;
  bool any = false;  // the current row has begun
  std::size_t budget = limits.max_cells;
  int line = 1, line_col = 1;
  auto push_field = [&]() -> bool {
    if (col > 16384 || row > 1048576 || budget == 0) {
      out.diags.push_back(
          error({label, line, 0}, "xlsx-too-many-cells", {std::to_string(limits.max_cells)}));
      return false;
    }
    --budget;
    if (!field.empty()) {
      XlsxCell c;
      c.row = row;
      c.col = col;
      c.ref = cell_ref(row, col);
      c.kind = CellKind::string;
      c.text = std::move(field);
      sheet.cells.push_back(std::move(c));
    }
    field.clear();
    ++col;
    return true;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == '"' && field.empty()) {
      // A quoted field: "" is a quote; it may hold commas and line breaks.
      int start_line = line, start_col = line_col;
      ++i, ++line_col;
      bool closed = false;
      while (i < text.size()) {
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2, line_col += 2;
            continue;
          }
          ++i, ++line_col;
          closed = true;
          break;
        }
        if (text[i] == '\n') ++line, line_col = 0;
        field += text[i++];
        ++line_col;
        if (field.size() > limits.max_string_bytes) {
          out.diags.push_back(error({label, start_line, start_col}, "xlsx-string-too-long",
                                    {std::to_string(limits.max_string_bytes)}));
          return out;
        }
      }
      if (!closed) {
        out.diags.push_back(error({label, start_line, start_col}, "csv-unterminated"));
        return out;
      }
      any = true;
      continue;  // what follows up to the comma is kept as written, as Excel does
    }
    if (c == ',') {
      if (!push_field()) return out;
      any = true;
      ++i, ++line_col;
    } else if (c == '\r' || c == '\n') {
      if (any || !field.empty()) {
        if (!push_field()) return out;
      }
      ++row;
      col = 1;
      any = false;
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++line, line_col = 1;
    } else {
      field += c;
      any = true;
      ++i, ++line_col;
      if (field.size() > limits.max_string_bytes) {
        out.diags.push_back(error({label, line, line_col}, "xlsx-string-too-long",
                                  {std::to_string(limits.max_string_bytes)}));
        return out;
      }
    }
  }
  if (any || !field.empty()) {
    if (!push_field()) return out;
  }
  out.sheets.push_back(std::move(sheet));
  return out;
}

XlsxRead read_csv_table(const std::string& path, const XlsxLimits& limits) {
  XlsxRead out;
  out.file = path;
  out.csv = true;
  auto bytes = slurp(path, limits.max_file_bytes, out.diags);
  if (!bytes) return out;
  return read_csv_text(*bytes, path, limits);
}

}  // namespace plan
