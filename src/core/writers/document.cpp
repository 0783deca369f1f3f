#include "core/writers/document.h"

#include <zip.h>

#include <algorithm>

#include "core/common/escape.h"
#include "core/common/text.h"

namespace plan {

namespace {

// ---- HTML

constexpr const char* kDocStyle = R"~(
* { box-sizing: border-box; }
body { font-family: "FangSong","仿宋","FangSong_GB2312","仿宋_GB2312","STFangsong","Noto Serif CJK SC","Source Han Serif SC",serif;
       font-size: 16px; line-height: 1.75; color: #111; margin: 0 auto; max-width: 860px; padding: 24px 16px; }
h1 { font-family: "FZXiaoBiaoSong-B05S","方正小标宋简体","SimSun","宋体","Noto Serif CJK SC",serif; font-size: 28px;
     text-align: center; font-weight: normal; margin: 8px 0 4px; }
.sub { text-align: center; margin: 0; font-family: "KaiTi","楷体","STKaiti",serif; }
h2 { font-family: "SimHei","黑体","Noto Sans CJK SC","Source Han Sans SC",sans-serif; font-size: 18px; font-weight: normal; margin: 24px 0 6px; }
h3 { font-family: "KaiTi","楷体","STKaiti",serif; font-size: 17px; font-weight: normal; margin: 16px 0 4px; }
p { margin: 6px 0; text-indent: 2em; }
p.note { text-indent: 0; font-size: 13px; color: #444; }
.table { overflow-x: auto; margin: 8px 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; line-height: 1.45; }
th, td { border: 1px solid #555; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: bold; } td.num, th.num { text-align: right; white-space: nowrap; }
@media (max-width: 640px) { body { padding: 12px 8px; } h1 { font-size: 22px; } table { font-size: 12px; } }
@page { size: A4; margin: 25mm 20mm; }
@media print { body { max-width: none; padding: 0; } thead { display: table-header-group; }
  tr { break-inside: avoid; } h2, h3 { break-after: avoid; } .table { overflow: visible; } }
)~";

std::string html_table(const Table& t) {
  std::string h = "<div class=\"table\"><table><thead><tr>";
  for (const auto& c : t.columns)
    h += std::string(c.align == Align::right ? "<th class=\"num\">" : "<th>") +
         escape_html(c.header) + "</th>";
  h += "</tr></thead><tbody>\n";
  auto row = [&](const std::vector<Cell>& cells) {
    h += "<tr>";
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const std::string text = i < cells.size() ? cells[i].text : "";
      h += std::string(t.columns[i].align == Align::right ? "<td class=\"num\">" : "<td>");
      const auto parts = split_lines(text);
      for (std::size_t k = 0; k < parts.size(); ++k) h += (k ? "<br>" : "") + escape_html(parts[k]);
      h += "</td>";
    }
    h += "</tr>\n";
  };
  for (const auto& r : t.rows) row(r);
  if (!t.footer.empty()) row(t.footer);
  return h + "</tbody></table></div>\n";
}

// ---- Word

std::string xml_text(const std::string& s) {
  return escape_html(s);
}

// A run of text; line breaks become <w:br/>.
std::string runs(const std::string& text, const std::string& rpr = "") {
  std::string out;
  const auto parts = split_lines(text);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    out += "<w:r>" + rpr;
    if (k) out += "<w:br/>";
    out += "<w:t xml:space=\"preserve\">" + xml_text(parts[k]) + "</w:t></w:r>";
  }
  return out;
}

std::string paragraph(const std::string& style, const std::string& text,
                      const std::string& extra_ppr = "") {
  return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/>" + extra_ppr + "</w:pPr>" + runs(text) +
         "</w:p>";
}

// The usable width of an A4 portrait page with the margins below, in twentieths of a point.
constexpr int kTextWidth = 11906 - 1588 - 1474;

std::string docx_table(const Table& t) {
  const std::size_t n = t.columns.size();
  // Column widths in proportion to their widest cell (display columns), each at least the
  // header and at most 40: long texts wrap inside their column.
  std::vector<std::size_t> want(n, 2);
  auto see = [&](std::size_t i, const std::string& s) {
    for (const auto& line : split_lines(s))
      want[i] = std::max(want[i], std::min<std::size_t>(40, display_width(line)));
  };
  for (std::size_t i = 0; i < n; ++i) see(i, t.columns[i].header);
  for (const auto& r : t.rows)
    for (std::size_t i = 0; i < n && i < r.size(); ++i) see(i, r[i].text);
  std::size_t sum = 0;
  for (auto w : want) sum += w;
  std::vector<int> twips(n);
  for (std::size_t i = 0; i < n; ++i)
    twips[i] = static_cast<int>(kTextWidth * want[i] / std::max<std::size_t>(sum, 1));

  std::string x = "<w:tbl><w:tblPr><w:tblStyle w:val=\"PlanTable\"/><w:tblW w:w=\"" +
                  std::to_string(kTextWidth) +
                  "\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
  for (int w : twips) x += "<w:gridCol w:w=\"" + std::to_string(w) + "\"/>";
  x += "</w:tblGrid>";
  auto row = [&](const std::vector<Cell>& cells, bool header) {
    x += header ? "<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
                : "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (std::size_t i = 0; i < n; ++i) {
      const std::string text = header ? t.columns[i].header : i < cells.size() ? cells[i].text : "";
      x += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(twips[i]) + "\" w:type=\"dxa\"/>" +
           (header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7E6E6\"/>" : "") +
           "</w:tcPr>";
      std::string ppr = t.columns[i].align == Align::right ? "<w:jc w:val=\"right\"/>" : "";
      x += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>" + ppr + "</w:pPr>" +
           runs(text, header ? "<w:rPr><w:b/></w:rPr>" : "") + "</w:p></w:tc>";
    }
    x += "</w:tr>";
  };
  row({}, true);
  for (const auto& r : t.rows) row(r, false);
  if (!t.footer.empty()) row(t.footer, false);
  return x + "</w:tbl>" + paragraph("TableAfter", "");
}

constexpr const char* kNs =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";

std::string fonts(const char* east_asia, const char* latin) {
  return std::string("<w:rFonts w:ascii=\"") + latin + "\" w:hAnsi=\"" + latin +
         "\" w:eastAsia=\"" + east_asia + "\" w:cs=\"" + latin + "\"/>";
}

std::string para_style(const char* id, const char* name, const std::string& ppr,
                       const std::string& rpr, bool is_default = false) {
  return std::string("<w:style w:type=\"paragraph\"") + (is_default ? " w:default=\"1\"" : "") +
         " w:styleId=\"" + id + "\"><w:name w:val=\"" + name + "\"/>" +
         (is_default ? "" : "<w:basedOn w:val=\"Normal\"/>") + "<w:qFormat/><w:pPr>" + ppr +
         "</w:pPr><w:rPr>" + rpr + "</w:rPr></w:style>";
}

std::string styles_xml() {
  const std::string fang = fonts("仿宋_GB2312", "Times New Roman");
  std::string s = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>") +
                  "<w:styles " + kNs + ">";
  s += "<w:docDefaults><w:rPrDefault><w:rPr>" + fang +
       "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"zh-CN\" w:eastAsia=\"zh-CN\"/>"
       "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"560\" "
       "w:lineRule=\"exact\"/></w:pPr></w:pPrDefault></w:docDefaults>";
  // 正文：仿宋三号，首行缩进两字，固定行距 28 磅.
  s += para_style("Normal", "Normal", "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>",
                  fang + "<w:sz w:val=\"32\"/>", true);
  s += para_style("Title", "Title",
                  "<w:jc w:val=\"center\"/><w:spacing w:before=\"240\" w:after=\"120\" "
                  "w:line=\"700\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"0\"/>",
                  fonts("方正小标宋简体", "Times New Roman") + "<w:sz w:val=\"44\"/>");
  s += para_style("Subtitle", "Subtitle", "<w:jc w:val=\"center\"/><w:ind w:firstLine=\"0\"/>",
                  fonts("楷体_GB2312", "Times New Roman") + "<w:sz w:val=\"32\"/>");
  s += para_style("Heading1", "heading 1",
                  "<w:keepNext/><w:spacing w:before=\"240\"/><w:outlineLvl w:val=\"0\"/>",
                  fonts("黑体", "Times New Roman") + "<w:sz w:val=\"32\"/>");
  s += para_style("Heading2", "heading 2", "<w:keepNext/><w:outlineLvl w:val=\"1\"/>",
                  fonts("楷体_GB2312", "Times New Roman") + "<w:sz w:val=\"32\"/>");
  s += para_style("Note", "Note",
                  "<w:ind w:firstLine=\"0\"/><w:spacing w:line=\"360\" w:lineRule=\"auto\"/>",
                  fang + "<w:sz w:val=\"24\"/>");
  s += para_style("TableText", "Table Text",
                  "<w:ind w:firstLine=\"0\"/><w:spacing w:line=\"300\" w:lineRule=\"auto\"/>",
                  fang + "<w:sz w:val=\"21\"/>");
  s += para_style("TableAfter", "Table After",
                  "<w:ind w:firstLine=\"0\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/>",
                  "<w:sz w:val=\"12\"/>");
  s += "<w:style w:type=\"table\" w:styleId=\"PlanTable\"><w:name w:val=\"Plan Table\"/>"
       "<w:tblPr><w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    s += std::string("<w:") + side +
         " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  s += "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" "
       "w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>";
  return s + "</w:styles>";
}

std::string footer_xml() {
  // — 1 —, centred: the page number as official documents print it.
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:ftr ") + kNs +
         "><w:p><w:pPr><w:jc w:val=\"center\"/><w:ind w:firstLine=\"0\"/></w:pPr>"
         "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">— </w:t></w:r>"
         "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>"
         "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE "
         "</w:instrText></w:r><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar "
         "w:fldCharType=\"separate\"/></w:r><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>1</w:t>"
         "</w:r><w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>"
         "<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p>"
         "</w:ftr>";
}

std::string document_xml(const Document& doc) {
  std::string x = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>") +
                  "<w:document " + kNs + "><w:body>";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::title:
        x += paragraph("Title", b.text);
        break;
      case Block::Kind::subtitle:
        x += paragraph("Subtitle", b.text);
        break;
      case Block::Kind::heading:
        x += paragraph(b.level <= 1 ? "Heading1" : "Heading2", b.text);
        break;
      case Block::Kind::paragraph:
        x += paragraph("Normal", b.text);
        break;
      case Block::Kind::note:
        x += paragraph("Note", b.text);
        break;
      case Block::Kind::table:
        x += docx_table(b.table);
        break;
    }
  }
  x += "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>"
       "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" "
       "w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
       "</w:sectPr></w:body></w:document>";
  return x;
}

std::string core_xml(const Document& doc) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties "
         "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
         "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
         xml_text(doc.title) + "</dc:title><dc:creator>plan</dc:creator></cp:coreProperties>";
}

constexpr const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
    "Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default "
    "Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override "
    "PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

constexpr const char* kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rId1\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/><Relationship Id=\"rId2\" "
    "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    "core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

constexpr const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
    "Id=\"rIdStyles\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/><Relationship Id=\"rIdFooter\" "
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" "
    "Target=\"footer1.xml\"/></Relationships>";

}  // namespace

std::string render_document_markdown(const Document& doc) {
  std::string out;
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::title:
        out += "# " + escape_markdown(b.text) + "\n\n";
        break;
      case Block::Kind::subtitle:
        out += escape_markdown(b.text) + "\n\n";
        break;
      case Block::Kind::heading:
        out += (b.level <= 1 ? "## " : "### ") + escape_markdown(b.text) + "\n\n";
        break;
      case Block::Kind::paragraph:
        out += escape_markdown(b.text) + "\n\n";
        break;
      case Block::Kind::note:
        out += "> " + escape_markdown(b.text) + "\n\n";
        break;
      case Block::Kind::table:
        out += render_markdown(b.table) + "\n";
        break;
    }
  }
  while (out.size() > 1 && out[out.size() - 2] == '\n') out.pop_back();
  return out;
}

std::string render_document_html(const Document& doc) {
  std::string h =
      std::string("<!DOCTYPE html>\n<html lang=\"") + (doc.lang == Lang::zh ? "zh-CN" : "en") +
      "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"><title>" +
      escape_html(doc.title) + "</title><style>" + kDocStyle + "</style></head><body>\n";
  for (const auto& b : doc.blocks) {
    switch (b.kind) {
      case Block::Kind::title:
        h += "<h1>" + escape_html(b.text) + "</h1>\n";
        break;
      case Block::Kind::subtitle:
        h += "<p class=\"sub\">" + escape_html(b.text) + "</p>\n";
        break;
      case Block::Kind::heading:
        h += (b.level <= 1 ? "<h2>" : "<h3>") + escape_html(b.text) +
             (b.level <= 1 ? "</h2>\n" : "</h3>\n");
        break;
      case Block::Kind::paragraph:
        h += "<p>" + escape_html(b.text) + "</p>\n";
        break;
      case Block::Kind::note:
        h += "<p class=\"note\">" + escape_html(b.text) + "</p>\n";
        break;
      case Block::Kind::table:
        h += html_table(b.table);
        break;
    }
  }
  return h + "</body></html>\n";
}

std::optional<std::string> render_docx(const Document& doc, std::string& failure) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_t* zip = buffer ? zip_open_from_source(buffer, ZIP_TRUNCATE, &err) : nullptr;
  if (!zip) {
    failure = zip_error_strerror(&err);
    if (buffer) zip_source_free(buffer);
    zip_error_fini(&err);
    return std::nullopt;
  }
  zip_source_keep(buffer);  // read back after zip_close
  // The parts, [Content_Types].xml first as Office expects. Each string outlives zip_close.
  const std::vector<std::pair<const char*, std::string>> parts = {
      {"[Content_Types].xml", kContentTypes},   {"_rels/.rels", kRootRels},
      {"docProps/core.xml", core_xml(doc)},     {"word/_rels/document.xml.rels", kDocumentRels},
      {"word/document.xml", document_xml(doc)}, {"word/styles.xml", styles_xml()},
      {"word/footer1.xml", footer_xml()},
  };
  bool ok = true;
  for (const auto& [name, text] : parts) {
    zip_source_t* s = zip_source_buffer(zip, text.data(), text.size(), 0);
    if (!s || zip_file_add(zip, name, s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s) zip_source_free(s);
      ok = false;
      break;
    }
  }
  if (!ok) {
    failure = zip_strerror(zip);
    zip_discard(zip);
    zip_source_free(buffer);
    zip_error_fini(&err);
    return std::nullopt;
  }
  if (zip_close(zip) < 0) {
    failure = zip_strerror(zip);
    zip_discard(zip);
    zip_source_free(buffer);
    zip_error_fini(&err);
    return std::nullopt;
  }
  std::string bytes;
  zip_stat_t st;
  if (zip_source_stat(buffer, &st) == 0 && zip_source_open(buffer) == 0) {
    bytes.resize(static_cast<std::size_t>(st.size));
    zip_int64_t n = zip_source_read(buffer, bytes.data(), bytes.size());
    zip_source_close(buffer);
    if (n < 0 || static_cast<std::size_t>(n) != bytes.size()) bytes.clear();
  }
  zip_source_free(buffer);
  zip_error_fini(&err);
  if (bytes.empty()) {
    failure = "cannot read the document back from memory";
    return std::nullopt;
  }
  return bytes;
}

}  // namespace plan
