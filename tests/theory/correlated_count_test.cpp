#include "theory/correlated_count.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "theory/annealed_count.hpp"
#include "theory/normal_probability.hpp"

using namespace steer::theory;

TEST(CorrelatedCount, AsymmetricCaseIsTheAnnealedCount) {
  EXPECT_DOUBLE_EQ(log_expected_fixed_points_correlated(20, 0.5, 0.0), log_expected_fixed_points(20, 0.5));
  EXPECT_DOUBLE_EQ(fixed_point_entropy_correlated(0.5, 0.0), fixed_point_entropy(0.5));
  // The integral (C1) at tiny η must approach the η = 0 closed form continuously.
  EXPECT_NEAR(log_expected_fixed_points_correlated(20, 0.5, 1e-9), log_expected_fixed_points(20, 0.5), 1e-7);
}

// Tanaka & Edwards (1980): the SK model has e^{0.1992 N} one-spin-flip-stable states.
TEST(CorrelatedCount, TanakaEdwardsCount) {
  EXPECT_NEAR(fixed_point_entropy_correlated(0.0, 1.0), 0.1992, 5e-5);
}

// Hand-derived N = 2, η = 1: λ_1 = λ_2 = J_12 ~ N(0, 1/2), so E[#FP] = 4 Φ(J_D √2).
TEST(CorrelatedCount, TwoSymmetricNeurons) {
  for (const double jd : {-0.4, 0.0, 0.7})
    EXPECT_NEAR(log_expected_fixed_points_correlated(2, jd, 1.0), std::log(4 * normal_cdf(jd * std::sqrt(2.0))), 1e-13);
}

TEST(CorrelatedCount, FiniteNApproachesLargeN) {
  for (const double eta : {0.3, 1.0}) {
    const double s = fixed_point_entropy_correlated(0.25, eta);
    double previous_gap = INFINITY;
    for (const int n : {1000, 10000, 100000}) {
      const double gap = std::abs(log_expected_fixed_points_correlated(n, 0.25, eta) / n - s);
      EXPECT_LT(gap, 5.0 * std::log(n) / n) << "eta=" << eta << " n=" << n;
      EXPECT_LT(gap, previous_gap);
      previous_gap = gap;
    }
  }
}

// η < 0: (C2) is a minimum over u; compare with a fine grid scan of the same bracket.
TEST(CorrelatedCount, NegativeSymmetryAgainstAGridScan) {
  for (const double eta : {-0.3, -0.7, -1.0})
    for (const double jd : {0.2, 1.0}) {
      double smallest = INFINITY;
      for (double u = -20; u <= 0; u += 1e-4) smallest = std::min(smallest, log_normal_cdf(jd + u) - u * u / (2 * eta));
      EXPECT_NEAR(fixed_point_entropy_correlated(jd, eta), std::numbers::ln2 + smallest, 1e-8) << eta << " " << jd;
    }
  EXPECT_EQ(fixed_point_entropy_correlated(0.0, -1.0), -INFINITY);  // Σ_i λ_i = 0 forbids any fixed point
  EXPECT_LT(fixed_point_entropy_correlated(0.5, -0.5), fixed_point_entropy(0.5));  // anti-correlation: fewer
  EXPECT_GT(fixed_point_entropy_correlated(0.5, 0.5), fixed_point_entropy(0.5));   // correlation: more
}

TEST(CorrelatedCount, BadArgumentsThrow) {
  EXPECT_THROW(log_expected_fixed_points_correlated(10, 0.5, -0.2), std::domain_error);
  EXPECT_THROW(log_expected_fixed_points_correlated(10, 0.5, 1.2), std::domain_error);
  EXPECT_THROW(log_expected_fixed_points_correlated(1, 0.5, 0.5), std::invalid_argument);
  EXPECT_THROW(fixed_point_entropy_correlated(NAN, 0.5), std::domain_error);
}
