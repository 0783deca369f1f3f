#include "core/common/heap.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>

using namespace plan;

namespace {

// Whether the address range [from, to) lies within mappings /proc/self/smaps marks "hg"
// (MADV_HUGEPAGE), every byte of it.
[[maybe_unused]] bool marked_for_huge_pages(std::uintptr_t from, std::uintptr_t to) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  std::uintptr_t lo = 0, hi = 0, covered = 0;
  while (std::getline(smaps, line)) {
    if (line.find('-') != std::string::npos && line.find(' ') > line.find('-') &&
        std::isxdigit(static_cast<unsigned char>(line[0]))) {
      lo = std::stoull(line.substr(0, line.find('-')), nullptr, 16);
      hi = std::stoull(line.substr(line.find('-') + 1, line.find(' ') - line.find('-') - 1),
                       nullptr, 16);
    } else if (line.starts_with("VmFlags:") && (line + " ").find(" hg ") != std::string::npos) {
      const std::uintptr_t a = std::max(lo, from), b = std::min(hi, to);
      if (a < b) covered += b - a;
    }
  }
  return covered == to - from;
}

}  // namespace

TEST_CASE("the heap is marked for huge pages, where the kernel has them") {
  // plan's main sets up the heap first of all: what it marks is where the heap grew, and the
  // kernel says so in the mapping's flags. Under the sanitizers the heap is theirs: nothing.
  constexpr std::size_t kPad = std::size_t{8} << 20;
  const auto marked = set_up_heap(kPad);
#if defined(__SANITIZE_ADDRESS__)
  CHECK_FALSE(marked);
#else
  if (!marked) {
    // Only a kernel without transparent huge pages leaves nothing marked.
    CHECK_FALSE(std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled"));
    MESSAGE("this kernel has no transparent huge pages: nothing to mark");
    return;
  }
  CHECK(marked->from % (std::uintptr_t{2} << 20) == 0);
  CHECK(marked->to % (std::uintptr_t{2} << 20) == 0);
  // The pad, less what rounding to whole huge pages takes off at each end.
  CHECK(marked->to - marked->from >= kPad - (std::uintptr_t{4} << 20));
  if (!std::filesystem::exists("/proc/self/smaps")) {
    MESSAGE("no /proc here: the kernel's flags cannot be read");
    return;
  }
  CHECK(marked_for_huge_pages(marked->from, marked->to));
#endif
}
