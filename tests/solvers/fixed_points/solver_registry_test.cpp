// The solver registry and the restart statistics: every fixed point any registered dynamics
// reports on N ≤ 20 is in the exhaustively enumerated set; names; statistics on hand cases.
#include "solvers/fixed_points/solver_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "numerics/fixed_points/enumeration.hpp"
#include "solvers/fixed_points/restart_statistics.hpp"

using namespace steer;

TEST(SolverRegistry, EveryReportedFixedPointIsEnumerated) {
  std::int64_t found = 0;
  for (const auto& name : {"async", "sequential", "sync"}) {
    const auto solve = solvers::make_solver(name, {200});
    for (std::uint64_t k = 0; k < 6; ++k) {
      const auto j = numerics::sample_couplings({16, 0.3, 0.0}, 11, k);
      const auto all = numerics::enumerate_fixed_points(j, {numerics::enumeration_kernel::scalar, false, true, false});
      for (std::uint64_t r = 0; r < 10; ++r) {
        const auto result = solve(j, 11, r);
        if (!result.converged) continue;
        ++found;
        numerics::packed_state packed = 0;
        for (int i = 0; i < 16; ++i)
          if (result.state[static_cast<std::size_t>(i)] > 0) packed |= numerics::packed_state{1} << i;
        EXPECT_TRUE(std::binary_search(all.fixed_points.begin(), all.fixed_points.end(), packed)) << name << " " << k;
      }
    }
  }
  EXPECT_GT(found, 60);  // the check covers many runs of each algorithm
}

TEST(SolverRegistry, NamesAndBadInput) {
  const auto names = solvers::solver_names();
  EXPECT_EQ(names.front(), "async");
  EXPECT_NE(std::find(names.begin(), names.end(), "sync"), names.end());
  EXPECT_THROW(solvers::make_solver("nope", {}), std::invalid_argument);
  EXPECT_THROW(solvers::make_solver("async", {0}), std::invalid_argument);
}

TEST(RestartStatistics, HandCases) {
  // J = [[1, 1], [1, 1]] (J_D = 1): (+,+) has margins m_i = 1·1 + 1 = 2; (−,+) ... not used.
  const numerics::coupling_matrix j(2, {1, 1, 1, 1});
  const std::vector<solvers::solver_result> runs = {
      {{1, 1}, true, 4, 0, 1.0}, {{1, 1}, true, 2, 0, 1.0}, {{1, -1}, false, 9, 2, 1.0}, {{1, -1}, false, 9, 3, 1.0}};
  const auto s = solvers::summarise_restarts(j, runs);
  EXPECT_EQ(s.converged, 2);
  EXPECT_DOUBLE_EQ(s.converged_fraction, 0.5);
  EXPECT_DOUBLE_EQ(*s.mean_steps_to_converge, 3.0);
  EXPECT_DOUBLE_EQ(*s.median_steps_to_converge, 3.0);
  EXPECT_DOUBLE_EQ(*s.mean_smallest_margin, 2.0);
  EXPECT_DOUBLE_EQ(*s.mean_margin, 2.0);
  EXPECT_EQ(s.cycle_lengths, (std::map<std::int64_t, std::int64_t>{{2, 1}, {3, 1}}));
  EXPECT_DOUBLE_EQ(s.mean_seconds, 1.0);
  EXPECT_EQ(solvers::margins(j, {1, -1}), (std::vector<double>{0.0, 0.0}));  // 1·(−1) + 1 and −1·1 + 1
  EXPECT_THROW(solvers::summarise_restarts(j, {}), std::invalid_argument);
}
