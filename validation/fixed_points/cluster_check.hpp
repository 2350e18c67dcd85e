// Geometry of the fixed-point sets of enumerated networks against theory (issue 8 item 5; spec
// fixed-points-theory §4.3): components under single flips and ≤ k flips, the fraction of fixed
// points with another at distance 1, the mean number of fixed points at distance d = 1..D from a
// fixed point (vs theory/neighbour_count, 4σ), the nearest-neighbour distance distribution and
// the empirical local entropy ⟨ln(1 + N_loc(d))⟩/N (beside V_ann and its Jensen bound).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "numerics/fixed_points/fixed_point_geometry.hpp"
#include "theory/modular_count.hpp"

namespace steer::validation {

struct cluster_check_config {
  numerics::network_source source;
  // J_D of the fully asymmetric ensemble of spec §1, for which theory/neighbour_count predicts;
  // empty for the correlated variant and user matrices (no prediction: measurements only).
  std::optional<double> theory_self_coupling;
  // The modular ensemble (issue 8 item 4), for which theory/modular_pair_count predicts the same
  // ratio E[P(d)]/E[#FP]; set instead of theory_self_coupling. V_ann is the fully connected
  // model's large-N potential, so annealed_local_entropy stays empty for it.
  std::optional<theory::modular_network> theory_modular;
  std::int64_t networks = 100;
  std::uint64_t seed = 1;
  numerics::geometry_options geometry;
  bool progress = false;
};

struct cluster_check {
  int n = 0;
  std::int64_t networks = 0;
  int max_flips = 1;
  numerics::mean_with_error fixed_points;  // mean ± SEM over networks
  std::int64_t networks_with_fixed_points = 0;
  // Per network with ≥ 1 fixed point: largest component / #FP, then mean ± SEM over those networks.
  std::optional<numerics::mean_with_error> largest_component_fraction;
  std::optional<numerics::mean_with_error> largest_component_fraction_max_flips;
  // Pooled over all fixed points of all networks (ratio of sums, numerics::ratio_of_means); empty
  // when no network has a fixed point.
  std::optional<numerics::mean_with_error> fraction_with_neighbour_at_distance_1;
  std::vector<numerics::mean_with_error> mean_neighbours;  // d = 1..D: Σ pairs(d) / Σ #FP
  std::vector<numerics::mean_with_error> local_entropy;    // d = 1..D: Σ ln(1 + N_loc) / Σ #FP / N
  // Theory (only with theory_self_coupling or theory_modular): E[P_N(d)]/E[#FP] (ratio of exact expectations),
  // z = (measured − theory)/se, se floored as in pair_z_score, |z| < 4 per d.
  std::vector<double> theory_mean_neighbours;
  std::vector<double> neighbours_z;
  std::optional<bool> neighbours_pass;
  // ln(1 + E[P_N(d)]/E[#FP])/N: by Jensen the pooled ⟨ln(1 + N_loc)⟩/N cannot exceed it (up to
  // sampling error); and the large-N V_ann(d/N) (spec §4.2) beside it for reference.
  std::vector<double> local_entropy_jensen_bound;
  std::vector<double> annealed_local_entropy;
  std::optional<bool> local_entropy_below_bound;
  std::map<std::uint64_t, std::uint64_t> component_sizes;            // size → number of components (all networks)
  std::map<std::uint64_t, std::uint64_t> component_sizes_max_flips;
  std::vector<std::uint64_t> nearest_distance_histogram;            // d = 0..N, [0]: fixed points alone in their network
  // Per network, with keep_component_ids: the network's fixed points and their component ids.
  std::vector<numerics::network_geometry> per_network;
  std::vector<std::vector<numerics::packed_state>> per_network_states;
};

inline constexpr double cluster_z_threshold = 4.0;

// Enumerates config.networks networks of config.source and summarises their geometry. Results
// do not depend on the number of threads (per-network sums, reduced in network order).
cluster_check run_cluster_check(const cluster_check_config& config);

// The summary of already-analysed networks (one or more; with one, every SEM is 0 and
// meaningless — callers report it as absent).
cluster_check summarise_clusters(const cluster_check_config& config, std::vector<numerics::network_geometry> per_network,
                                 std::vector<std::vector<numerics::packed_state>> states);

}  // namespace steer::validation
