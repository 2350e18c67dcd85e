// Runs the `steer` binary under test (STEER_EXECUTABLE, set by CMake) and captures its exit
// code, stdout and stderr; shared by the CLI test files.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "tests/support/scratch_files.hpp"

namespace steer_test {

struct run_result {
  int status;
  std::string out;
  std::string err;
};

// One directory per test process: ctest runs the tests of a file in parallel.
inline std::filesystem::path scratch() {
  const auto dir = std::filesystem::temp_directory_path() / ("steer_cli_test_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

// scratch()/name, removed if it exists (a run's --out, made fresh for each test).
inline std::filesystem::path fresh_scratch(const std::string& name) {
  const auto dir = scratch() / name;
  std::filesystem::remove_all(dir);
  return dir;
}

// `program` (default: the steer under test) with `arguments`, as a shell command line.
inline run_result run(const std::string& arguments, const std::string& program = STEER_EXECUTABLE) {
  const auto err_file = scratch() / "stderr.txt";
  const std::string command = program + " " + arguments + " 2>" + err_file.string();
  FILE* pipe = popen(command.c_str(), "r");
  std::string out;
  std::array<char, 4096> buffer{};
  while (fgets(buffer.data(), buffer.size(), pipe)) out += buffer.data();
  const int status = pclose(pipe);
  std::ifstream in(err_file);
  std::string err((std::istreambuf_iterator<char>(in)), {});
  return {WEXITSTATUS(status), out, err};
}

}  // namespace steer_test
