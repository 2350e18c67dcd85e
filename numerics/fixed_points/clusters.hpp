// Geometry of one network's fixed-point set (spec fixed-points-theory §4.1, §4.3): connected
// components under moves of at most k spin flips, the number of fixed points at each Hamming
// distance d ≤ D from every fixed point (N_loc(s, d)), and each fixed point's nearest other one.
//
// The set is a sorted vector of packed states (what the enumeration returns). Neighbours of s at
// distance w are s XOR m over all masks m of weight w, looked up in the set: O(F Σ_w C(N, w))
// lookups instead of the O(F²) of all pairs, which is what makes N = 24–32 with 10⁵ fixed points
// affordable for small k and D.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics {

// Membership and position in a sorted list of distinct states. For N ≤ 28 a bitset over all 2^N
// states (≤ 32 MiB) answers contains() in one load; above, binary search. index_of() is always a
// binary search.
class fixed_point_set {
 public:
  // `sorted_states`: ascending, distinct, every state < 2^n (checked; throws std::invalid_argument);
  // referenced, not copied: it must outlive the set.
  fixed_point_set(const std::vector<packed_state>& sorted_states, int n);

  int bits() const { return n_; }
  std::size_t size() const { return states_.size(); }
  const std::vector<packed_state>& states() const { return states_; }
  bool contains(packed_state s) const;
  // Position of s in the list, or −1.
  std::int64_t index_of(packed_state s) const;

 private:
  const std::vector<packed_state>& states_;
  int n_;
  std::vector<std::uint64_t> bitset_;  // empty above max_bitset_neurons
};

inline constexpr int max_bitset_neurons = 28;

// Calls visit(mask) for every n-bit mask of exactly `weight` set bits, in increasing order
// (Gosper's hack); weight 0 visits 0 once.
template <typename Visit>
void for_each_mask_of_weight(int n, int weight, Visit&& visit) {
  if (weight < 0 || weight > n) return;
  if (weight == 0) {
    visit(packed_state{0});
    return;
  }
  const packed_state last = low_bits(weight) << (n - weight);
  for (packed_state m = low_bits(weight);;) {
    visit(m);
    if (m == last) return;
    const packed_state lowest = m & (~m + 1);
    const packed_state ripple = m + lowest;
    m = ripple | (((m ^ ripple) >> 2) / lowest);
  }
}

// Component id of every fixed point (by position in the sorted list) when two fixed points are
// linked if they differ in 1..max_flips spins. Ids are 0, 1, … in the order of each component's
// smallest state, so they do not depend on how the components were found. Union–find with path
// halving and union by size.
std::vector<std::uint32_t> connected_components(const fixed_point_set& set, int max_flips);

// Sizes of the components, indexed by component id.
std::vector<std::uint64_t> component_sizes(const std::vector<std::uint32_t>& component_ids);

// counts[i·D + (d−1)] = N_loc(s_i, d) = #{fixed points at distance d from s_i}, d = 1..D.
std::vector<std::uint32_t> neighbours_at_distance(const fixed_point_set& set, int max_distance);

// Distance from each fixed point to the nearest other one (0 if it is alone). Masks of weight
// 1, 2, … are tried while C(N, w) is below the set size, then a scan of the whole set: at most
// about 2F lookups per fixed point. `near` (from neighbours_at_distance with D = near_distance)
// settles every fixed point that has a neighbour within near_distance without a lookup.
std::vector<int> nearest_neighbour_distances(const fixed_point_set& set, const std::vector<std::uint32_t>& near,
                                             int near_distance);

}  // namespace steer::numerics
