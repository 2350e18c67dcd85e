// `steer enumerate --modules` (issue 8 item 7): the modular variant enumerated beside the exact
// count that `steer theory count --modules` prints, and its bad input (one line, exit 2).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "tests/support/cli_checks.hpp"

using steer_test::expect_bad_input;
using steer_test::run_json;

TEST(EnumerateModularCli, MeasuredCountBesideTheTheoryCount) {
  const auto theory = run_json("theory count --modules 3 --n 4 --inter-module-coupling 0.3 --ring --self-coupling 0.25 --json");
  const auto j = run_json("enumerate --modules 3 --n 4 --inter-module-coupling 0.3 --ring --self-coupling 0.25 "
                          "--networks 4000 --seed 5 --no-pairs --json");
  EXPECT_EQ(j["n"], 12);
  EXPECT_EQ(j["module_size"], 4);
  EXPECT_EQ(j["theory_expected_fixed_points"], theory["expected_fixed_points"]);
  const double z = (j["mean_fixed_points"].get<double>() - theory["expected_fixed_points"].get<double>()) /
                   j["sem_fixed_points"].get<double>();
  EXPECT_LT(std::abs(z), 4.0);
}

TEST(EnumerateModularCli, BadInputIsOneLineAndExitCode2) {
  expect_bad_input("enumerate --modules 5 --n 9", "must be <= 40");
  expect_bad_input("enumerate --modules 2 --n 4 --symmetry 0.5", "excludes");
  expect_bad_input("enumerate --n 8 --inter-module-coupling 1", "--modules");
  expect_bad_input("enumerate --n 8 --ring", "--modules");
  expect_bad_input("enumerate --couplings J.csv --modules 2", "excludes");
  expect_bad_input("enumerate --modules 2 --n 4 --inter-module-coupling nan", "--inter-module-coupling");
}
