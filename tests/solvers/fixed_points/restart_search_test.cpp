// The shared restart loop: hand-checked per-restart margins, unstable units and distinct fixed
// points on a 2-neuron network; the runs equal direct calls of the solver and do not depend on
// the thread count; bad input and a failing restart.
#include "solvers/fixed_points/restart_search.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <atomic>
#include <stdexcept>

#include "solvers/fixed_points/solver_registry.hpp"

using namespace steer;

namespace {

// J = [[1, 1], [1, 1]]: (+,+) and (−,−) have margins 2, 2; (+,−) has margins 0, 0 (unstable:
// eq. 1 is strict).
numerics::coupling_matrix ones() { return numerics::coupling_matrix(2, {1.0, 1.0, 1.0, 1.0}); }

// Restart r ends in (+,+) (r ≡ 0 mod 4), (−,−) (r ≡ 2) or, unconverged, (+,−) (r odd), after r steps.
solvers::solver_result scripted(const numerics::coupling_matrix&, std::uint64_t, std::uint64_t restart) {
  solvers::solver_result r;
  r.steps = static_cast<std::int64_t>(restart);
  r.converged = restart % 2 == 0;
  r.state = restart % 2 == 1 ? numerics::spin_vector{1, -1} : restart % 4 == 0 ? numerics::spin_vector{1, 1} : numerics::spin_vector{-1, -1};
  return r;
}

}  // namespace

TEST(RestartSearch, HandCheckedTwoNeuronNetwork) {
  std::atomic<int> calls{0};
  const auto s = solvers::run_restarts(ones(), scripted, 7, 1, [&calls] { ++calls; });
  EXPECT_EQ(calls.load(), 7);
  ASSERT_EQ(s.runs.size(), 7u);
  for (std::size_t r = 0; r < 7; ++r) {
    EXPECT_EQ(s.runs[r].steps, static_cast<std::int64_t>(r));
    EXPECT_EQ(s.smallest_margins[r], r % 2 == 1 ? 0.0 : 2.0) << r;
    EXPECT_EQ(s.unstable_units[r], r % 2 == 1 ? 2 : 0) << r;
  }
  EXPECT_EQ(s.distinct_fixed_points, 2);  // (+,+) from r = 0, 4 and (−,−) from r = 2, 6
  EXPECT_EQ(s.statistics.converged, 4);
  EXPECT_EQ(*s.statistics.mean_steps_to_converge, (0.0 + 2 + 4 + 6) / 4);
  EXPECT_EQ(*s.statistics.mean_margin, 2.0);
}

TEST(RestartSearch, RunsAreTheSolversAndIndependentOfThreads) {
  const auto j = numerics::sample_couplings({40, 0.3, 0.0}, 5, 0);
  const auto solve = solvers::make_solver("async", {300});
  omp_set_num_threads(1);
  const auto one = solvers::run_restarts(j, solve, 9, 5);
  omp_set_num_threads(2);
  const auto two = solvers::run_restarts(j, solve, 9, 5);
  for (std::uint64_t r = 0; r < 9; ++r) {
    const auto direct = solve(j, 5, r);
    EXPECT_EQ(one.runs[r].state, direct.state);
    EXPECT_EQ(two.runs[r].state, direct.state);
    EXPECT_EQ(one.runs[r].steps, direct.steps);
    EXPECT_EQ(one.smallest_margins[r], two.smallest_margins[r]);
  }
  EXPECT_EQ(one.distinct_fixed_points, two.distinct_fixed_points);
  EXPECT_EQ(one.statistics.mean_margin, two.statistics.mean_margin);
}

TEST(RestartSearch, BadInputAndFailingRestart) {
  EXPECT_THROW(solvers::run_restarts(ones(), scripted, 0, 1), std::invalid_argument);
  const solvers::fixed_point_solver failing = [](const numerics::coupling_matrix& j, std::uint64_t seed, std::uint64_t r) {
    if (r == 3) throw std::domain_error("restart 3 failed");
    return scripted(j, seed, r);
  };
  EXPECT_THROW(solvers::run_restarts(ones(), failing, 8, 1), std::domain_error);
}
