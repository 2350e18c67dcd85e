// The float products against a double-precision reference for awkward shapes (row tails, column
// groups that are not full, strided blocks), on every kernel this CPU has, and their
// independence of the thread count.
#include <gtest/gtest.h>
#include <omp.h>

#include "numerics/learning/panel_product.hpp"

namespace steer::numerics {
namespace {

using matrix_d = Eigen::MatrixXd;

class PanelProduct : public ::testing::TestWithParam<product_kernel> {
 protected:
  void SetUp() override { set_product_kernel(GetParam()); }
  void TearDown() override { set_product_kernel(product_kernel::automatic); }
};

matrix_f random_matrix(Eigen::Index rows, Eigen::Index cols, int seed) {
  std::srand(static_cast<unsigned>(seed));  // test data only; any values do
  return matrix_f::Random(rows, cols);
}

TEST_P(PanelProduct, MatchesDoubleReference) {
  for (const auto& [rows, depth, cols] : {std::tuple{37L, 53L, 5L}, {16L, 16L, 16L}, {130L, 70L, 33L}, {10L, 200L, 16L}}) {
    const matrix_f a = random_matrix(rows, depth, 1), b = random_matrix(depth, cols, 2), c0 = random_matrix(rows, cols, 3);
    const matrix_d exact = a.cast<double>() * b.cast<double>();
    matrix_f out(rows, cols);
    panel_product(a, b, out, false);
    EXPECT_LT((out.cast<double>() - exact).cwiseAbs().maxCoeff(), 1e-5 * double(depth)) << rows << " " << cols;
    out = c0;
    panel_product(a, b, out, true);
    EXPECT_LT((out.cast<double>() - exact - c0.cast<double>()).cwiseAbs().maxCoeff(), 1e-5 * double(depth));
    // Transposed with decay: out = 0.5·c0 + a·(bᵀ)ᵀ, b given as its transpose.
    const matrix_f bt = b.transpose();
    out = c0;
    panel_product_transposed(a, bt, out, 0.5F);
    EXPECT_LT((out.cast<double>() - exact - 0.5 * c0.cast<double>()).cwiseAbs().maxCoeff(), 1e-5 * double(depth));
  }
}

TEST_P(PanelProduct, StridedBlocksAndThreadIndependence) {
  const matrix_f a = random_matrix(300, 400, 4), b = random_matrix(400, 40, 5);
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  matrix_f one(300, 10);
  panel_product(a.middleCols(0, 400), b.middleCols(7, 10), one, false);
  omp_set_num_threads(3);
  matrix_f three(300, 10);
  panel_product(a, b.middleCols(7, 10), three, false);
  omp_set_num_threads(threads);
  EXPECT_EQ(one, three);
  EXPECT_LT((one.cast<double>() - a.cast<double>() * b.middleCols(7, 10).cast<double>()).cwiseAbs().maxCoeff(), 4e-3);
}

INSTANTIATE_TEST_SUITE_P(Kernels, PanelProduct, ::testing::Values(product_kernel::automatic, product_kernel::eigen));

}  // namespace
}  // namespace steer::numerics
