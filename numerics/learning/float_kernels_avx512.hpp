// AVX-512 kernels for the steering learner's two hot products (spec steering-learning §11), used
// by panel_product.cpp when the CPU has AVX-512F (chosen at run time; the default build is
// portable and Eigen there only gets SSE2). Each output element is one fused multiply-add chain
// over the inner index in ascending order, so results do not depend on how rows are split
// between threads.
#pragma once

namespace steer::numerics {

bool cpu_has_avx512();

// out (rows × cols) = out_scale·out + a (rows × depth) · b (depth × cols); column-major with
// leading dimensions; out_scale = 0 overwrites (out is not read).
void product_avx512(const float* a, long lda, const float* b, long ldb, float* out, long ldo, long rows, long depth,
                    long cols, float out_scale);

// out (rows × cols) = out_scale·out + a (rows × depth) · bᵀ, b being cols × depth (a rank-depth
// update such as a Hebbian sum over a batch).
void product_transposed_avx512(const float* a, long lda, const float* b, long ldb, float* out, long ldo, long rows,
                               long depth, long cols, float out_scale);

}  // namespace steer::numerics
