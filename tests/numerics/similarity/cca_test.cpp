// Regularised CCA (spec rate-rnn-credit-assignment §10 item 9).
#include "numerics/similarity/cca.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "tests/numerics/similarity/random_matrices.hpp"

namespace {

using steer::numerics::cca_generalized_eigenvalues;
using steer::numerics::regularised_cca;
using steer_test::gaussian_matrix;

TEST(Cca, EveryCorrelationIsOneForAnInvertibleLinearMapWithoutRegularisation) {
  const Eigen::MatrixXd x = gaussian_matrix(100, 5, 1);
  const Eigen::MatrixXd y = x * gaussian_matrix(5, 5, 2);
  const auto result = regularised_cca(x, y, {20, 0.0});
  ASSERT_EQ(result.correlations.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(result.correlations[i], 1.0, 1e-10) << i;
    EXPECT_NEAR(result.singular_values[i], 1.0, 1e-10) << i;
  }
  EXPECT_NEAR(result.distance, 0.0, 1e-10);
}

TEST(Cca, SvdRouteEqualsGeneralisedEigenRoute) {
  for (const double r : {0.0, 1e-3, 10.0}) {
    const Eigen::MatrixXd x = gaussian_matrix(200, 30, 3);
    const Eigen::MatrixXd y = x.leftCols(10) * gaussian_matrix(10, 25, 4) + 2.0 * gaussian_matrix(200, 25, 5);
    const auto svd_route = regularised_cca(x, y, {20, r}).singular_values;
    const auto eigen_route = cca_generalized_eigenvalues(x, y, {20, r});
    ASSERT_EQ(svd_route.size(), eigen_route.size());
    for (std::size_t i = 0; i < svd_route.size(); ++i) EXPECT_NEAR(svd_route[i], eigen_route[i], 1e-10) << r << " " << i;
  }
}

// One column each, r = 0: the only canonical correlation is |Pearson correlation| (hand-derived).
TEST(Cca, OneColumnGivesTheAbsoluteCorrelation) {
  const Eigen::MatrixXd x = gaussian_matrix(50, 1, 6);
  const Eigen::MatrixXd y = -0.5 * x + gaussian_matrix(50, 1, 7);
  const Eigen::VectorXd xc = x.col(0).array() - x.mean(), yc = y.col(0).array() - y.mean();
  const auto result = regularised_cca(x, y, {20, 0.0});
  EXPECT_NEAR(result.correlations[0], std::abs(xc.dot(yc)) / (xc.norm() * yc.norm()), 1e-13);
}

TEST(Cca, RegularisationShrinksTheCorrelationsOfRandomData) {
  const Eigen::MatrixXd x = gaussian_matrix(40, 25, 8), y = gaussian_matrix(40, 25, 9);
  const auto plain = regularised_cca(x, y, {20, 0.0}), shrunk = regularised_cca(x, y, {20, 100.0});
  EXPECT_LT(shrunk.singular_values[0], plain.singular_values[0]);
  EXPECT_GT(shrunk.distance, 0.0);
  EXPECT_LE(shrunk.distance, 1.0);
}

TEST(Cca, RefusesBadArgumentsNamingThem) {
  EXPECT_THROW(regularised_cca(gaussian_matrix(5, 2, 1), gaussian_matrix(6, 2, 2)), std::invalid_argument);
  try {
    regularised_cca(gaussian_matrix(5, 2, 1), gaussian_matrix(5, 2, 2), {0, 1e-3});
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "regularised_cca: components must be >= 1, got 0");
  }
  EXPECT_THROW(regularised_cca(gaussian_matrix(5, 2, 1), gaussian_matrix(5, 2, 2), {2, -1.0}), std::invalid_argument);
}

}  // namespace
