// How the process's heap is set up before any work: memory the kernel may back with huge pages.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>

namespace plan {

struct HugeHeap {
  std::uintptr_t from = 0, to = 0;  // the part of the heap marked, in whole huge pages
};

// Sets up the heap for the work to come; called first in main.
// - Progress files are read one after another, each into vectors of a few hundred kilobytes:
//   those are kept in the heap, not mapped and unmapped (and their pages faulted in) for every
//   file. Peak memory is still bounded by the largest file per thread (docs/benchmarks.md).
// - The kernel may back the heap with transparent huge pages where it does so only when asked
//   ("madvise" mode, as on this project's Debian machines): what glibc's glibc.malloc.hugetlb=1
//   tunable does, from inside the program. The heap grows once now by `pad` bytes (and each
//   later growth is padded as much), and that part is marked with madvise(MADV_HUGEPAGE).
//   Memory is touched as before: a huge page is taken only where the heap is used, the rest
//   stays untouched address space. A city's or a province's plan and reports take tens of
//   megabytes: thousands of page faults, each costly on a virtual machine, become a few dozen.
// Returns the part marked, or nullopt when nothing was: no huge pages in this kernel, an
// allocator that is not glibc's (the sanitizers'), or a heap that did not grow.
std::optional<HugeHeap> set_up_heap(std::size_t pad = std::size_t{64} << 20);

}  // namespace plan
