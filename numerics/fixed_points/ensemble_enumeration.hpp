// Exhaustive enumeration of many sampled networks of one ensemble (spec §7 Monte Carlo check).
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/sample_statistics.hpp"

namespace steer::numerics {

struct ensemble_options {
  std::uint64_t seed = 1;
  std::int64_t networks = 100;
  std::int64_t first_network = 0;  // networks first_network .. first_network+networks−1 (sharding)
  bool pair_histograms = true;
  bool keep_states = false;  // return every network's fixed points (memory grows with #FP)
  bool progress = false;
  enumeration_kernel kernel = enumeration_kernel::automatic;
};

struct network_fixed_points {
  std::uint64_t count = 0;
  std::vector<std::uint64_t> pair_histogram;  // d = 0..N, empty without pair_histograms
  std::vector<packed_state> states;           // ascending, empty without keep_states
};

// One entry per network, in network order. OpenMP over networks (each enumerated serially),
// or inside each network when there are fewer networks than threads;
// network k uses the stream (seed, k, couplings), so the output does not depend on the
// number of threads.
std::vector<network_fixed_points> enumerate_ensemble(const coupling_ensemble& ensemble,
                                                     const ensemble_options& options);

// Mean ± SEM over networks of the count and of each pair-histogram entry.
struct ensemble_summary {
  std::int64_t networks = 0;
  mean_with_error count;
  std::vector<mean_with_error> pairs;                    // d = 0..N (empty without histograms)
  std::map<std::uint64_t, std::uint64_t> count_distribution;  // #FP value → number of networks
};

ensemble_summary summarise(const std::vector<network_fixed_points>& per_network);

}  // namespace steer::numerics
