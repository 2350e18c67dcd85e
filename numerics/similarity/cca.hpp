// Regularised canonical correlation analysis with PCA truncation (spec rate-rnn-credit-assignment
// §7.3, after pyrcca as the reference code uses it).
//
// Each side is centred and projected on its top `components` principal axes (X_p, Y_p). With the
// unnormalised auto-products plus r (no 1/n): C_xx = X_pᵀX_p + rI, C_yy = Y_pᵀY_p + rI,
// C_xy = X_pᵀY_p,
//   Γ = C_xx^{−1/2} C_xy C_yy^{−1/2} = P S Qᵀ,  a_i = C_xx^{−1/2} p_i,  b_i = C_yy^{−1/2} q_i,
//   ρ_i = Pearson corr(X_p a_i, Y_p b_i),  distance = 1 − mean_i ρ_i,
// over i = 1 .. min(k_x, k_y). With r = 0 the ρ_i equal the singular values S (the canonical
// correlations); with r > 0 they differ slightly.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace steer::numerics {

struct cca_options {
  int components = 20;           // principal axes kept per side (spec §6.2)
  double regularisation = 1e-3;  // r, added to the unnormalised auto-products
};

struct cca_result {
  std::vector<double> correlations;      // ρ_i, Pearson correlation of the i-th pair of variates
  std::vector<double> singular_values;   // S of Γ, descending
  double distance = 0.0;                 // 1 − mean ρ_i
};

// x and y: samples × units, same rows, finite, not constant. Throws naming the argument.
cca_result regularised_cca(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const cca_options& options = {});

// The same S from the generalised symmetric eigenproblem
//   [0 C_xy; C_yx 0] w = λ [C_xx 0; 0 C_yy] w  (Eigen GeneralizedSelfAdjointEigenSolver),
// whose top min(k_x, k_y) eigenvalues are the canonical correlations: the textbook route, kept
// as an independent check of the SVD route (tests) and as the benchmark's baseline.
std::vector<double> cca_generalized_eigenvalues(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                                const cca_options& options = {});

double cca_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const cca_options& options = {});

}  // namespace steer::numerics
