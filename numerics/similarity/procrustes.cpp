#include "numerics/similarity/procrustes.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "numerics/similarity/argument_checks.hpp"
#include "numerics/similarity/principal_components.hpp"

namespace steer::numerics {
namespace {

// Centred x and y after the checks every entry point shares.
std::pair<Eigen::MatrixXd, Eigen::MatrixXd> centred_pair(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                                          const char* function) {
  require_finite_matrix(x, function, "x");
  require_finite_matrix(y, function, "y");
  require_same_rows(x, y, function, "x", "y");
  auto pair = std::make_pair(centred_columns(x), centred_columns(y));
  if (pair.first.norm() == 0.0) throw std::invalid_argument(fmt::format("{}: x is constant in every column", function));
  if (pair.second.norm() == 0.0) throw std::invalid_argument(fmt::format("{}: y is constant in every column", function));
  return pair;
}

// Near θ = 0 the arccos of a cosine rounded to ~1e-16 loses half the digits (θ ≈ √(2ε) ≈ 1e-8
// for identical shapes): below θ = 1e-3 the angle comes instead from the residual of the
// explicit rotation, ‖X̂ − ŶQ‖_F = √(2 − 2 cos θ) = 2 sin(θ/2), accurate to ~1e-15 absolute.
constexpr double small_angle = 1e-3;

Eigen::MatrixXd rotation_of_centred(const Eigen::MatrixXd& xc, const Eigen::MatrixXd& yc) {
  const Eigen::Index n = std::max(xc.cols(), yc.cols());
  Eigen::MatrixXd cross = Eigen::MatrixXd::Zero(n, n);  // Ỹᵀ X̃, zero-padded
  cross.topLeftCorner(yc.cols(), xc.cols()) = yc.transpose() * xc;
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(cross, Eigen::ComputeFullU | Eigen::ComputeFullV);
  return svd.matrixU() * svd.matrixV().transpose();
}

}  // namespace

double procrustes_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  const auto [xc, yc] = centred_pair(x, y, "procrustes_distance");
  // Singular values only of the units_x × units_y cross-product: the cheap route (the samples
  // never enter the SVD).
  const Eigen::MatrixXd cross = xc.transpose() * yc;
  const double nuclear = Eigen::BDCSVD<Eigen::MatrixXd>(cross).singularValues().sum();
  double angle = std::acos(std::clamp(nuclear / (xc.norm() * yc.norm()), -1.0, 1.0));
  if (angle < small_angle) {
    const Eigen::Index n = std::max(xc.cols(), yc.cols());
    Eigen::MatrixXd x_hat = Eigen::MatrixXd::Zero(xc.rows(), n), y_hat = Eigen::MatrixXd::Zero(yc.rows(), n);
    x_hat.leftCols(xc.cols()) = xc / xc.norm();
    y_hat.leftCols(yc.cols()) = yc / yc.norm();
    angle = 2.0 * std::asin(std::min(1.0, (x_hat - y_hat * rotation_of_centred(xc, yc)).norm() / 2.0));
  }
  return angle / (std::numbers::pi / 2);
}

Eigen::MatrixXd procrustes_rotation(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  const auto [xc, yc] = centred_pair(x, y, "procrustes_rotation");
  return rotation_of_centred(xc, yc);
}

}  // namespace steer::numerics
