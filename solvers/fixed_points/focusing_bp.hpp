// Focusing belief propagation (fBP) for the constraint satisfaction problem of fixed points
// (issue 9 item 3): find s with s_i h_i + J_ii > 0 for all i, h_i = Σ_{j≠i} J_ij s_j (spec eq. 1).
// The message equations for this dense asymmetric factor graph are derived in
// docs/solvers/fixed_points/focusing_bp.md; in short (fields in units of ½ ln P(+)/P(−)):
//   factor i → its own variable i:   û_ii = ½[ln Φ((J_ii + μ_i)/σ_i) − ln Φ((J_ii − μ_i)/σ_i)]
//   factor i → input k ≠ i:          û_ik = ½ ln Σ_{s_i} e^{s_i g_i} Φ(s_i(μ_i\k + J_ik) + J_ii)/σ_i\k)
//                                           − (same with −J_ik)
//   μ_i = Σ_{j≠i} J_ij m_{j→i},  σ_i² = Σ_{j≠i} J_ij² (1 − m_{j→i}²)  (Gaussian cavity field),
//   μ_i\k, σ_i\k² the same without j = k, g_i = H_i − û_ii the field of s_i without factor i,
//   H_j = Σ_i û_ij + f_j + b_j,  m_{j→i} = tanh(H_j − û_ij),
// with f_j the focusing field of y replicas coupled with strength γ to a reference (Baldassi et al.,
// PNAS 113, E7655, 2016; BinaryCommitteeMachineFBP.jl, `entro_node_update`):
//   f_j = atanh(p tanh((y − 1) atanh(p tanh(H_j − f_j)))),  p = tanh γ,
// and b_j an optional external field (clamping, used by the tests). The schedule is
// BinaryCommitteeMachineFBP.jl's PseudoReinforcement with x = ½: steps ρ = 0, dρ, 2dρ, … < 1,
//   γ = atanh(√ρ),  y = (2 − ρ)/(1 − ρ),
// so the first step is plain BP (p = 0). Each step iterates (synchronously, damped) until the
// largest change of a message m_{j→i} is below `tolerance` or `iterations_per_step` iterations;
// then s_j = sign(H_j) (sign(0) := +1) is checked exactly as a fixed point and the run stops if it is,
// or when `max_iterations` iterations have run in all (the last state is checked too).
//
// Cost: with the row totals μ_i, σ_i² each message's cavity sums are one subtraction, so an
// iteration is O(N²) (N² messages, four ln Φ each); the naive route recomputes μ_i\k, σ_i\k² from
// scratch per message, O(N³) (kept for the benchmark). Memory: three N×N double matrices.
#pragma once

#include <cstdint>
#include <vector>

#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

struct focusing_bp_options {
  double rho_step = 0.02;            // dρ ∈ (0, 1): 1/dρ focusing steps
  int iterations_per_step = 50;      // ≥ 1
  double tolerance = 1e-3;           // on max |Δm_{j→i}| within a step, > 0
  double damping = 0.5;              // λ ∈ [0, 1): û ← λ û_old + (1 − λ) û_new (and f likewise)
  double initial_randomness = 0.01;  // initial û_ij uniform in ±this, ≥ 0
  std::int64_t max_iterations = 2500;  // budget over all steps, ≥ 1 (the default never binds: 50 × 50)

  // Throws std::invalid_argument naming the bad field.
  void validate() const;
};

// How an iteration obtains the cavity sums μ_i\k, σ_i\k²: from the row totals (O(1) per message)
// or by summing the N − 2 other terms again (O(N) per message; the benchmark's baseline).
enum class cavity_sums { from_totals, recomputed };

// Messages of the factor graph of one network, and one iteration of their update.
class focusing_bp_messages {
 public:
  // Initial û_ij from stream (seed, restart, focusing_bp); `external_field` b (empty: zeros, else
  // N finite values). Keeps a reference to `couplings`.
  focusing_bp_messages(const numerics::coupling_matrix& couplings, double initial_randomness, std::uint64_t seed,
                       std::uint64_t restart, std::vector<double> external_field = {});

  // One synchronous damped update of every message at focusing polarisation p = tanh γ ∈ [0, 1)
  // and y ≥ 1; returns the largest change of a variable-to-factor magnetisation m_{j→i}.
  double iterate(double polarisation, double y, double damping, cavity_sums method = cavity_sums::from_totals);

  // BP marginals tanh(H_j) and the state sign(H_j).
  std::vector<double> marginals() const;
  numerics::spin_vector sign_state() const;

 private:
  void update_variables(double polarisation, double y, double damping);

  const numerics::coupling_matrix& couplings_;
  int n_;
  std::vector<double> factor_fields_;    // û_ij, row i = factor i, column j = variable j
  std::vector<double> magnetisations_;   // m_{j→i} at row i, column j
  std::vector<double> next_fields_;      // scratch for the synchronous update
  std::vector<double> focusing_fields_;  // f_j
  std::vector<double> external_field_;   // b_j
  std::vector<double> total_fields_;     // H_j
};

// steps = BP iterations run over all focusing steps.
solver_result focusing_bp(const numerics::coupling_matrix& couplings, const focusing_bp_options& options,
                          std::uint64_t seed, std::uint64_t restart);

fixed_point_solver focusing_bp_solver(const focusing_bp_options& options);

}  // namespace steer::solvers
