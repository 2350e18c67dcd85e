// Procrustes over vector fields, the comparison step of dynamical similarity analysis (spec
// rate-rnn-credit-assignment §7.4 step 3; Ostrow et al. 2023, Eq. 3):
//   Â = A/‖A‖_F, B̂ = B/‖B‖_F,  max over orthogonal C of ⟨Â, C B̂ Cᵀ⟩_F,  θ = arccos of the maximum.
// No closed form exists (C acts on both sides), so the maximum is found by Riemannian gradient
// descent on the orthogonal group with the Cayley retraction of Wen & Yin (2013, "A feasible
// method for optimization with orthogonality constraints", Math. Program. 142, Eqs. 2-7):
//   W = G Cᵀ − C Gᵀ (G the Euclidean gradient),  C(τ) = (I + τ/2 W)⁻¹ (I − τ/2 W) C,
// Barzilai–Borwein step sizes with Armijo backtracking. The Cayley curve stays in the connected
// component of its start (det C is kept), so the starts cover both: an eigenbasis alignment of
// the symmetric parts (exact for conjugate matrices up to signs, which are then chosen greedily),
// I, a reflection diag(−1, 1, ..., 1), then Haar-random orthogonal matrices of alternating
// determinant. The best end point wins. A start also stops when its objective gains less than
// 1e-13 over 20 iterations (stalled at the resolution of the objective, or on a plateau).
#pragma once

#include <Eigen/Dense>

#include <cstdint>

namespace steer::numerics {

struct vector_field_procrustes_options {
  int starts = 4;              // >= 3: eigenbasis, identity, reflection, then random
  // Per start. Low-rank DMD operators (rank r in p·d dimensions) make the problem ill-conditioned
  // and descent slow; an unconverged end point still gives an upper bound on the optimal θ
  // (any orthogonal C does), reported with converged = false.
  int max_iterations = 1000;
  // Stop when ‖W‖_F (the Riemannian gradient's size) falls below it. The objective is known to
  // ~1e-16, so ‖W‖ is resolved only to ~1e-8; at ‖W‖ = 1e-6 the objective is ~1e-12 from a
  // non-degenerate maximum.
  double tolerance = 1e-6;
  std::uint64_t seed = 1;      // random starts: stream (seed, start, similarity_dsa_starts)
};

struct vector_field_procrustes_result {
  double angle = 0.0;      // θ ∈ [0, π], radians
  double distance = 0.0;   // θ/π ∈ [0, 1]
  Eigen::MatrixXd rotation;  // the best C found
  int best_start = 0;
  bool converged = false;    // the best start met the tolerance within max_iterations
  int iterations = 0;        // over all starts
};

// a, b: square, same size, finite, not zero. Throws naming the argument.
vector_field_procrustes_result vector_field_procrustes(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                                       const vector_field_procrustes_options& options = {});

}  // namespace steer::numerics
