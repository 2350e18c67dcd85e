// What the exact focusing BP (focusing_bp.hpp) and its relaxed AMP form (relaxed_focusing_bp.hpp)
// share besides the factor (focusing_bp_factor.hpp): the initial messages and external field, the
// focusing field of the variables and the ρ/γ/y schedule with its exact fixed-point check
// (docs/solvers/fixed_points/focusing_bp.md, "Focusing" and "Schedule"), so that the two solvers
// differ only in how one iteration updates the messages.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"
#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

// The initial factor-to-variable fields û_ij, row-major (row i = factor i), uniform in ±randomness
// from stream (seed, restart, focusing_bp).
std::vector<double> initial_factor_fields(int n, double randomness, std::uint64_t seed, std::uint64_t restart);

// The external field b: zeros for an empty `field`, else `field` itself; throws
// std::invalid_argument unless it has n finite entries.
std::vector<double> checked_external_field(std::vector<double> field, int n);

// The damped focusing update of every variable (BinaryCommitteeMachineFBP.jl, `entro_node_update`):
// from the cavity fields c_j = H_j − f_j (every factor's message plus the external field),
//   f_j ← clamp(λ f_j + (1 − λ) atanh(p tanh((y − 1) atanh(p tanh c_j)))),  H_j = c_j + f_j,
// with p = tanh γ (f = 0 at p = 0). `focusing` and `total` have the size of `cavity`.
void update_focusing_fields(const std::vector<double>& cavity, double polarisation, double y, double damping,
                            std::vector<double>& focusing, std::vector<double>& total);

// BP marginals tanh(H_j) and the state sign(H_j) (sign(0) := +1) from the total fields H.
std::vector<double> marginals_of_fields(const std::vector<double>& total);
numerics::spin_vector sign_state_of_fields(const std::vector<double>& total);

// The schedule ρ = 0, dρ, 2dρ, … < 1 (γ = atanh √ρ, y = (2 − ρ)/(1 − ρ)): per step `iterate(p, y)`
// (one damped iteration, returning the largest message change) runs until that change is below
// options.tolerance or options.iterations_per_step iterations; then `sign_state()` is checked
// exactly and the run stops if it is a fixed point, or after options.max_iterations iterations in all.
// Returns state, converged and steps (iterations); seconds are left to the caller.
solver_result run_focusing_schedule(const numerics::coupling_matrix& couplings, const focusing_bp_options& options,
                                    const std::function<double(double polarisation, double y)>& iterate,
                                    const std::function<numerics::spin_vector()>& sign_state);

// One solver run with message object `Messages` (constructed as Messages(couplings,
// initial_randomness, seed, restart), with iterate(p, y, damping) and sign_state()): validated
// options, the schedule above, and the wall time including the set-up of the messages.
template <typename Messages>
solver_result run_focusing_bp(const numerics::coupling_matrix& couplings, const focusing_bp_options& options,
                              std::uint64_t seed, std::uint64_t restart) {
  options.validate();
  const auto start = std::chrono::steady_clock::now();
  Messages messages(couplings, options.initial_randomness, seed, restart);
  solver_result result = run_focusing_schedule(
      couplings, options, [&](double p, double y) { return messages.iterate(p, y, options.damping); },
      [&] { return messages.sign_state(); });
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

// The solver of run_focusing_bp<Messages> with fixed options (validated here).
template <typename Messages>
fixed_point_solver focusing_bp_solver_of(const focusing_bp_options& options) {
  options.validate();
  return [options](const numerics::coupling_matrix& couplings, std::uint64_t seed, std::uint64_t restart) {
    return run_focusing_bp<Messages>(couplings, options, seed, restart);
  };
}

}  // namespace steer::solvers
