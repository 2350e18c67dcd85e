// Linear centred kernel alignment, biased estimator (spec rate-rnn-credit-assignment §7.2;
// Kornblith et al. 2019, Eq. 5 with linear kernels):
//   CKA(X, Y) = ‖ỸᵀX̃‖_F² / (‖X̃ᵀX̃‖_F ‖ỸᵀỸ‖_F) ∈ [0, 1],  distance 1 − CKA,
// computed from the units × units cross-products (feature form), equal to the Gram (samples ×
// samples) form ⟨HKH, HLH⟩ / (‖HKH‖ ‖HLH‖) with K = XXᵀ, L = YYᵀ. Invariant to translation,
// isotropic scaling and orthogonal maps of either side.
#pragma once

#include <Eigen/Dense>

namespace steer::numerics {

// x and y: samples × units, same rows, finite, not constant.
double linear_cka(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);

// 1 − linear_cka(x, y).
double cka_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);

}  // namespace steer::numerics
