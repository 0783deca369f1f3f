// Fixed-size numbers as raw bytes in the machine's byte order, for the binary records of the
// caches (core/plan/plan_cache, core/progress/cache, the ledger's fold). A record from another
// byte order fails its format check and is not used.
#pragma once
#include <cstring>
#include <string>
#include <string_view>

namespace plan::bytes {

// Appends `v` to `out`.
template <typename T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

// The value at `offset`; the caller has checked that sizeof(T) bytes are there.
template <typename T>
T at(std::string_view in, std::size_t offset) {
  T v;
  std::memcpy(&v, in.data() + offset, sizeof(T));
  return v;
}

}  // namespace plan::bytes
