// Procrustes shape distance (spec rate-rnn-credit-assignment §7.1; Liu et al. 2025 Eq. 4;
// Williams et al. 2021, netrep LinearMetric with alpha = 1).
//
// X̃, Ỹ = column-centred x, y (samples × units; the narrower one zero-padded, which changes
// nothing below). θ = arccos(‖X̃ᵀỸ‖_* / (‖X̃‖_F ‖Ỹ‖_F)), the argument clipped to [−1, 1], and
// d = θ/(π/2) ∈ [0, 1]. Invariant to translation, isotropic scaling and orthogonal maps of
// either side; symmetric; a metric (triangle inequality) on shapes.
#pragma once

#include <Eigen/Dense>

namespace steer::numerics {

// d = θ/(π/2). x and y must have the same rows (samples), be finite and not constant.
double procrustes_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);

// The orthogonal n × n map Q (n = max(units of x, units of y)) that minimises
// ‖X̃/‖X̃‖_F − Ỹ Q/‖Ỹ‖_F‖_F with both sides zero-padded to n columns: from the SVD
// Ỹᵀ X̃ = R S Pᵀ, Q = R Pᵀ (the transpose of spec §7.1's P Rᵀ, which maps the other way). The
// minimum is √(2 − 2 cos θ).
Eigen::MatrixXd procrustes_rotation(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y);

}  // namespace steer::numerics
