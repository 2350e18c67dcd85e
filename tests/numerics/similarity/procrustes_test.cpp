// Procrustes shape distance (spec rate-rnn-credit-assignment §10 item 7).
#include "numerics/similarity/procrustes.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "tests/numerics/similarity/random_matrices.hpp"

namespace {

using steer::numerics::procrustes_distance;
using steer::numerics::procrustes_rotation;
using steer_test::gaussian_matrix;
using steer_test::orthogonal_matrix;

Eigen::MatrixXd centred_unit(const Eigen::MatrixXd& m) {
  const Eigen::MatrixXd c = m.rowwise() - m.colwise().mean();
  return c / c.norm();
}

TEST(Procrustes, ZeroForScaledRotatedShiftedCopies) {
  const Eigen::MatrixXd x = gaussian_matrix(60, 7, 1);
  const Eigen::RowVectorXd b = gaussian_matrix(1, 7, 2);
  for (const double s : {1e-3, 0.7, 1.0, 250.0}) {
    const Eigen::MatrixXd y = (s * x * orthogonal_matrix(7, 3)).rowwise() + b;
    EXPECT_LT(procrustes_distance(x, y), 1e-12) << s;
    EXPECT_LT(procrustes_distance(y, x), 1e-12) << s;
  }
}

// One column each: the best "rotation" is ±1, so cos θ = |Pearson correlation| (hand-derived).
TEST(Procrustes, OneColumnIsTheAngleOfTheCorrelation) {
  const Eigen::MatrixXd x = gaussian_matrix(40, 1, 4);
  const Eigen::MatrixXd y = 0.6 * x - 0.8 * gaussian_matrix(40, 1, 5);
  const Eigen::VectorXd xc = x.col(0).array() - x.mean(), yc = y.col(0).array() - y.mean();
  const double correlation = xc.dot(yc) / (xc.norm() * yc.norm());
  EXPECT_NEAR(procrustes_distance(x, y), std::acos(std::abs(correlation)) / (std::numbers::pi / 2), 1e-14);
  EXPECT_NEAR(procrustes_distance(x, -y), procrustes_distance(x, y), 1e-14);
}

TEST(Procrustes, Symmetric) {
  for (std::uint64_t k = 0; k < 10; ++k) {
    const Eigen::MatrixXd x = gaussian_matrix(50, 6, 10 + k), y = gaussian_matrix(50, 9, 30 + k);
    EXPECT_NEAR(procrustes_distance(x, y), procrustes_distance(y, x), 1e-14);
  }
}

// Triples at every distance scale (Y and Z perturbations of X of random size). The check can
// fail: 1 − cos θ, which is not a metric, breaks the inequality on some of the same triples.
TEST(Procrustes, TriangleInequalityOn100Triples) {
  int broken_by_one_minus_cosine = 0;
  for (std::uint64_t k = 0; k < 100; ++k) {
    const Eigen::MatrixXd scales = gaussian_matrix(1, 2, 500 + k).array().abs();
    const Eigen::MatrixXd x = gaussian_matrix(40, 5, 100 + k);
    const Eigen::MatrixXd y = x + scales(0) * gaussian_matrix(40, 5, 200 + k);
    const Eigen::MatrixXd z = y + scales(1) * gaussian_matrix(40, 5, 300 + k);
    const double xy = procrustes_distance(x, y), yz = procrustes_distance(y, z), xz = procrustes_distance(x, z);
    EXPECT_LE(xz, xy + yz + 1e-12) << k;
    EXPECT_LE(xy, xz + yz + 1e-12) << k;
    const auto one_minus_cos = [](double d) { return 1.0 - std::cos(d * std::numbers::pi / 2); };
    if (one_minus_cos(xz) > one_minus_cos(xy) + one_minus_cos(yz)) ++broken_by_one_minus_cosine;
  }
  EXPECT_GT(broken_by_one_minus_cosine, 0);
}

TEST(Procrustes, ZeroPaddingChangesNothing) {
  const Eigen::MatrixXd x = gaussian_matrix(30, 8, 40), y = gaussian_matrix(30, 3, 41);
  Eigen::MatrixXd padded = Eigen::MatrixXd::Zero(30, 8);
  padded.leftCols(3) = y;
  EXPECT_NEAR(procrustes_distance(x, y), procrustes_distance(x, padded), 1e-14);
  EXPECT_EQ(procrustes_rotation(x, y).rows(), 8);
}

// √(2 − 2 cos θ) from the nuclear norm equals the residual of the explicit rotation, which is
// orthogonal and no worse than 50 other orthogonal maps.
TEST(Procrustes, ClosedFormEqualsExplicitRotation) {
  for (std::uint64_t k = 0; k < 5; ++k) {
    const Eigen::MatrixXd x = gaussian_matrix(80, 6, 50 + k), y = gaussian_matrix(80, 4, 60 + k) * 3.0;
    const Eigen::MatrixXd q = procrustes_rotation(x, y);
    EXPECT_LT((q.transpose() * q - Eigen::MatrixXd::Identity(6, 6)).norm(), 1e-13);
    Eigen::MatrixXd y_hat = Eigen::MatrixXd::Zero(80, 6);
    y_hat.leftCols(4) = centred_unit(y);
    const double residual = (centred_unit(x) - y_hat * q).norm();
    const double theta = procrustes_distance(x, y) * std::numbers::pi / 2;
    EXPECT_NEAR(residual, std::sqrt(2.0 - 2.0 * std::cos(theta)), 1e-12);
    for (std::uint64_t r = 0; r < 50; ++r)
      EXPECT_LE(residual, (centred_unit(x) - y_hat * orthogonal_matrix(6, 900 + r)).norm());
  }
}

// Columns of x and y from orthogonal directions of the centred space: X̃ᵀỸ = 0, θ = π/2.
TEST(Procrustes, OneWhenCrossProductVanishes) {
  Eigen::MatrixXd basis = gaussian_matrix(20, 7, 70);
  basis = basis.rowwise() - basis.colwise().mean();
  const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(basis).householderQ() * Eigen::MatrixXd::Identity(20, 7);
  const Eigen::MatrixXd x = q.leftCols(3) * gaussian_matrix(3, 3, 71), y = q.rightCols(4) * gaussian_matrix(4, 5, 72);
  EXPECT_NEAR(procrustes_distance(x, y), 1.0, 1e-12);
}

TEST(Procrustes, RefusesBadArgumentsNamingThem) {
  Eigen::MatrixXd x = gaussian_matrix(10, 3, 80), y = gaussian_matrix(10, 2, 81);
  y(1, 1) = std::nan("");
  try {
    procrustes_distance(x, y);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "procrustes_distance: y entry (row 2, column 2) is nan");
  }
  EXPECT_THROW(procrustes_distance(x, gaussian_matrix(9, 2, 82)), std::invalid_argument);
  EXPECT_THROW(procrustes_distance(Eigen::MatrixXd::Ones(10, 3), x), std::invalid_argument);
}

}  // namespace
