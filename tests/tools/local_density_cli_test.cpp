// `steer local-density` and `steer bench local-density` (issue 8 item 6): JSON contract, resume
// through --out, thread-count independence, bad input (one line, exit 2).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "tests/support/cli_checks.hpp"

using steer_test::expect_bad_input;
using steer_test::run;
using steer_test::run_json;
using steer_test::scratch;

TEST(LocalDensityCli, JsonKeysResumeAndThreads) {
  const auto dir = scratch() / "local_density";
  std::filesystem::remove_all(dir);
  const std::string args = "local-density --n 80 --self-coupling 1 --networks 3 --starts 4 --radius 2 --json --out " +
                           dir.string() + " --threads ";
  const auto first_run = run(args + "1");
  ASSERT_EQ(first_run.status, 0) << first_run.err;
  EXPECT_EQ(first_run.err.find("resumed"), std::string::npos) << first_run.err;
  const auto first = nlohmann::json::parse(first_run.out);
  EXPECT_EQ(first["converged_fraction"], 1.0);  // J_D = 1 freezes quickly at N = 80
  EXPECT_EQ(first["mean_fixed_points_in_ball"].size(), 2u);
  EXPECT_EQ(first["typical_theory_in_ball"].size(), 2u);
  EXPECT_FALSE(first.contains("resumed_networks"));  // outputs never depend on resume history
  EXPECT_TRUE(std::filesystem::exists(dir / "local_density.csv"));
  // The rerun resumes every network (a note says so) and prints the same bytes.
  const auto again = run(args + "2");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("local-density: 3 of the 3 networks computed here were resumed from"), std::string::npos)
      << again.err;
  EXPECT_EQ(again.out, first_run.out);
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
