#include "validation/fixed_points/network_results_json.hpp"

#include <fmt/format.h>

#include <numeric>

namespace steer::validation {
namespace {

using nlohmann::json;

std::uint64_t sum(const std::vector<std::uint64_t>& values) {
  return std::accumulate(values.begin(), values.end(), std::uint64_t{0});
}

}  // namespace

unit_codec<numerics::network_fixed_points> fixed_point_count_codec(int n, bool pair_histograms) {
  const auto distances = static_cast<std::size_t>(n) + 1;
  return {[pair_histograms](const numerics::network_fixed_points& net) {
            json unit = {{"count", net.count}};
            if (pair_histograms) unit["pairs"] = net.pair_histogram;
            return unit;
          },
          [pair_histograms, distances](const json& unit) {
            numerics::network_fixed_points net;
            net.count = unsigned_field(unit, "count");
            if (pair_histograms) {
              net.pair_histogram = unsigned_list(unit, "pairs", distances);
              // Each fixed point is paired with itself at d = 0 (numerics/fixed_points/pair_distances.hpp).
              if (net.pair_histogram[0] != net.count)
                throw malformed_unit(fmt::format("pairs[0] = {} is not count = {}", net.pair_histogram[0], net.count));
            }
            return net;
          }};
}

unit_codec<numerics::network_geometry> network_geometry_codec(int n, const numerics::geometry_options& options) {
  const auto distances = static_cast<std::size_t>(options.max_distance);
  return {[](const numerics::network_geometry& g) {
            return json{{"fixed_points", g.fixed_points},
                        {"component_sizes", g.component_sizes},
                        {"component_sizes_max_flips", g.component_sizes_max_flips},
                        {"with_neighbor_at_distance_1", g.with_neighbour_at_distance_1},
                        {"neighbor_pairs", g.neighbour_pairs},
                        {"log_one_plus_neighbors", g.log_one_plus_neighbours},
                        {"nearest_distance_histogram", g.nearest_distance_histogram}};
          },
          [n, distances](const json& unit) {
            numerics::network_geometry g;
            g.fixed_points = unsigned_field(unit, "fixed_points");
            g.component_sizes = unsigned_list(unit, "component_sizes");
            g.component_sizes_max_flips = unsigned_list(unit, "component_sizes_max_flips");
            g.with_neighbour_at_distance_1 = unsigned_field(unit, "with_neighbor_at_distance_1");
            g.neighbour_pairs = unsigned_list(unit, "neighbor_pairs", distances);
            g.log_one_plus_neighbours = finite_list(unit, "log_one_plus_neighbors", distances);
            g.nearest_distance_histogram = unsigned_list(unit, "nearest_distance_histogram", static_cast<std::size_t>(n) + 1);
            // Components partition the fixed points, and each fixed point has one nearest distance.
            if (sum(g.component_sizes) != g.fixed_points || sum(g.component_sizes_max_flips) != g.fixed_points ||
                sum(g.nearest_distance_histogram) != g.fixed_points || g.with_neighbour_at_distance_1 > g.fixed_points)
              throw malformed_unit(fmt::format("component sizes, nearest distances or neighbours do not add up to "
                                               "fixed_points = {}", g.fixed_points));
            return g;
          }};
}

}  // namespace steer::validation
