// Pruned (branch-and-bound) AVX-512 enumeration kernel.
//
// Spins are assigned from the highest free bit down, depth-first. Once neuron i's own spin is
// assigned, its final field can still move by at most R_i(u) = Σ_{j<u, j≠i} |J̃_ij| through
// the u spins not yet assigned, so a partial state with s_i p_i ≤ lower_i − R_i(u) for some
// assigned i cannot be completed to a candidate and its whole subtree (2^u states) is skipped.
// The bound is computed on the same exact integers as the Gray-code kernel (quantised_couplings;
// R_i and lower_i are both in row i's own scale S_i, so per-row scales keep it valid),
// so pruning never loses a fixed point; leaves get the same lower/upper verdict. With moderate
// J_D most subtrees die a few levels above the leaves: at N = 32, J_D = 0.5 the search visits
// about 10^7 nodes instead of 2^31 states (docs/numerics/fixed_points/enumeration.md has measurements).
#include <algorithm>
#include <cstdlib>
#include <vector>

#include "numerics/fixed_points/avx512_lanes.hpp"
#include "numerics/fixed_points/enumeration_kernels.hpp"

namespace steer::numerics::detail {
namespace {

constexpr __mmask16 all = 0xFFFF;

template <int V>
class pruned_search {
 public:
  STEER_AVX512 pruned_search(const quantised_couplings& q, chunk_output& out, int free_bits) : q_(q), out_(out) {
    const auto lanes = static_cast<std::size_t>(q.lanes);
    half_column_.resize(static_cast<std::size_t>(q.n) * V);
    for (int j = 0; j < q.n; ++j)
      for (int i = 0; i < q.lanes; ++i)
        half_column_[static_cast<std::size_t>(j) * V + i / 16].lane[i % 16] = q.column_step[j * lanes + i] / 2;
    // threshold(u)_i = lower_i − R_i(u) for assigned neurons i ≥ u; unassigned lanes and
    // padding get INT32_MIN + 1, which every field passes (|p_i| ≤ 2^30). Clamping a very
    // negative bound up to INT32_MIN + 1 only weakens it, so it stays a necessary condition.
    threshold_.resize(static_cast<std::size_t>(free_bits + 1) * V);
    minus_threshold_.resize(threshold_.size());
    constexpr std::int64_t floor = -2147483647;
    std::vector<std::int64_t> reach(static_cast<std::size_t>(q.lanes), 0);  // R_i(u), grown column by column
    for (int u = 0; u <= free_bits; ++u) {
      if (u > 0)
        for (int i = 0; i < q.lanes; ++i)
          if (i != u - 1) reach[static_cast<std::size_t>(i)] += std::abs(q.column_step[(u - 1) * lanes + i] / 2);
      for (int i = 0; i < q.lanes; ++i) {
        const std::int64_t t =
            i >= u && i < q.n ? std::max(floor, q.lower[static_cast<std::size_t>(i)] - reach[static_cast<std::size_t>(i)]) : floor;
        threshold_[static_cast<std::size_t>(u) * V + i / 16].lane[i % 16] = static_cast<std::int32_t>(t);
        minus_threshold_[static_cast<std::size_t>(u) * V + i / 16].lane[i % 16] = static_cast<std::int32_t>(-t);
      }
    }
    for (int v = 0; v < V; ++v) {
      upper_[v] = load(q.upper.data() + 16 * v);
      minus_upper_[v] = negate(upper_[v]);
    }
  }

  // Search the subtree of `state` whose low `unassigned` spins are free; `field` holds the
  // partial fields of the assigned spins.
  STEER_AVX512 void search(int unassigned, const __m512i* field, packed_state state) {
    ++out_.nodes;
    if (!feasible(unassigned, field, state)) return;
    if (unassigned == 0) return leaf(field, state);
    const int j = unassigned - 1;
    __m512i child[V];
    for (int v = 0; v < V; ++v)
      child[v] = _mm512_add_epi32(field[v], _mm512_load_si512(half_column_[j * V + v].lane));
    search(j, child, state | (packed_state{1} << j));
    for (int v = 0; v < V; ++v)
      child[v] = _mm512_sub_epi32(field[v], _mm512_load_si512(half_column_[j * V + v].lane));
    search(j, child, state);
  }

 private:
  STEER_AVX512 bool feasible(int unassigned, const __m512i* field, packed_state state) const {
    const packed_state positive = state | low_bits(unassigned) | q_.padding_bits;
    for (int v = 0; v < V; ++v) {
      const std::size_t k = static_cast<std::size_t>(unassigned) * V + v;
      if (passes(field[v], static_cast<__mmask16>(positive >> (16 * v)), _mm512_load_si512(threshold_[k].lane),
                 _mm512_load_si512(minus_threshold_[k].lane)) != all)
        return false;
    }
    return true;
  }

  STEER_AVX512 void leaf(const __m512i* field, packed_state state) {
    const packed_state positive = state | q_.padding_bits;
    for (int v = 0; v < V; ++v)
      if (passes(field[v], static_cast<__mmask16>(positive >> (16 * v)), upper_[v], minus_upper_[v]) != all) {
        out_.add_ambiguous(q_, state);
        return;
      }
    out_.add_fixed_point(state);
  }

  const quantised_couplings& q_;
  chunk_output& out_;
  std::vector<lane_block> half_column_, threshold_, minus_threshold_;
  __m512i upper_[V], minus_upper_[V];
};

template <int V>
STEER_AVX512 void run_pruned(const quantised_couplings& q, packed_state base, int free_bits, chunk_output& out) {
  pruned_search<V> search(q, out, free_bits);
  const std::vector<std::int32_t> start = q.partial_fields(base, free_bits);
  __m512i field[V];
  for (int v = 0; v < V; ++v) field[v] = load(start.data() + 16 * v);
  search.search(free_bits, field, base);
}

}  // namespace

void enumerate_chunk_pruned(const quantised_couplings& q, packed_state base, int free_bits, chunk_output& out) {
  switch (q.vectors) {
    case 1: run_pruned<1>(q, base, free_bits, out); break;
    case 2: run_pruned<2>(q, base, free_bits, out); break;
    case 3: run_pruned<3>(q, base, free_bits, out); break;
    default: run_pruned<4>(q, base, free_bits, out); break;
  }
  out.settle(q);
}

}  // namespace steer::numerics::detail
