// The small valid plan the fuzz targets pair their input with.
#pragma once
#include <fstream>
#include <sstream>
#include <string>

namespace plan::fuzz {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline const std::string kFixtureDir = PLAN_SOURCE_DIR "/tests/fixtures/other-county/plan";

}  // namespace plan::fuzz
