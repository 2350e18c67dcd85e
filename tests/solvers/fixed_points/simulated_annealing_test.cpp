// Simulated annealing: the β schedules against hand-computed values, option validation, and
// success on an easy instance.
#include "solvers/fixed_points/simulated_annealing.hpp"

#include <gtest/gtest.h>

#include "numerics/fixed_points/fixed_point.hpp"

using namespace steer;

TEST(SimulatedAnnealing, ScheduleEndpointsAndMidpoints) {
  solvers::annealing_options o;
  o.sweeps = 3;
  o.beta_initial = 1.0;
  o.beta_final = 100.0;
  o.schedule = solvers::beta_schedule::geometric;
  EXPECT_DOUBLE_EQ(solvers::annealing_beta(o, 0), 1.0);
  EXPECT_DOUBLE_EQ(solvers::annealing_beta(o, 1), 10.0);  // √(1·100)
  EXPECT_DOUBLE_EQ(solvers::annealing_beta(o, 2), 100.0);
  o.schedule = solvers::beta_schedule::linear;
  EXPECT_DOUBLE_EQ(solvers::annealing_beta(o, 1), 50.5);
  EXPECT_DOUBLE_EQ(solvers::annealing_beta(o, 2), 100.0);
  o.sweeps = 1;
  EXPECT_DOUBLE_EQ(solvers::annealing_beta(o, 0), 1.0);
}

TEST(SimulatedAnnealing, RejectsBadOptions) {
  solvers::annealing_options o;
  o.sweeps = 0;
  EXPECT_THROW(o.validate(), std::invalid_argument);
  o = {};
  o.beta_initial = 0.0;
  EXPECT_THROW(o.validate(), std::invalid_argument);
  o = {};
  o.beta_final = o.beta_initial / 2;
  EXPECT_THROW(o.validate(), std::invalid_argument);
}

TEST(SimulatedAnnealing, FindsFixedPointsAtLargeSelfCoupling) {
  // J_D = 1 at N = 200: the fixed points are many and reachable; fixed seeds, every restart converges.
  const auto j = numerics::sample_couplings({200, 1.0, 0.0}, 2, 0);
  for (std::uint64_t restart = 0; restart < 3; ++restart) {
    const auto r = solvers::simulated_annealing(j, {}, 2, restart);
    ASSERT_TRUE(r.converged) << restart;
    EXPECT_TRUE(numerics::is_fixed_point(j, r.state));
    EXPECT_LT(r.steps, 1000);
  }
}
