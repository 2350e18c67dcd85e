// Dynamical similarity analysis (spec rate-rnn-credit-assignment §7.4; Ostrow, Eisen, Kozachkov &
// Fiete 2023, NeurIPS, and their DSA code: HAVOK-style reduced-rank DMD in delay coordinates, then
// Procrustes over vector fields).
//   1. Each system's sample matrix is reduced to its top p principal components.
//   2. Each condition is delay-embedded with d delays, row [x_{s+d−1}, ..., x_s] for
//      s = 0 .. T − d, and the conditions stacked: H ∈ R^{(C·T')×(p·d)}, T' = T − d + 1,
//      C·T' >= p·d required.
//   3. SVD Hᵀ = U S Vᵀ; V₋/V₊ = rows of V at s and s + 1 within a condition; the rank-r
//      regression A_v = [(V₋,rᵀV₋,r)⁻¹ V₋,rᵀ V₊,r]ᵀ, and A = U_r S_r A_v S_r⁻¹ U_rᵀ (p·d × p·d).
//   4. vector_field_procrustes(A, B): θ = arccos max_C ⟨Â, C B̂ Cᵀ⟩.
// distance = θ/π ∈ [0, 1] [D]: the spec's θ lies in [0, π]; dividing by π puts it on the [0, 1]
// scale of the other metrics, which the normalised distances of §7.5 assume.
#pragma once

#include <Eigen/Dense>

#include "numerics/similarity/activity.hpp"
#include "numerics/similarity/vector_field_procrustes.hpp"

namespace steer::numerics {

struct dsa_options {
  int components = 10;  // p (spec §7.4 [D])
  int delays = 5;       // d ∈ {5, 10}
  int rank = 10;        // r ∈ {10, 20}, <= p·d
  vector_field_procrustes_options procrustes;
};

// The stacked delay embedding H of step 2 (no PCA).
Eigen::MatrixXd delay_embedding(const activity_array& trajectories, int delays);

// Step 2-3 on trajectories as given (no PCA): the p·d × p·d linear operator A with
// h_{s+1} ≈ A h_s. With d = 1 and r = units, trajectories of x_{s+1} = A x_s give A back.
Eigen::MatrixXd fit_delay_dmd(const activity_array& trajectories, int delays, int rank);

struct dsa_result {
  double angle = 0.0;     // θ, radians
  double distance = 0.0;  // θ/π
  bool converged = false;  // vector_field_procrustes_result::converged
  double gradient_norm = 0.0;
  int iterations = 0;
  int newton_steps = 0;
};

// x and y: the two systems with the same conditions and times. Throws naming the argument.
dsa_result dsa(const activity_array& x, const activity_array& y, const dsa_options& options = {});

}  // namespace steer::numerics
