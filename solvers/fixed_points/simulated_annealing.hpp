// Simulated annealing towards a fixed point (issue 9 item 2; spec fixed-points-theory §6):
// Metropolis single-flip dynamics on the energy E(s) = #{i : m_i(s) ≤ 0}, the number of unstable
// units (m_i = s_i Σ_{j≠i} J_ij s_j + J_ii, eq. 1), with an inverse temperature β that grows from
// beta_initial to beta_final over `sweeps` sweeps, stopping as soon as E = 0.
//
// A sweep is N proposals; each proposal picks a neuron k uniformly at random and accepts the flip
// with probability min(1, exp(−β ΔE)). ΔE needs the changed stability of every unit, O(N) per
// proposal, and an accepted flip updates every margin, O(N) (margin_state.hpp): a sweep costs
// O(N²) whatever the acceptance rate. β is constant within a sweep: sweep t ∈ [0, sweeps) uses
//   linear:    β_t = β0 + (β1 − β0) t / (sweeps − 1)
//   geometric: β_t = β0 (β1/β0)^{t / (sweeps − 1)}
// (β_0 = β0 when sweeps = 1). The start is random_spin_vector(N, seed, restart) (stream purpose
// initial_state); proposals and acceptances draw from stream (seed, restart, annealing).
// Margins are recomputed from scratch every margin_refresh_sweeps sweeps, and when the incremental E
// reaches 0 but the exact check of fixed_point.hpp (which alone decides convergence) fails.
#pragma once

#include <cstdint>

#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

enum class beta_schedule { linear, geometric };

struct annealing_options {
  std::int64_t sweeps = 1000;   // budget; the run stops earlier at E = 0
  double beta_initial = 1.0;    // β0 > 0
  double beta_final = 10.0;     // β1 ≥ β0
  beta_schedule schedule = beta_schedule::geometric;

  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

// β of sweep t (0-based) under `options`.
double annealing_beta(const annealing_options& options, std::int64_t sweep);

// steps = sweeps run (the sweep in which E reached 0 counts; 0 if the start is a fixed point).
solver_result simulated_annealing(const numerics::coupling_matrix& couplings, const annealing_options& options,
                                  std::uint64_t seed, std::uint64_t restart);

// The same as a fixed_point_solver (options validated here).
fixed_point_solver annealing_solver(const annealing_options& options);

}  // namespace steer::solvers
