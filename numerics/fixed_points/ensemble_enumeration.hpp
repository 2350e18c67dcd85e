// Exhaustive enumeration of many sampled networks of one ensemble (spec §7 Monte Carlo check).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
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

// An ensemble as a function of the network index (DESIGN.md, Parallelism: one generic
// mechanism for every ensemble command). `sample(seed, k)` must depend on nothing else.
struct network_source {
  int n = 0;
  std::string label;  // for progress lines, e.g. "N=16 J_D=0.5"
  std::function<coupling_matrix(std::uint64_t seed, std::uint64_t network)> sample;
};

// Validate the ensemble (throws naming the field) and wrap it.
network_source sampled_networks(const coupling_ensemble& ensemble);
network_source sampled_networks(const modular_ensemble& ensemble);

// Enumerates networks first_network .. first_network+networks−1 of `source` and hands each one's
// couplings and result (states kept when options.keep_states or pair_histograms) to
// `use(k, couplings, result)`, k = 0..networks−1, called concurrently for different k. OpenMP
// over networks (each enumerated serially), or inside each network when there are fewer
// networks than threads; network k's couplings come from the stream (seed, k, couplings), so
// what `use` sees does not depend on the number of threads.
void for_each_enumerated_network(
    const network_source& source, const ensemble_options& options,
    const std::function<void(std::int64_t k, const coupling_matrix& couplings, enumeration_result&& found)>& use);

// One entry per network, in network order (for_each_enumerated_network).
std::vector<network_fixed_points> enumerate_networks(const network_source& source, const ensemble_options& options);
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
