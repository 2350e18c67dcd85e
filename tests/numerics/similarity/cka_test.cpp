// Linear CKA (spec rate-rnn-credit-assignment §10 item 8).
#include "numerics/similarity/cka.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/numerics/similarity/random_matrices.hpp"

namespace {

using steer::numerics::cka_distance;
using steer::numerics::linear_cka;
using steer_test::gaussian_matrix;
using steer_test::orthogonal_matrix;

// The Gram (samples × samples) form of Kornblith et al. 2019 Eq. 5 written out independently:
// centred kernels HKH, HLH with H = I − 11ᵀ/n.
double gram_cka(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  const Eigen::Index n = x.rows();
  const Eigen::MatrixXd h = Eigen::MatrixXd::Identity(n, n) - Eigen::MatrixXd::Constant(n, n, 1.0 / static_cast<double>(n));
  const Eigen::MatrixXd k = h * x * x.transpose() * h, l = h * y * y.transpose() * h;
  return k.cwiseProduct(l).sum() / (k.norm() * l.norm());
}

TEST(Cka, OneForScaledRotatedShiftedCopies) {
  const Eigen::MatrixXd x = gaussian_matrix(50, 6, 1);
  const Eigen::MatrixXd y = (3.5 * x * orthogonal_matrix(6, 2)).rowwise() + gaussian_matrix(1, 6, 3).row(0);
  EXPECT_NEAR(linear_cka(x, y), 1.0, 1e-13);
  EXPECT_NEAR(cka_distance(x, y), 0.0, 1e-13);
}

TEST(Cka, FeatureAndGramFormsAgreeAndStayInUnitInterval) {
  for (std::uint64_t k = 0; k < 20; ++k) {
    const Eigen::MatrixXd x = gaussian_matrix(30, 4 + k % 5, 10 + k);
    const Eigen::MatrixXd y = 0.3 * x.leftCols(3) * gaussian_matrix(3, 7, 40 + k) + gaussian_matrix(30, 7, 70 + k);
    const double cka = linear_cka(x, y);
    EXPECT_NEAR(cka, gram_cka(x, y), 1e-13) << k;
    EXPECT_GE(cka, 0.0);
    EXPECT_LE(cka, 1.0);
    EXPECT_NEAR(cka, linear_cka(y, x), 1e-14);
  }
}

// A hand-derived case: x = (a, 0), y = (0, a) with a centred, one column each padded... two
// orthogonal centred columns give ‖ỸᵀX̃‖ = 0, so CKA = 0.
TEST(Cka, ZeroForOrthogonalCentredColumns) {
  Eigen::MatrixXd x(4, 1), y(4, 1);
  x << 1, -1, 1, -1;
  y << 1, 1, -1, -1;
  EXPECT_EQ(linear_cka(x, y), 0.0);
}

TEST(Cka, RefusesBadArgumentsNamingThem) {
  Eigen::MatrixXd x = gaussian_matrix(5, 2, 90);
  x(0, 0) = std::numeric_limits<double>::infinity();
  try {
    linear_cka(x, gaussian_matrix(5, 2, 91));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "linear_cka: x entry (row 1, column 1) is inf");
  }
  EXPECT_THROW(linear_cka(gaussian_matrix(5, 2, 92), gaussian_matrix(6, 2, 93)), std::invalid_argument);
}

}  // namespace
