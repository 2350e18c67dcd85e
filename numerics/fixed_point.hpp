// The fixed-point condition (spec fixed-points-theory eq. 1), evaluated directly.
//
// s is a fixed point of s_i ← sign(Σ_j J_ij s_j) iff every neuron's margin
//   m_i(s) = s_i Σ_{j≠i} J_ij s_j + J_ii
// is strictly positive. Tie rule: m_i = 0 is *not* stable (strict inequality; with Gaussian
// couplings ties have probability zero, so this only matters for hand-made matrices).
// This is the independent reference the fast enumeration is checked against: a plain
// O(N) sum per neuron in long double (64-bit mantissa), with no incremental state.
#pragma once

#include "numerics/couplings.hpp"
#include "numerics/spin_state.hpp"

namespace steer::numerics {

// min_i m_i(s), in long double.
long double min_margin(const coupling_matrix& couplings, packed_state s);

inline bool is_fixed_point(const coupling_matrix& couplings, packed_state s) {
  return min_margin(couplings, s) > 0.0L;
}

}  // namespace steer::numerics
