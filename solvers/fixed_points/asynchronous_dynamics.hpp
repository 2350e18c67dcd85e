// Asynchronous sign dynamics for networks of any size (issue 8 item 6, issue 9 item 1: N up to
// 10^4), with incremental local fields. Same rule, tie rule, sweep definition and random stream as
// run_sign_dynamics (sign_dynamics.hpp, limited to packed states of N ≤ 64): in random order, a
// new permutation per sweep by Fisher–Yates from stream (seed, trajectory, dynamics) — so for
// N ≤ 64 both give the same trajectory.
//
// Precision (docs/solvers/fixed_points/sign_dynamics_at_scale.md). The hot loop adds a column of a
// *float* transposed copy of the couplings (N² floats: 400 MB at N = 10^4 instead of 800 MB, and
// half the memory traffic per flip) to fields held in double: h_i += 2 s_k J̃_ik when s_k flips
// (O(N) per flip, O(1) per neuron that does not flip). The error of every field is bounded
// rigorously (float rounding of J, 2^-24 relative, plus the double additions), and a decision whose
// total input h_i + J_ii s_i lies within that bound of 0 is taken by the exact margin sign of
// fixed_point.hpp instead. So every single-neuron decision is the one exact arithmetic on the given
// doubles would take: the trajectory is that of the exact dynamics, whatever float does. The bound
// grows with the flips, so the fields are recomputed in double every refresh_flips(N) flips. A
// state where a whole sweep changed nothing is, in addition, checked by is_fixed_point.
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
  std::int64_t flips = 0;  // single-neuron flips on the way
  std::int64_t exact_decisions = 0;  // decisions within the error bound, taken by the exact margin sign
};

// Flips between two recomputations of the fields: 16 N, so that the refresh (N² doubles read)
// costs ~1/8 of the flips it follows (16 N columns of N floats) and the error bound stays ~1e-3.
constexpr std::int64_t refresh_flips(int n) { return 16 * static_cast<std::int64_t>(n); }

class asynchronous_dynamics {
 public:
  // Keeps a float transposed copy of the couplings (N² floats), per-column maxima and a reference
  // to `couplings`, which must outlive the dynamics.
  explicit asynchronous_dynamics(const numerics::coupling_matrix& couplings);

  // schedule: sequential or random_order (synchronous throws std::invalid_argument), max_sweeps ≥ 1.
  vector_dynamics_result run(numerics::spin_vector start, const dynamics_options& options) const;

 private:
  const numerics::coupling_matrix& couplings_;
  std::vector<float> transposed_;        // transposed_[k·N + i] = (float) J_ik: column k contiguous
  std::vector<double> error_per_flip_;   // bound on the error one flip of neuron k adds to any field
  double fresh_error_ = 0.0;             // bound on the error of fields just computed in double
  double decision_slack_ = 0.0;          // rounding of h_i + J_ii s_i itself
};

// The baseline of `steer bench dynamics` and of the tests: the same dynamics with every field
// recomputed from the row-major double couplings before each decision (O(N) per decision).
vector_dynamics_result run_asynchronous_naively(const numerics::coupling_matrix& couplings, numerics::spin_vector start,
                                                const dynamics_options& options);

// A uniformly random ±1 state of N spins from stream (seed, trajectory, initial_state).
numerics::spin_vector random_spin_vector(int n, std::uint64_t seed, std::uint64_t trajectory);

}  // namespace steer::solvers
