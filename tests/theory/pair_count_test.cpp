#include "theory/pair_count.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <numeric>

#include "theory/annealed_count.hpp"

using namespace steer::theory;

// Spec §7: E[#ordered pairs at distance d], N = 16, J_D = 0.5 (scipy, 10 digits).
TEST(PairCount, SpecTableN16) {
  const double table[] = {204.3217090, 356.0278133, 835.8283357, 1615.573880, 2686.284802,
                          3925.005023, 5105.968954, 5961.527008, 6274.542430};
  const auto pairs = expected_pairs(16, 0.5);
  ASSERT_EQ(pairs.size(), 17u);
  for (int d = 0; d <= 8; ++d) {
    EXPECT_NEAR(pairs[d] / table[d], 1.0, 1e-9) << d;
    EXPECT_NEAR(pairs[16 - d] / table[d], 1.0, 1e-9) << 16 - d;  // d ↔ N − d
  }
  EXPECT_NEAR(std::accumulate(pairs.begin(), pairs.end(), 0.0) / 47655.61748, 1.0, 1e-9);
  EXPECT_NEAR(std::exp(log_expected_squared_count(16, 0.5)) / 47655.61748, 1.0, 1e-9);
}

TEST(PairCount, SpecTableN12) {
  const double table[] = {55.96536432, 92.50191595, 182.6498897, 297.8487033, 416.1136355, 505.7626655, 539.2760772};
  const auto pairs = expected_pairs(12, 0.5);
  for (int d = 0; d <= 6; ++d) EXPECT_NEAR(pairs[d] / table[d], 1.0, 1e-9) << d;
}

TEST(PairCount, BuiltInChecksOfEquationFour) {
  for (const double jd : {-0.5, 0.0, 0.3, 1.2}) {
    const auto pairs = expected_pairs(14, jd);
    EXPECT_NEAR(pairs[0] / expected_fixed_points(14, jd), 1.0, 1e-12) << jd;   // d = 0: E[#FP]
    EXPECT_NEAR(pairs[14] / expected_fixed_points(14, jd), 1.0, 1e-12) << jd;  // d = N: the partner −s
  }
  // One flip keeps a fixed point only if |h_i| < J_D: impossible for J_D ≤ 0.
  EXPECT_EQ(expected_pairs(14, 0.0)[1], 0.0);
  EXPECT_EQ(log_expected_pairs(14, -0.5)[1], -INFINITY);
}

// Spec §3.4, eq. (8) values, and the exact finite-N second-moment ratio at N = 1024.
TEST(PairCount, SecondMomentRatio) {
  const std::pair<double, double> large_n[] = {{0.0, 1.4560}, {0.25, 1.1765}, {0.5, 1.1093}, {1.0, 1.0569}, {2.0, 1.0062}};
  for (const auto& [jd, ratio] : large_n) EXPECT_NEAR(second_moment_ratio_large_n(jd), ratio, 5e-5) << jd;
  const auto ratio_at = [](int n, double jd) {
    return std::exp(log_expected_squared_count(n, jd) - 2 * log_expected_fixed_points(n, jd));
  };
  EXPECT_NEAR(ratio_at(1024, 0.0), 3.4606, 5e-5);
  EXPECT_NEAR(ratio_at(1024, 0.5), 1.1096, 5e-5);
}

// Spec §7 S2(q) table (scipy, 10 digits).
TEST(PairCount, PairEntropyTable) {
  struct row {
    double q, s0, s05, s1;
  };
  for (const row r : {row{0, 0, 0.6484015305, 1.040786803}, row{0.25, -0.004124780168, 0.6330910247, 1.016783748},
                      row{0.5, -0.01641675863, 0.5846277919, 0.9408614197}, row{0.75, -0.03566520248, 0.4924196404, 0.7971147935},
                      row{0.9, -0.04576212156, 0.4021963138, 0.6584263885}, row{0.99, -0.0298898379, 0.3237053176, 0.5345503017},
                      row{1, 0, 0.3242007653, 0.5203934015}}) {
    EXPECT_NEAR(pair_entropy(r.q, 0.0), r.s0, 1e-10) << r.q;
    EXPECT_NEAR(pair_entropy(r.q, 0.5), r.s05, 1e-9) << r.q;
    EXPECT_NEAR(pair_entropy(r.q, 1.0), r.s1, 1e-9) << r.q;
    EXPECT_NEAR(pair_entropy(-r.q, 0.5), r.s05, 1e-9) << -r.q;  // S2(−q) = S2(q)
  }
  EXPECT_NEAR(pair_entropy(0.0, 0.7), 2 * fixed_point_entropy(0.7), 1e-12);  // replicas decouple
  EXPECT_NEAR(pair_entropy(1.0, 0.7), fixed_point_entropy(0.7), 1e-12);
}

// Spec eq. (7): S2(1−2δ) = s − c√δ + δ ln(1/δ) + δ[1 + ln((2Φ−1)/Φ)] + o(δ), c = √(2/π) φ/Φ;
// the spec says it reproduces V_ann(1e−7) to 5 digits. Also the δ0 root of V_ann (§4.2 table).
TEST(PairCount, NearOneExpansionAndTheRootOfTheAnnealedPotential) {
  const boost::math::normal_distribution<double> unit;
  for (const double jd : {0.5, 1.0, 2.0}) {
    const double phi = boost::math::pdf(unit, jd), cdf = boost::math::cdf(unit, jd), delta = 1e-7;
    const double c = std::sqrt(2 / M_PI) * phi / cdf;
    const double v_expansion = -c * std::sqrt(delta) + delta * std::log(1 / delta) + delta * (1 + std::log((2 * cdf - 1) / cdf));
    const double v = pair_entropy_near_one(delta, jd) - fixed_point_entropy(jd);
    EXPECT_NEAR(v / v_expansion, 1.0, 1e-4) << jd;
  }
  EXPECT_NEAR(pair_entropy_near_one(0, 0.5) - fixed_point_entropy(0.5), 0.0, 1e-15);
  // V_ann changes sign at δ0: negative just below, positive just above (spec §4.2).
  for (const auto& [jd, delta0] : {std::pair{0.25, 1.827571e-2}, std::pair{0.5, 5.276023e-3}, std::pair{1.0, 8.586519e-4}}) {
    EXPECT_LT(pair_entropy_near_one(delta0 * (1 - 1e-5), jd) - fixed_point_entropy(jd), 0.0) << jd;
    EXPECT_GT(pair_entropy_near_one(delta0 * (1 + 1e-5), jd) - fixed_point_entropy(jd), 0.0) << jd;
  }
}

TEST(PairCount, BadArgumentsThrow) {
  EXPECT_THROW(log_expected_pairs(1, 0.5), std::invalid_argument);
  EXPECT_THROW(log_expected_pairs(10, NAN), std::domain_error);
  EXPECT_THROW(pair_entropy(1.5, 0.5), std::domain_error);
  EXPECT_THROW(pair_entropy_near_one(-0.1, 0.5), std::domain_error);
  EXPECT_THROW(expected_pairs(3000, 1.0), std::overflow_error);
}
