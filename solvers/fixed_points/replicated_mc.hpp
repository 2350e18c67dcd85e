// Replicated (robust-ensemble) Monte Carlo towards a fixed point (issue 9 item 4): y replicas
// s^1..s^y of the network and a centre σ, sampled by single-flip Metropolis at inverse temperature β
// from exp(−β H) with
//   H(σ, s^1..s^y) = Σ_a E(s^a) − γ Σ_a Σ_i σ_i s^a_i,
// E the number of unstable units (spec eq. 1, as in simulated_annealing.hpp). Summing out σ gives
// the replicated measure of Baldassi et al. (PNAS 113, E7655, 2016, "Unreasonable effectiveness
// of learning neural networks", the robust ensemble with an interacting reference): at large y it
// favours regions dense in low-energy configurations ("local entropy"). The coupling grows
// linearly, γ_t = γ0 + (γ1 − γ0) t/(sweeps − 1) for sweep t (scoping), pulling the replicas
// together; the output is the centre σ, checked exactly as a fixed point after every accepted
// centre flip that leaves it with E(σ) = 0 (σ is not itself in E, but its margins are tracked).
//
// A sweep is N proposals for each replica, then N for the centre, each at a uniformly random
// neuron. A replica proposal costs O(N) (ΔE, margin_state.hpp) and its coupling term O(1):
// ΔH = ΔE_a + 2γ σ_k s^a_k. A centre proposal costs O(1) with the column sums S_k = Σ_a s^a_k:
// ΔH = 2γ σ_k S_k; an accepted one updates its margins, O(N). Replica a of restart r starts from
// random_spin_vector(N, seed, r·y + a) (stream purpose initial_state), the centre from the
// replicas' majority (+1 on ties); proposals and acceptances draw from (seed, r, replicated_mc).
#pragma once

#include <cstdint>

#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

struct replicated_options {
  int replicas = 5;            // y ≥ 1
  std::int64_t sweeps = 1000;  // budget; the run stops earlier when the centre is a fixed point
  double beta = 2.0;           // β > 0, constant
  double gamma_initial = 0.0;  // γ0 ≥ 0
  double gamma_final = 1.0;    // γ1 ≥ γ0

  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

// γ of sweep t (0-based).
double replicated_gamma(const replicated_options& options, std::int64_t sweep);

// steps = sweeps run (the sweep in which the centre became a fixed point counts).
solver_result replicated_mc(const numerics::coupling_matrix& couplings, const replicated_options& options,
                            std::uint64_t seed, std::uint64_t restart);

fixed_point_solver replicated_solver(const replicated_options& options);

}  // namespace steer::solvers
