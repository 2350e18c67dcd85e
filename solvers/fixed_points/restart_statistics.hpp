// Statistics of a fixed-point search over restarts of one network (issue 9 item 1): fraction
// converged, time (the solver's steps) to converge, the margins of the fixed points reached and the
// periods of the cycles entered.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"
#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

// m_i(s) = s_i Σ_{j≠i} J_ij s_j + J_ii for every i (spec eq. 1), in double.
std::vector<double> margins(const numerics::coupling_matrix& couplings, const numerics::spin_vector& s);

struct restart_statistics {
  std::int64_t restarts = 0;
  std::int64_t converged = 0;
  double converged_fraction = 0.0;
  // Over converged restarts only (empty when none converged).
  std::optional<double> mean_steps_to_converge;
  std::optional<double> median_steps_to_converge;
  std::optional<double> mean_smallest_margin;  // mean over restarts of min_i m_i of the fixed point
  std::optional<double> mean_margin;           // mean over restarts and neurons of m_i
  std::map<std::int64_t, std::int64_t> cycle_lengths;  // period ≥ 2 → restarts that entered such a cycle
  double mean_seconds = 0.0;
};

// Throws std::invalid_argument for an empty list.
restart_statistics summarise_restarts(const numerics::coupling_matrix& couplings, const std::vector<solver_result>& runs);

}  // namespace steer::solvers
