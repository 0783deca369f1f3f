#include "core/common/text.h"

#include <doctest/doctest.h>

#include "core/reports/table.h"

using namespace plan;

TEST_CASE("display width counts CJK characters as two columns") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("司法局") == 6);
  CHECK(display_width("（25）") == 6);
  CHECK(display_width("古司发〔2024〕5号") == 6 + 2 + 4 + 2 + 1 + 2);
  CHECK(pad_right("司法局", 8) == "司法局  ");
  CHECK(truncate_to_width("司法局财政局", 7) == "司法局…");
  CHECK(truncate_to_width("abc", 3) == "abc");
}

TEST_CASE("invalid UTF-8 is found with its place, and GBK is recognised") {
  CHECK_FALSE(find_invalid_utf8("司法局\n好"));
  // "司法局" in GB18030 is CB BE B7 A8 BE D6
  auto e = find_invalid_utf8("ok\nab\xCB\xBE\xB7\xA8\xBE\xD6");
  REQUIRE(e);
  CHECK(e->line == 2);
  CHECK(e->col == 4);  // CB BE happens to be valid UTF-8 (U+02FE); B7 is not
  CHECK(e->looks_like_gb18030);
  auto raw = find_invalid_utf8("\xFF\xFF\x01");
  REQUIRE(raw);
  CHECK_FALSE(raw->looks_like_gb18030);
}

TEST_CASE("nearest names for suggestions") {
  std::vector<std::string> names = {"各乡镇", "各行政执法单位", "司法局"};
  CHECK(nearest("各相镇", names) == "各乡镇");
  CHECK(nearest("司法", names) == "司法局");
  CHECK_FALSE(nearest("财政局", names));
  CHECK(nearest("chek", {"check", "tasks"}) == "check");
}

TEST_CASE("terminal tables align Chinese and ASCII text") {
  Table t;
  t.columns = {{"单位"}, {"数", Align::right}, {"note"}};
  t.rows = {{{"司法局"}, {"3"}, {"x"}}, {{"IT Center"}, {"12"}, {"长"}}};
  CHECK(render_text(t, false) ==
        "单位       数  note\n"
        "---------  --  ----\n"
        "司法局      3  x\n"
        "IT Center  12  长\n");
}

TEST_CASE("CSV has a BOM, CRLF and RFC 4180 quoting; Markdown escapes pipes") {
  Table t;
  t.columns = {{"a"}, {"b"}};
  t.rows = {{{"x,y"}, {"say \"hi\""}}, {{"a|b"}, {"line\nbreak"}}};
  CHECK(render_csv(t) ==
        "\xEF\xBB\xBF"
        "a,b\r\n\"x,y\",\"say \"\"hi\"\"\"\r\na|b,\"line\nbreak\"\r\n");
  CHECK(render_markdown(t) ==
        "| a | b |\n| --- | --- |\n| x,y | say \"hi\" |\n| a\\|b | line<br>break |\n");
}
