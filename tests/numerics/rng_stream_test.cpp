#include "numerics/rng_stream.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using steer::numerics::rng_stream;
using steer::numerics::stream_purpose;

TEST(RngStream, SameKeyGivesSameSequence) {
  rng_stream a(42, 7, stream_purpose::couplings), b(42, 7, stream_purpose::couplings);
  for (int k = 0; k < 100; ++k) ASSERT_EQ(a.next_u64(), b.next_u64());
}

TEST(RngStream, SeedSampleAndPurposeEachChangeTheStream) {
  const auto first = [](std::uint64_t seed, std::uint64_t sample, stream_purpose p) { return rng_stream(seed, sample, p).next_u64(); };
  const auto base = first(1, 0, stream_purpose::couplings);
  EXPECT_NE(base, first(2, 0, stream_purpose::couplings));
  EXPECT_NE(base, first(1, 1, stream_purpose::couplings));
  EXPECT_NE(base, first(1, 0, stream_purpose::dynamics));
}

// Frozen values: a change here changes every published sample of steer.
TEST(RngStream, FrozenFirstNormalsOfSeedOne) {
  rng_stream s(1, 0, stream_purpose::couplings);
  const double z0 = s.standard_normal(), z1 = s.standard_normal();
  rng_stream again(1, 0, stream_purpose::couplings);
  EXPECT_EQ(z0, again.standard_normal());
  EXPECT_EQ(z1, again.standard_normal());
  EXPECT_NEAR(z0, -0.25516248974093664, 1e-15);
  EXPECT_NEAR(z1, -0.17472570917402988, 1e-15);
}

TEST(RngStream, UniformNeverHitsTheEndpoints) {
  rng_stream s(3, 0, stream_purpose::state_sampling);
  for (int k = 0; k < 100000; ++k) {
    const double u = s.uniform_open();
    ASSERT_GT(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
}

// Chi-square goodness of fit of 200,000 normals in 20 equiprobable bins, seed fixed;
// accept p > 1e-4 (a fixed seed makes the test deterministic; the threshold says how
// unlucky a correct generator would have to be).
TEST(RngStream, NormalsFitTheNormalDistribution) {
  const boost::math::normal_distribution<double> unit;
  constexpr int bins = 20, draws = 200000;
  std::vector<double> edges;
  for (int b = 1; b < bins; ++b) edges.push_back(boost::math::quantile(unit, static_cast<double>(b) / bins));
  std::vector<int> counts(bins, 0);
  rng_stream s(11, 3, stream_purpose::couplings);
  double sum = 0.0, squares = 0.0;
  for (int k = 0; k < draws; ++k) {
    const double z = s.standard_normal();
    sum += z;
    squares += z * z;
    ++counts[std::upper_bound(edges.begin(), edges.end(), z) - edges.begin()];
  }
  double chi2 = 0.0;
  const double expected = static_cast<double>(draws) / bins;
  for (const int c : counts) chi2 += (c - expected) * (c - expected) / expected;
  const double p = boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(bins - 1), chi2));
  EXPECT_GT(p, 1e-4) << "chi2 = " << chi2;
  EXPECT_NEAR(sum / draws, 0.0, 4.0 / std::sqrt(draws));                 // 4σ
  EXPECT_NEAR(squares / draws, 1.0, 4.0 * std::sqrt(2.0 / draws));       // 4σ
}
