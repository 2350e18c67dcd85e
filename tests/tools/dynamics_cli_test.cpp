// `steer dynamics` and `steer bench dynamics` (issue 9; `steer thresholds`: thresholds_cli_test.cpp):
// JSON contracts, identical results for 1 and 2 threads, bad input (one line, exit 2).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/cli_checks.hpp"

using steer_test::expect_bad_input;
using steer_test::run_json;
using steer_test::scratch;

TEST(DynamicsCli, StatisticsThreadsAndCouplingsFile) {
  const std::string args = "dynamics --n 120 --self-coupling 0.6 --restarts 6 --json --threads ";
  auto one = run_json(args + "1");
  auto two = run_json(args + "2");
  EXPECT_EQ(one["converged"], 6);  // J_D = 0.6 freezes at N = 120
  EXPECT_GT(one["mean_smallest_margin"].get<double>(), 0.0);
  one.erase("mean_seconds");
  two.erase("mean_seconds");
  EXPECT_EQ(one.dump(), two.dump());
  // A hand-built 2-cycle from a file: synchronous dynamics finds period 2 or a fixed point.
  const auto dir = scratch() / "dynamics";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "cycle.txt") << "0 1\n1 0\n";
  const auto sync = run_json("dynamics --couplings " + (dir / "cycle.txt").string() +
                             " --schedule sync --restarts 20 --json --out " + (dir / "run").string());
  EXPECT_EQ(sync["n"], 2);
  const int cycles = sync["cycle_lengths"].value("2", 0);
  EXPECT_EQ(cycles + sync["converged"].get<int>(), 20);  // (+,+), (−,−) are fixed; (+,−), (−,+) a 2-cycle
  EXPECT_GT(cycles, 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "run" / "dynamics.csv"));
}

TEST(DynamicsCli, BenchReportsARatioAndTheSameTrajectory) {
  const auto j = run_json("bench dynamics --sizes 300 --min-seconds 0.05 --json");
  EXPECT_TRUE(j["same_trajectory"].get<bool>());
  EXPECT_GT(j["speedup"].get<double>(), 1.0);
  EXPECT_GT(j["coupling_bytes_per_second"].get<double>(), 0.0);
  // The roofline is measured, and the fraction is the quotient of the two reported rates.
  const double roofline = j["column_read_bytes_per_second"].get<double>();
  EXPECT_GT(roofline, 0.0);
  EXPECT_NEAR(j["bandwidth_fraction"].get<double>(), j["coupling_bytes_per_second"].get<double>() / roofline, 1e-12);
}

TEST(DynamicsCli, BadInputIsOneLineAndExitCode2) {
  expect_bad_input("dynamics --schedule random", "--schedule");
  expect_bad_input("dynamics --n 1", "--n");
  expect_bad_input("dynamics --restarts 0", "--restarts");
  expect_bad_input("dynamics --couplings /nonexistent/j.txt", "/nonexistent/j.txt");
  expect_bad_input("dynamics --couplings x.txt --n 5", "excludes");
  expect_bad_input("thresholds --algorithm nope", "unknown algorithm");
  expect_bad_input("thresholds --self-couplings 1,0.5", "--self-couplings must be strictly increasing");
  expect_bad_input("thresholds --n 100,x", "--n");
  expect_bad_input("thresholds --max-sweeps 0", "--max-sweeps");
  expect_bad_input("bench dynamics --sizes 5", "--sizes");
}
