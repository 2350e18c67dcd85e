// Float matrix products whose result does not depend on the thread count (DESIGN.md,
// Randomness/Parallelism: bitwise identical for any --threads). Eigen's own parallel GEMM picks
// its blocking from the number of threads, which can change the summation order; here the rows
// are cut into fixed panels, each computed by single-threaded Eigen, panels spread over OpenMP.
#pragma once

#include <Eigen/Core>

namespace steer::numerics {

using matrix_f = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;

// out = a * b, or out += a * b when `accumulate`. out must already have the right shape.
void panel_product(const Eigen::Ref<const matrix_f>& a, const Eigen::Ref<const matrix_f>& b,
                   Eigen::Ref<matrix_f> out, bool accumulate);

// out = a * bᵀ (a rank-B update such as a Hebbian sum over a batch), or += when `accumulate`.
void panel_product_transposed(const Eigen::Ref<const matrix_f>& a, const Eigen::Ref<const matrix_f>& b,
                              Eigen::Ref<matrix_f> out, bool accumulate);

}  // namespace steer::numerics
