#include "core/common/heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>

namespace plan {

std::optional<HugeHeap> set_up_heap(std::size_t pad) {
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 128 << 20);
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;  // x86-64's and arm64's huge page
  mallopt(M_TOP_PAD, static_cast<int>(pad));
  const auto begin = reinterpret_cast<std::uintptr_t>(sbrk(0));
  // A block larger than the heap's free top makes it grow, by the block and `pad`.
  void* block = std::malloc(mallinfo2().keepcost + 4096);
  const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
  std::free(block);
  const HugeHeap marked{(begin + kHuge - 1) & ~(kHuge - 1), end & ~(kHuge - 1)};
  if (!block || end <= begin || marked.to <= marked.from) return std::nullopt;
  if (madvise(reinterpret_cast<void*>(marked.from), marked.to - marked.from, MADV_HUGEPAGE) != 0)
    return std::nullopt;
  return marked;
}

}  // namespace plan
