// Relaxed (AMP/TAP) focusing BP: the message passing of focusing_bp.hpp expanded to second order
// in the couplings J_ik = O(N^{−1/2}), so that an iteration costs four N×N matrix–vector products
// and O(N) transcendental calls instead of four ln Φ per message (issue 9, fBP at N ≥ 800). The
// derivation, its accuracy and the validation against the exact solver are in
// docs/solvers/fixed_points/relaxed_focusing_bp.md; in short, with m_j = tanh H_j, v_j = 1 − m_j²
// and J the off-diagonal couplings (J_ii = J_D kept apart):
//   μ_i  = Σ_j J_ij m_j − A_i Σ_j J_ij² v_j          (cavity mean, with its Onsager reaction term)
//   σ_i² = Σ_j J_ij² v_j
//   a_i = F_i'(μ_i),  c_i = F_i''(μ_i)  with g_i = H_i − û_ii  (focusing_bp_factor.hpp)
//   û_ii = the exact output message;   A_i ← λ A_i + (1 − λ) a_i
//   U_k  ← λ U_k + (1 − λ) [Σ_i J_ik a_i − m_k Σ_i J_ik² c_i]   (= Σ_{i≠k} û_ik up to O(1/N))
//   H_k  = U_k + û_kk + f_k + b_k,
// with the focusing field f_k, the schedule, damping, tolerance and budget of the exact solver
// (focusing_schedule.hpp). A_i is the first-order coefficient of the current input messages
// û_ik ≈ J_ik A_i, so the reaction term uses the factor side of the previous iteration (as in AMP).
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <vector>

#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

class relaxed_focusing_bp_messages {
 public:
  // The initial input messages û_ik are drawn exactly as focusing_bp_messages draws them (stream
  // (seed, restart, focusing_bp), uniform in ±initial_randomness, row-major), and only their column
  // sums U_k and the diagonal û_kk are kept: the initial fields H_k equal the exact solver's (up to
  // summation order). `external_field` b: empty (zeros) or N finite values. Keeps a reference to
  // `couplings`; stores J∘J (one N×N double matrix).
  relaxed_focusing_bp_messages(const numerics::coupling_matrix& couplings, double initial_randomness,
                               std::uint64_t seed, std::uint64_t restart, std::vector<double> external_field = {});

  // One synchronous damped update at focusing polarisation p = tanh γ ∈ [0, 1) and y ≥ 1; returns
  // the largest change of a marginal m_j = tanh H_j (the relaxed messages keep no m_{j→i}).
  double iterate(double polarisation, double y, double damping);

  // BP marginals tanh(H_j) and the state sign(H_j) (sign(0) := +1).
  std::vector<double> marginals() const;
  numerics::spin_vector sign_state() const;

 private:
  // H_k = b_k + Σ_{i≠k} û_ik + û_kk + f_k from the current sums, with the focusing field updated.
  void update_total_fields(double polarisation, double y, double damping);

  using row_matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

  const numerics::coupling_matrix& couplings_;
  int n_;
  row_matrix squared_;                // J_ik², zero diagonal
  Eigen::VectorXd self_couplings_;    // J_ii
  Eigen::VectorXd first_limit_;       // 30 / max_k |J_ik|: bound on |A_i| (every |J_ik A_i| ≤ 30, as |û| ≤ 30)
  Eigen::VectorXd second_limit_;      // 30 / max_k J_ik²: bound on |c_i|
  Eigen::VectorXd coefficients_;      // A_i
  Eigen::VectorXd own_fields_;        // û_ii
  Eigen::VectorXd input_sums_;        // U_k = Σ_{i≠k} û_ik
  std::vector<double> external_field_;   // b_j
  std::vector<double> focusing_fields_;  // f_j
  std::vector<double> total_fields_;     // H_j
};

// steps = iterations over all focusing steps; the options are the exact solver's (same meaning;
// the tolerance applies to the marginals' change).
solver_result relaxed_focusing_bp(const numerics::coupling_matrix& couplings, const focusing_bp_options& options,
                                  std::uint64_t seed, std::uint64_t restart);

fixed_point_solver relaxed_focusing_bp_solver(const focusing_bp_options& options);

}  // namespace steer::solvers
