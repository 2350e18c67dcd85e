// Synchronous sign dynamics s(t+1)_i = sign(Σ_j J_ij s(t)_j), sign(0) := +1, for networks of any
// size (issue 9 item 1), with detection of cycles of every period (spec fixed-points-theory §1:
// synchronous dynamics can enter cycles of period 2 and longer).
//
// Each step recomputes all fields from the row-major double couplings (O(N²), the matrix-vector
// product every neuron needs anyway); a total input within the rigorous rounding bound
// 2 N u Σ_j |J_ij| of 0 is decided by the exact margin sign of fixed_point.hpp, so every step is
// the exact step of the given doubles and a detected cycle is a true cycle. Cycles: every state
// visited is kept bit-packed (N/8 bytes) under a 64-bit hash; a hash hit is confirmed by comparing
// the packed states, so a collision cannot fake a cycle. Memory: max_sweeps × N/8 bytes at most
// (1.25 MB per 1000 steps at N = 10^4).
#pragma once

#include <cstdint>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"
#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

class synchronous_dynamics {
 public:
  // Keeps per-row rounding bounds and a reference to `couplings`, which must outlive the dynamics.
  explicit synchronous_dynamics(const numerics::coupling_matrix& couplings);

  // Runs until s(t+1) = s(t) (a fixed point: converged after t steps, cycle_length 0), a state
  // repeats (cycle_length = its period ≥ 2, steps = the step at which the repeat was seen), or
  // max_sweeps steps. `converged` is is_fixed_point's verdict on the final state; seconds is left 0.
  // Throws std::invalid_argument for a wrong length or max_sweeps < 1.
  solver_result run(numerics::spin_vector start, std::int64_t max_sweeps) const;

 private:
  const numerics::coupling_matrix& couplings_;
  std::vector<double> row_bound_;
};

}  // namespace steer::solvers
