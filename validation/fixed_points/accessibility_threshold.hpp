// Accessibility thresholds of fixed-point search algorithms (issue 9 items 6-7; spec
// fixed-points-theory §5-6): the probability that an algorithm reaches a fixed point within its
// budget, vs the self-coupling J_D, on networks of the fully asymmetric ensemble; the J_D of 50 %
// success with a bootstrap error over networks; optionally the number of fixed points at Hamming
// distance 1..r around each one reached, beside a typical fixed point's expectation.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "solvers/fixed_points/solver_registry.hpp"
#include "validation/ensemble/shard_range.hpp"
#include "validation/ensemble/unit_json.hpp"
#include "validation/fixed_points/success_curve.hpp"

namespace steer::validation {

struct threshold_config {
  std::string algorithm = "async";      // a name of solvers/fixed_points/solver_registry.hpp
  solvers::solver_settings solver;      // its parameters where they differ from the defaults
  int n = 200;
  std::vector<double> self_couplings;   // strictly increasing
  std::int64_t networks = 20;
  std::int64_t restarts = 1;            // per network
  std::int64_t max_sweeps = 1000;       // the budget: it co-determines the threshold
  std::int64_t bootstrap = 200;         // replicates (networks resampled)
  int radius = 0;                       // 0: no local density; else fixed points at distance 1..radius
  std::uint64_t seed = 1;
  bool progress = false;
  std::filesystem::path points_dir;     // empty: no resume; else one file per finished (N, J_D, network)
  std::string program_version;          // part of every saved point's key
};

// One network's restarts at one (N, J_D): the unit that is saved, resumed, sharded and spread
// over MPI ranks (issue 12). Units of a run are J_D-major: unit u = j·networks + k is network k of
// the j-th J_D.
struct threshold_network {
  std::int64_t successes = 0;            // restarts that reached a fixed point
  std::int64_t sweeps_of_converged = 0;  // Σ steps over those restarts
  std::vector<std::uint64_t> fixed_points_at_distance;  // d = 1..radius, Σ over converged restarts
  bool resumed = false;                  // loaded from points_dir (not part of the codec: outputs never depend on it)
};

// One (N, J_D) point, gathered from its networks. Network k of every J_D has the same
// off-diagonal couplings (stream (seed, k, couplings)) and restart r of it the same streams
// (seed, k·restarts + r, ·), so the curve is measured with common random numbers.
struct threshold_point {
  double self_coupling = 0.0;
  std::vector<std::int64_t> successes;       // per network: restarts that reached a fixed point
  std::vector<std::int64_t> sweeps_of_converged;  // per network: Σ steps over those restarts
  std::vector<std::vector<std::uint64_t>> fixed_points_at_distance;  // per network, d = 1..radius, Σ over converged
  bool resumed = false;  // every network of it was resumed
};

struct threshold_result {
  threshold_config config;
  std::vector<threshold_point> points;
  std::vector<double> success;               // per J_D: Σ successes / (networks · restarts)
  // 95 %, clustered_wilson_interval over the networks (restarts of one network are correlated);
  // the plain Wilson interval when restarts = 1.
  std::vector<proportion_interval> wilson;
  std::vector<double> design_effect;         // per J_D: deff of the interval (1 when restarts = 1)
  std::vector<double> monotone;              // isotonic fit of success (weights: trials)
  std::optional<double> threshold;           // J_D of 50 % on the monotone interpolation
  std::optional<double> threshold_error;     // √(bootstrap SD² + w²/12), w = the grid step holding the threshold
  std::int64_t bootstrap_defined = 0;        // replicates whose curve crossed 50 % inside the grid
  double bootstrap_undefined_fraction = 0.0; // 1 − defined/replicates (0 without replicates)
  // Set when more than max_undefined_fraction of the replicates have no 50 % crossing inside the
  // grid: the SD of the others would be biased low, so threshold_error is null (the threshold
  // itself is kept, flagged); the reason is in threshold_flag.
  bool threshold_flagged = false;
  std::string threshold_flag;
  std::vector<std::optional<double>> mean_sweeps_to_converge;  // per J_D
  // radius > 0: per J_D, d = 1..radius, fixed points at distance d per converged run (empty if
  // none converged) and the typical (annealed) expectation E[P_N(d)]/E[#FP] (theory/neighbour_count).
  std::vector<std::vector<double>> measured_at_distance;
  std::vector<std::vector<double>> typical_at_distance;
};

// Throws std::invalid_argument naming the field.
void validate(const threshold_config& config);

// OpenMP over networks; identical for any thread count.
threshold_result run_threshold(const threshold_config& config);

// The pieces of run_threshold, for shards and MPI ranks (tools/ensemble_run.hpp):
// self_couplings.size() × networks units; those of `units` computed (or loaded from points_dir,
// one file per (J_D, network) keyed by every parameter but the number of networks) in order; the
// codec of one unit (checks it against the config); and the result from all units in order.
std::int64_t threshold_unit_count(const threshold_config& config);
std::vector<threshold_network> run_threshold_units(const threshold_config& config, index_range units);
unit_codec<threshold_network> threshold_network_codec(const threshold_config& config);
threshold_result summarise_threshold(const threshold_config& config, const std::vector<threshold_network>& units);

// Finite-size extrapolation over several N on the same J_D grid (issue 9 item 6): the crossings of
// the monotone curves of consecutive sizes; if the two largest sizes cross and the crossing is
// accepted (threshold_statistics.hpp: window, significance, bootstrap error), that crossing is the
// estimate (a sharpening transition pins its threshold where the curves cross). Otherwise the drift
// of the per-N thresholds (weighted by their bootstrap errors; sizes without a threshold or error
// are left out) is fitted: a + b N^-ν with ≥ 4 sizes, a + b/ln N with 2-3, and `a` is the estimate.
struct size_crossing {
  int n_small = 0;
  int n_large = 0;
  std::optional<double> self_coupling;  // the crossing of the two monotone curves, if any
  // threshold_statistics.hpp: accepted only inside the informative window, with a significant
  // sign change on both sides and a bootstrap error; `status` says which test failed.
  bool accepted = false;
  std::string status;
  std::optional<double> error;           // √(bootstrap SD² + w²/12) over networks of both sizes
  std::optional<double> z_below, z_above;  // difference / bootstrap SE at the bracketing grid points
  double bootstrap_undefined_fraction = 0.0;
};
struct threshold_extrapolation {
  std::vector<size_crossing> crossings;
  std::string method = "none";  // "crossing", "drift fit" or "none"
  std::string reason;           // why this method (or why none)
  std::optional<double> estimate;
  std::optional<double> estimate_error;  // crossing: its bootstrap error; drift fit: the unconditional standard error of a
  std::optional<drift_fit> fit;
};
// Throws std::invalid_argument for fewer than 2 sizes or different J_D grids.
threshold_extrapolation extrapolate(const std::vector<threshold_result>& per_n);

// The threshold of a curve: isotonic fit weighted by trials, then level_crossing at 50 %.
std::optional<double> threshold_of(const std::vector<double>& self_couplings, const std::vector<double>& success,
                                   const std::vector<double>& trials);

}  // namespace steer::validation
