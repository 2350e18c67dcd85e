// Cluster geometry of enumerated ensembles against theory/neighbour_count, and its invariances.
#include "validation/fixed_points/cluster_check.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>

#include "numerics/fixed_points/couplings.hpp"

using namespace steer;

namespace {

validation::cluster_check_config ensemble_config(int n, double jd, std::int64_t networks, int max_distance) {
  validation::cluster_check_config config;
  config.source = numerics::sampled_networks(numerics::coupling_ensemble{n, jd, 0.0});
  config.theory_self_coupling = jd;
  config.networks = networks;
  config.seed = 21;
  config.geometry = {2, max_distance, false};
  return config;
}

}  // namespace

// The mean number of fixed points at distance d from a fixed point, pooled over networks, is the
// ratio of exact expectations E[P_N(d)]/E[#FP] (spec eq. 4 over eq. 2); 4σ per d, fixed seeds.
TEST(ClusterCheck, NeighboursAtDistanceMatchTheoryOverManyNetworks) {
  for (const auto& [n, jd] : {std::pair{10, 0.5}, std::pair{12, 1.0}, std::pair{12, 0.0}}) {
    const auto check = validation::run_cluster_check(ensemble_config(n, jd, 3000, 4));
    ASSERT_EQ(check.theory_mean_neighbours.size(), 4u);
    ASSERT_TRUE(check.neighbours_pass.has_value());
    for (int d = 0; d < 4; ++d)
      EXPECT_LT(std::abs(check.neighbours_z[d]), validation::cluster_z_threshold)
          << "N " << n << " J_D " << jd << " d " << d + 1 << ": " << check.mean_neighbours[d].mean << " ± "
          << check.mean_neighbours[d].sem << " vs " << check.theory_mean_neighbours[d];
    EXPECT_TRUE(*check.neighbours_pass);
    EXPECT_TRUE(*check.local_entropy_below_bound);
    if (jd == 0.0) {  // a single flip never keeps a fixed point at J_D ≤ 0 (spec §3.1): exactly 0
      EXPECT_EQ(check.mean_neighbours[0].mean, 0.0);
      EXPECT_EQ(check.theory_mean_neighbours[0], 0.0);
      EXPECT_EQ(*check.fraction_with_neighbour_at_distance_1, (numerics::mean_with_error{0.0, 0.0}));
    }
  }
}

// A wrong prediction must fail: the same networks against the theory of another J_D.
TEST(ClusterCheck, WrongSelfCouplingFailsTheVerdict) {
  auto config = ensemble_config(10, 0.5, 3000, 3);
  config.theory_self_coupling = 0.6;
  EXPECT_FALSE(*validation::run_cluster_check(config).neighbours_pass);
}

TEST(ClusterCheck, SummariesAreConsistent) {
  const auto check = validation::run_cluster_check(ensemble_config(11, 0.75, 200, 3));
  std::uint64_t in_components = 0, in_components_k = 0, with_nearest = 0;
  for (const auto& [size, count] : check.component_sizes) in_components += size * count;
  for (const auto& [size, count] : check.component_sizes_max_flips) in_components_k += size * count;
  for (const auto count : check.nearest_distance_histogram) with_nearest += count;
  const auto total = static_cast<std::uint64_t>(std::llround(check.fixed_points.mean * 200));
  EXPECT_EQ(in_components, total);
  EXPECT_EQ(in_components_k, total);
  EXPECT_EQ(with_nearest, total);
  // Fixed points with a neighbour at distance 1 are exactly those whose nearest one is at 1.
  EXPECT_NEAR(check.fraction_with_neighbour_at_distance_1->mean,
              static_cast<double>(check.nearest_distance_histogram[1]) / static_cast<double>(total), 1e-15);
  // ≤ 2 flips merges single-flip components: the largest one can only grow.
  EXPECT_GE(check.largest_component_fraction_max_flips->mean, check.largest_component_fraction->mean);
}

TEST(ClusterCheck, BitwiseIdenticalForOneAndTwoThreads) {
  auto config = ensemble_config(12, 0.5, 64, 3);
  omp_set_num_threads(1);
  const auto one = validation::run_cluster_check(config);
  omp_set_num_threads(2);
  const auto two = validation::run_cluster_check(config);
  EXPECT_EQ(one.fixed_points, two.fixed_points);
  EXPECT_EQ(one.largest_component_fraction, two.largest_component_fraction);
  EXPECT_EQ(one.fraction_with_neighbour_at_distance_1, two.fraction_with_neighbour_at_distance_1);
  EXPECT_EQ(one.mean_neighbours, two.mean_neighbours);
  EXPECT_EQ(one.local_entropy, two.local_entropy);
  EXPECT_EQ(one.component_sizes, two.component_sizes);
  EXPECT_EQ(one.nearest_distance_histogram, two.nearest_distance_histogram);
}

TEST(ClusterCheck, ModularVariantHasMeasurementsButNoPrediction) {
  validation::cluster_check_config config;
  config.source = numerics::sampled_networks(numerics::modular_ensemble{3, 4, 0.0, 0.5, false});
  config.networks = 50;
  config.geometry = {1, 2, true};
  const auto check = validation::run_cluster_check(config);
  EXPECT_TRUE(check.theory_mean_neighbours.empty());
  EXPECT_FALSE(check.neighbours_pass.has_value());
  ASSERT_EQ(check.per_network.size(), 50u);
  EXPECT_EQ(check.per_network[7].component_ids.size(), check.per_network_states[7].size());
}

TEST(ClusterCheck, BadGeometryOptionsThrowBeforeAnyWork) {
  auto config = ensemble_config(8, 0.5, 10, 9);
  EXPECT_THROW(validation::run_cluster_check(config), std::invalid_argument);
  config.geometry = {0, 2, false};
  EXPECT_THROW(validation::run_cluster_check(config), std::invalid_argument);
}
