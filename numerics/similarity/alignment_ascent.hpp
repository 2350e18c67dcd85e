// One start of the maximisation of g(C) = ⟨A, C B Cᵀ⟩_F over orthogonal C, the inner problem of
// Procrustes over vector fields (vector_field_procrustes.hpp; spec rate-rnn-credit-assignment §7.4
// step 3). Two phases:
//   1. Riemannian gradient ascent with the Cayley retraction of Wen & Yin (2013, "A feasible
//      method for optimization with orthogonality constraints", Math. Program. 142, Eqs. 2-7,
//      28): W = G Cᵀ − C Gᵀ, C(τ) = (I + τ/2 W)⁻¹ (I − τ/2 W) C, Barzilai–Borwein steps with
//      Armijo backtracking, until ‖W‖_F < newton_switch. Near a maximum it converges only
//      linearly, with a rate set by the Hessian's condition number: at p·d = 100, rank 20 (the
//      bench pair) ‖W‖ was still 3e-5 after 1000 iterations.
//   2. Damped Newton (Levenberg–Marquardt) in the chart C·cay(X), X skew, with the exact Hessian
//      of g in the coordinates x_ij (i < j) of X = Σ x_ij (e_i e_jᵀ − e_j e_iᵀ):
//        g(C cay(X)) = g + ⟨N, X⟩ + ½⟨A', [X, [X, B]]⟩ + O(‖X‖³),  A' = Cᵀ A C,
//        N = A'Bᵀ − BᵀA'  (cay(X) = I + X + X²/2 + O(X³) matches exp to second order),
//      step x = (−H + μI)⁻¹ γ (Cholesky), μ raised tenfold until −H + μI is positive definite
//      and g does not fall, lowered tenfold after each accepted step. Converges quadratically to
//      a (Morse–Bott) maximum: ‖W‖ 1e-5 → 1e-15 in 4-8 steps on the bench pair. The dense
//      Hessian has n(n−1)/2 rows, so phase 2 runs only up to n = newton_max_size.
// The end point is a verified local maximum when ‖W‖_F < tolerance and −H + μ_c I is positive
// definite for μ_c = 1e-8 · max |H_ii| (no direction of ascent beyond that curvature).
#pragma once

#include <Eigen/Dense>

namespace steer::numerics {

struct alignment_ascent_settings {
  int max_iterations = 1000;    // phase 1, per start
  double tolerance = 1e-9;      // on ‖W‖_F
  double newton_switch = 1e-4;  // phase 1 → 2 when ‖W‖_F falls below it
  int max_newton_steps = 100;
  int newton_max_size = 64;     // phase 2 only for n <= this (Hessian of n(n−1)/2 rows)
};

struct alignment_ascent_result {
  Eigen::MatrixXd c;
  double value = 0.0;          // ⟨A, C B Cᵀ⟩
  double gradient_norm = 0.0;  // g(C cay(X)) = g(C) + γᵀx + ½ xᵀHx + O(‖x‖³) in the coordinates x_p, p = (i, j), i < j
// (row-major order), of X = Σ x_p (e_i e_jᵀ − e_j e_iᵀ); formulas in the source. Tested against
// finite differences (tests/numerics/similarity/alignment_ascent_test.cpp).
struct alignment_expansion {
  Eigen::VectorXd gradient;  // γ
  Eigen::MatrixXd hessian;   // H, n(n−1)/2 square
};
alignment_expansion expand_alignment(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& c);

// ‖W‖_F at c
  bool local_maximum = false;  // ‖W‖_F < tolerance and the Hessian test passed
  int iterations = 0;          // phase 1
  int newton_steps = 0;        // phase 2 (accepted)
};

// a, b: n × n; c: orthogonal n × n start. The Cayley steps keep det c.
alignment_ascent_result maximise_alignment(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, Eigen::MatrixXd c,
                                           const alignment_ascent_settings& settings);

// g(C cay(X)) = g(C) + γᵀx + ½ xᵀHx + O(‖x‖³) in the coordinates x_p, p = (i, j), i < j
// (row-major order), of X = Σ x_p (e_i e_jᵀ − e_j e_iᵀ); formulas in the source. Tested against
// finite differences (tests/numerics/similarity/alignment_ascent_test.cpp).
struct alignment_expansion {
  Eigen::VectorXd gradient;  // γ
  Eigen::MatrixXd hessian;   // H, n(n−1)/2 square
};
alignment_expansion expand_alignment(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& c);

// ‖W‖_F at c for g = ⟨A, C B Cᵀ⟩: the size of the Riemannian gradient.
double alignment_gradient_norm(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& c);

}  // namespace steer::numerics
