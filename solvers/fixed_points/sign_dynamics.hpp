// Zero-temperature sign dynamics s_i ← sign(Σ_j J_ij s_j) (spec fixed-points-theory §1).
//
// Synchronous (all neurons at once) and asynchronous (one at a time, sequential or random
// order) dynamics share exactly the fixed points of eq. (1); they differ in everything else:
// synchronous dynamics can fall into cycles, asynchronous dynamics of asymmetric networks can
// wander forever. Tie rule: sign(0) := +1, consistent with the strict fixed-point test only
// in that a neuron with zero total input is unstable when s_i = −1 (it flips to +1).
#pragma once

#include <cstdint>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"

namespace steer::solvers {

enum class update_schedule { synchronous, sequential, random_order };

struct dynamics_options {
  update_schedule schedule = update_schedule::sequential;
  std::int64_t max_sweeps = 1000;  // one sweep = N single-neuron updates (or one synchronous step)
  std::uint64_t seed = 1;          // random_order: stream (seed, trajectory, dynamics)
  std::uint64_t trajectory = 0;
};

struct dynamics_result {
  numerics::packed_state state = 0;  // final state
  bool converged = false;            // state is a fixed point (eq. 1)
  std::int64_t sweeps = 0;           // sweeps until convergence (or max_sweeps)
  std::int64_t cycle_length = 0;     // synchronous only: period of the limit cycle reached (0 if none seen)
};

// Runs until a full sweep changes nothing (a fixed point), a synchronous cycle is detected,
// or max_sweeps. Throws std::invalid_argument for N > 64 or max_sweeps < 1.
dynamics_result run_sign_dynamics(const numerics::coupling_matrix& couplings, numerics::packed_state start,
                                  const dynamics_options& options);

}  // namespace steer::solvers
