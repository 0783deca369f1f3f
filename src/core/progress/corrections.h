// Corrections and retractions: which of a unit's entries are in force.
//
// Entries are never edited. `plan amend` appends an entry that names the one it replaces
// (`amends: ID`) and `plan retract` one that withdraws it (`retracts: ID`), both in the same
// unit's file. An entry and the corrections that follow from it form a chain; the chain's
// latest correction that has not itself been retracted is in force, and retracting the first
// entry of a chain withdraws the whole chain.
#pragma once
#include <string>
#include <vector>

#include "core/common/diag.h"
#include "core/progress/progress.h"

namespace plan {

// EntryFate, the result, is declared in core/progress/progress.h.

// The fate of each of one unit's entries (as written, any order). Problems go to `diags`:
// a correction naming an id the file does not have (error), a correction of a retraction
// (error), two corrections of one entry both standing (warning, the later recorded wins), two
// different entries sharing an id (warning), and entries in force on the same item and day that
// disagree and were not recorded by one person in a known order (warning, naming the winner).
std::vector<EntryFate> resolve_unit_entries(const std::vector<ProgressEntry>& entries,
                                            Diagnostics& diags);

// The entries in force, in effective_before() order: what the ledger reads. Orphaned entries
// are among them: they still show that the unit reported, but change no assignment.
std::vector<ProgressEntry> entries_in_force(std::vector<ProgressEntry> entries,
                                            const std::vector<EntryFate>& fates);
// The same as positions in `entries`, in effective_before() order (stable).
std::vector<std::size_t> in_force_order(const std::vector<ProgressEntry>& entries,
                                        const std::vector<EntryFate>& fates);
// The entries at `order`'s positions (each at most once), in that order.
std::vector<ProgressEntry> take_in_order(std::vector<ProgressEntry> entries,
                                         const std::vector<std::size_t>& order);

}  // namespace plan
