// Writing and reading files safely (core/common/files.h), the shape a progress file must have to
// take an appended entry, and the bounds on what is read and reported.
#include <doctest/doctest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/common/files.h"
#include "core/common/yaml_doc.h"
#include "core/progress/progress.h"
#include "helpers.h"

using namespace plan;
namespace fs = std::filesystem;

namespace {

// A fresh private directory, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "plan-writes-test.XXXXXX").string();
    REQUIRE(::mkdtemp(templ.data()) != nullptr);
    path = templ;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void put(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string get(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

unsigned mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

std::string appendable(const std::string& text) {
  Diagnostics diags;
  Sources sources;
  sources.add("u.yaml", text);
  bool ok = check_appendable(text, "u.yaml", diags);
  std::string out;
  for (const auto& d : diags) out += format_diagnostic(d, Lang::en, sources);
  return ok ? (out.empty() ? "ok" : "ok but " + out) : out;
}

}  // namespace

TEST_CASE("a progress file takes an appended line only when it is a block list in column 1") {
  CHECK(appendable("") == "ok");
  CHECK(appendable("# only comments\n\n") == "ok");
  CHECK(appendable("- {date: 2025-01-01, item: \"1\", status: done}\n") == "ok");
  CHECK(appendable("---\n- {date: 2025-01-01}\n# end\n") == "ok");
  CHECK(appendable("\xEF\xBB\xBF- {a: 1}\r\n") == "ok");
  CHECK(appendable("- {a: 1}") == "ok");  // no final newline: one is added before the line
  CHECK(appendable("[]\n") ==
        "u.yaml:1:1: error: the top level of a progress file should be a '- ' list starting in "
        "column 1 (one entry per line), not a list written [ … ]; plan cannot append to it. Fix "
        "the file as docs/progress.md shows (plan check helps), then record again\n  []\n  ^\n");
  CHECK(appendable("[{a: 1}]\n").find("not a list written [ … ]") != std::string::npos);
  CHECK(appendable("  - {a: 1}\n").rfind("u.yaml:1:3: error:", 0) == 0);
  CHECK(appendable("  - {a: 1}\n").find("not an indented list") != std::string::npos);
  CHECK(appendable("a: b\n").find("not a mapping") != std::string::npos);
  CHECK(appendable("just text\n").find("not a single value") != std::string::npos);
  CHECK(appendable("- {a: 1}\n...\n") ==
        "u.yaml:2:1: error: a document end marker '...' stands here, after which an appended "
        "entry would start a second YAML document; delete this line, then record again\n  ...\n  "
        "^\n");
  // A file the reader refuses is not appended to either, whatever its shape.
  CHECK(appendable("- {a: \"unterminated\n").find("YAML syntax error") != std::string::npos);
  CHECK(appendable(std::string("- {a: 1}\n\0\n", 11)).find("NUL bytes") != std::string::npos);
}

TEST_CASE("the outline parse checks the whole text but builds only the root") {
  Diagnostics diags;
  std::string deep = "- " + std::string(70, '[') + std::string(70, ']') + "\n";
  yaml::Document doc = yaml::parse_outline(deep, "x.yaml", diags);
  CHECK_FALSE(doc.ok);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "yaml-depth");
  diags.clear();
  doc = yaml::parse_outline("- {a: [1, 2]}\n- b\n", "x.yaml", diags);
  CHECK(doc.ok);
  CHECK(doc.root.is_sequence());
  CHECK(doc.root.items.empty());
  CHECK(doc.root.col == 1);
}

TEST_CASE("a raw control character is reported at its own line and column, not 1:1") {
  Diagnostics diags;
  yaml::parse("a: 1\nb: x\x07y\n", "c.yaml", diags);
  REQUIRE(diags.size() == 1);
  CHECK(format_diagnostic(diags[0], Lang::en, Sources{}) ==
        "c.yaml:2:5: error: YAML syntax error: control characters are not allowed (U+0007)\n");
  diags.clear();
  yaml::parse("- 名称\x01\n", "c.yaml", diags);  // columns count characters
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].where.line == 1);
  CHECK(diags[0].where.col == 5);
}

TEST_CASE("a progress file shows at most 50 errors and says how many more there were") {
  test::Fixture f(R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务
        units: [甲镇]
        deadline: 2024年底前
)",
                  test::kUnits);
  PlanIndex index(f.plan);
  std::string text;
  for (int i = 0; i < 180; ++i)
    text += "- {date: 2024-01-01, item: \"9" + std::to_string(i) + "\", status: done}\n";
  ProgressLoad p;
  load_progress_text(text, "甲镇.yaml", "甲镇", index, *parse_iso_date("2025-01-01"), p);
  CHECK(p.diags.size() == 51);
  CHECK(count(p.diags, Severity::error) == 180);
  sort_by_place(p.diags);
  CHECK(p.diags.back().code == kDiagnosticsNotShown);
  CHECK(format_diagnostic(p.diags.back(), Lang::en, Sources{}) ==
        "甲镇.yaml: error: 130 more errors and 0 more warnings not shown (at most 50 of each per "
        "file); fix those above, then run plan check again\n");
  CHECK(p.diags[49].where.line == 50);
}

TEST_CASE("quoting lines in file order reads each file once and stays right out of order") {
  Sources s;
  s.add("f", "one\ntwo\nthree\n");
  CHECK(s.line("f", 2) == "two");
  CHECK(s.line("f", 3) == "three");
  CHECK(s.line("f", 1) == "one");
  CHECK(s.line("f", 3) == "three");
  CHECK_FALSE(s.line("f", 9));
  CHECK(s.line("f", 2) == "two");
}

TEST_CASE("temporary names are unpredictable and never open what is already there") {
  TempDir t;
  std::string a, b;
  int fa = create_temp_beside(t / "x.yaml", 0600, a);
  int fb = create_temp_beside(t / "x.yaml", 0600, b);
  REQUIRE(fa >= 0);
  REQUIRE(fb >= 0);
  ::close(fa);
  ::close(fb);
  CHECK(a != b);
  CHECK(fs::path(a).filename().string().rfind(".x.yaml." + std::to_string(::getpid()) + ".", 0) ==
        0);
  CHECK(temp_file_pid(fs::path(a).filename().string()) == ::getpid());
  CHECK_FALSE(temp_file_pid(".x.yaml.123.tmp"));  // the old, predictable form
  CHECK_FALSE(temp_file_pid("x.yaml"));
  // A very long name still leaves room for the suffix within NAME_MAX.
  std::string c;
  int fc = create_temp_beside(
      t / (std::string(80, 'a') + std::string(60, 'x') +
           "很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很很.yaml"),
      0600, c);
  REQUIRE(fc >= 0);
  ::close(fc);
  CHECK(fs::path(c).filename().string().size() <= 255);
}

TEST_CASE("write_file_atomic keeps an existing file's mode and writes through a link") {
  TempDir t;
  put(t / "f", "old");
  ::chmod((t / "f").c_str(), 0640);
  REQUIRE_FALSE(write_file_atomic(t / "f", "new"));
  CHECK(get(t / "f") == "new");
  CHECK(mode_of(t / "f") == 0640);
  ::symlink("f", (t / "link").c_str());
  REQUIRE_FALSE(write_file_atomic(t / "link", "via link"));
  CHECK(fs::is_symlink(t / "link"));
  CHECK(get(t / "f") == "via link");
  CHECK(mode_of(t / "f") == 0640);
  ::symlink("nowhere", (t / "dangling").c_str());
  CHECK(write_file_atomic(t / "dangling", "x") == "@write-dangling-link");
  CHECK(write_file_atomic(t.path.string(), "x") == "@write-is-directory");
  ::mkfifo((t / "fifo").c_str(), 0600);
  CHECK(write_file_atomic(t / "fifo", "x") == "@write-is-special");  // only -o writes into one
  mode_t old = ::umask(027);
  REQUIRE_FALSE(write_file_atomic(t / "new", "x"));
  ::umask(old);
  CHECK(mode_of(t / "new") == 0640);
  for (const auto& de : fs::directory_iterator(t.path))
    CHECK(de.path().extension() != ".tmp");  // nothing left behind
}

TEST_CASE("write_output_file writes into a FIFO or device and refuses sockets") {
  TempDir t;
  ::mkfifo((t / "fifo").c_str(), 0600);
  // The reader: a child that opens the FIFO and keeps what it reads.
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::string got = get(t / "fifo");
    put(t / "got", got);
    std::_Exit(0);
  }
  CHECK_FALSE(write_output_file(t / "fifo", "through the pipe"));
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(get(t / "got") == "through the pipe");
  struct stat st {};
  REQUIRE(::lstat((t / "fifo").c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
  CHECK_FALSE(write_output_file("/dev/null", "nothing"));
  REQUIRE(::lstat("/dev/null", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::string sock = t / "sock";
  if (sock.size() < sizeof addr.sun_path) {
    std::copy(sock.begin(), sock.end(), addr.sun_path);
    REQUIRE(::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    CHECK(write_output_file(sock, "x") == "@write-is-special");
  }
  ::close(s);
}

TEST_CASE("read_regular_file refuses FIFOs, devices and (for progress files) links, bounded") {
  TempDir t;
  ::mkfifo((t / "fifo").c_str(), 0600);
  CHECK(read_regular_file(t / "fifo", 100, true).problem == ReadProblem::not_regular);
  CHECK(read_regular_file("/dev/zero", 100, true).problem == ReadProblem::not_regular);
  put(t / "f", "0123456789");
  ::symlink("f", (t / "link").c_str());
  CHECK(read_regular_file(t / "link", 100, false).problem == ReadProblem::symlink);
  CHECK(read_regular_file(t / "link", 100, true).text == "0123456789");
  RegularRead big = read_regular_file(t / "f", 9, true);
  CHECK(big.problem == ReadProblem::too_large);
  CHECK(big.size == 10);
  CHECK(read_regular_file(t / "none", 9, true).problem == ReadProblem::missing);
  // /proc files say they are empty; what is read is still bounded.
  RegularRead proc = read_regular_file("/proc/self/status", 16, true);
  CHECK(proc.problem == ReadProblem::too_large);
}

TEST_CASE("a unit whose progress file name would be too long is an error at its name") {
  test::Fixture f(
      R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务
        units: [甲镇]
        deadline: 2024年底前
)",
      "units:\n  - name: 甲镇\n    kind: township\n  - name: " + std::string(84 * 3, 'x') +
          "\n    kind: other\n  - name: " + std::string(250, 'y') + "\n    kind: other\n");
  Diagnostics diags;
  check_progress_file_names(f.plan, diags);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].code == "unit-name-too-long");
  CHECK(diags[0].where.line == 4);
  CHECK(diags[0].where.col == 11);
  CHECK(diags[0].args[2] == "257");
}
