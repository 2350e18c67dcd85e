// AVX-512 enumeration kernel, selected at run time (no -march=native needed).
//
// One register add updates 16 fields (layout: avx512_lanes.hpp). The low `block_bits` free
// bits are not walked in Gray order: their 2^block_bits contributions to every field are
// precomputed once per chunk (table `block`), so the inner
// loop is one add and two masked compares per register with no dependency between states,
// and the first register (neurons 0-15) rejects almost every state before the others are
// touched. The high free bits are walked in Gray order with one exact column update per block.
#include <algorithm>
#include <bit>
#include <vector>

#include "numerics/fixed_points/avx512_lanes.hpp"
#include "numerics/fixed_points/enumeration_kernels.hpp"

namespace steer::numerics::detail {
namespace {

template <int V>
STEER_AVX512 void enumerate_block_kernel(const quantised_couplings& q, packed_state base, int free_bits,
                                         chunk_output& out) {
  constexpr __mmask16 all = 0xFFFF;
  const auto lanes = static_cast<std::size_t>(q.lanes);
  // 2^block_bits · V registers ≤ 16 KiB: the table stays in L1.
  const int block_bits = std::min(free_bits, V <= 2 ? 7 : 6);
  const std::size_t block_size = std::size_t{1} << block_bits;
  const int high_bits = free_bits - block_bits;

  __m512i lower[V], minus_lower[V], upper[V], minus_upper[V], high_field[V];
  const std::vector<std::int32_t> start = q.partial_fields(base, block_bits);
  for (int v = 0; v < V; ++v) {
    lower[v] = load(q.lower.data() + 16 * v);
    upper[v] = load(q.upper.data() + 16 * v);
    minus_lower[v] = negate(lower[v]);
    minus_upper[v] = negate(upper[v]);
    high_field[v] = load(start.data() + 16 * v);
  }

  // block[m] = Σ_{j < block_bits} s_j(m) J̃_·j with s_j(m) = +1 iff bit j of m is set.
  std::vector<lane_block> block(block_size * V);
  for (int v = 0; v < V; ++v) {
    __m512i all_down = _mm512_setzero_si512();
    for (int j = 0; j < block_bits; ++j)
      all_down = _mm512_sub_epi32(all_down, load(q.column_step.data() + j * lanes + 16 * v));
    _mm512_store_si512(block[v].lane, _mm512_srai_epi32(all_down, 1));  // steps are 2 J̃: halve
  }
  for (std::size_t m = 1; m < block_size; ++m) {
    const int j = std::countr_zero(m);
    for (int v = 0; v < V; ++v)
      _mm512_store_si512(block[m * V + v].lane,
                         _mm512_add_epi32(_mm512_load_si512(block[(m & (m - 1)) * V + v].lane),
                                          load(q.column_step.data() + j * lanes + 16 * v)));
  }

  packed_state high_state = base;
  const std::uint64_t high_steps = std::uint64_t{1} << high_bits;
  for (std::uint64_t g = 1;; ++g) {
    const packed_state signs = high_state | q.padding_bits;
    const auto signs0 = static_cast<__mmask16>(signs);
    for (std::size_t m = 0; m < block_size; ++m) {
      const lane_block* row = &block[m * V];
      const auto positive0 = static_cast<__mmask16>(signs0 | m);
      const __m512i h0 = _mm512_add_epi32(high_field[0], _mm512_load_si512(row[0].lane));
      if (passes(h0, positive0, lower[0], minus_lower[0]) != all) continue;
      bool candidate = true;
      for (int v = 1; v < V && candidate; ++v)
        candidate = passes(_mm512_add_epi32(high_field[v], _mm512_load_si512(row[v].lane)), static_cast<__mmask16>(signs >> (16 * v)),
                           lower[v], minus_lower[v]) == all;
      if (!candidate) continue;
      bool certain = passes(h0, positive0, upper[0], minus_upper[0]) == all;
      for (int v = 1; v < V && certain; ++v)
        certain = passes(_mm512_add_epi32(high_field[v], _mm512_load_si512(row[v].lane)), static_cast<__mmask16>(signs >> (16 * v)),
                         upper[v], minus_upper[v]) == all;
      const packed_state state = high_state | m;
      if (certain) {
        out.add_fixed_point(state);
      } else {
        out.add_ambiguous(q, state);
      }
    }
    if (g == high_steps) break;
    const int j = block_bits + std::countr_zero(g);
    high_state ^= packed_state{1} << j;
    const std::int32_t* step = q.column_step.data() + j * lanes;
    for (int v = 0; v < V; ++v)
      high_field[v] = spin(high_state, j) > 0 ? _mm512_add_epi32(high_field[v], load(step + 16 * v))
                                              : _mm512_sub_epi32(high_field[v], load(step + 16 * v));
  }
}

}  // namespace

bool cpu_has_avx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
}

void enumerate_chunk_avx512(const quantised_couplings& q, packed_state base, int free_bits, chunk_output& out) {
  switch (q.vectors) {
    case 1: enumerate_block_kernel<1>(q, base, free_bits, out); break;
    case 2: enumerate_block_kernel<2>(q, base, free_bits, out); break;
    case 3: enumerate_block_kernel<3>(q, base, free_bits, out); break;
    default: enumerate_block_kernel<4>(q, base, free_bits, out); break;
  }
  out.settle(q);
}

}  // namespace steer::numerics::detail
