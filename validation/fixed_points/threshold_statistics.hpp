// The statistics of a threshold measured over networks (issue 9 item 6, review findings; spec
// fixed-points-theory §6): the bootstrap error of the 50 % point with its undefined-replicate
// rule, and the acceptance test and error of the crossing of the curves of two sizes. Networks
// are the independent units (restarts of one network are correlated), so every resampling draws
// whole networks.
#pragma once

#include <cstdint>
#include <vector>

#include "validation/fixed_points/accessibility_threshold.hpp"

namespace steer::validation {

// A replicate without a 50 % crossing inside the grid has no threshold. Averaging only the others
// biases the SD low (the censored replicates are the extreme ones), so when more than this
// fraction is undefined the error is withheld and the threshold flagged.
constexpr double max_undefined_fraction = 0.1;
// A crossing of two curves is read only where both are informative: their interpolated success
// at the crossing in [0.1, 0.9] (near 0 or 1 both curves are flat and any sign change is noise).
constexpr double informative_low = 0.1;
constexpr double informative_high = 0.9;
// The sign change of larger − smaller must be significant on both sides: at the bracketing grid
// points x_k (below) and x_{k+1} (above), d_k ≤ −2 SE_k and d_{k+1} ≥ +2 SE_{k+1}, SE the
// bootstrap SD of the difference of the monotone curves (networks of each size resampled).
constexpr double crossing_significance = 2.0;

// The monotone (isotonic, trial-weighted) success curve of the networks of `r` resampled with
// replacement by stream (seed, stream_index, threshold_bootstrap).
std::vector<double> resampled_monotone_curve(const threshold_result& r, std::uint64_t stream_index);

// The width of the grid step [x_k, x_{k+1}] holding x (0 outside the grid); the position of an
// interpolated point inside its step is counted as uniform, SD width/√12.
double grid_step_at(const std::vector<double>& grid, double x);

// Fills bootstrap_defined, bootstrap_undefined_fraction, threshold_error (√(SD² + w²/12) over
// the replicates with a threshold, replicate b from stream index b) and the flag.
void bootstrap_threshold(threshold_result& r);

// The crossing of the monotone curves of two sizes on the same grid with its acceptance test
// (window, significance) and error: √(SD² + w²/12) over min(bootstrap) replicates that resample
// the networks of each size independently (size N's replicate b from stream index N·2^20 + b,
// apart from the per-size bootstrap's indices b < 2^20); withheld, and the crossing not accepted,
// when more than max_undefined_fraction of the replicates do not cross.
size_crossing test_size_crossing(const threshold_result& smaller, const threshold_result& larger);

}  // namespace steer::validation
