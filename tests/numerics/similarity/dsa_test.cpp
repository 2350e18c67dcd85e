// Dynamical similarity analysis (spec rate-rnn-credit-assignment §10 item 10).
#include "numerics/similarity/dsa.hpp"
#include "numerics/similarity/alignment_ascent.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <stdexcept>

#include "numerics/similarity/hatsopoulos.hpp"
#include "tests/numerics/similarity/random_matrices.hpp"

namespace {

using steer::numerics::activity_array;
using steer::numerics::dsa;
using steer::numerics::vector_field_procrustes;
using steer_test::gaussian_matrix;
using steer_test::orthogonal_matrix;

// A stable linear system x_{s+1} = A x_s: a random orthogonal matrix (eigenvalues on the unit
// circle) times 0.97, so trajectories rotate and decay slowly.
Eigen::MatrixXd stable_dynamics(Eigen::Index n, std::uint64_t seed) { return 0.97 * orthogonal_matrix(n, seed); }

activity_array trajectories(const Eigen::MatrixXd& a, int conditions, int times, std::uint64_t seed) {
  const Eigen::MatrixXd starts = gaussian_matrix(conditions, a.rows(), seed);
  Eigen::MatrixXd samples(conditions * times, a.rows());
  for (int c = 0; c < conditions; ++c) {
    Eigen::VectorXd x = starts.row(c).transpose();
    for (int s = 0; s < times; ++s, x = a * x) samples.row(c * times + s) = x.transpose();
  }
  return {conditions, times, samples};
}

TEST(Dsa, DelayEmbeddingRowsAreNewestFirstWithinEachCondition) {
  Eigen::MatrixXd samples(6, 1);
  samples << 0, 1, 2, 10, 11, 12;  // two conditions of three times
  const Eigen::MatrixXd h = steer::numerics::delay_embedding({2, 3, samples}, 2);
  Eigen::MatrixXd expected(4, 2);
  expected << 1, 0, 2, 1, 11, 10, 12, 11;
  EXPECT_EQ(h, expected);
}

TEST(Dsa, FitRecoversTheLinearOperator) {
  const Eigen::MatrixXd a = stable_dynamics(5, 1);
  const Eigen::MatrixXd fitted = steer::numerics::fit_delay_dmd(trajectories(a, 3, 20, 2), 1, 5);
  EXPECT_LT((fitted - a).cwiseAbs().maxCoeff(), 1e-8);
}

// For symmetric A and B, max over orthogonal C of ⟨A, C B Cᵀ⟩ is Σ λ_i μ_i with both spectra
// sorted the same way (von Neumann's trace inequality, attained by aligning eigenvectors): a
// closed form the descent must reach, with different spectra.
TEST(Dsa, VectorFieldProcrustesReachesTheTraceBoundForSymmetricMatrices) {
  for (std::uint64_t k = 0; k < 5; ++k) {
    const Eigen::MatrixXd ga = gaussian_matrix(8, 8, 10 + k), gb = gaussian_matrix(8, 8, 20 + k);
    const Eigen::MatrixXd a = ga + ga.transpose(), b = gb + gb.transpose() + 0.5 * Eigen::MatrixXd::Identity(8, 8);
    const Eigen::VectorXd la = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(a).eigenvalues();
    const Eigen::VectorXd lb = Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(b).eigenvalues();
    const double bound = la.dot(lb) / (a.norm() * b.norm());  // both ascending
    const auto result = vector_field_procrustes(a, b);
    EXPECT_NEAR(result.angle, std::acos(bound), 1e-12) << k;
    EXPECT_GT(result.angle, 0.1) << k;  // different spectra: clearly apart
    EXPECT_TRUE(result.converged);
  }
}

TEST(Dsa, RotatedCopyScoresZero) {
  const Eigen::MatrixXd a = gaussian_matrix(10, 10, 30) / std::sqrt(10.0);
  const Eigen::MatrixXd q = orthogonal_matrix(10, 31);
  EXPECT_LT(vector_field_procrustes(a, q * a * q.transpose()).angle, 1e-3);
  // A reflected copy needs a start with det C = −1: the Cayley curve never leaves its component.
  Eigen::MatrixXd reflection = q;
  reflection.col(0) *= -1.0;
  EXPECT_LT(vector_field_procrustes(a, reflection * a * reflection.transpose()).angle, 1e-3);
}

TEST(Dsa, RotatedNeuronsScoreZeroAndOtherDynamicsDoNot) {
  const activity_array x = trajectories(stable_dynamics(6, 40), 4, 40, 41);
  const activity_array rotated(4, 40, x.samples() * orthogonal_matrix(6, 42));
  // Delays add no rank to a linear system's embedding: rank 6 = units.
  const steer::numerics::dsa_options options{6, 2, 6, {}};
  EXPECT_LT(dsa(x, rotated, options).distance, 1e-3);
  // Real eigenvalues 0.95, 0.9, ..., 0.7 instead of a rotation's complex ones on a circle.
  const Eigen::MatrixXd q = orthogonal_matrix(6, 43);
  const Eigen::VectorXd real_spectrum = Eigen::VectorXd::LinSpaced(6, 0.95, 0.7);
  const activity_array other = trajectories(q * real_spectrum.asDiagonal() * q.transpose(), 4, 40, 41);
  EXPECT_GT(dsa(x, other, options).distance, 0.05);
}

// For symmetric A, B of rank 6 in n = 30 the support reduction works in O(12); the maximum over
// O(30) is still von Neumann's bound with both spectra padded by zeros (sorted the same way), so
// the reduction is exact, and the rotation rebuilt in O(30) attains it.
TEST(Dsa, SupportReductionIsExactForLowRankMatrices) {
  const Eigen::Index n = 30, k = 6;
  const Eigen::MatrixXd pa = orthogonal_matrix(n, 60).leftCols(k), pb = orthogonal_matrix(n, 61).leftCols(k);
  Eigen::VectorXd la(k), lb(k);
  la << 3, 2, 1, -0.5, -1, -2.5;
  lb << 2, 1.5, -0.2, -0.7, -1.5, -3;
  const Eigen::MatrixXd a = pa * la.asDiagonal() * pa.transpose(), b = pb * lb.asDiagonal() * pb.transpose();
  Eigen::VectorXd sa = Eigen::VectorXd::Zero(n), sb = Eigen::VectorXd::Zero(n);
  sa.head(k) = la;
  sb.head(k) = lb;
  std::sort(sa.begin(), sa.end());
  std::sort(sb.begin(), sb.end());
  const double bound = sa.dot(sb) / (la.norm() * lb.norm());
  const auto result = vector_field_procrustes(a, b);
  EXPECT_EQ(result.reduced_size, 2 * k);
  EXPECT_TRUE(result.converged);
  EXPECT_NEAR(std::cos(result.angle), bound, 1e-12);
  const Eigen::MatrixXd& c = result.rotation;
  ASSERT_EQ(c.rows(), n);
  EXPECT_LT((c.transpose() * c - Eigen::MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(a.cwiseProduct(c * b * c.transpose()).sum() / (a.norm() * b.norm()), bound, 1e-12);
  EXPECT_LT(steer::numerics::alignment_gradient_norm(a / a.norm(), b / b.norm(), c), 1e-8);
}

// Spec §10 item 10 at p·d = 100 (p = 10 PCs, d = 10 delays, rank 20: the bench size) on the
// shipped Hatsopoulos recordings: rotating the neurons leaves the PCA scores unchanged up to
// signs, so the score is 0; a smooth random-walk "model" has other dynamics. Both converge to a
// verified local maximum (‖W‖_F < 1e-9, Newton).
TEST(Dsa, ConvergesAtPdHundred) {
  const activity_array data =
      steer::numerics::load_hatsopoulos_rates(std::filesystem::path(STEER_SOURCE_DIR) / "data" / "hatsopoulos2007");
  const activity_array rotated(data.conditions(), data.times(), data.samples() * orthogonal_matrix(data.units(), 70));
  Eigen::MatrixXd walk = gaussian_matrix(data.samples().rows(), 200, 71);
  for (int c = 0; c < data.conditions(); ++c)
    for (int t = 1; t < data.times(); ++t) walk.row(c * data.times() + t) += walk.row(c * data.times() + t - 1);
  const activity_array model(data.conditions(), data.times(), walk);
  steer::numerics::dsa_options options;
  options.delays = 10;
  options.rank = 20;
  const auto same = dsa(data, rotated, options);
  EXPECT_TRUE(same.converged);
  EXPECT_LT(same.gradient_norm, 1e-9);
  EXPECT_LT(same.distance, 1e-3);
  const auto other = dsa(model, data, options);
  EXPECT_TRUE(other.converged);
  EXPECT_LT(other.gradient_norm, 1e-9);
  EXPECT_GT(other.distance, 0.01);
}

TEST(Dsa, RefusesBadArgumentsNamingThem) {
  const activity_array x = trajectories(stable_dynamics(4, 50), 2, 10, 51);
  EXPECT_THROW(steer::numerics::fit_delay_dmd(x, 1, 5), std::invalid_argument);  // rank > p·d
  EXPECT_THROW(steer::numerics::delay_embedding(x, 10), std::invalid_argument);   // d > T − 1
  try {
    dsa(x, trajectories(stable_dynamics(4, 50), 3, 10, 51));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("dsa: x has 2 conditions x 10 times but y has 3 x 10"), std::string::npos);
  }
  EXPECT_THROW(vector_field_procrustes(Eigen::MatrixXd::Ones(3, 3), Eigen::MatrixXd::Ones(3, 2)), std::invalid_argument);
}

}  // namespace
