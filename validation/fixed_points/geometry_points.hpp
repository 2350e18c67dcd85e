// Saved points of the report's geometry section (geometry_report.hpp): an enumerated cluster
// point (every network's geometry sums, re-summarised on load so that theory and verdicts are
// always recomputed) and a modular count point. Like saved_point.hpp: a file is named and keyed
// by every parameter that changes its result plus the program version, and is reused only if the
// key matches and every field validates; otherwise `reason` says why and the point is recomputed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "numerics/fixed_points/fixed_point_geometry.hpp"
#include "numerics/sample_statistics.hpp"

namespace steer::validation {

// A saved unit: its file and its key (every parameter of its result, version included).
struct geometry_point_id {
  std::filesystem::path file;
  nlohmann::json key;
};

// Networks' geometry sums (component ids are not saved: the report does not list them).
std::string cluster_point_text(const geometry_point_id& id, const std::vector<numerics::network_geometry>& networks);
// `n`, `networks`, `max_distance`: what the saved data must have (they are in the key too).
std::optional<std::vector<numerics::network_geometry>> load_cluster_point(const geometry_point_id& id, int n,
                                                                          std::int64_t networks, int max_distance,
                                                                          std::string& reason);

// Mean ± SEM of the fixed-point count, of the ordered pairs at each distance d = 0..N and the
// count's distribution over networks (which must reproduce the mean, as must pairs[0], and cover
// every network).
struct modular_count_summary {
  numerics::mean_with_error count;
  std::vector<numerics::mean_with_error> pairs;
  std::map<std::uint64_t, std::uint64_t> count_distribution;
};
std::string modular_point_text(const geometry_point_id& id, const modular_count_summary& summary);
std::optional<modular_count_summary> load_modular_point(const geometry_point_id& id, int n, std::int64_t networks,
                                                        std::string& reason);

}  // namespace steer::validation
