// `steer count-mc` and `steer bench count-mc` (issue 9 item 9): JSON contract, hand-checkable
// matrices, comparison with enumeration, thread-count independence, resume, bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/cli_checks.hpp"
#include "tests/support/coupling_files.hpp"

using steer_test::diagonal_matrix;
using steer_test::expect_bad_input;
using steer_test::run;
using steer_test::run_json;
using steer_test::scratch;

namespace {

// ln E[#FP] = N ln 2 + N ln Φ(J_D √(N/(N−1))) (spec fixed-points-theory eq. 2), written out here.
double annealed(int n, double jd) {
  const double a = jd * std::sqrt(n / (n - 1.0));
  return n * std::log(2.0) + n * std::log(0.5 * std::erfc(-a / std::sqrt(2.0)));
}

}  // namespace

// The contract. One network's ln #FP scatters around ln E[#FP] by ~0.3 at J_D = 0.5
// (docs: network-to-network spread), so ±1.5 cannot fail by chance and catches a wrong count.
TEST(CountMcCli, JsonContractBesideTheAnnealedCount) {
  const auto j = run_json("count-mc --n 40 --self-coupling 0.5 --json --runs 4 --final-log-f 1e-4");
  EXPECT_EQ(j["n"], 40);
  EXPECT_EQ(j["runs"], 4);
  EXPECT_EQ(j["runs_visiting_zero"], 4);
  EXPECT_NEAR(j["annealed_log_expected_fixed_points"].get<double>(), annealed(40, 0.5), 1e-9);
  EXPECT_NEAR(j["annealed_entropy"].get<double>(), 0.3242007653, 1e-9);  // spec §7 table
  EXPECT_NEAR(j["log_fixed_points"].get<double>(), annealed(40, 0.5), 1.5);
  EXPECT_GT(j["log_fixed_points_error"].get<double>(), 0.0);
  EXPECT_LT(j["log_fixed_points_error"].get<double>(), 0.2);
}

TEST(CountMcCli, ExactComparisonAndThreads) {
  const std::string args = "count-mc --n 20 --self-coupling 0.5 --network 3 --exact --runs 6 --final-log-f 1e-5 --json --threads ";
  auto one = run_json(args + "1");
  auto two = run_json(args + "2");
  ASSERT_TRUE(one["z"].is_number());
  EXPECT_LT(std::abs(one["z"].get<double>()), 4.0);
  EXPECT_NEAR(one["exact_log_fixed_points"].get<double>(), std::log(one["exact_fixed_points"].get<double>()), 1e-12);
  EXPECT_EQ(one.dump(), two.dump());  // no wall time in the results: they depend on the parameters alone
}

// Diagonal matrices: J_D = 1 makes all 2^N states fixed points (ln #FP = N ln 2 exactly);
// J_D = −1 makes none, and no estimate is given (null, lowest E reached = N).
TEST(CountMcCli, HandCheckableMatrices) {
  const auto all = run_json("count-mc --couplings " + diagonal_matrix(6, 1.0, "count_mc_all.csv") + " --runs 2 --json");
  EXPECT_DOUBLE_EQ(all["log_fixed_points"].get<double>(), 6 * std::log(2.0));
  EXPECT_EQ(all["log_fixed_points_error"], 0.0);
  const auto none = run_json("count-mc --couplings " + diagonal_matrix(6, -1.0, "count_mc_none.csv") + " --runs 2 --json");
  EXPECT_TRUE(none["log_fixed_points"].is_null());
  EXPECT_EQ(none["runs_visiting_zero"], 0);
  EXPECT_EQ(none["lowest_energy"], 6);
}

// A rerun reuses every saved network (a note says so) and prints the same bytes; a damaged saved
// network is recomputed with a note naming its file.
TEST(CountMcCli, NetworksResumeThroughOut) {
  const auto dir = scratch() / "count_mc_resume";
  std::filesystem::remove_all(dir);
  const std::string args = "count-mc --n 24 --self-coupling 1 --networks 3 --runs 3 --final-log-f 1e-4 --json --out " + dir.string();
  const auto first = run(args);
  ASSERT_EQ(first.status, 0) << first.err;
  EXPECT_EQ(first.err.find("resumed"), std::string::npos) << first.err;
  EXPECT_EQ(nlohmann::json::parse(first.out)["networks_with_estimate"], 3);
  EXPECT_TRUE(std::filesystem::exists(dir / "count_mc.csv"));
  const auto again = run(args);
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("count-mc: 3 of the 3 networks computed here were resumed from"), std::string::npos) << again.err;
  EXPECT_EQ(again.out, first.out);
  const auto unit = dir / "networks" / "count_mc_n24_jd1_eta0_seed1_unit1.json";
  ASSERT_TRUE(std::filesystem::exists(unit));
  std::ofstream(unit) << "{\"format\": 1}";
  const auto damaged = run(args);
  ASSERT_EQ(damaged.status, 0) << damaged.err;
  EXPECT_NE(damaged.err.find("recomputing " + unit.string()), std::string::npos) << damaged.err;
  EXPECT_NE(damaged.err.find("count-mc: 2 of the 3 networks computed here were resumed from"), std::string::npos) << damaged.err;
  EXPECT_EQ(damaged.out, first.out);
}

TEST(CountMcCli, BenchReportsARatioToTheNaiveRecompute) {
  const auto j = run_json("bench count-mc --n 60 --proposals 20000 --json");
  EXPECT_TRUE(j["energies_agree"].get<bool>());
  EXPECT_GT(j["speedup"].get<double>(), 1.0);
}

TEST(CountMcCli, BadInputIsOneLineAndExitCode2) {
  expect_bad_input("count-mc --runs 1", "--runs");
  expect_bad_input("count-mc --n 40 --exact --runs 2", "--exact");
  expect_bad_input("count-mc --final-log-f 0", "--final-log-f");
  expect_bad_input("count-mc --flatness 1", "--flatness");
  expect_bad_input("count-mc --couplings /nonexistent/j.csv", "/nonexistent/j.csv");
  expect_bad_input("count-mc --couplings x.csv --n 10", "excludes");
  expect_bad_input("count-mc --self-coupling nan", "--self-coupling");
}
