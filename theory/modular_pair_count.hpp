// Expected number of ordered pairs of fixed points at Hamming distance d in the modular network
// (theory/modular_count.hpp), exact at finite M, n; derived here (docs/theory/modular_pair_count.md)
// by the agreement-pattern sum of spec fixed-points-theory §3.1 applied module by module.
//
// For a pair (s, s') let d_m be the number of units of module m where they disagree. In-module
// stabilities of a unit under s and s' are jointly Gaussian, variance σ² = (n−1)/n, correlation
//   ρ = 1 − 2 d_m/(n−1)              where the unit agrees,
//   ρ = −[1 − 2 (d_m − 1)/(n−1)]      where it disagrees          (spec §3.1 with N → n),
// and the thresholds are a = (J_D + λ g)/σ and a' = (J_D + λ g')/σ with g, g' the partner sums of
// s and s' (modular_count.hpp). Units are independent given (s, s'), so
//   E[P(d)] = Σ_{d⃗: Σ d_m = d} [Π_m z_m^{d_m}] ( Σ_{t ∈ {±1}^M} W_{d⃗}(t) Π_{m: t_m = −1} z_m )^n,
//   W_{d⃗}(t) = Σ_{x ∈ {±1}^M} Π_m Φ2(a_m(x), a'_m(x, t); ρ(t_m, d_m)),
// a sum over the n columns (x: s's column across modules, t: where s' agrees with it). The
// coefficient is extracted by multiplying the column polynomial n times (degrees ≤ d_m kept).
#pragma once

#include <vector>

#include "theory/modular_count.hpp"

namespace steer::theory {

// Work of one evaluation (multiply-adds), n 2^M ((n+1)(n+2)/2)^M + (n+1)^M 4^M M; above
// max_modular_pair_work (≈ a minute of one core) the functions below refuse (std::invalid_argument
// naming M and n). Up to N = M·n = 26 that refuses only M = 8 (n = 3) and M ≥ 10 (n = 2).
double modular_pair_work(int modules, int module_size);
inline constexpr double max_modular_pair_work = 2e10;

// ln E[P(d)], d = 0..N (N = M·n): d = 0 is ln E[#FP] (log_expected_fixed_points_modular) and
// E[P(d)] = E[P(N − d)] (the global flip). −inf where no pair can exist. λ = 0 gives the
// convolution over modules of spec eq. (4) at N = n; M = 1 gives eq. (4) itself. Relative error
// ≲ 1e−13 per term (that of bivariate_normal_cdf, summed over non-negative terms); entries whose
// terms fall below ~1e−300 of the largest column weight underflow to −inf.
std::vector<double> log_expected_pairs_modular(const modular_network& network);

// ln(E[P(d)] / E[#FP]), d = 0..N: the mean number of fixed points at distance d from a fixed point
// as a ratio of exact expectations (as theory/neighbour_count.hpp for the fully connected network).
std::vector<double> log_expected_neighbours_at_distance_modular(const modular_network& network);

}  // namespace steer::theory
