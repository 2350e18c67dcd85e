// Per-network summary of the geometry of the fixed-point set (spec fixed-points-theory §4.3):
// the sums over its fixed points that ensemble averages and `steer clusters` are built from.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics {

struct geometry_options {
  int max_flips = 1;     // components also under moves of ≤ max_flips flips (1: single flips only)
  int max_distance = 3;  // D: N_loc(s, d) for d = 1..D
  bool keep_component_ids = false;
};

struct network_geometry {
  std::uint64_t fixed_points = 0;
  std::vector<std::uint64_t> component_sizes;            // single flips, by component id
  std::vector<std::uint64_t> component_sizes_max_flips;  // ≤ max_flips flips (= the above when max_flips = 1)
  std::vector<std::uint32_t> component_ids;              // single flips, per fixed point (keep_component_ids)
  std::vector<std::uint32_t> component_ids_max_flips;    // ≤ max_flips (keep_component_ids)
  std::uint64_t with_neighbour_at_distance_1 = 0;        // #{s : N_loc(s, 1) > 0}
  std::vector<std::uint64_t> neighbour_pairs;            // d = 1..D: Σ_s N_loc(s, d) (ordered pairs at d)
  std::vector<double> log_one_plus_neighbours;           // d = 1..D: Σ_s ln(1 + N_loc(s, d))
  std::vector<std::uint64_t> nearest_distance_histogram; // index d = 0..N: #{s : nearest other at d}; [0] = alone
};

// `sorted_states`: the network's fixed points, ascending (enumeration_result::fixed_points).
// Deterministic: every sum runs over the states in sorted order.
network_geometry analyse_network_geometry(const std::vector<packed_state>& sorted_states, int n,
                                          const geometry_options& options);

}  // namespace steer::numerics
