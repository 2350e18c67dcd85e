// The decision rules of the count-mc verdicts of `steer report`'s accessibility section
// (docs/validation/fixed_points/report_accessibility.md).
#pragma once

#include <string>

namespace steer::validation {

// The family-wise false-alarm probability of the count-mc vs enumeration verdict: the two-sided
// normal tail beyond 4σ (2 Φ(−4) = 6.33e-5), rounded.
inline constexpr double count_mc_family_alpha = 6.3e-5;

// Threshold on |z| of one of `comparisons` networks, z = (estimate − exact)/SEM over `walks` walks
// (Student-t with walks − 1 degrees of freedom): the two-sided Student-t quantile at
// count_mc_family_alpha / comparisons (Bonferroni), so that a correct estimator FAILs with
// probability ≤ α whatever the number of networks. boost::math::students_t.
double count_mc_z_threshold(int walks, int comparisons);

// Jensen's gap of the quenched entropy at finite N: ⟨ln #FP⟩ ≤ ln E[#FP]. Its second-order
// (cumulant, log-normal) estimate per site, from the exact finite-N pair count (spec eq. 4,
// theory/pair_count.hpp):  Δ = ½ (ln E[#FP²] − 2 ln E[#FP]) / N  (exact for a log-normal count).
double quenched_jensen_gap(int n, double self_coupling);

// PASS when the quenched mean lies within 4 sem of the band [annealed − gap, annealed], FAIL outside.
std::string quenched_band_verdict(double mean, double sem, double annealed, double gap);

}  // namespace steer::validation
