// Local density of fixed points found by dynamics in large networks (issue 8 item 6): asynchronous
// sign dynamics from random starts, then the exact number of fixed points at distance d = 1..r from
// each one reached (numerics/fixed_points/hamming_ball.hpp), beside the annealed expectation for a
// *typical* fixed point, Σ_{d≤r} E[P_N(d)]/E[#FP] (theory/neighbour_count).
//
// No verdict: dynamics does not sample fixed points uniformly (it reaches those with large basins),
// and the annealed value is an upper bound of the typical one at large N (spec §4.2), so the two
// are measurements side by side, not a prediction and its test.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "numerics/sample_statistics.hpp"
#include "validation/ensemble/shard_range.hpp"
#include "validation/ensemble/unit_json.hpp"

namespace steer::validation {

struct local_density_config {
  int n = 200;
  double self_coupling = 0.5;
  std::int64_t networks = 10;
  std::int64_t starts = 10;       // random starts per network
  std::int64_t max_sweeps = 1000;
  int radius = 2;                 // r ≤ numerics::max_ball_radius
  std::uint64_t seed = 1;
  bool progress = false;
  std::filesystem::path points_dir;  // empty: no resume; else one file per finished network
  std::string program_version;       // part of every saved network's key (validation/ensemble/saved_unit.hpp)
};

// One network's totals over its starts (the unit that is saved and resumed).
struct density_network {
  std::int64_t converged = 0;
  std::int64_t distinct = 0;                            // different fixed points among those reached
  std::int64_t sweeps_of_converged = 0;                 // Σ sweeps over converged starts
  std::vector<std::uint64_t> fixed_points_at_distance;  // d = 1..r, Σ over converged starts
  std::uint64_t states_checked = 0;
  std::uint64_t decided_exactly = 0;
  bool resumed = false;  // loaded from points_dir by this run instead of computed (not saved)
};

struct local_density {
  local_density_config config;
  std::vector<density_network> per_network;
  std::int64_t resumed_networks = 0;
  numerics::mean_with_error converged_fraction;                  // mean ± SEM over networks
  std::int64_t distinct_fixed_points = 0;                        // Σ over networks
  std::optional<double> mean_sweeps_to_converge;                 // over converged starts
  // Over converged starts, pooled (ratio of sums over networks, SEM from the spread between
  // networks); empty if no start converged.
  std::vector<numerics::mean_with_error> mean_at_distance;       // d = 1..r
  std::vector<numerics::mean_with_error> mean_in_ball;           // radius 1..r, centre excluded
  std::vector<double> typical_theory_at_distance;                // d = 1..r
  std::vector<double> typical_theory_in_ball;                    // radius 1..r
};

// Throws std::invalid_argument naming the field for a bad configuration.
void validate(const local_density_config& config);

// A network's totals as JSON (saved networks, shard files), checked on reading against what the
// configuration allows (converged ≤ starts, sweeps ≤ converged · max_sweeps, r entries, …).
unit_codec<density_network> density_network_codec(const local_density_config& config);

// Networks k in `networks` (of 0..config.networks−1) of the fully asymmetric ensemble (stream
// (seed, k, couplings)); start t of network k is trajectory k·starts + t (its initial state and its
// dynamics streams). OpenMP over starts; identical for any thread count. With points_dir, finished
// networks are saved atomically and a saved network whose key matches is reused (marked resumed;
// a rejected file is recomputed with a note on stderr saying why).
std::vector<density_network> run_local_density_networks(const local_density_config& config, index_range networks);

// The summary of networks 0..config.networks−1, in network order.
local_density summarise_local_density(const local_density_config& config, std::vector<density_network> per_network);

// run_local_density_networks over every network, then summarise_local_density.
local_density run_local_density(const local_density_config& config);

}  // namespace steer::validation
