// For tests of file readers: a scratch file per test process, and the message of the
// std::invalid_argument a call throws.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace steer_test {

// <tmp>/<prefix>_<pid>/<name>: ctest runs the tests of a file in parallel processes.
inline std::filesystem::path scratch_file(const std::string& prefix, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / (prefix + "_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir / name;
}

// The what() of the std::invalid_argument `f` throws, or "no error".
template <class F>
std::string invalid_argument_message(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace steer_test
