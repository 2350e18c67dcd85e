// `steer dynamics`, `steer thresholds` and `steer bench dynamics` (issue 9): JSON contracts,
// identical results for 1 and 2 threads, resume through --out, bad input (one line, exit 2).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
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

// A step-like curve (0 % at J_D = 0, 100 % at 1): every bootstrap replicate interpolates the same
// midpoint, so the error must come from the grid step (1/√12), not the bootstrap's ~1e−16; and the
// drift fit over two such sizes must be finite.
TEST(ThresholdsCli, StepCurveErrorIsTheGridResolution) {
  const auto one = run_json("thresholds --n 100 --self-couplings 0,1 --networks 20 --bootstrap 40 --json --threads 1");
  EXPECT_DOUBLE_EQ(one["threshold"].get<double>(), 0.5);
  EXPECT_NEAR(one["threshold_error"].get<double>(), 1.0 / std::sqrt(12.0), 1e-12);
  const auto two = run_json("thresholds --n 50,100 --self-couplings 0,1 --networks 20 --bootstrap 40 --json --threads 1");
  EXPECT_EQ(two["extrapolation"]["method"], "drift fit");
  EXPECT_TRUE(two["extrapolation"]["estimate"].is_number()) << two["extrapolation"].dump();
  EXPECT_TRUE(two["extrapolation"]["estimate_error"].is_number()) << two["extrapolation"].dump();
}

TEST(ThresholdsCli, JsonContractResumeAndThreads) {
  const auto dir = scratch() / "thresholds";
  std::filesystem::remove_all(dir);
  const std::string args = "thresholds --algorithm async --n 60 --self-couplings 0:1:6 --networks 8 --bootstrap 40 --json "
                           "--out " + dir.string() + " --threads ";
  const auto first = run_json(args + "1");
  for (const char* key : {"algorithm", "n", "threshold", "threshold_error", "max_sweeps", "curve", "verdict"})
    EXPECT_TRUE(first.contains(key)) << key;
  EXPECT_EQ(first["max_sweeps"], 1000);
  EXPECT_EQ(first["curve"]["self_coupling"].size(), 6u);
  EXPECT_EQ(first["curve"]["success"].size(), 6u);
  EXPECT_EQ(first["curve"]["networks"][0], 8);
  EXPECT_EQ(first["resumed_points"], 0);
  auto again = run_json(args + "2");
  EXPECT_EQ(again["resumed_points"], 6);
  again["resumed_points"] = 0;
  EXPECT_EQ(first.dump(), again.dump());
  const auto fresh = run_json("thresholds --n 60 --self-couplings 0:1:6 --networks 8 --bootstrap 40 --json --threads 2");
  EXPECT_EQ(fresh["curve"], first["curve"]);
  EXPECT_EQ(fresh["threshold_error"], first["threshold_error"]);
  EXPECT_TRUE(std::filesystem::exists(dir / "thresholds_curve.csv"));
}

TEST(ThresholdsCli, SeveralSizesGiveAnExtrapolationAndLocalDensity) {
  const auto j = run_json("thresholds --n 40,80 --self-couplings 0:1.2:7 --networks 6 --bootstrap 20 --local-density "
                          "--radius 1 --json");
  ASSERT_EQ(j["per_n"].size(), 2u);
  EXPECT_EQ(j["per_n"][1]["n"], 80);
  EXPECT_TRUE(j["extrapolation"].contains("method"));
  EXPECT_EQ(j["extrapolation"]["crossings"].size(), 1u);
  EXPECT_EQ(j["per_n"][0]["local_density"]["typical_at_distance"].size(), 7u);
}

TEST(DynamicsCli, BenchReportsARatioAndTheSameTrajectory) {
  const auto j = run_json("bench dynamics --sizes 300 --min-seconds 0.05 --json");
  EXPECT_TRUE(j["same_trajectory"].get<bool>());
  EXPECT_GT(j["speedup"].get<double>(), 1.0);
  EXPECT_GT(j["coupling_bytes_per_second"].get<double>(), 0.0);
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
