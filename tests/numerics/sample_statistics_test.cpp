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
