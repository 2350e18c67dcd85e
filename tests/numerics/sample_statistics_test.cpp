#include "numerics/sample_statistics.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace steer::numerics;

namespace {
#include "tests/numerics/reference/t_tests.inc"
}  // namespace

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

TEST(SampleStatistics, PopulationStandardDeviation) {
  // {1, 2, 3, 6}: squared deviations 14, population variance 14/4.
  const auto m = mean_and_population_sd({1, 2, 3, 6});
  EXPECT_DOUBLE_EQ(m.mean, 3.0);
  EXPECT_DOUBLE_EQ(m.sd, std::sqrt(3.5));
  EXPECT_EQ(mean_and_population_sd({2.5}).sd, 0.0);
  EXPECT_THROW(mean_and_population_sd({}), std::invalid_argument);
}

// Against SciPy (tools/reference/t_tests.py → tests/numerics/reference/t_tests.inc).
TEST(SampleStatistics, TTestsMatchScipy) {
  for (int k = 0; k < t_test_pairs; ++k) {
    const t_test_result results[] = {student_t_test(t_test_a[k], t_test_b[k]), welch_t_test(t_test_a[k], t_test_b[k]),
                                     paired_t_test(t_test_a[k], t_test_b[k])};
    for (int test = 0; test < 3; ++test) {
      EXPECT_NEAR(results[test].t, t_test_table[k][test][0], 1e-12 * std::abs(t_test_table[k][test][0])) << k << test;
      EXPECT_NEAR(results[test].degrees_of_freedom, t_test_table[k][test][1], 1e-12 * t_test_table[k][test][1]);
      EXPECT_NEAR(results[test].p_value, t_test_table[k][test][2], 1e-10 * t_test_table[k][test][2]) << k << test;
    }
  }
  EXPECT_THROW(paired_t_test({1, 2, 3}, {1, 2}), std::invalid_argument);
  EXPECT_THROW(student_t_test({1, 1}, {1, 1}), std::invalid_argument);
  EXPECT_THROW(welch_t_test({1}, {1, 2}), std::invalid_argument);
}
