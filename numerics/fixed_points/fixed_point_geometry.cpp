#include "numerics/fixed_points/fixed_point_geometry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "numerics/fixed_points/clusters.hpp"

namespace steer::numerics {

network_geometry analyse_network_geometry(const std::vector<packed_state>& sorted_states, int n,
                                          const geometry_options& options) {
  if (options.max_flips < 1 || options.max_flips > n)
    throw std::invalid_argument(fmt::format("max flips must be in [1, {}], got {}", n, options.max_flips));
  if (options.max_distance < 1 || options.max_distance > n)
    throw std::invalid_argument(fmt::format("max distance must be in [1, {}], got {}", n, options.max_distance));
  const fixed_point_set set(sorted_states, n);
  network_geometry g;
  g.fixed_points = sorted_states.size();
  std::vector<std::uint32_t> ids = connected_components(set, 1);
  g.component_sizes = component_sizes(ids);
  std::vector<std::uint32_t> ids_k = options.max_flips == 1 ? ids : connected_components(set, options.max_flips);
  g.component_sizes_max_flips = component_sizes(ids_k);
  if (options.keep_component_ids) {
    g.component_ids = std::move(ids);
    g.component_ids_max_flips = std::move(ids_k);
  }
  const auto d_count = static_cast<std::size_t>(options.max_distance);
  const std::vector<std::uint32_t> near = neighbours_at_distance(set, options.max_distance);
  g.neighbour_pairs.assign(d_count, 0);
  g.log_one_plus_neighbours.assign(d_count, 0.0);
  for (std::size_t i = 0; i < sorted_states.size(); ++i) {
    g.with_neighbour_at_distance_1 += near[i * d_count] > 0 ? 1 : 0;
    for (std::size_t d = 0; d < d_count; ++d) {
      g.neighbour_pairs[d] += near[i * d_count + d];
      g.log_one_plus_neighbours[d] += std::log1p(static_cast<double>(near[i * d_count + d]));
    }
  }
  g.nearest_distance_histogram.assign(static_cast<std::size_t>(n) + 1, 0);
  for (const int d : nearest_neighbour_distances(set, near, options.max_distance))
    ++g.nearest_distance_histogram[static_cast<std::size_t>(d)];
  return g;
}

}  // namespace steer::numerics
