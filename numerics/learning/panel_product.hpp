// Float matrix products of the steering learner whose result does not depend on the thread
// count (DESIGN.md: bitwise identical for any --threads). On CPUs with AVX-512F they run the
// column-sum kernels of float_kernels_avx512.hpp (the portable build gives Eigen only SSE2);
// elsewhere Eigen, with the rows cut into fixed panels, each computed by single-threaded Eigen
// (Eigen's own parallel GEMM picks its blocking from the thread count, which can reorder sums).
// The two paths round differently, so results are reproducible per kind of CPU.
#pragma once

#include <Eigen/Core>

namespace steer::numerics {

using matrix_f = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>;

// out = a * b, or out += a * b when `accumulate`. out must already have the right shape.
void panel_product(const Eigen::Ref<const matrix_f>& a, const Eigen::Ref<const matrix_f>& b,
                   Eigen::Ref<matrix_f> out, bool accumulate);

// out = out_scale·out + a * bᵀ (a rank-B update such as a decayed Hebbian sum over a batch).
void panel_product_transposed(const Eigen::Ref<const matrix_f>& a, const Eigen::Ref<const matrix_f>& b,
                              Eigen::Ref<matrix_f> out, float out_scale);

// Which implementation the products use: the AVX-512 kernels when the CPU has them (default),
// or Eigen everywhere (for `steer bench train`, which measures both).
enum class product_kernel { automatic, eigen };
void set_product_kernel(product_kernel kernel);
// "avx512" or "eigen": what the products run on this CPU now.
const char* active_product_kernel();

}  // namespace steer::numerics
