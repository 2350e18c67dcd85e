// Asynchronous dynamics on spin vectors against the packed-state dynamics, and its fixed points.
#include "solvers/fixed_points/asynchronous_dynamics.hpp"

#include <gtest/gtest.h>

#include "numerics/fixed_points/fixed_point.hpp"

using namespace steer;

TEST(AsynchronousDynamics, SameTrajectoryAsThePackedDynamicsForSmallN) {
  int converged = 0;
  for (const double jd : {0.0, 0.5, 1.0})
    for (std::uint64_t t = 0; t < 40; ++t) {
      const auto j = numerics::sample_couplings({40, jd, 0.0}, 3, t);
      const numerics::spin_vector start = solvers::random_spin_vector(40, 3, t);
      numerics::packed_state packed = 0;
      for (int i = 0; i < 40; ++i)
        if (start[static_cast<std::size_t>(i)] > 0) packed |= numerics::packed_state{1} << i;
      for (const auto schedule : {solvers::update_schedule::random_order, solvers::update_schedule::sequential}) {
        const solvers::dynamics_options options{schedule, 200, 3, t};
        const auto reference = solvers::run_sign_dynamics(j, packed, options);
        const auto vector = solvers::asynchronous_dynamics(j).run(start, options);
        ASSERT_EQ(vector.converged, reference.converged) << "J_D " << jd << " t " << t;
        ASSERT_EQ(vector.sweeps, reference.sweeps);
        for (int i = 0; i < 40; ++i) ASSERT_EQ(vector.state[static_cast<std::size_t>(i)], numerics::spin(reference.state, i));
        converged += vector.converged ? 1 : 0;
      }
    }
  EXPECT_GT(converged, 100);  // the comparison covers converged and wandering trajectories
  EXPECT_LT(converged, 240);
}

TEST(AsynchronousDynamics, ConvergedStatesOfLargeNetworksAreFixedPoints) {
  const auto j = numerics::sample_couplings({300, 1.0, 0.0}, 5, 0);
  const solvers::asynchronous_dynamics dynamics(j);
  for (std::uint64_t t = 0; t < 5; ++t) {
    const auto result = dynamics.run(solvers::random_spin_vector(300, 5, t), {solvers::update_schedule::random_order, 1000, 5, t});
    ASSERT_TRUE(result.converged) << t;  // J_D = 1 freezes quickly
    EXPECT_TRUE(numerics::is_fixed_point(j, result.state));
  }
}

TEST(AsynchronousDynamics, RandomStartsAreBalancedAndReproducible) {
  const auto s = solvers::random_spin_vector(10000, 2, 7);
  int up = 0;
  for (const auto x : s) up += x > 0 ? 1 : 0;
  EXPECT_NEAR(up, 5000, 4 * 50);  // binomial sd √(N/4) = 50
  EXPECT_EQ(s, solvers::random_spin_vector(10000, 2, 7));
  EXPECT_NE(s, solvers::random_spin_vector(10000, 2, 8));
}

TEST(AsynchronousDynamics, BadInputThrows) {
  const auto j = numerics::sample_couplings({8, 0.5, 0.0}, 1, 0);
  const solvers::asynchronous_dynamics dynamics(j);
  EXPECT_THROW(dynamics.run(numerics::spin_vector(7, 1), {}), std::invalid_argument);
  EXPECT_THROW(dynamics.run(numerics::spin_vector(8, 1), {solvers::update_schedule::synchronous, 10, 1, 0}),
               std::invalid_argument);
  EXPECT_THROW(dynamics.run(numerics::spin_vector(8, 1), {solvers::update_schedule::random_order, 0, 1, 0}),
               std::invalid_argument);
}

TEST(AsynchronousDynamics, HandBuiltThreeNeuronTrajectory) {
  // J = [[0, 2, −1], [1, 0, 3], [−2, 1, 0]], sequential order, start (−,+,+). By hand:
  // sweep 1: s_0 ← sign(2 − 1) = +, s_1 ← sign(1 + 3) = +, s_2 ← sign(−2 + 1) = −  → (+,+,−)
  // sweep 2: s_0 ← sign(2 + 1) = +, s_1 ← sign(1 − 3) = −, s_2 ← sign(−2 − 1) = −  → (+,−,−)
  // sweep 3: s_0 ← sign(−2 + 1) = −, s_1 ← sign(−1 − 3) = −, s_2 ← sign(2 − 1) = + → (−,−,+)
  // sweep 4: s_0 ← sign(−2 − 1) = −, s_1 ← sign(−1 + 3) = +, s_2 ← sign(2 + 1) = + → (−,+,+): back to the start.
  const numerics::coupling_matrix j(3, {0, 2, -1, 1, 0, 3, -2, 1, 0});
  const std::vector<numerics::spin_vector> after = {{1, 1, -1}, {1, -1, -1}, {-1, -1, 1}, {-1, 1, 1}};
  const std::vector<std::int64_t> flips = {2, 3, 5, 6};
  const solvers::asynchronous_dynamics dynamics(j);
  for (std::size_t k = 0; k < after.size(); ++k) {
    const solvers::dynamics_options options{solvers::update_schedule::sequential, static_cast<std::int64_t>(k + 1), 1, 0};
    const auto r = dynamics.run({-1, 1, 1}, options);
    EXPECT_EQ(r.state, after[k]) << "after sweep " << k + 1;
    EXPECT_EQ(r.flips, flips[k]);
    EXPECT_FALSE(r.converged);
    EXPECT_EQ(solvers::run_asynchronous_naively(j, {-1, 1, 1}, options).state, after[k]);
  }
}

TEST(AsynchronousDynamics, IncrementalFieldsFollowTheRecomputedTrajectory) {
  // Many flips (J_D = 0 wanders; beyond refresh_flips(N) = 4800, so refreshes happen): every
  // decision made on the float-column incremental fields equals the one made on fields recomputed
  // from scratch in double, so both runs end in the same state after the same number of flips.
  for (const double jd : {0.0, 0.2}) {
    const auto j = numerics::sample_couplings({300, jd, 0.0}, 9, 0);
    const solvers::dynamics_options options{solvers::update_schedule::random_order, 200, 9, 1};
    const auto start = solvers::random_spin_vector(300, 9, 1);
    const auto fast = solvers::asynchronous_dynamics(j).run(start, options);
    const auto naive = solvers::run_asynchronous_naively(j, start, options);
    EXPECT_EQ(fast.state, naive.state) << jd;
    EXPECT_EQ(fast.flips, naive.flips);
    EXPECT_EQ(fast.sweeps, naive.sweeps);
    if (jd == 0.0) {
      EXPECT_GT(fast.flips, 3 * solvers::refresh_flips(300));
    }
  }
}
