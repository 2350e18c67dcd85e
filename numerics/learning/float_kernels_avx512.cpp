#include "numerics/learning/float_kernels_avx512.hpp"

#include <immintrin.h>

#include <algorithm>
#include <vector>

namespace steer::numerics {
namespace {

// 16 output columns at once: 16 zmm accumulators + the streamed column of a fit the 32 registers.
constexpr long group = 16;
constexpr long lanes = 16;
// Columns of `a` fetched ahead of use (a column is typically 6.4 KB away from the next).
constexpr long prefetch_distance = 8;

__mmask16 row_mask(long rows_left) {
  return rows_left >= lanes ? __mmask16(0xFFFF) : static_cast<__mmask16>((1U << rows_left) - 1U);
}

// packed[k·16 + c] = value(k, c) for c < cols_in_group, 0 beyond: the group's multipliers in the
// order the kernel broadcasts them.
template <class Value>
std::vector<float> pack_group(long depth, long cols_in_group, Value value) {
  std::vector<float> packed(static_cast<std::size_t>(depth * group), 0.0F);
  for (long k = 0; k < depth; ++k) {
    for (long c = 0; c < cols_in_group; ++c) packed[static_cast<std::size_t>(k * group + c)] = value(k, c);
  }
  return packed;
}

// out[:, c] = out_scale·out[:, c] + Σ_k a[:, k]·packed[k·16 + c] for the 16 rows at `first_row`.
__attribute__((target("avx512f"))) void row_block(const float* a, long lda, const float* packed, float* out, long ldo,
                                                  long first_row, long rows, long depth, long cols_in_group,
                                                  float out_scale) {
  const __mmask16 mask = row_mask(rows - first_row);
  __m512 acc[group];
  for (long c = 0; c < group; ++c) acc[c] = _mm512_setzero_ps();
  const float* column = a + first_row;
  for (long k = 0; k < depth; ++k, column += lda) {
    // Consecutive k are a page apart in a tall matrix, beyond the hardware prefetcher's reach.
    _mm_prefetch(reinterpret_cast<const char*>(column + prefetch_distance * lda), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(column + prefetch_distance * lda + lanes - 1), _MM_HINT_T0);
    const __m512 x = _mm512_maskz_loadu_ps(mask, column);
    const float* m = packed + k * group;
#pragma GCC unroll 16
    for (long c = 0; c < group; ++c) acc[c] = _mm512_fmadd_ps(x, _mm512_set1_ps(m[c]), acc[c]);
  }
  const __m512 scale = _mm512_set1_ps(out_scale);
#pragma GCC unroll 16
  for (long c = 0; c < group; ++c) {  // constant bound: the accumulators stay in registers
    if (c < cols_in_group) {
      float* target = out + c * ldo + first_row;
      __m512 value = acc[c];
      if (out_scale != 0.0F) value = _mm512_fmadd_ps(scale, _mm512_maskz_loadu_ps(mask, target), value);
      _mm512_mask_storeu_ps(target, mask, value);
    }
  }
}

// Threads only pay off above ~4·10^6 multiply-adds per call (panel_product.cpp, same reason).
constexpr double parallel_work = 4.0e6;

template <class Value>
void product(const float* a, long lda, float* out, long ldo, long rows, long depth, long cols, float out_scale,
             Value value) {
  const long blocks = (rows + lanes - 1) / lanes;
  const long groups = (cols + group - 1) / group;
  std::vector<std::vector<float>> packed;
  for (long g = 0; g < groups; ++g) {
    const long first_col = g * group;
    packed.push_back(pack_group(depth, std::min(group, cols - first_col), [&](long k, long c) { return value(k, first_col + c); }));
  }
  const bool parallel = double(rows) * double(depth) * double(cols) >= parallel_work;
  // One parallel region per product, rows split between threads; each row block of `a` is then
  // reused from cache by every column group.
#pragma omp parallel for schedule(static) if (parallel)
  for (long block = 0; block < blocks; ++block) {
    for (long g = 0; g < groups; ++g) {
      row_block(a, lda, packed[static_cast<std::size_t>(g)].data(), out + g * group * ldo, ldo, block * lanes, rows, depth,
                std::min(group, cols - g * group), out_scale);
    }
  }
}

}  // namespace

bool cpu_has_avx512() {
  static const bool has = __builtin_cpu_supports("avx512f") != 0;
  return has;
}

void product_avx512(const float* a, long lda, const float* b, long ldb, float* out, long ldo, long rows, long depth,
                    long cols, float out_scale) {
  product(a, lda, out, ldo, rows, depth, cols, out_scale, [&](long k, long c) { return b[c * ldb + k]; });
}

void product_transposed_avx512(const float* a, long lda, const float* b, long ldb, float* out, long ldo, long rows,
                               long depth, long cols, float out_scale) {
  product(a, lda, out, ldo, rows, depth, cols, out_scale, [&](long k, long c) { return b[k * ldb + c]; });
}

}  // namespace steer::numerics
