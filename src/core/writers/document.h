// A Document (src/core/reports/document.h) written for people: Markdown, a printable HTML page,
// and a Word file (.docx, WordprocessingML written here and zipped by libzip).
//
// Why our own WordprocessingML rather than pandoc: pandoc would add some 200 MB of dependencies
// to every office machine for one format, and would still need a reference document for the
// official layout. A briefing needs five paragraph styles, one table style, A4 margins and a page
// number: a few hundred lines that we test by reading the file back with python-docx and
// LibreOffice (tests/docs/).
#pragma once
#include <optional>
#include <string>

#include "core/reports/document.h"

namespace plan {

// Every text through escape_markdown: nothing becomes HTML, a link or a new block.
std::string render_document_markdown(const Document& doc);
// One self-contained page (no script, no outside resources), A4 when printed, readable on a
// phone; every text through escape_html.
std::string render_document_html(const Document& doc);
// The .docx file's bytes: A4 portrait with official-document margins (top 37 mm, bottom 35 mm,
// left 28 mm, right 26 mm), title 小标宋 22 pt, headings 黑体 / 楷体 16 pt, text 仿宋 16 pt,
// tables 10.5 pt with a repeated header row, page numbers in the footer. Nullopt and `failure`
// set when libzip fails.
std::optional<std::string> render_docx(const Document& doc, std::string& failure);

}  // namespace plan
