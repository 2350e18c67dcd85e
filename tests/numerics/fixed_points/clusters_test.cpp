// Cluster finder, neighbour counts and nearest distances against brute force over all pairs.
#include "numerics/fixed_points/clusters.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <set>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/rng_stream.hpp"

using namespace steer::numerics;

namespace {

// Components by flood fill over the all-pairs graph (distance 1..k), labelled by smallest member.
std::vector<std::uint32_t> brute_components(const std::vector<packed_state>& s, int k) {
  constexpr std::uint32_t unset = ~std::uint32_t{0};
  std::vector<std::uint32_t> id(s.size(), unset);
  std::uint32_t next = 0;
  for (std::size_t start = 0; start < s.size(); ++start) {
    if (id[start] != unset) continue;
    std::vector<std::size_t> stack{start};
    id[start] = next;
    while (!stack.empty()) {
      const std::size_t a = stack.back();
      stack.pop_back();
      for (std::size_t b = 0; b < s.size(); ++b)
        if (id[b] == unset && hamming_distance(s[a], s[b]) <= k) {
          id[b] = next;
          stack.push_back(b);
        }
    }
    ++next;
  }
  return id;
}

// A random sorted set of `size` distinct n-bit states, or a network's fixed points.
std::vector<packed_state> random_set(int n, std::size_t size, std::uint64_t sample) {
  rng_stream stream(3, sample, stream_purpose::state_sampling);
  std::set<packed_state> chosen;
  while (chosen.size() < size) chosen.insert(stream.next_u64() & low_bits(n));
  return {chosen.begin(), chosen.end()};
}

std::vector<std::vector<packed_state>> test_sets() {
  std::vector<std::vector<packed_state>> sets;
  for (int n = 4; n <= 10; ++n) {
    sets.push_back(random_set(n, std::size_t{1} << (n - 2), static_cast<std::uint64_t>(n)));  // dense: big clusters
    sets.push_back(random_set(n, static_cast<std::size_t>(n), 100 + static_cast<std::uint64_t>(n)));  // sparse
    for (const double jd : {0.0, 0.5, 1.0})
      sets.push_back(enumerate_fixed_points(sample_couplings({n, jd, 0.0}, 7, static_cast<std::uint64_t>(n))).fixed_points);
  }
  return sets;
}

int bits_of(const std::vector<packed_state>& s) {
  packed_state all = 0;
  for (const auto x : s) all |= x;
  return std::max(4, static_cast<int>(std::bit_width(all)));
}

}  // namespace

TEST(Clusters, MasksOfWeightAreAllDistinctAndIncreasing) {
  for (int n = 1; n <= 12; ++n)
    for (int w = 0; w <= n; ++w) {
      std::vector<packed_state> masks;
      for_each_mask_of_weight(n, w, [&](packed_state m) { masks.push_back(m); });
      std::vector<packed_state> expected;
      for (packed_state m = 0; m <= low_bits(n); ++m)
        if (std::popcount(m) == w) expected.push_back(m);
      EXPECT_EQ(masks, expected) << "n " << n << " w " << w;
    }
  std::uint64_t count = 0;
  for_each_mask_of_weight(64, 2, [&](packed_state) { ++count; });
  EXPECT_EQ(count, 2016u);  // C(64, 2): the top-bit masks do not overflow
}

TEST(Clusters, ComponentsMatchBruteForceOverAllPairs) {
  for (const auto& states : test_sets()) {
    const int n = bits_of(states);
    const fixed_point_set set(states, n);
    for (int k = 1; k <= 3; ++k) EXPECT_EQ(connected_components(set, k), brute_components(states, k)) << "n " << n << " k " << k;
  }
}

TEST(Clusters, NeighbourCountsAndNearestDistancesMatchBruteForce) {
  for (const auto& states : test_sets()) {
    const int n = bits_of(states);
    const fixed_point_set set(states, n);
    const int d_max = std::min(n, 4);
    const auto counts = neighbours_at_distance(set, d_max);
    for (int near_d : {0, 1, d_max}) {
      std::vector<std::uint32_t> near;
      for (std::size_t i = 0; i < states.size(); ++i)
        for (int d = 1; d <= near_d; ++d) near.push_back(counts[i * d_max + d - 1]);
      const auto nearest = nearest_neighbour_distances(set, near, near_d);
      for (std::size_t i = 0; i < states.size(); ++i) {
        int expected_nearest = 0;
        std::vector<std::uint32_t> expected(static_cast<std::size_t>(d_max), 0);
        for (std::size_t j = 0; j < states.size(); ++j) {
          if (j == i) continue;
          const int d = hamming_distance(states[i], states[j]);
          if (d <= d_max) ++expected[d - 1];
          if (expected_nearest == 0 || d < expected_nearest) expected_nearest = d;
        }
        for (int d = 1; d <= d_max; ++d) ASSERT_EQ(counts[i * d_max + d - 1], expected[d - 1]) << "n " << n << " d " << d;
        ASSERT_EQ(nearest[i], expected_nearest) << "n " << n << " state " << states[i];
      }
    }
  }
}

TEST(Clusters, BinarySearchAboveTheBitsetLimitAgreesWithBruteForce) {
  const int n = max_bitset_neurons + 2;
  // Clumps of nearby states so that components have several members.
  std::vector<packed_state> states;
  for (const packed_state base : random_set(n, 40, 9))
    for (const packed_state flip : {packed_state{0}, packed_state{1}, packed_state{3}, packed_state{1} << 20})
      states.push_back(base ^ flip);
  std::sort(states.begin(), states.end());
  states.erase(std::unique(states.begin(), states.end()), states.end());
  const fixed_point_set set(states, n);
  for (std::size_t i = 0; i < states.size(); ++i) EXPECT_EQ(set.index_of(states[i]), static_cast<std::int64_t>(i));
  EXPECT_FALSE(set.contains(states.front() ^ (packed_state{1} << 29) ^ (packed_state{1} << 28) ^ 0x5555));
  EXPECT_EQ(connected_components(set, 1), brute_components(states, 1));
  EXPECT_EQ(connected_components(set, 2), brute_components(states, 2));
}

TEST(Clusters, BadInputThrows) {
  const std::vector<packed_state> unsorted{3, 1};
  EXPECT_THROW(fixed_point_set(unsorted, 4), std::invalid_argument);
  const std::vector<packed_state> too_wide{1, 16};
  EXPECT_THROW(fixed_point_set(too_wide, 4), std::invalid_argument);
  const std::vector<packed_state> fine{1, 2};
  const fixed_point_set set(fine, 4);
  EXPECT_THROW(connected_components(set, 0), std::invalid_argument);
  EXPECT_THROW(neighbours_at_distance(set, 5), std::invalid_argument);
  EXPECT_THROW(nearest_neighbour_distances(set, {1}, 1), std::invalid_argument);
}
