// Hamming-ball counter against full enumeration (every fixed point of small networks as centre).
#include "numerics/fixed_points/hamming_ball.hpp"

#include <gtest/gtest.h>

#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/fixed_point.hpp"

using namespace steer::numerics;

namespace {

spin_vector as_vector(packed_state s, int n) {
  spin_vector v(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = static_cast<std::int8_t>(spin(s, i));
  return v;
}

}  // namespace

TEST(HammingBall, CountsEqualFullEnumerationAroundEveryFixedPoint) {
  std::uint64_t centres = 0, found = 0;
  for (const auto& [n, jd] : {std::pair{12, 0.5}, std::pair{14, 1.0}, std::pair{16, 0.25}, std::pair{13, 0.0}})
    for (std::uint64_t network = 0; network < 3; ++network) {
      const coupling_matrix j = sample_couplings({n, jd, 0.0}, 17, network);
      const auto all = enumerate_fixed_points(j).fixed_points;
      const hamming_ball_counter counter(j);
      for (const packed_state centre : all) {
        std::vector<std::uint64_t> expected(3, 0);
        for (const packed_state other : all) {
          const int d = hamming_distance(centre, other);
          if (d >= 1 && d <= 3) ++expected[static_cast<std::size_t>(d - 1)];
        }
        const ball_count got = counter.count(as_vector(centre, n), 3);
        ASSERT_EQ(got.fixed_points_at_distance, expected) << "N " << n << " J_D " << jd << " centre " << centre;
        ASSERT_EQ(got.states_checked, static_cast<std::uint64_t>(n + n * (n - 1) / 2 + n * (n - 1) * (n - 2) / 6));
        const ball_count r1 = counter.count(as_vector(centre, n), 1);
        ASSERT_EQ(r1.fixed_points_at_distance[0], expected[0]);
        ++centres;
        found += expected[0] + expected[1] + expected[2];
      }
    }
  EXPECT_GT(centres, 1000u);  // the comparison covers many centres and
  EXPECT_GT(found, 10000u);   // many fixed points inside their balls
}

// Hand-made ties: zero off-diagonal couplings and J_D = 0 make every margin exactly 0, so no
// state is a fixed point; with J_D = 1 every state is, and the ball holds C(N, d) at each d.
TEST(HammingBall, DiagonalMatricesAndTheNaiveBaseline) {
  std::vector<double> values(36, 0.0);
  for (int i = 0; i < 6; ++i) values[static_cast<std::size_t>(i) * 7] = 1.0;
  const coupling_matrix all_fixed(6, values);
  const spin_vector centre{1, -1, 1, 1, -1, -1};
  const auto got = hamming_ball_counter(all_fixed).count(centre, 3);
  EXPECT_EQ(got.fixed_points_at_distance, (std::vector<std::uint64_t>{6, 15, 20}));
  EXPECT_EQ(count_ball_naively(all_fixed, centre, 3, ~std::uint64_t{0}).fixed_points_at_distance,
            (std::vector<std::uint64_t>{6, 15, 20}));
  EXPECT_EQ(count_ball_naively(all_fixed, centre, 2, 10).states_checked, 10u);
  // A margin that is exactly 0 after the flips is decided exactly (not stable), not by rounding.
  std::vector<double> tie = values;
  // J_01 = 1 around the all-up state (m_0 = 2, m_i = 1 otherwise): flipping s_1 moves m_0 to
  // 1 − 1 = 0, flipping s_0 gives it −J_01 + J_00 = 0; both ties are unstable, the other 4 flips fixed.
  tie[1] = 1.0;
  const spin_vector up(6, 1);
  const auto near_tie = hamming_ball_counter(coupling_matrix(6, tie)).count(up, 1);
  EXPECT_EQ(near_tie.fixed_points_at_distance[0], 4u);
  EXPECT_EQ(near_tie.decided_exactly, 2u);
}

TEST(HammingBall, BadInputThrows) {
  const coupling_matrix j = sample_couplings({10, 0.5, 0.0}, 1, 0);
  const hamming_ball_counter counter(j);
  const auto fixed = enumerate_fixed_points(j).fixed_points;
  ASSERT_FALSE(fixed.empty());
  EXPECT_THROW(counter.count(as_vector(fixed.front(), 10), 4), std::invalid_argument);
  EXPECT_THROW(counter.count(as_vector(fixed.front(), 10), 0), std::invalid_argument);
  EXPECT_THROW(counter.count(spin_vector(9, 1), 1), std::invalid_argument);
  packed_state not_fixed = 0;
  while (is_fixed_point(j, not_fixed)) ++not_fixed;
  EXPECT_THROW(counter.count(as_vector(not_fixed, 10), 1), std::invalid_argument);
}
