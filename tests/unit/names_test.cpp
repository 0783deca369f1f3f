#include "core/plan/names.h"

#include <doctest/doctest.h>

#include "helpers.h"

using namespace plan;

namespace {

const char* kUnitsMore = R"(units:
  - name: 司法局
    kind: department
  - name: 市场监管局
    kind: department
    aliases: [市场监督管理局]
  - name: 北平镇
    kind: township
  - name: 古阳镇
    kind: township
groups:
  - name: 各乡镇
    members: [北平镇, 古阳镇]
)";

const char* kTasks = R"(sections:
  - id: 一
    title: 一部分
    tasks:
      - id: 1
        title: 任务一
        units: [司法局]
        deadline: 2024年底前
  - id: 四
    title: 四部分
    tasks:
      - id: 16
        title: 任务十六
        units: [各乡镇, 市场监管局]
        deadline: 2024年底前
        measures:
          - id: (25)
            text: 措施
)";

}  // namespace

TEST_CASE("typed lists split on ASCII and Chinese separators, spaces trimmed") {
  CHECK(split_name_list("北平镇,古阳镇") == std::vector<std::string>{"北平镇", "古阳镇"});
  CHECK(split_name_list(" 北平镇、 古阳镇 ，司法局，") ==
        std::vector<std::string>{"北平镇", "古阳镇", "司法局"});
  CHECK(split_name_list("\u3000北平镇\u3000") == std::vector<std::string>{"北平镇"});
  CHECK(split_name_list(" , 、").empty());
}

TEST_CASE("Chinese numerals") {
  CHECK(chinese_number("四") == 4);
  CHECK(chinese_number("十") == 10);
  CHECK(chinese_number("十六") == 16);
  CHECK(chinese_number("二十") == 20);
  CHECK(chinese_number("二十三") == 23);
  CHECK_FALSE(chinese_number("十十"));
  CHECK_FALSE(chinese_number("北"));
  CHECK_FALSE(chinese_number(""));
  CHECK(chinese_numeral(4) == "四");
  CHECK(chinese_numeral(16) == "十六");
  CHECK(chinese_numeral(20) == "二十");
  CHECK(chinese_numeral(37) == "三十七");
}

TEST_CASE("sections and tasks as people write them") {
  test::Fixture f{kTasks, kUnitsMore};
  REQUIRE(!has_errors(f.diags));
  CHECK(section_id_for(f.plan, "四") == "四");
  CHECK(section_id_for(f.plan, "4") == "四");
  CHECK(section_id_for(f.plan, "４") == "四");
  CHECK(section_id_for(f.plan, "第四部分") == "四");
  CHECK(section_id_for(f.plan, "第4部分") == "四");
  CHECK(section_id_for(f.plan, "四、") == "四");
  CHECK(section_id_for(f.plan, "(四)") == "四");
  CHECK_FALSE(section_id_for(f.plan, "2"));
  CHECK_FALSE(section_id_for(f.plan, "五"));
  CHECK(task_id_for("16") == "16");
  CHECK(task_id_for("第16条") == "16");
  CHECK(task_id_for("第十六条") == "16");
  CHECK(task_id_for("十六") == "16");
  CHECK(task_id_for("16.") == "16");
  CHECK(task_id_for(" 16、") == "16");
  CHECK(task_id_for("(25)") == "(25)");
}

TEST_CASE("the unit someone most likely meant") {
  test::Fixture f{kTasks, kUnitsMore};
  PlanIndex index(f.plan);
  CHECK(suggest_unit_name(index, "北平镇人民政府") == "北平镇");
  CHECK(suggest_unit_name(index, "古县北平镇") == "北平镇");
  CHECK(suggest_unit_name(index, "临汾市古县北平镇人民政府") == "北平镇");
  CHECK(suggest_unit_name(index, "北平") == "北平镇");
  CHECK(suggest_unit_name(index, "市监局") == "市场监管局");
  CHECK(suggest_unit_name(index, "司法") == "司法局");
  // Two names start with 市场监: prefix is not unique, but the abbreviation check settles it
  // only when exactly one name fits.
  CHECK_FALSE(suggest_unit_name(index, "镇"));
  CHECK_FALSE(suggest_unit_name(index, "交通运输局"));
}
