// Integer image of a coupling matrix, so that Gray-code enumeration can update local fields
// incrementally *exactly* (spec fixed-points-theory §8: float32 incremental fields drift and
// miscount fixed points by 20 % at N = 28).
//
// Each off-diagonal J_ij is rounded once to an integer multiple of 1/S, S = 2^k chosen as large
// as possible with every reachable field |h_i| ≤ 2^30, so int32 adds never overflow and never
// round. The rounding is then the only approximation, and it is *bounded*: the integer field
// h̃_i = Σ_{j≠i} round(S J_ij) s_j differs from S h_i by at most (N−1)/2. Two integer
// thresholds per neuron turn that bound into a three-way verdict that never misclassifies:
//   s_i h̃_i ≤ lower_i for some i          → certainly not a fixed point,
//   s_i h̃_i > upper_i for all i           → certainly a fixed point,
//   otherwise (within (N−1)/2 of the margin) → ambiguous; the caller decides with the
//                                             direct long-double check of fixed_point.hpp.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/couplings.hpp"
#include "numerics/spin_state.hpp"

namespace steer::numerics {

struct quantised_couplings {
  static constexpr int lanes_per_vector = 16;  // int32 lanes of one 512-bit register

  int n = 0;
  int vectors = 0;  // ceil(n / 16)
  int lanes = 0;    // 16 · vectors; lanes ≥ n are padding that always passes
  double scale = 0; // S, a power of two
  // column_step[j·lanes + i] = 2 round(S J_ij): the change of h̃_i when s_j goes −1 → +1.
  // Zero on the diagonal (J_ii is not part of the field) and in padding lanes.
  std::vector<std::int32_t> column_step;
  // Per lane, see the header comment. Padding lanes: INT32_MIN + 1 (always passes as s = +1).
  std::vector<std::int32_t> lower;
  std::vector<std::int32_t> upper;
  // Bits n .. lanes−1: padding lanes are treated as s = +1.
  packed_state padding_bits = 0;

  // h̃_i from the columns j ≥ first_column only, for state s; `lanes` entries (padding 0).
  std::vector<std::int32_t> partial_fields(packed_state s, int first_column) const;
};

// Throws std::invalid_argument if n > 64.
quantised_couplings quantise(const coupling_matrix& couplings);

}  // namespace steer::numerics
