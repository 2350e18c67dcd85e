// The statistics of thresholds on hand-built networks (no solver runs): the bootstrap's
// undefined-replicate rule, the crossing of two sizes accepted only inside the informative window
// with a significant sign change, its bootstrap error, and the extrapolation that uses it.
#include "validation/fixed_points/threshold_statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace steer;

namespace {

const std::vector<double> grid5 = {0.0, 0.25, 0.5, 0.75, 1.0};

// Networks with nested success sets (network k succeeds at J_D_j iff k < counts[j]), one restart:
// every network's curve is monotone, so the resampled curves need no isotonic correction and the
// bootstrap variance of a point is p(1 − p)/M.
validation::threshold_result hand_built(int n, const std::vector<double>& grid, std::int64_t networks,
                                        const std::vector<std::int64_t>& counts, std::int64_t bootstrap = 200) {
  validation::threshold_config c;
  c.n = n;
  c.self_couplings = grid;
  c.networks = networks;
  c.restarts = 1;
  c.bootstrap = bootstrap;
  c.seed = 7;
  std::vector<validation::threshold_network> units;
  for (const auto count : counts)
    for (std::int64_t k = 0; k < networks; ++k) units.push_back({k < count ? 1 : 0, k < count ? 5 : 0, {}, false});
  return validation::summarise_threshold(c, units);
}

}  // namespace

TEST(ThresholdBootstrap, AStepCurveGetsTheGridTermAlone) {
  // Success 0 → 1 → 1: every replicate crosses 50 % at 0.25 (the midpoint of the first step), so
  // the SD is 0 and the error is the grid term w/√12 with w = 0.5.
  const auto r = hand_built(40, {0.0, 0.5, 1.0}, 10, {0, 10, 10});
  ASSERT_TRUE(r.threshold);
  EXPECT_DOUBLE_EQ(*r.threshold, 0.25);
  EXPECT_EQ(r.bootstrap_defined, 200);
  EXPECT_EQ(r.bootstrap_undefined_fraction, 0.0);
  EXPECT_FALSE(r.threshold_flagged);
  ASSERT_TRUE(r.threshold_error);
  EXPECT_NEAR(*r.threshold_error, 0.5 / std::sqrt(12.0), 1e-15);
}

TEST(ThresholdBootstrap, ManyUndefinedReplicatesWithholdTheErrorAndFlag) {
  // Half of 10 networks succeed from J_D = 0.5 on, none before: success (0, 0.5, 0.5), threshold at
  // exactly 0.5. A replicate crosses 50 % only if it draws >= 5 of the 5 successful networks:
  // P(undefined) = P(Bin(10, 1/2) <= 4) = 386/1024 = 0.377; 200 replicates: SD 0.034, 4σ = 0.14.
  const auto r = hand_built(40, {0.0, 0.5, 1.0}, 10, {0, 5, 5});
  ASSERT_TRUE(r.threshold);
  EXPECT_DOUBLE_EQ(*r.threshold, 0.5);
  EXPECT_NEAR(r.bootstrap_undefined_fraction, 386.0 / 1024.0, 0.14);
  EXPECT_EQ(r.bootstrap_defined, std::llround(200 * (1.0 - r.bootstrap_undefined_fraction)));
  EXPECT_TRUE(r.threshold_flagged);
  EXPECT_FALSE(r.threshold_error);
  EXPECT_NE(r.threshold_flag.find("no error"), std::string::npos) << r.threshold_flag;
}

TEST(SizeCrossing, SignificantCrossingInsideTheWindowIsAcceptedWithAnError) {
  // 400 networks per size: smaller (0.1, 0.3, 0.5, 0.7, 0.9), larger (0, 0.05, 0.7, 0.95, 1).
  // d = larger − smaller = (−0.1, −0.25, 0.2, 0.25, 0.1): the root of the interpolated d in
  // [0.25, 0.5] is 0.25 + 0.25·0.25/0.45 = 0.38889, where both curves are at 0.41111.
  const auto small = hand_built(100, grid5, 400, {40, 120, 200, 280, 360});
  const auto large = hand_built(200, grid5, 400, {0, 20, 280, 380, 400});
  const auto c = validation::test_size_crossing(small, large);
  ASSERT_TRUE(c.self_coupling);
  EXPECT_NEAR(*c.self_coupling, 0.25 + 0.25 * 0.25 / 0.45, 1e-12);
  // Bootstrap SE of d_k = √(p_s(1−p_s)/M + p_l(1−p_l)/M): at 0.25 √(0.21 + 0.0475)/20 = 0.02537,
  // z = −9.85; at 0.5 √(0.25 + 0.21)/20 = 0.03391, z = 5.90. 200 replicates estimate an SD to
  // ~5 %: 20 % is 4σ.
  ASSERT_TRUE(c.z_below && c.z_above);
  EXPECT_NEAR(*c.z_below, -0.25 / (std::sqrt(0.21 + 0.0475) / 20.0), 0.2 * 9.85);
  EXPECT_NEAR(*c.z_above, 0.2 / (std::sqrt(0.25 + 0.21) / 20.0), 0.2 * 5.90);
  EXPECT_TRUE(c.accepted) << c.status;
  ASSERT_TRUE(c.error);
  EXPECT_GE(*c.error, 0.25 / std::sqrt(12.0));  // never below the grid term
  EXPECT_LT(*c.error, 0.1);
  // The two largest sizes cross acceptably: the extrapolation is that crossing, with its error.
  const auto e = validation::extrapolate({small, large});
  EXPECT_EQ(e.method, "crossing");
  EXPECT_EQ(e.estimate, c.self_coupling);
  EXPECT_EQ(e.estimate_error, c.error);
}

TEST(SizeCrossing, NoisyOrUninformativeCrossingsAreRefused) {
  // The same shapes with 40 networks: d = (−0.075, −0.15, +0.025, ...) at 0.5 is 0.2 SE above 0.
  const auto small = hand_built(100, grid5, 40, {4, 12, 20, 28, 36});
  const auto large = hand_built(200, grid5, 40, {1, 6, 21, 34, 39});
  const auto noisy = validation::test_size_crossing(small, large);
  ASSERT_TRUE(noisy.self_coupling);
  EXPECT_FALSE(noisy.accepted);
  EXPECT_NE(noisy.status.find("not significant"), std::string::npos) << noisy.status;
  const auto e = validation::extrapolate({small, large});
  EXPECT_NE(e.method, "crossing");
  // A crossing at 5 % success (0.1 of the way up): both curves are near 0 there.
  const auto low_small = hand_built(100, grid5, 400, {20, 30, 200, 280, 360});
  const auto low_large = hand_built(200, grid5, 400, {0, 60, 280, 380, 400});
  const auto low = validation::test_size_crossing(low_small, low_large);
  ASSERT_TRUE(low.self_coupling);
  EXPECT_NEAR(*low.self_coupling, 0.1, 1e-12);
  EXPECT_FALSE(low.accepted);
  EXPECT_NE(low.status.find("informative window"), std::string::npos) << low.status;
}
