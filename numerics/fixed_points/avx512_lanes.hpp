// Shared pieces of the AVX-512 enumeration kernels (internal to numerics).
//
// Layout: neuron i lives in lane i % 16 of register i / 16. Include only from translation
// units whose AVX-512 functions carry STEER_AVX512 and are called after cpu_has_avx512().
#pragma once

// GCC 12 flags _mm512_undefined_epi32() inside its own intrinsics header as "may be used
// uninitialized" (a known false positive); silence it for the kernels only.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <immintrin.h>

#include <cstdint>

#define STEER_AVX512 __attribute__((target("avx512f,avx512bw,bmi")))

namespace steer::numerics::detail {

// One register's worth of lanes, cache-line aligned (std::vector<__m512i> would drop the
// alignment attribute).
struct alignas(64) lane_block {
  std::int32_t lane[16];
};

STEER_AVX512 inline __m512i load(const std::int32_t* p) { return _mm512_loadu_si512(p); }

// Per-lane test "s_i h_i > t_i": lanes with s_i = +1 compare h > t, lanes with s_i = −1
// compare h < −t. `positive` has bit i set ⇔ s_i = +1 (padding lanes set).
STEER_AVX512 inline __mmask16 passes(__m512i h, __mmask16 positive, __m512i t, __m512i minus_t) {
  return static_cast<__mmask16>(_mm512_mask_cmpgt_epi32_mask(positive, h, t) |
                                _mm512_mask_cmplt_epi32_mask(static_cast<__mmask16>(~positive), h, minus_t));
}

STEER_AVX512 inline __m512i negate(__m512i x) { return _mm512_sub_epi32(_mm512_setzero_si512(), x); }

}  // namespace steer::numerics::detail
