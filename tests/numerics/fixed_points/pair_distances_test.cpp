#include "numerics/fixed_points/pair_distances.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "numerics/rng_stream.hpp"

using namespace steer::numerics;

namespace {

std::vector<std::uint64_t> brute_force(const std::vector<packed_state>& states, int n) {
  std::vector<std::uint64_t> h(n + 1, 0);
  for (const auto a : states)
    for (const auto b : states) ++h[hamming_distance(a, b)];
  return h;
}

std::vector<packed_state> random_subset(int n, double fraction, std::uint64_t seed) {
  std::vector<packed_state> states;
  rng_stream stream(seed, 0, stream_purpose::state_sampling);
  for (packed_state s = 0; s < (packed_state{1} << n); ++s)
    if (stream.uniform_open() < fraction) states.push_back(s);
  return states;
}

}  // namespace

TEST(PairDistances, HandCountedExample) {
  // {000, 011, 111}: distances 0 (×3), 1 (011–111, ×2), 2 (000–011, ×2), 3 (000–111, ×2).
  EXPECT_EQ(pair_distance_histogram({0b000, 0b011, 0b111}, 3), (std::vector<std::uint64_t>{3, 2, 2, 2}));
}

// Dense sets take the Walsh–Hadamard path, sparse ones the direct loop; both must equal the
// brute-force double loop.
TEST(PairDistances, BothAlgorithmsMatchBruteForce) {
  for (const double fraction : {0.002, 0.05, 0.5, 1.0}) {
    const auto states = random_subset(12, fraction, 4);
    EXPECT_EQ(pair_distance_histogram(states, 12), brute_force(states, 12)) << fraction;
  }
  EXPECT_EQ(pair_distance_histogram({}, 5), (std::vector<std::uint64_t>(6, 0)));
}

// Out-of-range bits would index past the 2^n table; repeats would count as distance-0 pairs.
TEST(PairDistances, RefusesStatesBeyondNAndRepeats) {
  EXPECT_THROW(pair_distance_histogram({0, std::uint64_t{1} << 8}, 8), std::invalid_argument);
  EXPECT_THROW(pair_distance_histogram({0, ~std::uint64_t{0}}, 2), std::invalid_argument);
  EXPECT_THROW(pair_distance_histogram({0, 1, 1}, 3), std::invalid_argument);
  EXPECT_THROW(pair_distance_histogram({3, 1}, 3), std::invalid_argument);
  EXPECT_EQ(pair_distance_histogram({0, ~std::uint64_t{0}}, 64)[64], 2u);  // n = 64: every bit is in range
}

TEST(PairDistances, FullCubeIsBinomial) {
  const int n = 16;
  std::vector<packed_state> all(std::size_t{1} << n);
  for (std::size_t s = 0; s < all.size(); ++s) all[s] = s;
  const auto h = pair_distance_histogram(all, n);
  std::uint64_t binomial = 1;
  for (int d = 0; d <= n; ++d) {
    EXPECT_EQ(h[d], (std::uint64_t{1} << n) * binomial) << d;
    binomial = binomial * (n - d) / (d + 1);
  }
}
