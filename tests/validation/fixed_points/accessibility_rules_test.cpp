// The decision rules of the accessibility section of `steer report`: "a threshold exists"
// (threshold_existence.hpp) on hand-made success curves, the family-wise Student-t threshold of
// count-mc vs enumeration against closed forms of the t quantile (ν = 1: Cauchy, t = tan(π(½ − p));
// ν = 2: t = (2q − 1)/√(2q(1 − q)), q = 1 − p), and the quenched band verdict on hand-set numbers.
#include "validation/fixed_points/accessibility_rules.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "validation/fixed_points/accessibility_threshold.hpp"
#include "validation/fixed_points/threshold_existence.hpp"

using namespace steer;

namespace {

// 0 successes below `step`, `networks` at and above it, on J_D = first, first + 0.1, ..., 1.
validation::threshold_existence_verdict step_curve(double first, double step, std::int64_t networks) {
  std::vector<double> grid, success, trials;
  std::vector<validation::proportion_interval> wilson;
  for (double jd = first; jd < 1.0 + 1e-9; jd += 0.1) {
    grid.push_back(std::round(jd * 10.0) / 10.0);
    const std::int64_t s = grid.back() >= step - 1e-9 ? networks : 0;
    success.push_back(static_cast<double>(s) / static_cast<double>(networks));
    trials.push_back(static_cast<double>(networks));
    wilson.push_back(validation::wilson_interval(s, networks));
  }
  return validation::threshold_existence(grid, wilson, validation::threshold_of(grid, success, trials));
}

}  // namespace

TEST(ThresholdExistence, StepAboveZeroPasses) {
  // Fails at J_D = 0.1, 0.2 (Wilson upper 0.088 with 40 networks), succeeds from 0.3 on.
  const auto v = step_curve(0.0, 0.3, 40);
  EXPECT_EQ(v.verdict, "PASS") << v.numbers;
  EXPECT_NE(v.numbers.find("largest J_D > 0 with Wilson upper < 0.5: J_D=0.2 [0.00, 0.09]"), std::string::npos)
      << v.numbers;
  EXPECT_NE(v.numbers.find("smallest J_D with Wilson lower > 0.5: J_D=0.3 [0.91, 1.00]"), std::string::npos)
      << v.numbers;
}

TEST(ThresholdExistence, AccessibleAtEveryPositiveSelfCouplingFails) {
  // Success 1 at every J_D > 0, 0 at J_D <= 0: the curve crosses 50 % inside the grid (the old rule
  // said PASS), but there is no threshold above 0 where fixed points are exponentially many.
  const auto v = step_curve(-0.5, 0.1, 40);
  EXPECT_EQ(v.verdict, "FAIL") << v.numbers;
  EXPECT_NE(v.numbers.find("smallest J_D > 0 of the grid: J_D=0.1 [0.91, 1.00]"), std::string::npos) << v.numbers;
  EXPECT_NE(v.numbers.find("50 % crossing at "), std::string::npos) << v.numbers;
}

TEST(ThresholdExistence, FewNetworksOrNoCrossingAreInconclusive) {
  // 2 networks: 0 of 2 has Wilson upper 0.66, 2 of 2 lower 0.34 — nothing decided.
  EXPECT_EQ(step_curve(0.0, 0.3, 2).verdict, "inconclusive");
  // Never succeeds: no crossing, no success.
  const auto never = step_curve(0.0, 2.0, 40);
  EXPECT_EQ(never.verdict, "inconclusive");
  EXPECT_NE(never.numbers.find("50 % crossing outside the grid"), std::string::npos) << never.numbers;
  // No J_D > 0 in the grid: neither failure nor success at J_D > 0 can be shown.
  const std::vector<double> negative{-1.0, -0.5};
  const std::vector<validation::proportion_interval> wilson{validation::wilson_interval(0, 40),
                                                            validation::wilson_interval(40, 40)};
  EXPECT_EQ(validation::threshold_existence(negative, wilson, -0.75).verdict, "inconclusive");
}

TEST(CountMcZThreshold, StudentTQuantileAtFamilyWiseLevel) {
  const double alpha = 6.3e-5;
  // ν = 1 (2 walks), m = 4: the Cauchy upper quantile at α/(2m).
  EXPECT_NEAR(validation::count_mc_z_threshold(2, 4) / std::tan(std::numbers::pi * (0.5 - alpha / 8.0)), 1.0, 1e-10);
  // ν = 2 (3 walks), m = 2.
  const double q = 1.0 - alpha / 4.0;
  EXPECT_NEAR(validation::count_mc_z_threshold(3, 2), (2 * q - 1) / std::sqrt(2 * q * (1 - q)), 1e-8);
  // Many walks: the normal quantile at α/(2m); m = 1 gives 4.0013 (2Φ(−4) = 6.334e-5 ≈ α).
  EXPECT_NEAR(validation::count_mc_z_threshold(1 << 20, 1), 4.0, 2e-3);
  // More comparisons raise it; more walks lower it.
  EXPECT_GT(validation::count_mc_z_threshold(8, 10), validation::count_mc_z_threshold(8, 1));
  EXPECT_LT(validation::count_mc_z_threshold(16, 10), validation::count_mc_z_threshold(8, 10));
  EXPECT_THROW(validation::count_mc_z_threshold(1, 1), std::invalid_argument);
}

TEST(QuenchedBand, WithinFourSigmaOfTheJensenBand) {
  // annealed 0.50, gap 0.02: band [0.48, 0.50]; sem 0.001 → PASS on [0.476, 0.504].
  EXPECT_EQ(validation::quenched_band_verdict(0.49, 0.001, 0.50, 0.02), "PASS");
  EXPECT_EQ(validation::quenched_band_verdict(0.4765, 0.001, 0.50, 0.02), "PASS");  // z = −23.5 vs annealed: the old rule FAILed
  EXPECT_EQ(validation::quenched_band_verdict(0.5035, 0.001, 0.50, 0.02), "PASS");
  EXPECT_EQ(validation::quenched_band_verdict(0.4755, 0.001, 0.50, 0.02), "FAIL");
  EXPECT_EQ(validation::quenched_band_verdict(0.5045, 0.001, 0.50, 0.02), "FAIL");
}
