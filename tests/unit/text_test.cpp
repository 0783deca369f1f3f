#include "core/common/text.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <ios>

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

TEST_CASE("display width: the quick count for ASCII and CJK agrees with fmt on every character") {
  // fmt pads by display width: the columns a text takes are what padding it to a wider width
  // leaves over.
  auto by_fmt = [](const std::string& s) {
    const std::size_t probe = s.size() * 2 + 1;
    return probe - (fmt::formatted_size("{:<{}}", s, probe) - s.size());
  };
  for (char32_t cp = 0x20; cp <= 0xFFFF; ++cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    const std::string one = to_utf8(std::u32string(1, cp));
    const std::string mixed = "a" + one + "司" + one + "1";
    if (display_width(one) != by_fmt(one) || display_width(mixed) != by_fmt(mixed)) {
      FAIL_CHECK(fmt::format("U+{:04X}", static_cast<unsigned>(cp)));
      break;
    }
  }
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

TEST_CASE("UTF-8 validation: every three-byte lead, by the standard's table of well-formed bytes") {
  // The validator takes common Chinese sequences in one step; it must still refuse overlong
  // forms (E0 80..9F), surrogates (ED A0..BF) and anything cut or not a continuation byte.
  auto well_formed = [](unsigned a, unsigned b, unsigned c) {
    auto cont = [](unsigned x) { return x >= 0x80 && x <= 0xBF; };
    if (a == 0xE0) return b >= 0xA0 && b <= 0xBF && cont(c);
    if (a == 0xED) return b >= 0x80 && b <= 0x9F && cont(c);
    return cont(b) && cont(c);
  };
  std::size_t valid = 0;
  for (unsigned a = 0xE0; a <= 0xEF; ++a)
    for (unsigned b = 0x7F; b <= 0xC1; ++b)
      for (unsigned c : {0x41u, 0x7Fu, 0x80u, 0x9Fu, 0xA0u, 0xBFu, 0xC0u}) {
        // Behind eight ASCII bytes and not, and cut short at the end.
        const std::string seq{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        for (const std::string& text : {"abcdefgh" + seq + "z", seq, seq.substr(0, 2)}) {
          INFO(std::hex << a << " " << b << " " << c << " in " << text.size() << " bytes");
          const bool want = text.size() > 2 && well_formed(a, b, c);
          CHECK(!find_invalid_utf8(text).has_value() == want);
          valid += want;
        }
      }
  CHECK(valid > 1000);
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
