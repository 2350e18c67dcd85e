#include "solvers/fixed_points/sign_dynamics.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/fixed_point.hpp"

using namespace steer;
using solvers::update_schedule;

TEST(SignDynamics, FixedPointsStayPutUnderEverySchedule) {
  const auto j = numerics::sample_couplings({14, 0.5, 0.0}, 4, 0);
  const auto fps = numerics::enumerate_fixed_points(j).fixed_points;
  ASSERT_FALSE(fps.empty());
  for (const auto schedule : {update_schedule::synchronous, update_schedule::sequential, update_schedule::random_order}) {
    const auto r = solvers::run_sign_dynamics(j, fps.front(), {schedule, 10, 1, 0});
    EXPECT_TRUE(r.converged);
    EXPECT_EQ(r.state, fps.front());
    EXPECT_EQ(r.sweeps, 0);
  }
}

// Wherever the dynamics stop, they stop at one of the enumerated fixed points.
TEST(SignDynamics, ConvergedStatesAreEnumeratedFixedPoints) {
  const auto j = numerics::sample_couplings({14, 1.0, 0.0}, 6, 0);
  const auto fps = numerics::enumerate_fixed_points(j).fixed_points;
  int converged = 0;
  for (std::uint64_t t = 0; t < 50; ++t) {
    const auto r = solvers::run_sign_dynamics(j, (t * 2654435761u) & 0x3FFF, {update_schedule::random_order, 200, 3, t});
    if (!r.converged) continue;
    ++converged;
    EXPECT_TRUE(std::binary_search(fps.begin(), fps.end(), r.state));
  }
  EXPECT_GT(converged, 25) << "J_D = 1 should freeze most trajectories";
}

// Hand-derived: J_01 = 1, J_10 = −1, J_D = 0. Synchronous updates from (+,+) go
// (+,+) → (+,−) → (−,−) → (−,+) → (+,+): a 4-cycle.
TEST(SignDynamics, SynchronousFourCycle) {
  const numerics::coupling_matrix j(2, {0.0, 1.0, -1.0, 0.0});
  const auto r = solvers::run_sign_dynamics(j, 0b11, {update_schedule::synchronous, 100, 1, 0});
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.cycle_length, 4);
}

TEST(SignDynamics, BadOptionsThrow) {
  const numerics::coupling_matrix j(2, {0.0, 1.0, -1.0, 0.0});
  EXPECT_THROW(solvers::run_sign_dynamics(j, 0, {update_schedule::sequential, 0, 1, 0}), std::invalid_argument);
}
