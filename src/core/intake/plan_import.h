// Reading a county's breakdown table (附件2-style: 重点任务 | 具体措施 | 责任分工 | 完成时限,
// merged cells for sections and tasks) into a draft plan: sections, tasks, parts and measures
// with their units and deadlines, and the units and groups the table names. What it cannot
// place or understand is said as a warning with the sheet and cell, for a human to settle.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/diag.h"
#include "core/common/i18n.h"
#include "core/intake/xlsx_read.h"
#include "core/plan/model.h"

namespace plan {

// ---- the pieces of a row, exposed for tests

// A name in a 责任分工 cell, with the role its wording gives.
struct UnitMention {
  std::string name;
  Role role = Role::responsible;
};

// Splits a 责任分工 cell into names and roles, as tasks.yaml models them: 牵头 → lead; 负责 and
// 按（照）职责分工负责/落实 → responsible; 落实, 配合, 协助, 参与 → implement; a name without
// such a word is responsible. A role word closes the run of names before it in its clause
// ("财政局、人社局按照职责分工落实"); ，；, and line breaks end a clause, 、 does not. Labels
// ("牵头单位：…") and the export's own "司法局（牵头）" / "司法局 (lead)" read too. Spaces next
// to Chinese characters are dropped (PDF copies break names: "各行政执 法单位"). A name named
// twice keeps its first place and its strongest role.
std::vector<UnitMention> parse_units_cell(std::string_view text);

// One piece of a 具体措施 cell: the measure's id ("(3)") and text, or id "" for text before any
// number.
struct MeasurePiece {
  std::string id;
  std::string text;
};
// Splits "（1）… （2）…" at every number in brackets that starts the cell or follows a space, a
// line break or 。；; and is larger than the number before it (so "(2)" quoted inside a text stays
// text). Line breaks inside a piece are joined (without a space between Chinese characters).
std::vector<MeasurePiece> split_measures(std::string_view text);

// What a heading or task cell says it is, by its numbering.
enum class HeadingKind { none, section, task, requirement, part };
struct Heading {
  HeadingKind kind = HeadingKind::none;
  std::string id;     // 一, 16, 七(一), 5a
  std::string title;  // the rest of the text; the whole text when kind is none
};
// "一、…", "（一）…", "(一) …", "第一部分 …" → section 一; "1. …", "1、…", "第1条 …" → task 1;
// "七(一) …" → requirement 七(一); "5a …" → part 5a.
Heading parse_heading(std::string_view text);

// How a 完成时限 reads: a phrase parse_deadline takes (date); empty, 无时限 or "no deadline"
// (none: the item takes its task's); a standing phrase such as 长期坚持, 持续推进, 常态化, 每年
// (open: no due date); anything else (unreadable).
enum class DeadlineKind { date, none, open, unreadable };
DeadlineKind classify_deadline(std::string_view text);

// ---- the whole table

struct PlanImportOptions {
  std::string sheet;            // the sheet to read; "" = the first visible one with a header
  const Plan* units = nullptr;  // units and groups to match names against (--units), or none
  Lang lang = Lang::zh;         // the language of the notes written into the draft
};

struct PlanImport {
  // The draft: info.title, sections; units and groups are those of `options.units` (in their
  // order) followed by the ones the table adds.
  Plan plan;
  std::string sheet;  // the sheet read
  std::uint32_t header_row = 0;
  std::vector<std::string> new_units, new_groups;  // names added to the known ones
  // Errors: no draft could be made (no such sheet, no header, no task). Warnings: what a human
  // should settle, each at its cell ("file:sheet!C17", "file:C17" for CSV).
  Diagnostics diags;
};

// Reads `book` (read_xlsx or read_csv_table) into a draft. `file` names it in places. Pure:
// reads and writes no files.
PlanImport import_plan_table(const XlsxRead& book, const std::string& file,
                             const PlanImportOptions& options);

// The draft's files: tasks.yaml made from the import; units.yaml made from it too, or, with
// `units_text` (the --units file as read), that text unchanged with the new units and groups
// added at the ends of its lists (comments and layout kept). `source` names the table in the
// header comment.
struct PlanDraftFiles {
  std::string tasks, units;
};
PlanDraftFiles draft_plan_files(const PlanImport& draft, const std::string& source,
                                const std::string& units_text, Lang lang);

// Loads the draft's texts as plan check would and runs its checks; diagnostics name
// `tasks_file` and `units_file`, whose texts go to `sources` (to quote the lines).
Diagnostics check_plan_draft(const PlanDraftFiles& files, const std::string& tasks_file,
                             const std::string& units_file, Sources& sources);

}  // namespace plan
