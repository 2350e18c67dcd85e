// Replicated Monte Carlo: the γ schedule, option validation, and success at large J_D.
#include "solvers/fixed_points/replicated_mc.hpp"

#include <gtest/gtest.h>

#include "numerics/fixed_points/fixed_point.hpp"

using namespace steer;

TEST(ReplicatedMc, LinearCouplingSchedule) {
  solvers::replicated_options o;
  o.sweeps = 5;
  o.gamma_initial = 0.5;
  o.gamma_final = 2.5;
  EXPECT_DOUBLE_EQ(solvers::replicated_gamma(o, 0), 0.5);
  EXPECT_DOUBLE_EQ(solvers::replicated_gamma(o, 2), 1.5);
  EXPECT_DOUBLE_EQ(solvers::replicated_gamma(o, 4), 2.5);
}

TEST(ReplicatedMc, RejectsBadOptions) {
  solvers::replicated_options o;
  o.replicas = 0;
  EXPECT_THROW(o.validate(), std::invalid_argument);
  o = {};
  o.beta = -1.0;
  EXPECT_THROW(o.validate(), std::invalid_argument);
  o = {};
  o.gamma_final = -0.1;
  EXPECT_THROW(o.validate(), std::invalid_argument);
}

TEST(ReplicatedMc, FindsFixedPointsAtLargeSelfCoupling) {
  // J_D = 1.5 at N = 100 (issue 9 tests): fixed seeds, every restart's centre is a fixed point.
  const auto j = numerics::sample_couplings({100, 1.5, 0.0}, 6, 0);
  for (std::uint64_t restart = 0; restart < 3; ++restart) {
    const auto r = solvers::replicated_mc(j, {}, 6, restart);
    ASSERT_TRUE(r.converged) << restart;
    EXPECT_TRUE(numerics::is_fixed_point(j, r.state));
  }
}
