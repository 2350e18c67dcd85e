// Random test matrices from the project's streams (fixed seeds, portable normals).
#pragma once

#include <Eigen/Dense>

#include <cstdint>

#include "numerics/rng_stream.hpp"

namespace steer_test {

inline Eigen::MatrixXd gaussian_matrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
  steer::numerics::rng_stream stream(seed, 0, steer::numerics::stream_purpose::similarity_splits);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) m(i, j) = stream.standard_normal();
  return m;
}

// An orthogonal matrix (Q of the QR of a Gaussian matrix).
inline Eigen::MatrixXd orthogonal_matrix(Eigen::Index n, std::uint64_t seed) {
  return Eigen::HouseholderQR<Eigen::MatrixXd>(gaussian_matrix(n, n, seed)).householderQ();
}

}  // namespace steer_test
