// Synchronous dynamics at any N: hand-built cycles of period 2, 3 and 4, the packed-state dynamics
// (sign_dynamics.hpp) as the reference for N ≤ 64, and exact verification of what it returns.
#include "solvers/fixed_points/synchronous_dynamics.hpp"

#include <gtest/gtest.h>

#include "numerics/fixed_points/fixed_point.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "solvers/fixed_points/sign_dynamics.hpp"

using namespace steer;

namespace {

numerics::coupling_matrix matrix(int n, std::vector<double> values) { return {n, std::move(values)}; }

}  // namespace

TEST(SynchronousDynamics, HandBuiltTwoCycle) {
  // J = [[0, 1], [1, 0]]: (+,−) → (sign(−1), sign(+1)) = (−,+) → (+,−): period 2, seen at step 2.
  const auto j = matrix(2, {0, 1, 1, 0});
  const auto r = solvers::synchronous_dynamics(j).run({1, -1}, 100);
  EXPECT_FALSE(r.converged);
  EXPECT_EQ(r.cycle_length, 2);
  EXPECT_EQ(r.steps, 2);
  EXPECT_EQ(r.state, (numerics::spin_vector{1, -1}));
}

TEST(SynchronousDynamics, HandBuiltLongerCycles) {
  // J = [[0, 1], [−1, 0]]: (+,+) → (+,−) → (−,−) → (−,+) → (+,+): period 4.
  const auto rotation = solvers::synchronous_dynamics(matrix(2, {0, 1, -1, 0})).run({1, 1}, 100);
  EXPECT_EQ(rotation.cycle_length, 4);
  EXPECT_EQ(rotation.steps, 4);
  // s_i(t+1) = s_{i−1}(t) (J_{i,i−1} = 1): (+,−,−) → (−,+,−) → (−,−,+) → (+,−,−): period 3,
  // entered after a transient when the start is not on the cycle... here it is, so seen at step 3.
  const auto shift = matrix(3, {0, 0, 1, 1, 0, 0, 0, 1, 0});
  const auto r = solvers::synchronous_dynamics(shift).run({1, -1, -1}, 100);
  EXPECT_EQ(r.cycle_length, 3);
  EXPECT_EQ(r.steps, 3);
  // (+,+,+) is a fixed point of the shift: converged after 0 steps, no cycle.
  const auto fixed = solvers::synchronous_dynamics(shift).run({1, 1, 1}, 100);
  EXPECT_TRUE(fixed.converged);
  EXPECT_EQ(fixed.steps, 0);
  EXPECT_EQ(fixed.cycle_length, 0);
  // A budget shorter than the period: no cycle seen, not converged.
  const auto short_run = solvers::synchronous_dynamics(shift).run({1, -1, -1}, 2);
  EXPECT_EQ(short_run.cycle_length, 0);
  EXPECT_FALSE(short_run.converged);
  EXPECT_EQ(short_run.state, (numerics::spin_vector{-1, -1, 1}));
}

TEST(SynchronousDynamics, SameAsThePackedDynamicsForSmallN) {
  int converged = 0, cycles = 0;
  // Symmetric couplings (η = 1) have only fixed points and 2-cycles under synchronous dynamics
  // (Goles-Chacc et al. 1985), asymmetric ones mostly long transients at J_D = 0 and fixed points at J_D ≥ 0.5.
  const std::pair<double, double> ensembles[] = {{0.0, 0.0}, {0.5, 0.0}, {1.0, 0.0}, {0.0, 1.0}};
  for (const auto& [jd, symmetry] : ensembles)
    for (std::uint64_t t = 0; t < 40; ++t) {
      const auto j = numerics::sample_couplings({40, jd, symmetry}, 4, t);
      const auto start = solvers::random_spin_vector(40, 4, t);
      numerics::packed_state packed = 0;
      for (int i = 0; i < 40; ++i)
        if (start[static_cast<std::size_t>(i)] > 0) packed |= numerics::packed_state{1} << i;
      const auto reference = solvers::run_sign_dynamics(j, packed, {solvers::update_schedule::synchronous, 300, 4, t});
      const auto r = solvers::synchronous_dynamics(j).run(start, 300);
      ASSERT_EQ(r.converged, reference.converged) << "J_D " << jd << " t " << t;
      ASSERT_EQ(r.steps, reference.sweeps);
      ASSERT_EQ(r.cycle_length, reference.cycle_length);
      for (int i = 0; i < 40; ++i) ASSERT_EQ(r.state[static_cast<std::size_t>(i)], numerics::spin(reference.state, i));
      if (r.converged) {
        EXPECT_TRUE(numerics::is_fixed_point(j, r.state));
      }
      converged += r.converged ? 1 : 0;
      cycles += r.cycle_length >= 2 ? 1 : 0;
    }
  EXPECT_GT(converged, 20);  // both outcomes are covered
  EXPECT_GT(cycles, 20);
}

TEST(SynchronousDynamics, BadInputThrows) {
  const auto j = numerics::sample_couplings({8, 0.5, 0.0}, 1, 0);
  const solvers::synchronous_dynamics dynamics(j);
  EXPECT_THROW(dynamics.run(numerics::spin_vector(7, 1), 10), std::invalid_argument);
  EXPECT_THROW(dynamics.run(numerics::spin_vector(8, 1), 0), std::invalid_argument);
}
