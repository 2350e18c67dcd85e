// For tests that write and read files without running the steer binary: a file's bytes and a
// fresh scratch directory (tests/support/steer_process.hpp adds the binary-running helpers).
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace steer_test {

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

// <tmp>/<prefix>_<name>, removed if it exists: a run's output directory, fresh for each test.
inline std::filesystem::path fresh_directory(const std::string& prefix, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / (prefix + "_" + name);
  std::filesystem::remove_all(dir);
  return dir;
}

}  // namespace steer_test
