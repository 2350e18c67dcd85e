// Asynchronous sign dynamics for networks of any size (issue 8 item 6: N = 100 … 4000), with
// incremental local fields. Same rule, tie rule, sweep definition and random stream as
// run_sign_dynamics (sign_dynamics.hpp, limited to packed states of N ≤ 64): in random order, a
// new permutation per sweep by Fisher–Yates from stream (seed, trajectory, dynamics) — so for
// N ≤ 64 both give the same trajectory.
//
// Fields h_i = Σ_{j≠i} J_ij s_j are updated by 2 s_k J_ik when s_k flips (O(N) per flip, O(1) per
// neuron that does not flip). Doubles drift over many flips, so a state where a whole sweep changed
// nothing has its fields recomputed and is accepted only if the exact check of fixed_point.hpp
// says it is a fixed point; otherwise the dynamics goes on from the refreshed fields.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"
#include "solvers/fixed_points/sign_dynamics.hpp"

namespace steer::solvers {

struct vector_dynamics_result {
  numerics::spin_vector state;
  bool converged = false;  // state is a fixed point, exactly (eq. 1)
  std::int64_t sweeps = 0; // sweeps until convergence (or max_sweeps)
};

class asynchronous_dynamics {
 public:
  // Keeps a transposed copy of the couplings (N² doubles) so that a flip updates contiguous memory,
  // and a reference to `couplings`, which must outlive the dynamics.
  explicit asynchronous_dynamics(const numerics::coupling_matrix& couplings);

  // schedule: sequential or random_order (synchronous throws std::invalid_argument), max_sweeps ≥ 1.
  vector_dynamics_result run(numerics::spin_vector start, const dynamics_options& options) const;

 private:
  const numerics::coupling_matrix& couplings_;
  std::vector<double> transposed_;
};

// A uniformly random ±1 state of N spins from stream (seed, trajectory, initial_state).
numerics::spin_vector random_spin_vector(int n, std::uint64_t seed, std::uint64_t trajectory);

}  // namespace steer::solvers
