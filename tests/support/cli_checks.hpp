// Checks shared by the CLI test files: run `steer` and parse its JSON, the bad-input contract
// (exit code 2, one printable line "steer: error: …" naming the problem, nothing on stdout), and
// the comparison of two runs' output files.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/steer_process.hpp"

namespace steer_test {

inline nlohmann::json run_json(const std::string& arguments) {
  const auto r = run(arguments);
  EXPECT_EQ(r.status, 0) << arguments << "\n" << r.err;
  return nlohmann::json::parse(r.out);
}

// Exit code 2 and exactly one short line on stderr that contains `needle`, made only of
// printable characters: no control byte, no byte-order mark, nothing but the final newline.
inline void expect_bad_input(const std::string& arguments, const std::string& needle) {
  const auto r = run(arguments);
  EXPECT_EQ(r.status, 2) << arguments << "\n" << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << arguments << "\n" << r.err;
  EXPECT_TRUE(r.err.starts_with("steer: error: ")) << arguments << "\nstderr: " << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos) << arguments << "\nstderr: " << r.err;
  EXPECT_LE(r.err.size(), 300u) << arguments << "\nstderr: " << r.err;
  const std::string line = r.err.substr(0, r.err.find('\n'));
  EXPECT_TRUE(std::none_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
      << arguments << "\nstderr: " << r.err;
  EXPECT_EQ(line.find("\xEF\xBB\xBF"), std::string::npos) << arguments;
  EXPECT_TRUE(r.out.empty()) << arguments;
}

// Two runs' output directories hold the same `files`: CSV and other text byte for byte, JSON
// sidecars in their "results" (their "metadata" — finish time, wall time, threads — may differ).
inline void expect_same_output_files(const std::filesystem::path& expected, const std::filesystem::path& actual,
                                     const std::vector<std::string>& files) {
  for (const auto& file : files) {
    SCOPED_TRACE(file);
    const std::string a = read_text(expected / file), b = read_text(actual / file);
    ASSERT_FALSE(a.empty());
    if (file.ends_with(".json")) {
      EXPECT_EQ(nlohmann::json::parse(a)["results"].dump(), nlohmann::json::parse(b)["results"].dump());
    } else {
      EXPECT_EQ(a, b);
    }
  }
}

}  // namespace steer_test
