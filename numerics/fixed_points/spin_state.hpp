// Bit-packed ±1 states of up to 64 neurons: bit i set ⇔ s_i = +1.
#pragma once

#include <bit>
#include <cstdint>
#include <vector>

namespace steer::numerics {

using packed_state = std::uint64_t;
inline constexpr int max_packed_neurons = 64;

// Mask of the n low bits (n in [0, 64]).
constexpr packed_state low_bits(int n) { return n >= 64 ? ~packed_state{0} : (packed_state{1} << n) - 1; }

constexpr int spin(packed_state s, int i) { return ((s >> i) & 1u) != 0 ? +1 : -1; }

// The global flip s → −s, which maps fixed points to fixed points (spec §1).
constexpr packed_state flip_all(packed_state s, int n) { return ~s & low_bits(n); }

constexpr int hamming_distance(packed_state a, packed_state b) { return std::popcount(a ^ b); }

// A ±1 state of any size (networks beyond 64 neurons): entry i is s_i.
using spin_vector = std::vector<std::int8_t>;

// ±1 vector ↔ packed; pack() throws std::invalid_argument on an entry other than ±1 or n > 64.
packed_state pack(const std::vector<int>& spins);
std::vector<int> unpack(packed_state s, int n);

}  // namespace steer::numerics
