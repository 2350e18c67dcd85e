#include "numerics/similarity/cca.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <limits>
#include <stdexcept>

#include "numerics/similarity/argument_checks.hpp"
#include "numerics/similarity/principal_components.hpp"

namespace steer::numerics {
namespace {

struct reduced_pair {
  Eigen::MatrixXd x, y;
};

reduced_pair reduce(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const cca_options& options,
                    const char* function) {
  require_finite_matrix(x, function, "x");
  require_finite_matrix(y, function, "y");
  require_same_rows(x, y, function, "x", "y");
  if (options.components < 1)
    throw std::invalid_argument(fmt::format("{}: components must be >= 1, got {}", function, options.components));
  require_in_range(options.regularisation, 0.0, std::numeric_limits<double>::max(), function, "regularisation");
  reduced_pair reduced{principal_component_scores(x, options.components),
                       principal_component_scores(y, options.components)};
  if (reduced.x.cols() == 0) throw std::invalid_argument(fmt::format("{}: x is constant in every column", function));
  if (reduced.y.cols() == 0) throw std::invalid_argument(fmt::format("{}: y is constant in every column", function));
  return reduced;
}

Eigen::MatrixXd regularised_auto_product(const Eigen::MatrixXd& x, double r) {
  return x.transpose() * x + r * Eigen::MatrixXd::Identity(x.cols(), x.cols());
}

double pearson(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const Eigen::VectorXd ac = a.array() - a.mean(), bc = b.array() - b.mean();
  return ac.dot(bc) / (ac.norm() * bc.norm());
}

}  // namespace

cca_result regularised_cca(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const cca_options& options) {
  const auto [xp, yp] = reduce(x, y, options, "regularised_cca");
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> cxx(regularised_auto_product(xp, options.regularisation));
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> cyy(regularised_auto_product(yp, options.regularisation));
  const Eigen::MatrixXd wx = cxx.operatorInverseSqrt(), wy = cyy.operatorInverseSqrt();
  const Eigen::MatrixXd gamma = wx * (xp.transpose() * yp) * wy;
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(gamma, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const Eigen::MatrixXd variates_x = xp * (wx * svd.matrixU()), variates_y = yp * (wy * svd.matrixV());
  cca_result result;
  const Eigen::Index pairs = svd.singularValues().size();
  for (Eigen::Index i = 0; i < pairs; ++i) {
    result.singular_values.push_back(svd.singularValues()(i));
    result.correlations.push_back(pearson(variates_x.col(i), variates_y.col(i)));
  }
  double sum = 0.0;
  for (const double rho : result.correlations) sum += rho;
  result.distance = 1.0 - sum / static_cast<double>(pairs);
  return result;
}

std::vector<double> cca_generalized_eigenvalues(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y,
                                                const cca_options& options) {
  const auto [xp, yp] = reduce(x, y, options, "cca_generalized_eigenvalues");
  const Eigen::Index kx = xp.cols(), ky = yp.cols();
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(kx + ky, kx + ky), b = Eigen::MatrixXd::Zero(kx + ky, kx + ky);
  a.topRightCorner(kx, ky) = xp.transpose() * yp;
  a.bottomLeftCorner(ky, kx) = a.topRightCorner(kx, ky).transpose();
  b.topLeftCorner(kx, kx) = regularised_auto_product(xp, options.regularisation);
  b.bottomRightCorner(ky, ky) = regularised_auto_product(yp, options.regularisation);
  const Eigen::GeneralizedSelfAdjointEigenSolver<Eigen::MatrixXd> solver(a, b, Eigen::EigenvaluesOnly);
  std::vector<double> values(solver.eigenvalues().data(), solver.eigenvalues().data() + kx + ky);
  std::sort(values.begin(), values.end(), std::greater<>());
  values.resize(static_cast<std::size_t>(std::min(kx, ky)));
  return values;
}

double cca_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const cca_options& options) {
  return regularised_cca(x, y, options).distance;
}

}  // namespace steer::numerics
