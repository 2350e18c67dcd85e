// The restart loop of a fixed-point search (issue 9): runs 0..R−1 of one algorithm on one network,
// over OpenMP threads, and what is reported about them. Restart r draws only from streams
// (seed, r, purpose), so the runs, and everything here but the wall times, do not depend on the
// thread count. One implementation for `steer dynamics/anneal/fbp/replicated` (tools/
// fixed_point_search_cli.cpp) and the Python module's solve_restarts (python/solvers.cpp).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "solvers/fixed_points/restart_statistics.hpp"
#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

struct restart_search_result {
  std::vector<solver_result> runs;           // runs[r]: restart r
  std::vector<double> smallest_margins;      // min_i m_i of each run's final state (spec eq. 1, in double)
  std::vector<std::int64_t> unstable_units;  // #{i : m_i ≤ 0} of each final state; 0 for a converged run
                                             // (its exact check overrides a double margin rounded to 0)
  std::int64_t distinct_fixed_points = 0;    // distinct states among the converged runs
  restart_statistics statistics;             // summarise_restarts of the runs
};

// Runs `solve` for restarts 0..restarts−1 with master seed `seed`. `after_each_restart`, if set, is
// called once per finished restart from the thread that ran it (a progress meter; must be
// thread-safe). Throws std::invalid_argument for restarts < 1; a solver's exception propagates.
restart_search_result run_restarts(const numerics::coupling_matrix& couplings, const fixed_point_solver& solve,
                                   std::int64_t restarts, std::uint64_t seed,
                                   const std::function<void()>& after_each_restart = {});

}  // namespace steer::solvers
