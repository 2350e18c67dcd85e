// Success curves of fixed-point search algorithms and the thresholds read from them (issue 9
// item 6; spec fixed-points-theory §6): per-point Wilson intervals, a monotone interpolation, the
// J_D of 50 % success by TOMS 748, crossings of curves of two sizes and fits of the drift of the
// threshold with N.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "validation/fixed_points/drift_fit.hpp"  // the drift fits, declared here before they had their file

namespace steer::validation {

// Wilson score interval for a binomial proportion (Wilson, JASA 22, 209 (1927)):
//   centre = (p̂ + z²/2n)/(1 + z²/n),  half-width = z √(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n).
// z = 1.959963984540054 gives 95 %. Throws std::invalid_argument for trials < 1 or successes
// outside [0, trials].
struct proportion_interval {
  double lower = 0.0;
  double upper = 1.0;
};
proportion_interval wilson_interval(std::int64_t successes, std::int64_t trials, double z = 1.959963984540054);
// The same formula for real counts (an effective number of trials, below).
proportion_interval wilson_interval_effective(double successes, double trials, double z = 1.959963984540054);

// Trials clustered by network: m restarts of each of M networks share the network, so they are
// not independent (issue 9 review). The Wilson interval on Kish's effective sample size
// n_eff = M m / deff, centred on p̂ = Σ y_k / (M m) (Kish, Survey Sampling (1965) §5.4; the
// design-effect adjustment of Wilson's interval as in Korn & Graubard, Survey Methodology 24
// (1998)). deff = s²_cluster / (p̂(1 − p̂)/(M m)), with s²_cluster = Σ (p_k − p̂)² / (M (M − 1))
// the between-network variance of p̂ (p_k = y_k/m), clamped to [1, m]: below 1 would claim more
// information than independent trials, above m less than one trial per network. When p̂ is 0 or
// 1 (or M = 1) the variance cannot be estimated and deff = m (one trial per network: the
// conservative end). m = 1 gives deff = 1, the plain Wilson interval.
struct clustered_proportion {
  double proportion = 0.0;
  double design_effect = 1.0;
  double effective_trials = 0.0;
  proportion_interval interval;
};
// Throws std::invalid_argument for no clusters, trials_per_cluster < 1 or a count outside [0, m].
clustered_proportion clustered_wilson_interval(const std::vector<std::int64_t>& successes_per_cluster,
                                               std::int64_t trials_per_cluster, double z = 1.959963984540054);

// Weighted least-squares non-decreasing fit (isotonic regression) by pool-adjacent-violators
// (Ayer et al., Ann. Math. Stat. 26, 641 (1955)): adjacent violating blocks are merged into their
// weighted mean until the sequence is non-decreasing. Throws for unequal lengths or weights ≤ 0.
std::vector<double> isotonic_fit(const std::vector<double>& values, const std::vector<double>& weights);

// The x where the piecewise-linear interpolant of the points (x_k, y_k) (x strictly increasing,
// y non-decreasing) first reaches `level`: toms748_solve on the first segment with
// y_k < level ≤ y_{k+1} (the left end of a flat stretch at exactly `level`). nullopt when the
// curve stays below `level` or starts at or above it (the crossing is outside the grid).
std::optional<double> level_crossing(const std::vector<double>& x, const std::vector<double>& y, double level = 0.5);

// Where curve `larger` (a larger N) overtakes curve `smaller`, both on the grid x: the root of the
// interpolated difference in the *last* segment where it goes from < 0 to > 0 (after which the
// larger network is never behind — the finite-size crossing of a sharpening transition); nullopt
// when there is no such sign change.
std::optional<double> curve_crossing(const std::vector<double>& x, const std::vector<double>& smaller,
                                     const std::vector<double>& larger);

}  // namespace steer::validation
