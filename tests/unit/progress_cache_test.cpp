#include <doctest/doctest.h>

#include "core/ledger/ledger.h"
#include "core/progress/cache.h"
#include "core/progress/corrections.h"
#include "helpers.h"

using namespace plan;
using plan::test::Fixture;
using plan::test::kUnits;

namespace {

const char* kTasks = R"(sections:
  - id: 一
    title: 部分
    tasks:
      - id: 1
        title: 任务一
        units: [各乡镇]
        deadline: 2024年6月底前
        measures:
          - id: (1)
            text: 措施一
          - id: (2)
            text: 措施二
            units: [甲镇]
            deadline: 2024年3月底前
)";

// Every kind of field: a note with a line break and a quote, evidence, by, a recorded stamp, a
// correction and a retraction, and an entry on the task (it covers both measures).
const char* kLines =
    "# 甲镇\n"
    "- {date: 2024-01-05, item: \"(1)\", status: 进行中, note: \"开始\\n第二行 \\\"引号\\\"\","
    " evidence: [\"文件一\", \"https://example.org/x\"], by: 张三,"
    " recorded: 2024-01-06T10:00:00+08:00, id: \"aaaaaa0001\"}\n"
    "- date: 2024-02-01\n"
    "  item: \"1\"\n"
    "  status: 已完成\n"
    "- {date: 2024-02-03, item: \"(2)\", status: 受阻, note: 等待}\n"
    "- {date: 2024-02-04, amends: \"aaaaaa0001\", item: \"(1)\", status: 已完成, reason: 更正,"
    " recorded: 2024-02-04T09:00:00+08:00}\n"
    "- {date: 2024-02-05, retracts: \"aaaaaa0001\", reason: 撤回}\n";

Date d(const char* s) {
  return *parse_iso_date(s);
}

struct Decoded {
  Fixture f{kTasks, kUnits};
  PlanIndex index{f.plan};
  std::vector<ProgressEntry> entries;   // as written
  std::vector<ProgressEntry> in_force;  // after corrections
  Decoded() {
    REQUIRE_FALSE(has_errors(f.diags));
    StreamOptions raw;
    raw.resolve = false;
    Diagnostics diags;
    stream_progress_text(
        kLines, "p/甲镇.yaml", "甲镇", index, d("2025-01-01"), diags,
        [&](ProgressEntry&& e) { entries.push_back(std::move(e)); }, 3, raw);
    REQUIRE(diags.empty());
    REQUIRE(entries.size() == 5);
    Diagnostics ignored;
    in_force = entries_in_force(entries, resolve_unit_entries(entries, ignored));
  }
  // The entries in force folded, as a report's record keeps them.
  std::string fold() const {
    std::vector<LedgerEntry> compact;
    for (const auto& e : in_force) compact.push_back(ledger_entry(e, index));
    return LedgerBuilder::fold(index, "甲镇", compact.data(), compact.size());
  }
  std::string record() const {
    CacheRecordHeader h;
    h.size = 1234;
    h.lines = 7;
    h.latest = 19999;
    h.folded = 1;
    return encode_cache_record(h, encode_in_force_section(in_force, index),
                               encode_entries_section(entries), fold());
  }
};

bool same(const ProgressEntry& a, const ProgressEntry& b) {
  return a.date == b.date && a.item == b.item && a.unit == b.unit && a.status == b.status &&
         a.note == b.note && a.evidence == b.evidence && a.by == b.by && a.recorded == b.recorded &&
         a.recorded_on == b.recorded_on && a.id == b.id && a.amends == b.amends &&
         a.retracts == b.retracts && a.reason == b.reason && a.orphaned == b.orphaned &&
         a.where.file == b.where.file && a.where.line == b.where.line &&
         a.where.col == b.where.col && a.seq == b.seq;
}

// Whether the whole record reads back: header, entries in force, every entry and the fold.
bool reads_back(std::string_view r, std::vector<LedgerEntry>* in_force = nullptr,
                std::vector<ProgressEntry>* entries = nullptr, std::string* fold = nullptr) {
  auto h = decode_cache_header(r);
  if (!h ||
      r.size() != kCacheRecordHeaderBytes + h->in_force_bytes + h->entries_bytes + h->fold_bytes)
    return false;
  std::vector<LedgerEntry> a;
  std::vector<ProgressEntry> b;
  const std::string_view c =
      r.substr(kCacheRecordHeaderBytes + h->in_force_bytes + h->entries_bytes, h->fold_bytes);
  const bool ok =
      decode_cache_in_force(r.substr(kCacheRecordHeaderBytes, h->in_force_bytes), *h, a) &&
      decode_cache_entries(r.substr(kCacheRecordHeaderBytes + h->in_force_bytes, h->entries_bytes),
                           *h, "p/甲镇.yaml", "甲镇", 3, b) &&
      cache_fold_intact(c, *h);
  if (in_force) *in_force = std::move(a);
  if (entries) *entries = std::move(b);
  if (fold) *fold = std::string(c);
  return ok;
}

}  // namespace

TEST_CASE("cache record: every entry and every entry in force read back as written") {
  Decoded x;
  const std::string r = x.record();
  auto h = decode_cache_header(r);
  REQUIRE(h);
  CHECK(h->size == 1234);
  CHECK(h->lines == 7);
  CHECK(h->latest == 19999);
  CHECK(h->entry_count == 5);
  CHECK(h->in_force_count == x.in_force.size());
  CHECK(h->folded == 1);
  std::vector<LedgerEntry> in_force;
  std::vector<ProgressEntry> entries;
  std::string fold;
  REQUIRE(reads_back(r, &in_force, &entries, &fold));
  CHECK(fold == x.fold());
  REQUIRE(entries.size() == x.entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) CHECK(same(entries[i], x.entries[i]));
  CHECK(entries[0].note == "开始\n第二行 \"引号\"");
  CHECK(entries[0].evidence == std::vector<std::string>{"文件一", "https://example.org/x"});
  CHECK(entries[4].is_retraction());

  REQUIRE(in_force.size() == x.in_force.size());
  for (std::size_t i = 0; i < in_force.size(); ++i) {
    const ProgressEntry& e = x.in_force[i];
    CHECK(in_force[i].date == e.date);
    CHECK(in_force[i].reported_on == e.reported_on());
    CHECK(in_force[i].status == e.status);
    CHECK(in_force[i].note == e.note);
    CHECK(in_force[i].orphaned == e.orphaned);
    CHECK(in_force[i].retraction == e.is_retraction());
    CHECK(in_force[i].item == static_cast<std::int32_t>(*x.index.find_item(e.item)));
  }
}

TEST_CASE("cache record: any changed byte, and any cut, is refused") {
  Decoded x;
  const std::string r = x.record();
  REQUIRE(reads_back(r));
  for (std::size_t i = 0; i < r.size(); ++i) {
    for (unsigned char flip : {0x01, 0x80, 0xFF}) {
      std::string bad = r;
      bad[i] = static_cast<char>(bad[i] ^ flip);
      INFO("byte " << i << " ^ " << int(flip));
      CHECK_FALSE(reads_back(bad));
    }
  }
  for (std::size_t n = 0; n < r.size(); ++n) {
    INFO("cut at " << n);
    CHECK_FALSE(reads_back(std::string_view(r).substr(0, n)));
  }
  CHECK_FALSE(reads_back(r + "x"));
}

TEST_CASE("cache record: another format version or magic is not read") {
  Decoded x;
  std::string r = x.record();
  std::string other_version = r;
  other_version[8] = static_cast<char>(other_version[8] + 1);
  CHECK_FALSE(decode_cache_header(other_version));
  std::string other_magic = r;
  other_magic[0] = 'P';
  CHECK_FALSE(decode_cache_header(other_magic));
  CHECK_FALSE(decode_cache_header(""));
}

TEST_CASE("ledger: compact entries in force, and their fold, give the ledger the entries give") {
  Decoded x;
  std::vector<LedgerEntry> in_force;
  std::string fold;
  const std::string record = x.record();  // the compact entries' notes point into it
  REQUIRE(reads_back(record, &in_force, nullptr, &fold));
  for (const char* as_of : {"2023-12-31", "2024-01-31", "2024-02-03", "2024-12-31"}) {
    LedgerBuilder full(x.index, d(as_of)), compact(x.index, d(as_of)), kept(x.index, d(as_of)),
        folded(x.index, d(as_of));
    for (const auto& e : x.in_force) full.add(e);
    compact.add("甲镇", in_force.data(), in_force.size(), false);
    kept.add("甲镇", in_force.data(), in_force.size(), true);
    REQUIRE(folded.add_fold("甲镇", fold));
    const Ledger a = full.finish(), b = compact.finish(), c = kept.finish(), f = folded.finish();
    REQUIRE(a.rows.size() == b.rows.size());
    REQUIRE(a.rows.size() == f.rows.size());
    CHECK(a.last_entry == f.last_entry);
    CHECK(a.report_months == f.report_months);
    for (std::size_t i = 0; i < a.rows.size(); ++i) {
      INFO(as_of << " row " << i);
      for (const Ledger* l : {&b, &c, &f}) {
        CHECK(a.rows[i].state == l->rows[i].state);
        CHECK(a.rows[i].note == l->rows[i].note);
        CHECK(a.rows[i].done_on == l->rows[i].done_on);
        CHECK(a.rows[i].last_date == l->rows[i].last_date);
      }
    }
    CHECK(a.last_entry == b.last_entry);
    CHECK(a.report_months == b.report_months);
  }
}
