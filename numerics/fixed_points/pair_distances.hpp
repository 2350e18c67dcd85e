// Hamming-distance histogram over ordered pairs of a set of states (spec §3.1 counts ordered
// pairs (s, s') including s = s', so entry 0 is the number of states).
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics {

// histogram[d] = #{(a, b) ∈ states² : hamming(a, b) = d}, d = 0..n. `states` must be strictly
// ascending (so distinct) and below 2^n, as enumeration returns them (checked; throws
// std::invalid_argument).
// Uses whichever is cheaper: the direct O(F²) double loop, or for n ≤ 26 the
// autocorrelation of the indicator function by two Walsh–Hadamard transforms, O(n 2^n).
std::vector<std::uint64_t> pair_distance_histogram(const std::vector<packed_state>& states, int n);

}  // namespace steer::numerics
