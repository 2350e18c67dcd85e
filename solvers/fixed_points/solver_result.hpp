// The one result type of every fixed-point search algorithm (issue 9: sign dynamics,
// simulated annealing, focusing BP, replicated Monte Carlo), so that `steer thresholds`, the
// report and the Python module treat them alike.
//
// `converged` is never the solver's own opinion: it is set only after the returned state passed
// the exact fixed-point check of numerics/fixed_points/fixed_point.hpp (eq. 1, decided exactly
// for the given doubles), whatever precision the solver used internally.
#pragma once

#include <cstdint>
#include <functional>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"

namespace steer::solvers {

struct solver_result {
  numerics::spin_vector state;  // the configuration the algorithm ended in (its output)
  bool converged = false;       // state is a fixed point, checked exactly and independently
  std::int64_t steps = 0;       // the algorithm's own unit of work, named by the solver: sweeps
                                // (dynamics, annealing, replicated MC) or iterations (fBP)
  std::int64_t cycle_length = 0;  // synchronous dynamics only: period of the cycle reached (0: none)
  double seconds = 0.0;           // wall time of this run
};

// One run of an algorithm on one network from one restart; `restart` selects the random streams
// (seed, restart, purpose) so that results do not depend on which thread runs it.
using fixed_point_solver =
    std::function<solver_result(const numerics::coupling_matrix& couplings, std::uint64_t seed, std::uint64_t restart)>;

}  // namespace steer::solvers
