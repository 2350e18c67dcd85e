#include "numerics/similarity/principal_components.hpp"

#include <algorithm>

namespace steer::numerics {

Eigen::MatrixXd centred_columns(const Eigen::MatrixXd& x) { return x.rowwise() - x.colwise().mean(); }

Eigen::MatrixXd principal_component_scores(const Eigen::MatrixXd& x, int components) {
  const Eigen::MatrixXd centred = centred_columns(x);
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(centred, Eigen::ComputeThinV);
  const auto& s = svd.singularValues();
  Eigen::Index k = 0;
  const Eigen::Index limit = std::min<Eigen::Index>(components, s.size());
  while (k < limit && s(k) > 1e-12 * s(0)) ++k;
  return centred * svd.matrixV().leftCols(k);
}

}  // namespace steer::numerics
