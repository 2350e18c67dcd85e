// Large-N two-replica (annealed pair) entropy S2(q; J_D) and what follows from it: the
// small-distance expansion, the maximum on [−1, 1], the second-moment ratio and its exponent
// (spec fixed-points-theory §3.3–§3.4). The finite-N counts they are limits of are in
// theory/pair_count.hpp.
#pragma once

#include <vector>

namespace steer::theory {

// H(x) = −x ln x − (1−x) ln(1−x) for x ∈ [0, 1], with 0 ln 0 = 0.
double binary_entropy(double x);

// The δ grid the extremum searches start from (δ = (1 − q)/2 ∈ (0, 1/2]): 200 points log-spaced
// from 1e−12 to 1e−2, where the −c√δ dip of S2 and V_ann lives (δ ~ c², 1e−3 … 1e−8, spec §8), then
// 201 uniform points from 0.01 to 1/2 (q = 0).
std::vector<double> small_distance_grid();

// S2(q), eq. (6): ln 2 + H((1+q)/2) + ((1+q)/2) ln Φ2(J,J;q) + ((1−q)/2) ln Φ2(J,J;−q).
double pair_entropy(double q, double self_coupling);

// S2(1 − 2δ) from δ ∈ [0, 1] directly, with no cancellation near q = 1 (spec §8).
double pair_entropy_near_one(double delta, double self_coupling);

// The small-distance expansion of S2 near q = 1, for J_D > 0 (spec eq. 7 plus the −c²δ/2 it
// misses, see below):
//   S2(1−2δ) = s − c√δ + δ ln(1/δ) + δ[1 + ln((2Φ(J_D)−1)/Φ(J_D)) − c²/2] + O(δ^{3/2}),
//   c = √(2/π) φ(J_D)/Φ(J_D).
// The −c²δ/2 is the second-order term of ln Φ2(J,J;1−2δ) = ln Φ − c√δ − c²δ/2 + O(δ^{3/2})
// (Φ2 = Φ − 2T(J, √(δ/(1−δ))), T(h, α) = e^{−h²/2} α/(2π) + O(α³)); spec eq. (7) stops at
// ln Φ − c√δ, so its error is (c²/2)δ (measured 0.1327δ at J_D = 0.25 where c²/2 = 0.1328).
// Throws std::domain_error for J_D ≤ 0 (the single-flip term ln(2Φ − 1) needs J_D > 0) or δ
// outside [0, 1].
double pair_entropy_small_distance(double delta, double self_coupling);

// The √δ coefficient c(J_D) = √(2/π) φ(J_D)/Φ(J_D) of eq. (7).
double small_distance_coefficient(double self_coupling);

// Global maximum of S2 on [−1, 1] (S2(−q) = S2(q), so q ≥ 0 is returned): small_distance_grid,
// refined by Boost.Math brent_find_minima on the bracket of the best grid point; the endpoint
// q = 1 (s = s', S2 = s) is a candidate. q is good to ~1e−8 relative, the value to ~1e−15.
struct pair_entropy_maximum {
  double q;
  double value;
};
pair_entropy_maximum maximise_pair_entropy(double self_coupling);

// Large-N E[#FP²]/E[#FP]² without the 2/E[#FP] term of d ∈ {0, N}, eq. (8):
// e^{−r}/√(1 − (2 + J_D²) r + r²), r = (φ(J_D)/Φ(J_D))² — the contribution of overlaps q ~ N^{−1/2}.
// +inf for J_D ≤ −0.17835765, where 1 − (2 + J_D²) r + r² ≤ 0: q = 0 is then no maximum of S2 and
// that contribution grows exponentially with N. (For J_D < 0, S2(±1) = s > 2s: pairs near q = ±1
// outgrow E[#FP]², so eq. (8) is not the whole ratio there.)
double second_moment_ratio_large_n(double self_coupling);

// Exponent of the second-moment ratio, lim (1/N) ln(E[#FP²]/E[#FP]²) = max_q S2(q) − 2 s(J_D)
// (Laplace's method on Σ_d E[P_N(d)]; q = ±1 included, where S2 = s). 0 (up to ~1e−15) where
// q = 0 is the global maximum (every J_D ≥ 0 checked); positive for J_D < 0, where S2(±1) = s > 2s
// (the pairs s' = ±s of the rare fixed points) and, below −0.178, q = 0 is not even a local maximum.
double second_moment_exponent(double self_coupling);

}  // namespace steer::theory
