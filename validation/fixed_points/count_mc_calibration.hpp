// The Monte Carlo count of fixed points (numerics/fixed_points/count_mc.hpp) over sampled networks:
// the quenched average ⟨ln #FP⟩ beside the annealed ln E[#FP] (spec fixed-points-theory §2), and,
// with exhaustive enumeration of each network (N ≤ 36), the calibration of the error bar: the
// z-score of every estimate against the exact count (docs/numerics/fixed_points/count_mc.md).
// Finished networks are saved through the generic saved-unit store (validation/ensemble/saved_unit.hpp:
// one JSON file each, keyed by every parameter and the version) and reused when the same command
// runs again; a network is one unit of a sharded or MPI run (docs/scaling.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "numerics/fixed_points/count_mc.hpp"
#include "numerics/fixed_points/couplings.hpp"
#include "validation/ensemble/shard_range.hpp"
#include "validation/ensemble/unit_json.hpp"

namespace steer::validation {

inline constexpr int max_exact_count_mc_neurons = 36;

struct count_mc_ensemble_config {
  numerics::coupling_ensemble ensemble;
  std::uint64_t first_network = 0;
  std::int64_t networks = 1;
  numerics::count_mc_options estimator;  // its `network` is set per network; its progress is off with `progress`
  bool exact = false;                    // enumerate every network too (N ≤ 36)
  std::filesystem::path units_dir;       // empty: nothing saved or reused
  std::string program_version;
  bool progress = false;
  bool notes = true;                     // "recomputing FILE (why)" on stderr for a rejected saved network
};

struct count_mc_network {
  std::uint64_t network = 0;
  numerics::count_mc_result estimate;
  std::optional<std::uint64_t> exact_count;  // with `exact`
  double seconds = 0.0;                      // estimator wall time (0 for a reused network)
  bool resumed = false;                      // loaded from units_dir by this run (not part of the unit)

  // (estimate − ln exact)/SEM; nullopt without both, or for a zero SEM or an exact count of 0.
  std::optional<double> z_score() const;
};

struct count_mc_calibration_summary {
  int compared = 0;            // networks with an estimate and a non-zero exact count
  double within_one_sigma = 0.0, within_two_sigma = 0.0;  // fractions of `compared`
  double mean_z = 0.0, rms_z = 0.0, max_abs_z = 0.0;
  double mean_abs_error = 0.0;  // mean |estimate − ln exact|
};

struct count_mc_ensemble {
  std::vector<count_mc_network> per_network;
  int networks_with_estimate = 0;
  // Networks whose walks gave no estimate (a walk never visited E = 0 or did not converge). The
  // mean leaves them out, which biases it up (they tend to have few fixed points), so a quenched
  // average with any of them is no basis for a verdict (issue 9 review): reported, not dropped.
  std::vector<std::uint64_t> networks_without_estimate;
  // Mean ± SEM over networks of their estimates (≥ 2 networks with an estimate).
  std::optional<numerics::mean_with_error> quenched_log_fixed_points;
  std::optional<count_mc_calibration_summary> calibration;  // with `exact`
  int resumed_networks = 0;
};

// Networks first_network + k for k in `units` (a block of [0, networks)), in order, each reused
// from units_dir when saved there with the same key, else estimated and saved. Throws
// std::invalid_argument naming the parameter (exact with N > 36, networks < 1, ...). The whole
// ensemble in one process: summarise_count_mc(config, run_count_mc_networks(config, {0, networks})).
std::vector<count_mc_network> run_count_mc_networks(const count_mc_ensemble_config& config, index_range units);

// The ensemble's summary from its networks in order (the same for one process, shards and MPI ranks).
count_mc_ensemble summarise_count_mc(const count_mc_ensemble_config& config, std::vector<count_mc_network> per_network);

// One network as a unit (its walks and exact count; not its wall time or whether it was resumed).
// `decode` checks the number of walks, the energies against N and the exact count against `exact`.
unit_codec<count_mc_network> count_mc_network_codec(const count_mc_ensemble_config& config);

// Estimate (and exact count) of one network, no saving.
count_mc_network count_mc_one_network(const numerics::coupling_matrix& couplings, std::uint64_t network,
                                      const numerics::count_mc_options& estimator, bool exact);

}  // namespace steer::validation
