#include "numerics/sample_statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace steer::numerics;

TEST(SampleStatistics, HandComputedMeanAndSem) {
  // {1, 2, 3, 6}: mean 3, sample variance (4+1+0+9)/3 = 14/3, SEM √(14/3 / 4).
  const auto m = mean_and_sem({1, 2, 3, 6});
  EXPECT_DOUBLE_EQ(m.mean, 3.0);
  EXPECT_DOUBLE_EQ(m.sem, std::sqrt(14.0 / 12.0));
  EXPECT_THROW(mean_and_sem({1.0}), std::invalid_argument);
}

TEST(SampleStatistics, ValueHistogram) {
  const auto h = value_histogram({4, 0, 4, 2, 4});
  EXPECT_EQ(h.size(), 3u);
  EXPECT_EQ(h.at(0), 1u);
  EXPECT_EQ(h.at(2), 1u);
  EXPECT_EQ(h.at(4), 3u);
}

// Hand-computed: y = (2, 4, 9), x = (1, 3, 4): R = 15/8, residuals y − R x = (1/8, −13/8, 3/2),
// Σ² = (1 + 169 + 144)/64 = 314/64, SE = √(314/64 / 6) / (8/3).
TEST(SampleStatistics, RatioOfMeansAndItsDeltaMethodError) {
  const auto r = steer::numerics::ratio_of_means({2.0, 4.0, 9.0}, {1.0, 3.0, 4.0});
  EXPECT_DOUBLE_EQ(r.mean, 15.0 / 8.0);
  EXPECT_NEAR(r.sem, std::sqrt(314.0 / 64.0 / 6.0) / (8.0 / 3.0), 1e-15);
  EXPECT_THROW(steer::numerics::ratio_of_means({1.0}, {1.0}), std::invalid_argument);
  EXPECT_THROW(steer::numerics::ratio_of_means({1.0, 2.0}, {0.0, 0.0}), std::domain_error);
}
