// Column centring and principal-component truncation, the shared first step of the similarity
// metrics (spec rate-rnn-credit-assignment §6.2, §7.3, §7.4).
#pragma once

#include <Eigen/Dense>

namespace steer::numerics {

// Each column minus its mean.
Eigen::MatrixXd centred_columns(const Eigen::MatrixXd& x);

// Scores of the column-centred x on its top `components` principal axes: X̃ V_k, (rows × k), from
// the thin SVD X̃ = U S Vᵀ (Eigen BDCSVD). k = min(components, numerical rank of X̃), where
// directions with singular value <= 1e-12 · s_max carry no signal and are dropped (a rank-
// deficient block would make the CCA whitening singular).
Eigen::MatrixXd principal_component_scores(const Eigen::MatrixXd& x, int components);

}  // namespace steer::numerics
