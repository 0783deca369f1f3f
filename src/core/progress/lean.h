// The lean reading of a progress file for the reports: a file that holds the lines plan record
// writes (and blank lines, comments, and runs of other lines that libyaml reads on their own
// without a word, as the full reading reads them), none of which has a problem, corrects or
// withdraws anything, repeats an id or gives one item two entries on one day, is read straight
// into the compact entries the ledger takes (LedgerEntry), without a ProgressEntry per line
// (only for the entries of those runs).
// Any other file is left to the full reading (decode_progress_text, hand_out_progress), which
// then does everything as before: so the lean reading never changes a result or a message, it
// only comes to the common result sooner.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

#include "core/progress/progress.h"

namespace plan {

// Whether `options` ask for what the lean reading gives: entries in force to a ledger_sink, from
// a plan of this revision (not lenient), without looking for evidence files.
bool lean_applies(const StreamOptions& options);

// Reads `text` (the unit's whole file) the lean way and hands its entries in force to
// options.ledger_sink, in effective order. False, having handed out nothing, when the file is
// not one the lean reading takes: the caller reads it the full way.
bool lean_hand_out(std::string_view text, const std::string& unit, const PlanIndex& index,
                   const Date& today, const StreamOptions& options);

}  // namespace plan
