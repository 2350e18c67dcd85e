// Per-network geometry sums on a hand-checked set.
#include "numerics/fixed_points/fixed_point_geometry.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace steer::numerics;

// n = 4, states 0000, 0001, 0011, 1100, 1111 (bit 0 last). Distances: 0000–0001 1, 0001–0011 1,
// 0000–0011 2, 0000–1100 2, 0011–1111 2, 1100–1111 2, 0001–1100 3, 0001–1111 3, 0000–1111 4,
// 0011–1100 4. Single flips: {0000, 0001, 0011}, {1100}, {1111}; ≤ 2 flips: one component.
TEST(FixedPointGeometry, HandCheckedSet) {
  const std::vector<packed_state> states{0b0000, 0b0001, 0b0011, 0b1100, 0b1111};
  const auto g = analyse_network_geometry(states, 4, {2, 3, true});
  EXPECT_EQ(g.fixed_points, 5u);
  EXPECT_EQ(g.component_sizes, (std::vector<std::uint64_t>{3, 1, 1}));
  EXPECT_EQ(g.component_ids, (std::vector<std::uint32_t>{0, 0, 0, 1, 2}));
  EXPECT_EQ(g.component_sizes_max_flips, (std::vector<std::uint64_t>{5}));
  EXPECT_EQ(g.component_ids_max_flips, (std::vector<std::uint32_t>{0, 0, 0, 0, 0}));
  EXPECT_EQ(g.with_neighbour_at_distance_1, 3u);
  // N_loc(s, d) per state (d = 1, 2, 3): 0000 (1,2,0), 0001 (2,0,2), 0011 (1,2,0), 1100 (0,2,1), 1111 (0,2,1).
  EXPECT_EQ(g.neighbour_pairs, (std::vector<std::uint64_t>{4, 8, 4}));
  EXPECT_NEAR(g.log_one_plus_neighbours[0], 2 * std::log(2.0) + std::log(3.0), 1e-15);
  EXPECT_NEAR(g.log_one_plus_neighbours[1], 4 * std::log(3.0), 1e-15);
  EXPECT_NEAR(g.log_one_plus_neighbours[2], std::log(3.0) + 2 * std::log(2.0), 1e-15);
  EXPECT_EQ(g.nearest_distance_histogram, (std::vector<std::uint64_t>{0, 3, 2, 0, 0}));
}

TEST(FixedPointGeometry, SingleAndEmptySets) {
  const auto one = analyse_network_geometry({5}, 6, {});
  EXPECT_EQ(one.component_sizes, (std::vector<std::uint64_t>{1}));
  EXPECT_EQ(one.nearest_distance_histogram[0], 1u);  // alone
  const auto none = analyse_network_geometry({}, 6, {});
  EXPECT_EQ(none.fixed_points, 0u);
  EXPECT_TRUE(none.component_sizes.empty());
  EXPECT_EQ(none.neighbour_pairs, (std::vector<std::uint64_t>{0, 0, 0}));
}

TEST(FixedPointGeometry, BadOptionsThrow) {
  EXPECT_THROW(analyse_network_geometry({1}, 4, {0, 1, false}), std::invalid_argument);
  EXPECT_THROW(analyse_network_geometry({1}, 4, {1, 5, false}), std::invalid_argument);
}
