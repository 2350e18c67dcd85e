// The maximisation of ⟨A, C B Cᵀ⟩ over orthogonal C behind DSA (spec rate-rnn-credit-assignment
// §7.4 step 3): its second-order chart expansion against finite differences, and the Newton
// phase's convergence to a verified local maximum.
#include "numerics/similarity/alignment_ascent.hpp"

#include <gtest/gtest.h>

#include <unsupported/Eigen/MatrixFunctions>

#include <cmath>

#include "tests/numerics/similarity/random_matrices.hpp"

namespace {

using steer::numerics::alignment_gradient_norm;
using steer::numerics::expand_alignment;
using steer::numerics::maximise_alignment;
using steer_test::gaussian_matrix;
using steer_test::orthogonal_matrix;

// g(C cay(X)) for X with upper-triangle coordinates x (row-major pairs i < j).
double alignment_in_chart(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b, const Eigen::MatrixXd& c,
                          const Eigen::VectorXd& x) {
  const Eigen::Index n = a.rows();
  Eigen::MatrixXd skew = Eigen::MatrixXd::Zero(n, n);
  Eigen::Index p = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j, ++p) {
      skew(i, j) = x(p);
      skew(j, i) = -x(p);
    }
  const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(n, n);
  const Eigen::MatrixXd moved = c * (identity - 0.5 * skew).inverse() * (identity + 0.5 * skew);
  return a.cwiseProduct(moved * b * moved.transpose()).sum();
}

// Central differences: first derivatives with error O(h²) ≈ 1e-8 · |g'''|, second with O(h²) plus
// rounding 1e-16/h² ≈ 1e-8; |g| <= ‖A‖‖B‖ ≈ 25 here, so 1e-6 · 25 bounds both.
TEST(AlignmentAscent, ExpansionMatchesFiniteDifferences) {
  const Eigen::Index n = 5, m = n * (n - 1) / 2;
  const Eigen::MatrixXd a = gaussian_matrix(n, n, 1), b = gaussian_matrix(n, n, 2), c = orthogonal_matrix(n, 3);
  const auto e = expand_alignment(a, b, c);
  ASSERT_EQ(e.gradient.size(), m);
  ASSERT_EQ(e.hessian.rows(), m);
  const double h = 1e-4, tolerance = 2.5e-5;
  const auto g = [&](const Eigen::VectorXd& x) { return alignment_in_chart(a, b, c, x); };
  for (Eigen::Index p = 0; p < m; ++p) {
    const Eigen::VectorXd ep = Eigen::VectorXd::Unit(m, p) * h;
    EXPECT_NEAR(e.gradient(p), (g(ep) - g(-ep)) / (2 * h), tolerance) << p;
    for (Eigen::Index q = 0; q < m; ++q) {
      const Eigen::VectorXd eq = Eigen::VectorXd::Unit(m, q) * h;
      const double second = (g(ep + eq) - g(ep - eq) - g(eq - ep) + g(-ep - eq)) / (4 * h * h);
      EXPECT_NEAR(e.hessian(p, q), second, tolerance) << p << ", " << q;
    }
  }
}

// Near a maximum Newton converges quadratically: from the end of 30 gradient iterations the
// gradient falls far below the tolerance within a few steps, and the Hessian test passes.
TEST(AlignmentAscent, NewtonPhaseReachesAVerifiedLocalMaximum) {
  const Eigen::Index n = 12;
  Eigen::MatrixXd a = gaussian_matrix(n, n, 4), b = gaussian_matrix(n, n, 5);
  a /= a.norm();
  b /= b.norm();
  steer::numerics::alignment_ascent_settings settings;
  settings.max_iterations = 30;
  settings.newton_switch = 0.0;
  settings.tolerance = 1e-13;
  const auto r = maximise_alignment(a, b, Eigen::MatrixXd::Identity(n, n), settings);
  EXPECT_TRUE(r.local_maximum);
  EXPECT_LT(r.gradient_norm, 1e-13);
  EXPECT_LT(alignment_gradient_norm(a, b, r.c), 1e-13);
  EXPECT_LE(r.newton_steps, 20);
  EXPECT_LT((r.c.transpose() * r.c - Eigen::MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff(), 1e-13);
  // A local maximum: no orthogonal matrix near it does better.
  for (std::uint64_t k = 0; k < 20; ++k) {
    const Eigen::MatrixXd g = gaussian_matrix(n, n, 100 + k);
    const Eigen::MatrixXd nearby = r.c * ((1e-3 * (g - g.transpose())).exp());
    EXPECT_LE(a.cwiseProduct(nearby * b * nearby.transpose()).sum(), r.value + 1e-15) << k;
  }
}

// Without the Newton phase (n above newton_max_size) the same start ends at the same maximum
// only if gradient ascent gets there: the flag says whether it did.
TEST(AlignmentAscent, GradientPhaseAloneReportsItsGradient) {
  const Eigen::Index n = 6;
  const Eigen::MatrixXd a = gaussian_matrix(n, n, 6) / 6.0, b = gaussian_matrix(n, n, 7) / 6.0;
  steer::numerics::alignment_ascent_settings settings;
  settings.newton_max_size = 2;
  settings.max_iterations = 3;
  const auto r = maximise_alignment(a, b, Eigen::MatrixXd::Identity(n, n), settings);
  EXPECT_EQ(r.newton_steps, 0);
  EXPECT_NEAR(r.gradient_norm, alignment_gradient_norm(a, b, r.c), 1e-15);
  EXPECT_EQ(r.local_maximum, r.gradient_norm < settings.tolerance);
}

}  // namespace
