// The contract every search algorithm of issue 9 items 2-4 shares (solver_result.hpp): converged
// iff the returned state is a fixed point by the exact check, every fixed point returned on N ≤ 20 is
// in the exhaustively enumerated set, and a run depends only on (seed, restart).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/fixed_point.hpp"
#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/replicated_mc.hpp"
#include "solvers/fixed_points/simulated_annealing.hpp"
#include "solvers/fixed_points/solver_registry.hpp"

using namespace steer;

namespace {

std::vector<std::pair<std::string, solvers::fixed_point_solver>> small_budget_solvers() {
  solvers::annealing_options anneal;
  anneal.sweeps = 200;
  solvers::focusing_bp_options fbp;
  fbp.rho_step = 0.1;
  fbp.iterations_per_step = 20;
  solvers::replicated_options replicated;
  replicated.sweeps = 200;
  return {{"anneal", solvers::annealing_solver(anneal)},
          {"fbp", solvers::focusing_bp_solver(fbp)},
          {"replicated", solvers::replicated_solver(replicated)}};
}

numerics::packed_state packed(const numerics::spin_vector& s) {
  numerics::packed_state p = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] > 0) p |= numerics::packed_state{1} << i;
  return p;
}

}  // namespace

TEST(FixedPointSearch, EveryReturnedFixedPointIsInTheEnumeratedSet) {
  for (const auto& [name, solve] : small_budget_solvers()) {
    int converged = 0, runs = 0;
    for (const double jd : {0.2, 0.6, 1.0})
      for (std::uint64_t network = 0; network < 4; ++network) {
        const auto j = numerics::sample_couplings({16, jd, 0.0}, 21, network);
        const auto found = numerics::enumerate_fixed_points(j, {numerics::enumeration_kernel::scalar, false, true, false});
        const std::set<numerics::packed_state> all(found.fixed_points.begin(), found.fixed_points.end());
        for (std::uint64_t restart = 0; restart < 3; ++restart) {
          const auto r = solve(j, 21, restart);
          ++runs;
          ASSERT_EQ(r.state.size(), 16u) << name;
          ASSERT_EQ(r.converged, numerics::is_fixed_point(j, r.state)) << name;
          ASSERT_EQ(r.converged, all.count(packed(r.state)) == 1) << name << " J_D " << jd << " network " << network;
          ASSERT_GE(r.steps, 0) << name;
          converged += r.converged ? 1 : 0;
        }
      }
    // Enough successes that the set check means something (J_D = 1 at N = 16 has ~100 fixed points).
    EXPECT_GT(converged, runs / 3) << name;
  }
}

TEST(FixedPointSearch, ARunDependsOnlyOnSeedAndRestart) {
  const auto j = numerics::sample_couplings({40, 0.5, 0.0}, 8, 0);
  for (const auto& [name, solve] : small_budget_solvers()) {
    const auto a = solve(j, 8, 3);
    const auto b = solve(j, 8, 3);
    EXPECT_EQ(a.state, b.state) << name;
    EXPECT_EQ(a.steps, b.steps) << name;
    EXPECT_EQ(a.converged, b.converged) << name;
  }
}

TEST(FixedPointSearch, RegistryEntriesPassTheBudgetOn) {
  // J_D = -0.5 at N = 60: essentially no fixed points, so every run spends its whole budget.
  const auto j = numerics::sample_couplings({60, -0.5, 0.0}, 2, 0);
  for (const auto* name : {"anneal", "fbp", "replicated"}) {
    const auto r = solvers::make_solver(name, {3})(j, 2, 0);
    EXPECT_FALSE(r.converged) << name;
    EXPECT_EQ(r.steps, 3) << name;
  }
}
