// Success curves of fixed-point search algorithms and the thresholds read from them (issue 9
// item 6; spec fixed-points-theory §6): per-point Wilson intervals, a monotone interpolation, the
// J_D of 50 % success by TOMS 748, crossings of curves of two sizes and fits of the drift of the
// threshold with N.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// threshold(N) = a + b g(N), weighted by 1/σ², with g(N) = N^−ν (ν fitted by Brent's method on
// [0.05, 3], a and b by linear least squares at each ν — variable projection) or g(N) = 1/ln N.
struct drift_fit {
  std::string form;                // "a + b N^-nu" or "a + b / ln N"
  double a = 0.0;                  // the extrapolated threshold N → ∞
  double a_error = 0.0;            // its standard error from the weighted fit (at the fitted ν)
  double b = 0.0;
  std::optional<double> nu;        // power-law form only
  std::vector<double> residuals;   // threshold − fit, per size
  double chi_square = 0.0;         // Σ (residual/σ)²
  int degrees_of_freedom = 0;
};
// Throws std::invalid_argument for fewer than 2 points (power law: 4), unequal lengths or σ ≤ 0.
drift_fit fit_power_law_drift(const std::vector<double>& sizes, const std::vector<double>& thresholds,
                              const std::vector<double>& errors);
drift_fit fit_log_drift(const std::vector<double>& sizes, const std::vector<double>& thresholds,
                        const std::vector<double>& errors);

}  // namespace steer::validation
