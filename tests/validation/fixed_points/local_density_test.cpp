// Local density of dynamically found fixed points: a hand-checkable limit, resume, thread counts.
#include "validation/fixed_points/local_density.hpp"

#include <gtest/gtest.h>
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

using namespace steer;

namespace {

validation::local_density_config small_config() {
  validation::local_density_config config;
  config.n = 60;
  config.self_coupling = 0.75;
  config.networks = 4;
  config.starts = 6;
  config.radius = 2;
  config.seed = 8;
  config.program_version = "test";
  return config;
}

void expect_same(const validation::local_density& a, const validation::local_density& b) {
  ASSERT_EQ(a.per_network.size(), b.per_network.size());
  for (std::size_t k = 0; k < a.per_network.size(); ++k) {
    EXPECT_EQ(a.per_network[k].converged, b.per_network[k].converged);
    EXPECT_EQ(a.per_network[k].distinct, b.per_network[k].distinct);
    EXPECT_EQ(a.per_network[k].sweeps_of_converged, b.per_network[k].sweeps_of_converged);
    EXPECT_EQ(a.per_network[k].fixed_points_at_distance, b.per_network[k].fixed_points_at_distance);
    EXPECT_EQ(a.per_network[k].states_checked, b.per_network[k].states_checked);
  }
  EXPECT_EQ(a.converged_fraction, b.converged_fraction);
  EXPECT_EQ(a.mean_in_ball, b.mean_in_ball);
}

}  // namespace

// J_D = 10 ≫ max|h_i|: every state is a fixed point, the dynamics stops at once, and the ball of
// radius 2 holds N + C(N, 2) of them; the annealed theory gives the same (E[P_N(d)]/E[#FP] → C(N, d)).
TEST(LocalDensity, EveryStateFixedGivesTheWholeBall) {
  auto config = small_config();
  config.n = 50;
  config.self_coupling = 10.0;
  const auto r = validation::run_local_density(config);
  EXPECT_EQ(r.converged_fraction.mean, 1.0);
  EXPECT_EQ(*r.mean_sweeps_to_converge, 0.0);
  EXPECT_EQ(r.distinct_fixed_points, 24);  // every random start is its own fixed point
  ASSERT_EQ(r.mean_in_ball.size(), 2u);
  EXPECT_EQ(r.mean_at_distance[0].mean, 50.0);
  EXPECT_EQ(r.mean_in_ball[1].mean, 50.0 + 1225.0);
  EXPECT_NEAR(r.typical_theory_in_ball[1], 1275.0, 1e-9);
  EXPECT_EQ(r.per_network[0].states_checked, 6u * 1275u);
}

TEST(LocalDensity, IdenticalForOneAndTwoThreads) {
  omp_set_num_threads(1);
  const auto one = validation::run_local_density(small_config());
  omp_set_num_threads(2);
  const auto two = validation::run_local_density(small_config());
  expect_same(one, two);
  EXPECT_GT(one.converged_fraction.mean, 0.0);  // the comparison covers ball counts
}

TEST(LocalDensity, ResumesFinishedNetworksAndRecomputesBadFiles) {
  const auto dir = std::filesystem::temp_directory_path() / ("steer_local_density_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto config = small_config();
  config.points_dir = dir;
  const auto first = validation::run_local_density(config);
  EXPECT_EQ(first.resumed_networks, 0);
  const auto again = validation::run_local_density(config);
  EXPECT_EQ(again.resumed_networks, 4);
  expect_same(first, again);
  // A damaged file and a file of another version are recomputed, not trusted.
  std::vector<std::filesystem::path> files(std::filesystem::directory_iterator(dir), {});
  std::sort(files.begin(), files.end());
  ASSERT_EQ(files.size(), 4u);
  std::ofstream(files[0]) << "{\"format\": 1, \"converged\": ";
  const auto damaged = validation::run_local_density(config);
  EXPECT_EQ(damaged.resumed_networks, 3);
  expect_same(first, damaged);
  config.program_version = "other";
  const auto other_version = validation::run_local_density(config);
  EXPECT_EQ(other_version.resumed_networks, 0);
  expect_same(first, other_version);
  std::filesystem::remove_all(dir);
}

TEST(LocalDensity, BadConfigurationThrowsNamingTheField) {
  auto config = small_config();
  config.radius = 4;
  EXPECT_THROW(validation::run_local_density(config), std::invalid_argument);
  config = small_config();
  config.starts = 0;
  EXPECT_THROW(validation::run_local_density(config), std::invalid_argument);
  config = small_config();
  config.self_coupling = std::nan("");
  EXPECT_THROW(validation::run_local_density(config), std::domain_error);
}
