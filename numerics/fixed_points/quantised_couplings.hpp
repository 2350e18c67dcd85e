// Integer image of a coupling matrix, so that Gray-code enumeration can update local fields
// incrementally *exactly* (spec fixed-points-theory §8: float32 incremental fields drift and
// miscount fixed points by 20 % at N = 28).
//
// Row i's off-diagonal J_ij are rounded once to integer multiples of 1/S_i, S_i = 2^{k_i}
// chosen per row as large as possible with Σ_j |round(S_i J_ij)| < 2^30, so int32 adds never
// overflow and never round. A scale per row keeps one large coupling from coarsening the
// other rows (neuron i lives in its own int32 lane and is only compared with its own
// thresholds). The rounding is the only approximation, and it is *bounded*: the integer field
// h̃_i = Σ_{j≠i} round(S_i J_ij) s_j differs from S_i h_i by at most e_i = (number of row-i
// entries that are not multiples of 1/S_i)/2 ≤ (N−1)/2. Two integer thresholds per neuron turn
// that bound into a three-way verdict that never misclassifies:
//   s_i h̃_i ≤ lower_i for some i          → certainly not a fixed point,
//   s_i h̃_i > upper_i for all i           → certainly a fixed point,
//   otherwise (within e_i of the margin)    → ambiguous; decided exactly by fixed_point.hpp.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics {

struct quantised_couplings {
  static constexpr int lanes_per_vector = 16;  // int32 lanes of one 512-bit register

  // The matrix itself: the kernels decide ambiguous states on it exactly.
  coupling_matrix couplings;
  int n = 0;
  int vectors = 0;  // ceil(n / 16)
  int lanes = 0;    // 16 · vectors; lanes ≥ n are padding that always passes
  // k_i of S_i = 2^{k_i} (an exponent: S_i itself may exceed the double range for tiny rows).
  std::vector<int> scale_exponent{};
  // column_step[j·lanes + i] = 2 round(S_i J_ij): the change of h̃_i when s_j goes −1 → +1.
  // Zero on the diagonal (J_ii is not part of the field) and in padding lanes.
  std::vector<std::int32_t> column_step{};
  // Per lane, see the header comment. Padding lanes: INT32_MIN + 1 (always passes as s = +1).
  std::vector<std::int32_t> lower{};
  std::vector<std::int32_t> upper{};
  // Bits n .. lanes−1: padding lanes are treated as s = +1.
  packed_state padding_bits = 0;

  // h̃_i from the columns j ≥ first_column only, for state s; `lanes` entries (padding 0).
  std::vector<std::int32_t> partial_fields(packed_state s, int first_column) const;
};

// Throws std::invalid_argument if n > 64.
quantised_couplings quantise(const coupling_matrix& couplings);

}  // namespace steer::numerics
