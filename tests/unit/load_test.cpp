#include <doctest/doctest.h>

#include "helpers.h"

using namespace plan;
using plan::test::Fixture;
using plan::test::kUnits;

TEST_CASE("a well-formed plan loads with places and derived due dates") {
  Fixture f(R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务
        units: [各乡镇]
        deadline: 2024年6月底前
        measures:
          - id: (1)
            text: 措施
)",
            kUnits);
  CHECK(f.text() ==
        "units.yaml:2:5: warning: unit '司法局' is assigned nothing\n"
        "    - name: 司法局\n"
        "      ^\n"
        "units.yaml:4:5: warning: unit '财政局' is assigned nothing\n"
        "    - name: 财政局\n"
        "      ^\n");
  REQUIRE(f.plan.sections.size() == 1);
  const Task& t = f.plan.sections[0].tasks[0];
  CHECK(t.id == "1");
  CHECK(t.where.line == 5);
  CHECK(t.where.col == 9);
  CHECK(iso(*t.deadline->due) == "2024-06-30");
  CHECK(t.measures[0].id == "(1)");
}

TEST_CASE("a wrong type names the field and what it should be") {
  Fixture f(R"(sections:
  - id: 一
    title: [不是, 文本]
    tasks: []
)",
            kUnits);
  CHECK(f.text().rfind("tasks.yaml:3:12: error: “title” should be a single value, not a list\n"
                       "      title: [不是, 文本]\n"
                       "             ^\n",
                       0) == 0);
}

TEST_CASE("duplicate keys are errors, not silently first-wins") {
  Fixture f(R"(sections:
  - id: 一
    title: 甲
    title: 乙
)",
            kUnits);
  CHECK(f.text().find("tasks.yaml:4:5: error: field 'title' appears twice (first on line 3); "
                      "remove one\n") != std::string::npos);
}

TEST_CASE("unknown keys get the allowed list and the nearest spelling") {
  Fixture f(R"(sections:
  - id: 一
    titel: 甲
)",
            kUnits);
  CHECK(f.text().find("tasks.yaml:3:5: error: unknown field 'titel'; allowed here: id, title, "
                      "table_title, tasks, requirements, note (did you mean 'title'?)\n") !=
        std::string::npos);
}

TEST_CASE("YAML syntax errors, tabs, aliases and depth are reported with a place") {
  SUBCASE("unterminated quote") {
    Fixture f("sections:\n  - id: \"一\n    title: x\n", kUnits);
    CHECK(f.text().rfind("tasks.yaml:", 0) == 0);
    CHECK(
        f.text().find("error: YAML syntax error: the quote or bracket opened here is never "
                      "closed (while scanning a quoted scalar, found unexpected end of stream)") !=
        std::string::npos);
  }
  SUBCASE("a full-width comma or colon is pointed at, not the token after it") {
    Fixture f("sections:\n  - {id: 一， title: x}\n", kUnits);
    CHECK(f.text().find(
              "tasks.yaml:2:11: error: the full-width '，' here should be the ASCII ','") == 0);
    Fixture g("sections:\n  - id： 一\n    title: x\n", kUnits);
    CHECK(g.text().find(
              "tasks.yaml:2:7: error: the full-width '：' here should be the ASCII ':'") == 0);
    // Inside quotes a full-width comma is text, and the real problem is reported.
    Fixture h("sections:\n  - {id: \"一，二\", title: [x}\n", kUnits);
    CHECK(h.text().find("full-width") == std::string::npos);
  }
  SUBCASE("tab indentation") {
    Fixture f("sections:\n\t- id: 一\n", kUnits);
    CHECK(f.text().rfind("tasks.yaml:2:1: error: YAML does not allow tabs for indentation; "
                         "use spaces\n",
                         0) == 0);
  }
  SUBCASE("alias") {
    Fixture f("sections:\n  - &a {id: 一, title: x}\n  - *a\n", kUnits);
    CHECK(f.text().rfind("tasks.yaml:2:5: error: YAML anchors and aliases (& and *) are not "
                         "supported; write the content out\n",
                         0) == 0);
  }
  SUBCASE("deep nesting") {
    std::string deep = "sections: " + std::string(100, '[') + std::string(100, ']') + "\n";
    Fixture f(deep, kUnits);
    CHECK(f.text().find("error: nesting deeper than 64 levels") != std::string::npos);
  }
  SUBCASE("two documents") {
    Fixture f("sections: []\n---\nsections: []\n", kUnits);
    CHECK(f.text().rfind("tasks.yaml:2:1: error: the file may hold one YAML document only", 0) ==
          0);
  }
}

TEST_CASE("unparseable deadlines list the accepted forms") {
  Fixture f(R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务
        units: [全部]
        deadline: 明年
)",
            kUnits);
  CHECK(f.text() ==
        "tasks.yaml:8:19: error: unrecognised deadline '明年'; accepted forms: 2024年底前, "
        "2024年底, 2024年6月底前, 2025年3月15日前, 2024年上半年, 2024年下半年, 2024年第三季度, "
        "2024-12-31\n"
        "          deadline: 明年\n"
        "                    ^\n");
}

TEST_CASE("item ids typed by users are normalised") {
  CHECK(normalize_item_id("（25）") == "(25)");
  CHECK(normalize_item_id("m25") == "(25)");
  CHECK(normalize_item_id("M25") == "(25)");
  CHECK(normalize_item_id("5A") == "5a");
  CHECK(normalize_item_id(" 16 ") == "16");
  CHECK(normalize_item_id("七(一)") == "七(一)");
}
