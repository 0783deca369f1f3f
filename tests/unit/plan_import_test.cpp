// plan import-plan: the pieces of a breakdown table's rows, a whole table (CSV and merged
// cells), the draft's files and how they read back.
#include "core/intake/plan_import.h"

#include <doctest/doctest.h>

#include "core/common/text.h"
#include "core/common/yaml_doc.h"
#include "core/plan/emit.h"
#include "core/plan/load.h"
#include "core/plan/plan_index.h"
#include "helpers.h"

using namespace plan;

namespace {

std::string mentions(const std::string& cell) {
  std::string out;
  for (const auto& m : parse_units_cell(cell))
    out += (out.empty() ? "" : " ") + m.name + ":" + role_key(m.role);
  return out;
}

std::string pieces(const std::string& cell) {
  std::string out;
  for (const auto& p : split_measures(cell)) out += "[" + p.id + "|" + p.text + "]";
  return out;
}

std::string heading(const std::string& cell) {
  Heading h = parse_heading(cell);
  const char* kinds[] = {"none", "section", "task", "requirement", "part"};
  return std::string(kinds[static_cast<int>(h.kind)]) + " " + h.id + " " + h.title;
}

std::string diag_lines(const Diagnostics& diags) {
  std::string out;
  for (const auto& d : diags) out += format_diagnostic(d, Lang::en, {});
  return out;
}

PlanImport import_csv(const std::string& csv, const Plan* units = nullptr) {
  XlsxRead book = read_csv_text(csv, "t.csv");
  REQUIRE_MESSAGE(book.ok(), diag_lines(book.diags));
  PlanImportOptions o;
  o.units = units;
  o.lang = Lang::en;
  return import_plan_table(book, "t.csv", o);
}

}  // namespace

TEST_CASE("units cells: names and the roles their wording gives") {
  CHECK(mentions("各乡镇、各行政执法单位") == "各乡镇:responsible 各行政执法单位:responsible");
  CHECK(mentions("司法局牵头，各行政执法单位落实") == "司法局:lead 各行政执法单位:implement");
  // A role word closes the run of names before it in its clause, 、 or not.
  CHECK(mentions("司法局牵头、各乡镇、各行政执法单位落实") ==
        "司法局:lead 各乡镇:implement 各行政执法单位:implement");
  CHECK(mentions("财政局、人社局按照职责分工落实，各行政执法单位落实") ==
        "财政局:responsible 人社局:responsible 各行政执法单位:implement");
  CHECK(mentions("司法局、财政局、行政审批局、工信局按照职责分工负责, 各行政执法单位落实") ==
        "司法局:responsible 财政局:responsible 行政审批局:responsible 工信局:responsible "
        "各行政执法单位:implement");
  CHECK(mentions("县司法局牵头，各乡镇、各行政执法单位配合") ==
        "县司法局:lead 各乡镇:implement 各行政执法单位:implement");
  // Clauses end at ，；, and line breaks: names before one without a role word are responsible.
  CHECK(mentions("纪委监委、公安局，各乡镇；法院\n检察院协助") ==
        "纪委监委:responsible 公安局:responsible 各乡镇:responsible 法院:responsible "
        "检察院:implement");
  // Labels, and the export's own bracketed roles in both languages.
  CHECK(mentions("牵头单位：司法局；配合单位：财政局、人社局") ==
        "司法局:lead 财政局:implement 人社局:implement");
  CHECK(mentions("司法局（牵头）、各行政执法单位（落实）、财政局（负责）") ==
        "司法局:lead 各行政执法单位:implement 财政局:responsible");
  CHECK(mentions("司法局 (lead), IT Center (implement)") == "司法局:lead IT Center:implement");
  // Brackets that are part of a name stay.
  CHECK(mentions("各乡（镇）、各街道（镇）牵头") == "各乡（镇）:lead 各街道（镇）:lead");
  // PDF copies break names with spaces; a name given twice keeps its strongest role.
  CHECK(mentions("各行政执 法单位， 司法局、司法局牵头") ==
        "各行政执法单位:responsible 司法局:lead");
  CHECK(mentions("“公安局”等") == "公安局:responsible");
  CHECK(mentions("") == "");
  CHECK(mentions("，、；") == "");
}

TEST_CASE("measure cells: split at increasing numbers in brackets") {
  CHECK(pieces("（1）加强建设。 （2）深入学习。") == "[(1)|加强建设。][(2)|深入学习。]");
  CHECK(pieces("(12) 畅通渠道。\n(13)探索指导；(14) 评估") ==
        "[(12)|畅通渠道。][(13)|探索指导；][(14)|评估]");
  // A number quoted inside a text, or smaller than the one before, is text.
  CHECK(pieces("（3）落实（2）所述要求。（1）再说") == "[(3)|落实（2）所述要求。（1）再说]");
  CHECK(pieces("主要措施：\n（1）甲") == "[|主要措施：][(1)|甲]");
  CHECK(pieces("车辆（船）等（ 2 ）x") == "[|车辆（船）等（ 2 ）x]");
  // Lines join without a space between Chinese characters, with one otherwise.
  CHECK(pieces("组织开展专业\n法律知识培训 and\nmore") == "[|组织开展专业法律知识培训 and more]");
  CHECK(pieces("") == "");
}

TEST_CASE("heading cells: sections, tasks, requirements and parts by their numbering") {
  CHECK(heading("一、强化学习") == "section 一 强化学习");
  CHECK(heading("（四）强化行政执法协调监督水平") == "section 四 强化行政执法协调监督水平");
  CHECK(heading("(十二) 其他") == "section 十二 其他");
  CHECK(heading("第三部分：保障") == "section 三 保障");
  CHECK(heading("1.着力提高政治能力") == "task 1 着力提高政治能力");
  CHECK(heading("16. 推进行政执法监督多元化建设") == "task 16 推进行政执法监督多元化建设");
  CHECK(heading("１９、强化权益保障") == "task 19 强化权益保障");
  CHECK(heading("第20条 加大财政支持力度") == "task 20 加大财政支持力度");
  CHECK(heading("七(一) 加强组织领导") == "requirement 七(一) 加强组织领导");
  CHECK(heading("七（二）加强责任落实") == "requirement 七(二) 加强责任落实");
  CHECK(heading("5a 应急管理领域行政执法专项监督活动") ==
        "part 5a 应急管理领域行政执法专项监督活动");
  CHECK(heading("着力提高政治能力") == "none  着力提高政治能力");
  CHECK(heading("1.5倍以上") == "none  1.5倍以上");
  CHECK(heading("2024年底前") == "none  2024年底前");
}

TEST_CASE("deadline cells: dates the loader reads, no deadline, standing phrases, the rest") {
  CHECK(classify_deadline("2024年底前") == DeadlineKind::date);
  CHECK(classify_deadline("2024 年 6 月底前") == DeadlineKind::date);
  CHECK(classify_deadline("2025年3月15日前完成") == DeadlineKind::date);
  CHECK(classify_deadline("2024-12-31") == DeadlineKind::date);
  CHECK(classify_deadline("") == DeadlineKind::none);
  CHECK(classify_deadline("无时限") == DeadlineKind::none);
  CHECK(classify_deadline("no deadline") == DeadlineKind::none);
  CHECK(classify_deadline("长期坚持") == DeadlineKind::open);
  CHECK(classify_deadline("持续推进") == DeadlineKind::open);
  CHECK(classify_deadline("每年12月底前") == DeadlineKind::open);
  CHECK(classify_deadline("2024年10月中旬") == DeadlineKind::unreadable);
  CHECK(classify_deadline("2024年13月底前") == DeadlineKind::unreadable);
}

TEST_CASE("a CSV table: empty section and task cells continue the ones above") {
  PlanImport r = import_csv(
      "附件2\n某县重点任务分解表\n"
      "序号,重点任务,具体措施,责任分工,完成时限,备注,截止日期\n"
      "一、学习,,,,,\n"
      ",1.提高能力,（1）甲措施。（2）乙措施。,各乡镇,2024年底前,,2024-12-31\n"
      ",,（3）丙措施。,司法局牵头，各乡镇配合,2024年6月底前,见正文,\n"
      ",2.第二条,只有一段文字的任务。,司法局,长期坚持,,\n"
      "二、保障,,,,,\n"
      ",3.第三条,,财政局,2025年底前,,\n"
      ",,（4）丁措施。,,,\n"
      ",,,司法局,,\n"
      "注：此表仅供参考,,,,,\n");
  INFO(diag_lines(r.diags));
  REQUIRE_FALSE(has_errors(r.diags));
  CHECK(r.header_row == 3);
  CHECK(r.plan.info.title == "某县");
  REQUIRE(r.plan.sections.size() == 2);
  const Section& s1 = r.plan.sections[0];
  CHECK(s1.id == "一");
  CHECK(s1.title == "学习");
  REQUIRE(s1.tasks.size() == 2);
  const Task& t1 = s1.tasks[0];
  CHECK(t1.id == "1");
  CHECK(t1.title == "提高能力");
  REQUIRE(t1.measures.size() == 3);
  // The latest deadline goes to the task; (3) keeps its own, and its units.
  REQUIRE(t1.deadline);
  CHECK(t1.deadline->text == "2024年底前");
  CHECK(t1.units.empty());
  CHECK(t1.measures[0].units.size() == 1);
  CHECK_FALSE(t1.measures[0].deadline);
  REQUIRE(t1.measures[2].deadline);
  CHECK(t1.measures[2].deadline->text == "2024年6月底前");
  CHECK(t1.measures[2].units.size() == 2);
  CHECK(t1.measures[2].units[0].role == Role::lead);
  CHECK(t1.measures[2].note == "见正文");
  // One text and no numbers: the task's own text, tracked on the task.
  const Task& t2 = s1.tasks[1];
  CHECK(t2.text == "只有一段文字的任务。");
  CHECK(t2.measures.empty());
  CHECK_FALSE(t2.deadline);
  CHECK(t2.note == "deadline: 长期坚持 (no due date, never overdue)");
  // A task row with units and a deadline of its own; measures without them take the task's.
  const Task& t3 = r.plan.sections[1].tasks[0];
  CHECK(t3.units.size() == 1);
  CHECK(t3.units[0].name == "财政局");
  REQUIRE(t3.deadline);
  CHECK(t3.deadline->text == "2025年底前");
  CHECK(t3.measures.size() == 1);
  CHECK(t3.measures[0].units.empty());
  CHECK(r.new_units == std::vector<std::string>{"司法局", "财政局"});
  CHECK(r.new_groups == std::vector<std::string>{"各乡镇"});
  CHECK(diag_lines(r.diags) ==
        "t.csv: warning: no --units: units.yaml is built from the names in the table (2 units, "
        "1 groups), kinds guessed from the names; check them\n"
        "t.csv:D5: warning: group '各乡镇' is added to units.yaml with no members; add its units\n"
        "t.csv:E7: warning: deadline '长期坚持' names no date: imported without a due date "
        "(never overdue), the wording kept in the note\n"
        "t.csv:D11: warning: this cell belongs to no task or measure; not imported: 司法局\n"
        "t.csv:A12: warning: this cell belongs to no task or measure; not imported: "
        "注：此表仅供参考\n");

  // The draft checks clean.
  PlanDraftFiles files = draft_plan_files(r, "t.csv", "", Lang::en);
  Sources sources;
  Diagnostics checks = check_plan_draft(files, "d/tasks.yaml", "d/units.yaml", sources);
  CHECK(diag_lines(checks) == "");
}

TEST_CASE("a table the importer cannot read is an error that says what it looks for") {
  XlsxRead book = read_csv_text("名称,数量\n甲,1\n", "x.csv");
  PlanImport r = import_plan_table(book, "x.csv", {});
  CHECK(diag_lines(r.diags) ==
        "x.csv: error: no header row in the first 30 rows: one needs a 重点任务 (Task) or 具体措施 "
        "(Specific measure) column and a 责任分工 (责任单位, 牵头单位; Responsibility) or 完成时限 "
        "(时间节点; Deadline) column\n");
  PlanImportOptions o;
  o.sheet = "分解表";
  r = import_plan_table(book, "x.csv", o);
  CHECK(diag_lines(r.diags) == "x.csv: error: a CSV file is one sheet; drop --sheet ('分解表')\n");
  r = import_plan_table(read_csv_text("重点任务,完成时限\n", "e.csv"), "e.csv", {});
  CHECK(diag_lines(r.diags) == "e.csv: error: no task below the header\n");
}

TEST_CASE("unnumbered sections, tasks and measures get numbers and a warning each") {
  PlanImport r = import_csv(
      "重点任务,具体措施,牵头单位,配合单位,完成时限\n"
      "提高能力,甲措施,司法局,各乡镇,2024年底前\n"
      ",乙措施,司法局,各乡镇,2024年10月中旬\n"
      "完善制度,(5) 丙,县工商联,,\n");
  INFO(diag_lines(r.diags));
  REQUIRE(r.plan.sections.size() == 1);
  const Section& s = r.plan.sections[0];
  CHECK(s.id == "一");
  REQUIRE(s.tasks.size() == 2);
  CHECK(s.tasks[0].id == "1");
  CHECK(s.tasks[1].id == "2");
  REQUIRE(s.tasks[0].measures.size() == 2);
  CHECK(s.tasks[0].measures[0].id == "(6)");  // after the table's own (5)
  CHECK(s.tasks[0].measures[1].id == "(7)");
  // 牵头单位 and 配合单位 columns give the roles.
  REQUIRE(s.tasks[0].units.size() == 2);
  CHECK(s.tasks[0].units[0].role == Role::lead);
  CHECK(s.tasks[0].units[1].role == Role::implement);
  CHECK(s.tasks[0].measures[1].note ==
        "deadline as written: 2024年10月中旬 (not read as a date; rewrite it as a deadline)");
  CHECK(diag_lines(r.diags) ==
        "t.csv: warning: no title above the header; give the plan its title\n"
        "t.csv: warning: no --units: units.yaml is built from the names in the table (2 units, "
        "1 groups), kinds guessed from the names; check them\n"
        "t.csv:A2: warning: the table has no section headings (一、…); every task is in section "
        "一 for now, give it a title\n"
        "t.csv:A2: warning: task '提高能力' has no number (1. or 1、); numbered 1 for now\n"
        "t.csv:B2: warning: a measure without a number ((1)); numbered (6) for now: 甲措施\n"
        "t.csv:D2: warning: group '各乡镇' is added to units.yaml with no members; add its "
        "units\n"
        "t.csv:B3: warning: a measure without a number ((1)); numbered (7) for now: 乙措施\n"
        "t.csv:E3: warning: cannot read the deadline '2024年10月中旬' (2024年底前, "
        "2024年6月底前, 2025年3月15日前, 2024年第三季度 …): imported without a due date, the "
        "wording kept in the note; rewrite it\n"
        "t.csv:A4: warning: task '完善制度' has no number (1. or 1、); numbered 2 for now\n"
        "t.csv:C4: warning: cannot tell what kind of unit '县工商联' is (not …局, …镇 and the "
        "like): added to units.yaml (kind: other, the note says to check it); make sure it is a "
        "unit\n");
}

TEST_CASE("merged cells: a range's value holds for each of its rows, once") {
  // A workbook whose section, task, units and deadline cells are merged over rows.
  XlsxRead book;
  book.file = "m.xlsx";
  XlsxSheet s;
  s.name = "表";
  auto put = [&](const char* ref, const char* text) {
    auto p = parse_cell_ref(ref);
    REQUIRE(p);
    s.cells.push_back({p->row, p->col, ref, CellKind::string, text, 0, false});
  };
  put("A1", "重点任务");
  put("C1", "具体措施");
  put("D1", "责任单位");
  put("E1", "完成时限");
  put("A2", "（一）第一部分");
  put("B2", "1.第一条");
  put("C2", "（1）甲");
  put("D2", "各乡镇、税务局");
  put("E2", "2024年底前");
  put("C3", "（2）乙");
  put("B4", "2.第二条");
  put("C4", "（3）丙");
  put("D4", "司法局");
  put("E4", "2025年底前");
  put("C5", "（4）丁");
  for (const char* ref : {"A1:B1", "A2:A5", "B2:B3", "D2:D3", "E2:E3", "B4:B5", "E4:E5"})
    s.merged.push_back(*parse_range_ref(ref));
  book.sheets.push_back(s);

  LoadResult known;
  REQUIRE(load_units_text(test::kUnits, "units.yaml", known.plan, known.diags));
  PlanImportOptions o;
  o.units = &known.plan;
  o.lang = Lang::en;
  PlanImport r = import_plan_table(book, "m.xlsx", o);
  INFO(diag_lines(r.diags));
  REQUIRE(r.plan.sections.size() == 1);
  const auto& tasks = r.plan.sections[0].tasks;
  REQUIRE(tasks.size() == 2);
  CHECK(tasks[0].measures.size() == 2);
  CHECK(tasks[0].units.size() == 2);
  CHECK(tasks[0].deadline->text == "2024年底前");
  // (4) has no units cell of its own (D5 is not merged): it takes its task's, said once.
  CHECK(tasks[1].units.size() == 1);
  CHECK(tasks[1].deadline->text == "2025年底前");
  CHECK(r.new_units == std::vector<std::string>{"税务局"});
  CHECK(diag_lines(r.diags) ==
        "m.xlsx:表: warning: no title above the header; give the plan its title\n"
        "m.xlsx:表!D2: warning: unit '税务局' is not in the units list: added to units.yaml "
        "(kind: other, the note says to check it)\n"
        "m.xlsx:表!C5: warning: (4) has no units in the table; it takes its task's\n");

  // units.yaml is the list given, with the new unit added after its units.
  const std::string units_text = test::kUnits;
  PlanDraftFiles files = draft_plan_files(r, "m.xlsx", units_text, Lang::en);
  CHECK(
      files.units ==
      std::string(test::kUnits)
          .insert(std::string(test::kUnits).find("groups:"),
                  "  # added by plan import-plan from m.xlsx; to be checked\n"
                  "  - name: 税务局\n    kind: other\n"
                  "    note: \"to check: not in the units list when imported (m.xlsx:表!D2)\"\n"));
  Sources sources;
  CHECK(diag_lines(check_plan_draft(files, "tasks.yaml", "units.yaml", sources)) ==
        "units.yaml:4:5: warning: unit '财政局' is assigned nothing\n");
}

TEST_CASE("YAML scalars: plain when that reads back the same, quoted otherwise") {
  CHECK(yaml_scalar("司法局") == "司法局");
  CHECK(yaml_scalar("2024年底前") == "2024年底前");
  CHECK(yaml_scalar("(25)") == "(25)");
  CHECK(yaml_scalar("a: b") == "\"a: b\"");
  CHECK(yaml_scalar("- x") == "\"- x\"");
  CHECK(yaml_scalar("null") == "\"null\"");
  CHECK(yaml_scalar("") == "\"\"");
  CHECK(yaml_scalar("x #y") == "\"x #y\"");
  CHECK(yaml_scalar("甲,乙", true) == "\"甲,乙\"");
  CHECK(yaml_scalar("甲,乙") == "甲,乙");
  CHECK(yaml_scalar("一\n二\t\"三\"\\") == "\"一\\n二\\t\\\"三\\\"\\\\\"");
  CHECK(yaml_scalar("\x01\xC2\x85\xE2\x80\xA8") == "\"\\x01\\N\\L\"");
  // A line separator alone would be left plain and raw by yaml-cpp: libyaml reads a line break.
  CHECK(yaml_scalar("甲\xE2\x80\xA8乙") == "\"甲\\L乙\"");
  CHECK(yaml_scalar("甲\xE2\x80\xA9", true) == "\"甲\\P\"");
  // Characters libyaml refuses (DEL, C1 controls, U+FFFE, U+FFFF; a cell of a table can hold
  // them) or reads as a line break are escaped, and read back as they were.
  for (char32_t cp : {U'\x7F', U'\x85', U'\x9F', U'\uFFFE', U'\uFFFF', U'\u2028'}) {
    std::string text = "甲";
    append_utf8(text, cp);
    text += "乙";
    for (bool in_flow : {false, true}) {
      const std::string yaml = "x: " + std::string(in_flow ? "[" : "") +
                               yaml_scalar(text, in_flow) + (in_flow ? "]" : "") + "\n";
      INFO(yaml);
      Diagnostics diags;
      yaml::Document doc = yaml::parse(yaml, "t.yaml", diags);
      REQUIRE(doc.ok);
      const yaml::Node& v = doc.root.values.at(0);
      CHECK((in_flow ? v.items.at(0).value : v.value) == text);
    }
  }
}

TEST_CASE("the shipped plans written out by emit read back as the same plans") {
  for (const char* dir :
       {PLAN_SOURCE_DIR "/plan", PLAN_SOURCE_DIR "/tests/fixtures/other-county/plan",
        PLAN_SOURCE_DIR "/examples/demo/plan"}) {
    INFO(dir);
    LoadResult a = load_plan(dir);
    REQUIRE(a.parsed);
    const std::string tasks = tasks_yaml_text(a.plan, {"header", "two\nlines"});
    const std::string units = units_yaml_text(a.plan);
    Plan b;
    Diagnostics diags;
    REQUIRE(load_units_text(units, "units.yaml", b, diags));
    REQUIRE(load_tasks_text(tasks, "tasks.yaml", b, diags));
    CHECK(diag_lines(diags) == "");
    CHECK(tasks_yaml_text(b, {"header", "two\nlines"}) == tasks);
    CHECK(units_yaml_text(b) == units);
    PlanIndex ia(a.plan), ib(b);
    REQUIRE(ia.items().size() == ib.items().size());
    for (std::size_t i = 0; i < ia.items().size(); ++i) {
      CHECK(ia.items()[i].id == ib.items()[i].id);
      CHECK(ia.items()[i].text == ib.items()[i].text);
      CHECK(ia.items()[i].note == ib.items()[i].note);
      CHECK(ia.expand(ia.items()[i].units) == ib.expand(ib.items()[i].units));
    }
    CHECK(ia.assignments().size() == ib.assignments().size());
  }
  // Hostile text survives.
  Plan p;
  p.info.title = "标题: \"引号\" #井号 \\ 反斜杠\n换行";
  Section s;
  s.id = "一";
  s.title = "- 破折号开头";
  Task t;
  t.id = "1";
  t.title = "[方括号] {花括号}";
  t.units = {{"甲, 乙", Role::lead, {}}, {"丙", Role::implement, {}}};
  s.tasks.push_back(t);
  p.sections.push_back(s);
  Plan back;
  Diagnostics diags;
  REQUIRE(load_tasks_text(tasks_yaml_text(p), "t.yaml", back, diags));
  CHECK(diags.empty());
  CHECK(back.info.title == p.info.title);
  CHECK(back.sections[0].title == s.title);
  CHECK(back.sections[0].tasks[0].title == t.title);
  CHECK(back.sections[0].tasks[0].units[0].name == "甲, 乙");
  CHECK(back.sections[0].tasks[0].units[1].role == Role::implement);
}
