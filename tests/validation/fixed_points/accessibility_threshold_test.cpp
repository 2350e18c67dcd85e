// The threshold experiment at small N: identical for 1 and 2 threads, resumed networks reused and
// equal to fresh ones, corrupted ones recomputed, the units of any split summarise to the whole
// run, local density beside the theory.
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
  // One file per (J_D, network). Corrupt one: its network is recomputed (so its point counts as
  // not resumed), every other one reused.
  auto files = std::vector<std::filesystem::path>(std::filesystem::directory_iterator(dir), {});
  ASSERT_EQ(files.size(), c.self_couplings.size() * static_cast<std::size_t>(c.networks));
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

TEST(AccessibilityThreshold, UnitsOfAnySplitGiveTheWholeRun) {
  const auto c = small_config();
  const auto whole = validation::run_threshold(c);
  const std::int64_t total = validation::threshold_unit_count(c);
  ASSERT_EQ(total, 7 * 12);
  // Three pieces cutting across J_D boundaries, as shards or MPI ranks would.
  auto units = validation::run_threshold_units(c, {0, 17});
  for (const auto& piece : {validation::index_range{17, 50}, validation::index_range{50, total}}) {
    const auto more = validation::run_threshold_units(c, piece);
    units.insert(units.end(), more.begin(), more.end());
  }
  const auto joined = validation::summarise_threshold(c, units);
  EXPECT_EQ(joined.success, whole.success);
  EXPECT_EQ(joined.threshold, whole.threshold);
  EXPECT_EQ(joined.threshold_error, whole.threshold_error);
  // The codec round-trips a unit and refuses impossible ones.
  const auto codec = validation::threshold_network_codec(c);
  const auto back = codec.decode(codec.encode(units[30]));
  EXPECT_EQ(back.successes, units[30].successes);
  EXPECT_EQ(back.sweeps_of_converged, units[30].sweeps_of_converged);
  auto bad = codec.encode(units[30]);
  bad["successes"] = 3;  // more than the 2 restarts
  EXPECT_THROW(codec.decode(bad), validation::malformed_unit);
  EXPECT_THROW(validation::run_threshold_units(c, {0, total + 1}), std::invalid_argument);
}

TEST(AccessibilityThreshold, ClusteredIntervalsWithSeveralRestarts) {
  // restarts = 2: every point's interval is the clustered one over its networks.
  const auto r = validation::run_threshold(small_config());
  for (std::size_t k = 0; k < r.points.size(); ++k) {
    const auto expected = validation::clustered_wilson_interval(r.points[k].successes, 2);
    EXPECT_EQ(r.wilson[k].lower, expected.interval.lower);
    EXPECT_EQ(r.wilson[k].upper, expected.interval.upper);
    EXPECT_GE(r.design_effect[k], 1.0);
    EXPECT_LE(r.design_effect[k], 2.0);
  }
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
