#include <doctest/doctest.h>

#include "core/common/text.h"
#include "core/ledger/ledger.h"
#include "core/rollup/config.h"

using namespace plan;

TEST_CASE("split_on keeps empty parts") {
  CHECK(split_on("a/b", '/') == std::vector<std::string>{"a", "b"});
  CHECK(split_on("a//b/", '/') == std::vector<std::string>{"a", "", "b", ""});
  CHECK(split_on("", '/') == std::vector<std::string>{""});
}

TEST_CASE("roll-up paths stay inside the roll-up directory") {
  CHECK(safe_relative_path("counties/古县/plan"));
  CHECK(safe_relative_path("a/../b"));
  CHECK(safe_relative_path("./a"));
  CHECK_FALSE(safe_relative_path("../a"));
  CHECK_FALSE(safe_relative_path("a/../../b"));
  CHECK_FALSE(safe_relative_path("/etc"));
  CHECK_FALSE(safe_relative_path(""));
  CHECK_FALSE(safe_relative_path("a\nb"));
}

TEST_CASE("git URLs that would run a program, and refs git reads as anything else, are refused") {
  CHECK(safe_git_url("https://git.example.org/linfen/guxian.git"));
  CHECK(safe_git_url("git@git.example.org:linfen/guxian.git"));
  CHECK(safe_git_url("../repos/古县.git"));
  CHECK_FALSE(safe_git_url("ext::sh -c touch% /tmp/x"));
  CHECK_FALSE(safe_git_url("fd::3"));
  CHECK_FALSE(safe_git_url("--upload-pack=touch /tmp/x"));
  CHECK_FALSE(safe_git_url("https://x\n"));
  CHECK(safe_git_ref("main"));
  CHECK(safe_git_ref("refs/heads/2025-季度"));
  CHECK(safe_git_ref("v1.2"));
  CHECK(safe_git_ref("0408d684a2b434c5258364e31b936b4708329412"));
  CHECK_FALSE(safe_git_ref("--output=/tmp/x"));
  CHECK_FALSE(safe_git_ref("main~1"));
  CHECK_FALSE(safe_git_ref("main^"));
  CHECK_FALSE(safe_git_ref("a..b"));
  CHECK_FALSE(safe_git_ref("HEAD@{1}"));
  CHECK_FALSE(safe_git_ref("main:plan/tasks.yaml"));
  CHECK_FALSE(safe_git_ref("x.lock"));
  CHECK_FALSE(safe_git_ref("a/.b"));
  CHECK_FALSE(safe_git_ref("a b"));
}

TEST_CASE("rollup.yaml: members, parent and every mistake at its place") {
  Diagnostics d;
  RollupConfig c = parse_rollup_config(
      "title: 市汇总\nparent: city/plan\nmembers:\n  - name: 古县\n    path: counties/古县\n"
      "  - name: 洪洞县\n    git: https://git.example.org/hongtong.git\n    ref: main\n"
      "    dir: .\n",
      ".", "rollup.yaml", d);
  CHECK(d.empty());
  REQUIRE(c.members.size() == 2);
  CHECK(c.title == "市汇总");
  REQUIRE(c.parent);
  CHECK(c.parent->path == "city/plan");
  CHECK(c.members[0].source.path == "counties/古县");
  CHECK(c.members[1].source.is_git());
  CHECK(c.members[1].source.ref == "main");
  CHECK(c.members[1].source.dir == ".");

  auto codes = [](const std::string& text) {
    Diagnostics diags;
    parse_rollup_config(text, ".", "rollup.yaml", diags);
    std::vector<std::string> out;
    for (const auto& x : diags) out.push_back(x.code + "@" + std::to_string(x.where.line));
    return out;
  };
  CHECK(codes("members:\n  - name: a\n") == std::vector<std::string>{"rollup-no-source@2"});
  CHECK(codes("members:\n  - name: a\n    path: x\n    git: y\n") ==
        std::vector<std::string>{"rollup-two-sources@4"});
  CHECK(codes("members:\n  - name: a\n    path: x\n    ref: main\n") ==
        std::vector<std::string>{"rollup-ref-without-git@4"});
  CHECK(codes("members:\n  - name: a\n    path: ../x\n") ==
        std::vector<std::string>{"rollup-bad-path@3"});
  CHECK(codes("members:\n  - name: a\n    path: x\n  - name: a\n    path: y\n") ==
        std::vector<std::string>{"rollup-duplicate-member@4"});
  CHECK(codes("members:\n  - name: a\n    paht: x\n") ==
        std::vector<std::string>{"unknown-key@3", "rollup-no-source@2"});
  CHECK(codes("title: x\n") == std::vector<std::string>{"rollup-no-members@1"});
  CHECK(codes("members: [\n").size() == 1);
}

TEST_CASE("counts add up for a roll-up's total") {
  Counts a, b;
  a.total = 3, a.done = 2, a.done_late = 1, a.undated = 1, a.undated_done = 1;
  b.total = 2, b.done = 1, b.overdue = 1, b.not_started = 1;
  a += b;
  CHECK(a.total == 5);
  CHECK(a.done == 3);
  CHECK(a.done_late == 1);
  CHECK(a.overdue == 1);
  CHECK(a.rated() == 4);
  CHECK(a.completion() == doctest::Approx(0.5));
}

#include "core/plan/load.h"
#include "core/plan/plan_index.h"

TEST_CASE("implements: on tasks, parts and measures, one id or a list, kept with its place") {
  Plan p;
  Diagnostics d;
  CHECK(load_tasks_text(
      "sections:\n  - id: 一\n    title: t\n    tasks:\n      - id: 1\n        title: a\n"
      "        implements: 3\n        measures:\n          - id: (1)\n            text: m\n"
      "            implements: [（5）, 6]\n",
      "tasks.yaml", p, d));
  CHECK(d.empty());
  const Task& t = p.sections[0].tasks[0];
  REQUIRE(t.implements.size() == 1);
  CHECK(t.implements[0].id == "3");
  CHECK(t.implements[0].where.line == 7);
  REQUIRE(t.measures[0].implements.size() == 2);
  CHECK(t.measures[0].implements[0].id == "(5)");
  CHECK(t.measures[0].implements[1].where.col == 31);
  PlanIndex index(p);
  CHECK(index.items()[*index.find_item("(1)")].implements.size() == 2);
}
