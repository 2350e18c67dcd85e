// Theory against enumeration averaged over networks (the 4σ test, N = 8…14).
#include "validation/fixed_points/count_check.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <limits>
#include <vector>

#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "theory/annealed_count.hpp"
#include "theory/correlated_count.hpp"
#include "theory/pair_count.hpp"

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
  // At d = N/2 one unordered {±s, ±s'} gives 8 ordered pairs at that distance: se = √(8·0.01/100).
  EXPECT_NEAR(validation::pair_z_score({0.0, 0.0}, 0.01, 6, 12, 100), -0.01 / std::sqrt(8 * 0.01 / 100), 1e-12);
}

// Hand count of the multiplicity at N = 4: s = ++++, s' = ++−−; at distance 2 from s or −s lie
// s' and −s', and from s' or −s' lie s and −s: 8 ordered pairs.
TEST(CountCheck, PairMultiplicity) {
  EXPECT_EQ(validation::pair_multiplicity(0, 4), 2);
  EXPECT_EQ(validation::pair_multiplicity(4, 4), 2);
  EXPECT_EQ(validation::pair_multiplicity(2, 4), 8);
  EXPECT_EQ(validation::pair_multiplicity(1, 4), 4);
  EXPECT_EQ(validation::pair_multiplicity(2, 5), 4);
}

namespace {

// The summary that M networks with exactly `count` fixed points each and the given pair
// histogram would produce.
numerics::ensemble_summary constant_summary(std::int64_t networks, double count, const std::vector<double>& pairs) {
  numerics::ensemble_summary s;
  s.networks = networks;
  s.count = {count, 0.0};
  for (const double p : pairs) s.pairs.push_back({p, 0.0});
  s.count_distribution[static_cast<std::uint64_t>(count)] = static_cast<std::uint64_t>(networks);
  return s;
}

}  // namespace

// Issue 7 item 4: extreme self-couplings have a definite verdict, never NaN. At J_D = 100 every
// one of the 2^N states is fixed (margin ≥ 100 − Σ|J_ij|, and P(Σ|J_ij| > 100) < 1e−2000),
// so all 2^N · C(N, d) ordered pairs at distance d exist; at J_D = −40 none is.
TEST(CountCheck, ExtremeSelfCouplingsPassWhenMeasurementAgrees) {
  for (const int n : {6, 8}) {
    std::vector<double> all_pairs, no_pairs(static_cast<std::size_t>(n) + 1, 0.0);
    for (int d = 0; d <= n; ++d) all_pairs.push_back(std::ldexp(std::tgamma(n + 1.0) / std::tgamma(d + 1.0) / std::tgamma(n - d + 1.0), n));
    for (const double jd : {10.0, 100.0}) {
      const auto check = validation::evaluate_count_check({n, jd, 20, 1, false}, constant_summary(20, std::ldexp(1.0, n), all_pairs));
      EXPECT_TRUE(check.pass && check.pairs_pass) << "N=" << n << " J_D=" << jd << " z=" << check.z;
      EXPECT_NEAR(check.z, 0.0, 0.05);  // exp(ln E[#FP]) rounds to 2^N (1 − 3e−16): z ~ 0.006
    }
    for (const double jd : {-40.0, -10.0}) {
      const auto check = validation::evaluate_count_check({n, jd, 20, 1, false}, constant_summary(20, 0.0, no_pairs));
      EXPECT_TRUE(check.pass && check.pairs_pass) << "N=" << n << " J_D=" << jd << " z=" << check.z;
      EXPECT_TRUE(std::isfinite(check.theory_log_mean)) << check.theory_log_mean;
      EXPECT_LT(check.theory_log_mean, -50.0 * n);
    }
  }
}

// Issue 7 item 4, the FAIL direction: a measurement that contradicts the theory fails.
TEST(CountCheck, ContradictedPredictionsFail) {
  // All 2^6 states fixed is certain at J_D = 100; one network short of it is not.
  std::vector<double> all_pairs;
  for (int d = 0; d <= 6; ++d) all_pairs.push_back(64.0 * std::tgamma(7.0) / std::tgamma(d + 1.0) / std::tgamma(7.0 - d));
  auto summary = constant_summary(20, 64.0, all_pairs);
  summary.count = {63.0, 0.05};
  EXPECT_FALSE(validation::evaluate_count_check({6, 100.0, 20, 1, false}, summary).pass);
  // Fixed points where theory gives e^{−2000}: z is huge (or +inf), never NaN.
  std::vector<double> no_pairs(9, 0.0);
  auto impossible = constant_summary(20, 0.0, no_pairs);
  impossible.count = {0.1, 0.1};
  const auto check = validation::evaluate_count_check({8, -40.0, 20, 1, false}, impossible);
  EXPECT_FALSE(check.pass);
  EXPECT_GT(check.z, 1e10);
  // An ordinary point with the measured mean 20 % above E[#FP] fails at 2000 networks.
  const double theory = std::exp(theory::log_expected_fixed_points(12, 0.5));
  std::vector<double> pairs = theory::expected_pairs(12, 0.5);
  auto high = constant_summary(2000, 0.0, pairs);
  high.count = {1.2 * theory, 0.0};
  EXPECT_FALSE(validation::evaluate_count_check({12, 0.5, 2000, 1, false}, high).pass);
  // A pair profile 20 % low at every distance fails too.
  for (auto& p : pairs) p *= 0.8;
  auto low_pairs = constant_summary(2000, 0.0, pairs);
  low_pairs.count = {theory, 0.0};
  EXPECT_FALSE(validation::evaluate_count_check({12, 0.5, 2000, 1, false}, low_pairs).pairs_pass);
}

TEST(CountCheck, CountZScoreEdgeCases) {
  const double inf = std::numeric_limits<double>::infinity();
  // Theory says exactly no fixed points: 0 measured passes, any measured is +inf.
  EXPECT_EQ(validation::count_z_score(0.0, -inf, -inf, 10), 0.0);
  EXPECT_EQ(validation::count_z_score(0.5, -inf, -inf, 10), inf);
  // Hand case: E = 1, E[F²] = 2 (σ = 1), M = 100: z = (1.3 − 1)/0.1 = 3.
  EXPECT_NEAR(validation::count_z_score(1.3, 0.0, std::log(2.0), 100), 3.0, 1e-12);
  // Zero variance: se falls back to the theory's relative accuracy.
  EXPECT_NEAR(validation::count_z_score(64.0, std::log(64.0), 2 * std::log(64.0), 20), 0.0, 0.05);
  EXPECT_LT(validation::count_z_score(63.0, std::log(64.0), 2 * std::log(64.0), 20), -1e10);
}
