#include "numerics/similarity/cka.hpp"

#include <stdexcept>

#include "numerics/similarity/argument_checks.hpp"
#include "numerics/similarity/principal_components.hpp"

namespace steer::numerics {

double linear_cka(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) {
  require_finite_matrix(x, "linear_cka", "x");
  require_finite_matrix(y, "linear_cka", "y");
  require_same_rows(x, y, "linear_cka", "x", "y");
  const Eigen::MatrixXd xc = centred_columns(x), yc = centred_columns(y);
  const double xx = (xc.transpose() * xc).norm(), yy = (yc.transpose() * yc).norm();
  if (xx == 0.0) throw std::invalid_argument("linear_cka: x is constant in every column");
  if (yy == 0.0) throw std::invalid_argument("linear_cka: y is constant in every column");
  return (yc.transpose() * xc).squaredNorm() / (xx * yy);
}

double cka_distance(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y) { return 1.0 - linear_cka(x, y); }

}  // namespace steer::numerics
