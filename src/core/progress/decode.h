// The two halves of reading one progress file, shared by the reader (core/progress/progress.cpp)
// and its cache (core/progress/cache.h): decoding text into the entries as written, then
// resolving corrections and handing the entries out.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/files.h"
#include "core/progress/progress.h"

namespace plan {

// How progress files are read: at most 1 GiB, no symbolic link followed.
ReadLimits progress_read_limits();

// One file's diagnostics, kept up to kMaxDiagnosticsPerFile per severity and counted beyond.
struct FileTally {
  std::size_t shown[2] = {0, 0}, hidden[2] = {0, 0}, errors = 0;
  // Moves `local` into `diags` up to the limit, counting the rest; `local` is left empty.
  void keep(Diagnostics& local, Diagnostics& diags);
  bool any() const { return shown[0] + shown[1] + hidden[0] + hidden[1] > 0; }
};

struct DecodedText {
  // The valid entries, in file order. Their `where.file` and `unit` are left empty:
  // hand_out_progress fills them in (one file and unit name per file, not a copy per entry).
  std::vector<ProgressEntry> entries;
  // The top level is a block list in column 1, or nothing, and there is no end marker (...):
  // complete "- {…}" lines appended to the text continue its list.
  bool appendable = false;
  // False when the text is not UTF-8 or holds a zero byte: `diags` has check_text's error and
  // nothing was decoded (only when decode_progress_text was told the text is unchecked).
  bool text_ok = true;
};

// The first half: every entry of `text` checked against the plan and `today`, before
// corrections. Entries get seq (file_number << 32) | their position among the valid entries.
// With `text_checked` false, the text has not been through check_text: the lines the fast path
// reads are valid UTF-8 without a zero byte by construction, every other line is checked before
// libyaml sees it, and a text that fails gives exactly check_text's error (text_ok false).
DecodedText decode_progress_text(std::string_view text, const std::string& file,
                                 const std::string& unit, const PlanIndex& index, const Date& today,
                                 std::size_t file_number, const StreamOptions& options,
                                 Diagnostics& diags, FileTally& tally, bool text_checked = true);

// A run of lines the fast path does not read, from a file whose other lines it reads (`part`:
// whole lines, from the start of one to the end of another), read as decode_progress_text reads
// such a run (through libyaml, on its own). True, with its entries appended to `out` in file
// order, only when that reading says nothing about it: no diagnostic of any kind, valid text, and
// a run that reads on its own as within the file (else the file is read whole with libyaml).
bool read_clean_run(std::string_view part, const std::string& unit, const PlanIndex& index,
                    const Date& today, const StreamOptions& options,
                    std::vector<ProgressEntry>& out);

// The second half: corrections resolved, the per-file diagnostic limit applied, and the
// entries handed out as options ask (see StreamOptions): with resolve and a ledger_sink, the
// entries in force go to it compact (items as positions in `index`), else to `sink` one by one.
// `on_in_force`, when set, also sees the entries in force, in order (resolve only). False when the
// file has errors and options.skip_broken_files kept its entries back.
bool hand_out_progress(
    std::vector<ProgressEntry> entries, const std::string& file, const std::string& unit,
    const PlanIndex& index, Diagnostics& diags, FileTally& tally, const EntrySink& sink,
    const StreamOptions& options, std::size_t* ignored,
    const std::function<void(const std::vector<ProgressEntry>&)>& on_in_force = {});

// The compact form (what LedgerBuilder reads) of the entries at `order`'s positions, in that
// order; notes point into `entries`.
void to_ledger_entries(const std::vector<ProgressEntry>& entries,
                       const std::vector<std::size_t>& order, const PlanIndex& index,
                       std::vector<LedgerEntry>& out);

// The position of the entry's item in `index` (its item_index when that is still right), or -1.
std::int32_t item_position(const ProgressEntry& e, const PlanIndex& index);

// `options` with a ledger_sink that also adds the number of entries it is handed to `count`
// (entries handed to `sink` are counted by the caller's sink).
StreamOptions counting_ledger_sink(const StreamOptions& options, std::size_t& count);

// What the id of an entry written without one is made of (derived_entry_id), as views.
struct IdContent {
  std::string_view date;  // as iso() writes it
  std::string_view item, note, by, recorded, amends, retracts, reason;
  State status;
  bool retraction;
};
// The hash whose first digits are derived_entry_id: of `c` and the evidence, in order.
std::uint64_t derived_id_hash(const IdContent& c, const std::string_view* evidence,
                              std::size_t evidence_count);
// A derived id has this many hex digits; write_hex_id writes them for a hash.
inline constexpr int kDerivedIdDigits = 10;
void write_hex_id(std::uint64_t h, char* out);
// A well-formed entry id: 6 to 16 lowercase hex digits.
bool is_hex_id(std::string_view s);

// What reading one file gave: its problems and quoted text are kept apart, then joined in file
// order.
struct FileResult {
  Diagnostics diags;
  Sources sources;
  std::size_t entries = 0;
  std::size_t ignored = 0;
  bool skipped = false;
};

}  // namespace plan
