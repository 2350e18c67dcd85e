// `steer local-density` and `steer bench local-density` (issue 8 item 6): JSON contract, resume
// through --out, thread-count independence, bad input (one line, exit 2).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "tests/support/cli_checks.hpp"

using steer_test::expect_bad_input;
using steer_test::run_json;
using steer_test::scratch;

TEST(LocalDensityCli, JsonKeysResumeAndThreads) {
  const auto dir = scratch() / "local_density";
  std::filesystem::remove_all(dir);
  const std::string args = "local-density --n 80 --self-coupling 1 --networks 3 --starts 4 --radius 2 --json --out " +
                           dir.string() + " --threads ";
  const auto first = run_json(args + "1");
  EXPECT_EQ(first["converged_fraction"], 1.0);  // J_D = 1 freezes quickly at N = 80
  EXPECT_EQ(first["mean_fixed_points_in_ball"].size(), 2u);
  EXPECT_EQ(first["typical_theory_in_ball"].size(), 2u);
  EXPECT_EQ(first["resumed_networks"], 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "local_density.csv"));
  auto again = run_json(args + "2");
  EXPECT_EQ(again["resumed_networks"], 3);
  again["resumed_networks"] = 0;
  EXPECT_EQ(first.dump(), again.dump());
  const auto fresh = run_json("local-density --n 80 --self-coupling 1 --networks 3 --starts 4 --radius 2 --json --threads 2");
  EXPECT_EQ(fresh["mean_fixed_points_in_ball"], first["mean_fixed_points_in_ball"]);
  const auto several = run_json("local-density --n 40 --self-couplings 0.5,1 --networks 2 --starts 2 --radius 1 --json");
  EXPECT_EQ(several["points"].size(), 2u);
}

TEST(LocalDensityCli, BenchReportsARatioToTheNaiveCheck) {
  const auto j = run_json("bench local-density --n 200 --radius 2 --min-seconds 0.05 --json");
  EXPECT_EQ(j["ball_states"], 200 + 200 * 199 / 2);
  EXPECT_TRUE(j["distance_1_counts_agree"].get<bool>());
  EXPECT_GT(j["speedup"].get<double>(), 1.0);
}

TEST(LocalDensityCli, BadInputIsOneLineAndExitCode2) {
  expect_bad_input("local-density --radius 4", "--radius");
  expect_bad_input("local-density --n 1", "--n");
  expect_bad_input("local-density --self-couplings 0.5,x", "--self-couplings");
  expect_bad_input("local-density --self-coupling 1 --self-couplings 1,2", "excludes");
  expect_bad_input("local-density --starts 0", "--starts");
  expect_bad_input("bench local-density --n 50 --self-coupling -3 --min-seconds 0.01", "no fixed point reached");
}
