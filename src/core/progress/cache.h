// The progress cache: what reading each progress file gave, kept between runs so that a report
// reads only what changed (docs/progress.md, "缓存 / The cache").
//
// One record per progress file holds the file's identity (device, inode, size, modification and
// change times), a hash of its bytes, and its entries as the reader decoded them, before
// corrections: in full, and the entries in force compact (what the ledger reads). Only files
// that read without any diagnostic are recorded. A record is trusted when
//   - its context matches (the plan files' bytes, the unit, the reading mode, the program), and
//     no entry in it is dated after today + 1 (the clock may have moved back), and
//   - the file's identity is unchanged and the file was last changed more than 2 s before the
//     record was begun (git's racy-clean rule), so the file is not read at all; or
//   - the file, read, starts with the recorded bytes (same hash) up to a line break, and
//     whatever follows is complete lines each starting "- {" (what plan record, amend, retract
//     and import append): only those lines are decoded, and if they give any diagnostic the
//     whole file is read as without the cache.
// Whatever was taken from the cache then goes through the same corrections and hand-out as a
// file read afresh. Records are written to a temporary file and renamed; failing to write one is
// not an error. The cache is only an optimisation: deleting it is always safe.
#pragma once
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/progress/decode.h"
#include "core/progress/progress.h"

namespace plan {

// The fixed part at the start of a record; then the entries in force, then all the entries.
struct CacheRecordHeader {
  static constexpr std::uint64_t kNoLines = ~std::uint64_t{0};
  std::uint64_t context[2] = {0, 0};  // ProgressCache::file_context
  // The progress file when it was read (lstat).
  std::uint64_t dev = 0, ino = 0, size = 0;
  std::int64_t mtime_ns = 0, ctime_ns = 0;
  std::int64_t written_ns = 0;      // the clock just before the file was looked at
  std::uint64_t hash[2] = {0, 0};   // XXH3-128 of the file's bytes [0, size)
  std::uint64_t lines = kNoLines;   // line feeds in those bytes; kNoLines: nothing may follow
  std::int64_t latest = INT64_MIN;  // the latest entry date, days since 1970-01-01
  std::uint64_t ignored = 0;        // StreamOptions::lenient's count for the file
  std::uint64_t entry_count = 0;    // entries as written (the full section)
  // Filled by encode_cache_record: each section's length and XXH3-64 (the header's own hash
  // covers these, so the whole record is checked section by section as it is read).
  std::uint64_t in_force_bytes = 0, in_force_hash = 0;
  std::uint64_t entries_bytes = 0, entries_hash = 0;
  std::uint64_t fold_bytes = 0, fold_hash = 0;
  std::uint64_t in_force_count = 0;  // entries in force (what a fold stands for)
  std::uint64_t folded = 0;          // 1: written with StreamOptions::fold (the fold section)
};
inline constexpr std::size_t kCacheRecordHeaderBytes = 200;

// A record: the header (its section fields filled in here), the section of the entries in
// force, in hand-out order (compact: what LedgerBuilder reads, the item as an index of `index`),
// the section of every entry as decoded, and the entries in force folded (StreamOptions::fold;
// empty when not made). The file name, unit and file number are not kept: they come from the
// reader.
std::string encode_in_force_section(const std::vector<ProgressEntry>& in_force,
                                    const PlanIndex& index);
std::string encode_entries_section(const std::vector<ProgressEntry>& entries);
std::string encode_cache_record(CacheRecordHeader header, std::string_view in_force_section,
                                std::string_view entries_section, std::string_view fold = {});
// The header of a record (its first kCacheRecordHeaderBytes), or nullopt when the magic, the
// format version or the header's hash is wrong.
std::optional<CacheRecordHeader> decode_cache_header(std::string_view bytes);
// The entries in force, from their section; notes point into `section`. False when the section
// does not match the header's hash or is malformed.
bool decode_cache_in_force(std::string_view section, const CacheRecordHeader& header,
                           std::vector<LedgerEntry>& out);
// Whether `section` is the record's fold (its length and hash): a fold is only ever handed on
// whole, to StreamOptions::fold_sink.
bool cache_fold_intact(std::string_view section, const CacheRecordHeader& header);
// Every entry, from its section, for `file` of `unit`, seq numbered with `file_number`.
bool decode_cache_entries(std::string_view section, const CacheRecordHeader& header,
                          const std::string& file, const std::string& unit, std::size_t file_number,
                          std::vector<ProgressEntry>& out);

class ProgressCache {
 public:
  // The cache of the plan in `plan_dir`: records under plan_dir/.cache/progress, or, when
  // `cache_dir` is not empty, under cache_dir/<hash of plan_dir's real path>/progress.
  // `plan_files` is the bytes of tasks.yaml and units.yaml (in that order, as read) and
  // `program` the program's identity: both are part of every record's context. When the
  // directory is there but is not a real directory (a link, a file), the cache is off.
  ProgressCache(const std::string& plan_dir, std::string_view tasks_text,
                std::string_view units_text, std::string_view program,
                const std::string& cache_dir = {});
  bool enabled() const { return enabled_; }

  // Reads one progress file of `unit` as stream_progress does (file number `k`), through the
  // cache, into `res` and `sink` (or options.ledger_sink), and refreshes its record.
  void stream_file(const std::string& file, const std::string& unit, std::size_t k,
                   const PlanIndex& index, const Date& today, const EntrySink& sink,
                   const StreamOptions& options, FileResult& res);

  // The context of one file's record: the plan, the unit, the reading mode, the program.
  void file_context(const std::string& unit, bool lenient, std::uint64_t out[2]) const;

  // The plan record (core/plan/plan_cache.h), .cache/plan.bin: its bytes, or nullopt when there
  // is none that can be read (not a regular file, larger than 256 MiB).
  std::optional<std::string> read_plan_record() const;
  void write_plan_record(const std::string& bytes);

 private:
  bool ensure_dirs();
  void write_record(const std::string& name, const std::string& bytes);
  void write_file(const std::string& target, const std::string& bytes);

  bool enabled_ = false;
  std::mutex dirs_mutex_;
  int dirs_state_ = 0;   // 0 not yet made, 1 made, -1 cannot be made
  bool in_plan_ = true;  // plan_dir/.cache (with its .gitignore), not a cache_dir
  std::string root_;     // .cache, or cache_dir/<hash>
  std::string records_;  // root_/progress
  std::uint64_t context_[2] = {0, 0};
};

}  // namespace plan
