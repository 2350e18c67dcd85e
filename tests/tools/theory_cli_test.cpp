// `steer theory pair-entropy|local-entropy` and the modular `theory count` (issue 8): JSON
// contracts, values against the spec's tables, files under --out, bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "tests/support/cli_checks.hpp"
#include "tests/support/steer_process.hpp"

using steer_test::expect_bad_input;
using steer_test::run;
using steer_test::run_json;
using steer_test::scratch;

// Literals: spec fixed-points-theory §3.3/§3.4/§7 to the digits it prints (also rows of
// tests/theory/reference/pair_count.inc, tools/reference/pair_count.py).
TEST(TheoryCli, PairEntropy) {
  const auto j = run_json("theory pair-entropy --self-coupling 0.5 --points 5 --json");
  ASSERT_EQ(j["q"].size(), 5u);
  ASSERT_EQ(j["pair_entropy"].size(), 5u);
  EXPECT_EQ(j["q"][3].get<double>(), 0.5);
  EXPECT_NEAR(j["pair_entropy"][3].get<double>(), 0.5846277919, 5e-11);
  EXPECT_NEAR(j["pair_entropy"][2].get<double>(), 0.6484015305, 5e-11);  // q = 0: 2s
  EXPECT_NEAR(j["pair_entropy"][0].get<double>(), 0.3242007653, 5e-11);  // q = −1: s
  EXPECT_NEAR(j["max_pair_entropy"].get<double>(), 0.6484015305, 5e-11);
  EXPECT_NEAR(j["argmax_q"].get<double>(), 0.0, 1e-6);
  EXPECT_NEAR(j["second_moment_ratio_large_n"].get<double>(), 1.1093, 5e-5);
  EXPECT_NEAR(j["second_moment_exponent"].get<double>(), 0.0, 1e-14);
  EXPECT_NEAR(j["small_distance_coefficient"].get<double>(), 0.406251, 5e-7);
  EXPECT_FALSE(j.contains("finite_n_pair_entropy"));
  // Below J_D* = −0.178 the large-N ratio is +inf: null in JSON.
  EXPECT_TRUE(run_json("theory pair-entropy --self-coupling -0.5 --points 3 --json")["second_moment_ratio_large_n"].is_null());
}

TEST(TheoryCli, PairEntropyAtFiniteN) {
  const auto j = run_json("theory pair-entropy --self-coupling 0.5 --n 16 --points 3 --json");
  ASSERT_EQ(j["finite_n_pair_entropy"].size(), 17u);
  EXPECT_NEAR(j["finite_n_q"][1].get<double>(), 0.875, 1e-15);
  EXPECT_NEAR(16 * j["finite_n_pair_entropy"][1].get<double>(), std::log(356.0278133), 5e-10);
  EXPECT_NEAR(j["second_moment_ratio"].get<double>(), 47655.61748 / (204.3217090 * 204.3217090), 1e-8);
}

// Spec §4.2 table row J_D = 0.5 (min V_ann −5.6096e−3, δ0 5.276023e−3; the argmin 1.0842e−3 is the
// mpmath value, tools/reference/local_entropy.py — the spec prints 1.09e−3).
TEST(TheoryCli, LocalEntropy) {
  const auto j = run_json("theory local-entropy --self-coupling 0.5 --points 50 --json");
  ASSERT_EQ(j["delta"].size(), 50u);
  ASSERT_EQ(j["local_entropy"].size(), 50u);
  EXPECT_EQ(j["delta"][49].get<double>(), 0.5);
  EXPECT_NEAR(j["local_entropy"][49].get<double>(), 0.3242007653, 5e-11);  // V_ann(1/2) = s
  EXPECT_NEAR(j["min_local_entropy"].get<double>(), -5.6096e-3, 5e-8);
  EXPECT_NEAR(j["argmin_delta"].get<double>(), 1.0842e-3, 5e-8);
  EXPECT_NEAR(j["root_delta"].get<double>(), 5.276023e-3, 5e-10);
  // A reference with margin κ > 0: no negative region (spec §4.2), so no root.
  const auto k = run_json("theory local-entropy --self-coupling 0.5 --margin 0.5 --points 10 --json");
  EXPECT_EQ(k["min_local_entropy"].get<double>(), 0.0);
  EXPECT_TRUE(k["root_delta"].is_null());
  EXPECT_GT(k["local_entropy"][0].get<double>(), 0.0);
}

// The modular count (docs/theory/modular_count.md): λ = 0 is M independent networks of n units
// (E = 1 each at J_D = 0, spec eq. 2: E[#FP](N=10, J_D=0.5) = 29.30758134), and a ring differs
// from a chain (values from tests/theory/modular_count_test's enumeration check: 10.0582, 10.7586).
TEST(TheoryCli, ModularCount) {
  const auto zero = run_json("theory count --modules 3 --n 10 --self-coupling 0.5 --json");
  EXPECT_EQ(zero["n"], 30);
  EXPECT_EQ(zero["module_size"], 10);
  EXPECT_NEAR(zero["expected_fixed_points"].get<double>(), std::pow(29.30758134, 3), 1e-3);
  EXPECT_NEAR(zero["entropy_large_n"].get<double>(), 0.3242007653, 5e-11);
  const auto chain = run_json("theory count --modules 4 --n 3 --self-coupling 0 --inter-module-coupling 1 --json");
  const auto ring = run_json("theory count --modules 4 --n 3 --self-coupling 0 --inter-module-coupling 1 --ring --json");
  EXPECT_NEAR(chain["expected_fixed_points"].get<double>(), 10.0582, 5e-4);
  EXPECT_NEAR(ring["expected_fixed_points"].get<double>(), 10.7586, 5e-4);
  EXPECT_TRUE(ring["ring"].get<bool>());
  EXPECT_GT(chain["entropy_many_modules"].get<double>(), 0.0);  // λ ≠ 0 at J_D = 0: exponentially many
  const auto curve = run_json("theory count --modules 2 --n 5 --inter-module-coupling 0.5 --self-coupling-range 0:1:3 --json");
  EXPECT_EQ(curve["expected_fixed_points"].size(), 3u);
}

TEST(TheoryCli, WritesCsvAndSidecar) {
  const auto dir = scratch() / "local_entropy";
  std::filesystem::remove_all(dir);
  const auto r = run("theory local-entropy --self-coupling 1 --points 4 --quiet --out " + dir.string());
  ASSERT_EQ(r.status, 0) << r.err;
  const std::string csv = steer_test::read_text(dir / "theory_local_entropy.csv");
  EXPECT_TRUE(csv.starts_with("self_coupling,margin,delta,local_entropy\n")) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);
  const auto sidecar = nlohmann::json::parse(steer_test::read_text(dir / "theory_local_entropy.json"));
  EXPECT_NEAR(sidecar["results"]["root_delta"].get<double>(), 8.586519e-4, 5e-11);
}

TEST(TheoryCli, HelpAndBadInput) {
  for (const char* command : {"theory pair-entropy --help", "theory local-entropy --help", "theory count --help"}) {
    const auto r = run(command);
    EXPECT_EQ(r.status, 0) << command;
    EXPECT_NE(r.out.find("--self-coupling"), std::string::npos) << command;
  }
  expect_bad_input("theory local-entropy --margin -0.1", "--margin");
  expect_bad_input("theory local-entropy --points 1", "--points");
  expect_bad_input("theory pair-entropy --self-coupling nan", "--self-coupling must be finite");
  expect_bad_input("theory pair-entropy --n 1", "--n");
  expect_bad_input("theory count --modules 0", "--modules");
  expect_bad_input("theory count --ring", "--modules");
  expect_bad_input("theory count --inter-module-coupling 0.5", "--modules");
  expect_bad_input("theory count --modules 3 --symmetry 0.5", "--symmetry");
  expect_bad_input("theory count --modules 3 --inter-module-coupling inf", "--inter-module-coupling must be finite");
}
