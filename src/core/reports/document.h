// A written document (the meeting's briefing): a title, headings, paragraphs and tables,
// computed once and then written as Markdown, HTML or Word (src/core/writers/document.h).
#pragma once
#include <string>
#include <vector>

#include "core/common/i18n.h"
#include "core/reports/table.h"

namespace plan {

struct Block {
  enum class Kind {
    title,      // the document's title (one, first)
    subtitle,   // a line under the title (the date, the scope)
    heading,    // 一、… (level 1) or （一）… (level 2)
    paragraph,  // running text
    table,      // a Table (its preface, notes and empty_text are not used)
    note,       // small print (what a number means, who made the document)
  };
  Kind kind = Kind::paragraph;
  int level = 1;  // headings
  std::string text;
  Table table;
};

struct Document {
  Lang lang = Lang::zh;
  std::string title;  // also the HTML <title> and the Word document's title property
  std::vector<Block> blocks;

  void add(Block::Kind kind, std::string text, int level = 1) {
    Block b;
    b.kind = kind;
    b.text = std::move(text);
    b.level = level;
    blocks.push_back(std::move(b));
  }
  // The table's own preface, notes and empty sentence are dropped: a document says those in
  // its paragraphs and notes.
  void add_table(Table t) {
    t.preface.clear();
    t.notes.clear();
    t.empty_text.clear();
    Block b;
    b.kind = Block::Kind::table;
    b.table = std::move(t);
    blocks.push_back(std::move(b));
  }
};

}  // namespace plan
