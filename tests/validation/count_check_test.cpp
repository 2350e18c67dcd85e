// Theory against enumeration averaged over networks (the 4σ test, N = 8…14).
#include "validation/count_check.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>

#include <cmath>

#include "numerics/ensemble_enumeration.hpp"
#include "theory/correlated_count.hpp"

using namespace steer;

TEST(CountCheck, MeanCountAndPairProfilesAgreeWithTheory) {
  for (const int n : {8, 10, 12, 14})
    for (const double jd : {-0.25, 0.0, 0.5, 1.0}) {
      const auto check = validation::run_count_check({n, jd, 2000, 20261123, false});
      EXPECT_TRUE(check.pass) << "N=" << n << " J_D=" << jd << " z=" << check.z;
      EXPECT_TRUE(check.pairs_pass) << "N=" << n << " J_D=" << jd;
      EXPECT_LT(std::abs(check.z), validation::count_z_threshold);
    }
}

// Spec §7: at J_D = 0 a single flip never keeps a fixed point, so pairs at d = 1 are exactly 0
// in every network, as eq. (4) says.
TEST(CountCheck, NoFixedPointNeighboursAtZeroSelfCoupling) {
  const auto check = validation::run_count_check({12, 0.0, 500, 3, false});
  EXPECT_EQ(check.measured_pairs[1].mean, 0.0);
  EXPECT_EQ(check.theory_pairs[1], 0.0);
}

// The symmetric-mixture count (1-D integral of theory/correlated_count) against enumeration.
TEST(CountCheck, CorrelatedCouplingsCountAgreesWithTheory) {
  for (const double eta : {0.5, 1.0}) {
    numerics::ensemble_options options;
    options.seed = 99;
    options.networks = 3000;
    options.pair_histograms = false;
    const auto summary = numerics::summarise(numerics::enumerate_ensemble({10, 0.25, eta}, options));
    const double theory = std::exp(theory::log_expected_fixed_points_correlated(10, 0.25, eta));
    EXPECT_NEAR(summary.count.mean, theory, 4.0 * summary.count.sem) << "eta=" << eta;
  }
}

// Šidák threshold: K = N/2 + 1 tests at per-test level 1 − (1 − 2Φ(−4))^(1/K).
TEST(CountCheck, PairThresholdIsSidakCorrected) {
  const boost::math::normal_distribution<double> unit;
  const double alpha = 2 * boost::math::cdf(unit, -4.0);
  const double per_test = 1 - std::pow(1 - alpha, 1.0 / 7.0);  // N = 12 → K = 7
  EXPECT_NEAR(validation::pair_profile_z_threshold(12), boost::math::quantile(unit, 1 - per_test / 2), 1e-9);
  EXPECT_GT(validation::pair_profile_z_threshold(12), 4.0);
}

TEST(CountCheck, PairZScoreFloorWhenEveryNetworkHasZeroPairs) {
  // Theory 0.01 pairs per network, none seen in 100 networks: se = √(4·0.01/100) = 0.02, z = −0.5.
  EXPECT_NEAR(validation::pair_z_score({0.0, 0.0}, 0.01, 3, 12, 100), -0.5, 1e-12);
}
