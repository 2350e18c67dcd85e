// The fixed-point condition (spec fixed-points-theory eq. 1), evaluated directly and exactly.
//
// s is a fixed point of s_i ← sign(Σ_j J_ij s_j) iff every neuron's margin
//   m_i(s) = s_i Σ_{j≠i} J_ij s_j + J_ii
// is strictly positive. Tie rule: m_i = 0 is *not* stable (strict inequality; with Gaussian
// couplings ties have probability zero, so this only matters for hand-made matrices).
// The sign of m_i is decided exactly for the given doubles (a sum of N doubles is a dyadic
// rational): a long-double sum decides when its rigorous error bound allows, an exact integer
// sum otherwise (fixed_point.cpp). This is the independent reference the fast enumeration is
// checked against, and the judge of the states the enumeration cannot settle in integers (and of
// the near-tie states the Hamming-ball counter cannot settle in double).
#pragma once

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics {

// −1, 0 or +1: the exact sign of m_i(s).
int margin_sign(const coupling_matrix& couplings, packed_state s, int i);

// m_i(s) > 0 for every i, exactly.
bool is_fixed_point(const coupling_matrix& couplings, packed_state s);

// The same for a state of any size (N > 64 too); is_fixed_point throws std::invalid_argument if
// the state's length is not N.
int margin_sign(const coupling_matrix& couplings, const spin_vector& s, int i);
bool is_fixed_point(const coupling_matrix& couplings, const spin_vector& s);

}  // namespace steer::numerics
