// The threshold experiment at small N: identical for 1 and 2 threads, resumed points reused and
// equal to fresh ones, corrupted points recomputed, local density beside the theory.
#include "validation/fixed_points/accessibility_threshold.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <filesystem>
#include <fstream>

using namespace steer;

namespace {

validation::threshold_config small_config() {
  validation::threshold_config c;
  c.n = 40;
  c.self_couplings = {0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 1.2};
  c.networks = 12;
  c.restarts = 2;
  c.max_sweeps = 100;
  c.bootstrap = 50;
  c.seed = 3;
  c.program_version = "test";
  return c;
}

}  // namespace

TEST(AccessibilityThreshold, SameForAnyThreadCountAndAThresholdInTheGrid) {
  omp_set_num_threads(1);
  const auto one = validation::run_threshold(small_config());
  omp_set_num_threads(2);
  const auto two = validation::run_threshold(small_config());
  EXPECT_EQ(one.success, two.success);
  EXPECT_EQ(one.threshold, two.threshold);
  EXPECT_EQ(one.threshold_error, two.threshold_error);
  ASSERT_TRUE(one.threshold);  // async dynamics at N = 40: success rises from ~0 to 1 across [0, 1.2]
  EXPECT_GT(*one.threshold, 0.0);
  EXPECT_LT(*one.threshold, 1.2);
  EXPECT_LE(one.success.front(), 0.3);
  EXPECT_EQ(one.success.back(), 1.0);
  ASSERT_TRUE(one.threshold_error);
  EXPECT_GT(*one.threshold_error, 0.0);
  for (std::size_t k = 0; k < one.success.size(); ++k) {
    EXPECT_LE(one.wilson[k].lower, one.success[k]);
    EXPECT_GE(one.wilson[k].upper, one.success[k]);
  }
}

TEST(AccessibilityThreshold, ResumesFinishedPointsAndRecomputesBadOnes) {
  const auto dir = std::filesystem::temp_directory_path() / "steer_threshold_resume_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto c = small_config();
  c.points_dir = dir;
  const auto first = validation::run_threshold(c);
  for (const auto& p : first.points) EXPECT_FALSE(p.resumed);
  // Corrupt one point: it must be recomputed, the others reused.
  auto files = std::vector<std::filesystem::path>(std::filesystem::directory_iterator(dir), {});
  ASSERT_EQ(files.size(), c.self_couplings.size());
  std::ofstream(files.front()) << "{\"format\": 1, \"successes\": [99]}";
  const auto again = validation::run_threshold(c);
  int resumed = 0;
  for (const auto& p : again.points) resumed += p.resumed ? 1 : 0;
  EXPECT_EQ(resumed, static_cast<int>(c.self_couplings.size()) - 1);
  EXPECT_EQ(again.success, first.success);
  EXPECT_EQ(again.threshold, first.threshold);
  c.max_sweeps = 101;  // another key: nothing reused
  for (const auto& p : validation::run_threshold(c).points) EXPECT_FALSE(p.resumed);
  std::filesystem::remove_all(dir);
}

TEST(AccessibilityThreshold, LocalDensityBesideTheTypicalExpectation) {
  auto c = small_config();
  c.self_couplings = {0.8, 1.2};
  c.radius = 2;
  const auto r = validation::run_threshold(c);
  ASSERT_EQ(r.measured_at_distance.size(), 2u);
  ASSERT_EQ(r.measured_at_distance.back().size(), 2u);
  ASSERT_EQ(r.typical_at_distance.back().size(), 2u);
  EXPECT_GT(r.typical_at_distance.back()[0], 0.0);  // J_D > 0: neighbours at distance 1 are possible
  EXPECT_GE(r.measured_at_distance.back()[0], 0.0);
}

TEST(AccessibilityThreshold, BadConfigurationsThrow) {
  auto c = small_config();
  c.algorithm = "nope";
  EXPECT_THROW(validation::run_threshold(c), std::invalid_argument);
  c = small_config();
  c.self_couplings = {0.5, 0.5};
  EXPECT_THROW(validation::run_threshold(c), std::invalid_argument);
  c = small_config();
  c.radius = 4;
  EXPECT_THROW(validation::run_threshold(c), std::invalid_argument);
}

TEST(ThresholdExtrapolation, NeedsTwoSizesOnOneGrid) {
  auto c = small_config();
  c.bootstrap = 0;
  const auto a = validation::run_threshold(c);
  EXPECT_THROW(validation::extrapolate({a}), std::invalid_argument);
  auto other = a;
  other.config.self_couplings.back() = 2.0;
  EXPECT_THROW(validation::extrapolate({a, other}), std::invalid_argument);
}
