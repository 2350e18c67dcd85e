// Procrustes over vector fields, the comparison step of dynamical similarity analysis (spec
// rate-rnn-credit-assignment §7.4 step 3; Ostrow et al. 2023, Eq. 3):
//   Â = A/‖A‖_F, B̂ = B/‖B‖_F,  max over orthogonal C of ⟨Â, C B̂ Cᵀ⟩_F,  θ = arccos of the maximum.
// No closed form exists (C acts on both sides). Two steps make the maximisation exact and cheap:
//  * Support reduction [exact]: if A and B vanish outside k-dimensional subspaces (A = P_a Ã P_aᵀ,
//    P_a an orthonormal basis of range A + range Aᵀ; a rank-r DMD operator has k = r), g depends
//    on C only through the k × k block M = P_aᵀ C P_b, and when n >= 2k every contraction M
//    (‖M‖₂ <= 1) is such a block — as it is of some matrix of O(2k) (the unitary dilation
//    [[M, (I − MMᵀ)^½], [(I − MᵀM)^½, −Mᵀ]]). So the problem in O(n) equals the one in
//    O(n') with n' = min(n, 2k) on Ã, B̃ zero-padded to n', and the optimal C of O(n) is rebuilt
//    as Q_a diag(C', I) Q_bᵀ (Q = [P, complement]). At p·d = 100, rank 20: O(40) instead of
//    O(100).
//  * Per start, alignment_ascent.hpp: Riemannian gradient ascent with the Cayley retraction
//    (Wen & Yin 2013), then damped Newton with the exact Hessian to ‖W‖_F < tolerance.
// The Cayley curve stays in the connected component of its start (det C is kept), so the
// starts cover both: an eigenbasis alignment of the symmetric parts (exact for conjugate
// matrices up to signs, which are then chosen greedily), I, a reflection diag(−1, 1, ..., 1),
// then Haar-random orthogonal matrices of alternating determinant. The best end point wins.
#pragma once

#include <Eigen/Dense>

#include <cstdint>

namespace steer::numerics {

struct vector_field_procrustes_options {
  int starts = 4;              // >= 3: eigenbasis, identity, reflection, then random
  // Gradient-ascent iterations per start (phase 1 of alignment_ascent.hpp). An end point that is
  // not a verified local maximum still gives an upper bound on the optimal θ (any orthogonal C
  // does), reported with converged = false.
  int max_iterations = 1000;
  // On ‖W‖_F, the Riemannian gradient's size. W is computed from the gradient, not from
  // differences of g, so Newton resolves it to ~1e-15; at ‖W‖ = 1e-9 g is ~1e-18/λ from a
  // maximum with Hessian eigenvalues λ.
  double tolerance = 1e-9;
  std::uint64_t seed = 1;      // random starts: stream (seed, start, similarity_dsa_starts)
  // false: work in O(n) itself (the direct route `steer bench similarity` compares against;
  // without Newton above n = 64).
  bool reduce_support = true;
};

struct vector_field_procrustes_result {
  double angle = 0.0;      // θ ∈ [0, π], radians
  double distance = 0.0;   // θ/π ∈ [0, 1]
  Eigen::MatrixXd rotation;  // the best C found
  int best_start = 0;
  bool converged = false;    // the best start ended in a verified local maximum (alignment_ascent.hpp)
  int iterations = 0;        // gradient-ascent iterations over all starts
  double gradient_norm = 0.0;  // ‖W‖_F at the best start's end point
  int newton_steps = 0;        // over all starts
  int reduced_size = 0;        // n' of the support reduction (= n when there is none)
};

// a, b: square, same size, finite, not zero. Throws naming the argument.
vector_field_procrustes_result vector_field_procrustes(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                                                       const vector_field_procrustes_options& options = {});

}  // namespace steer::numerics
