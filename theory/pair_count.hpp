// Pairs of fixed points: exact finite-N expected number of ordered pairs at Hamming distance d
// and the large-N two-replica (annealed pair) entropy (spec fixed-points-theory §3).
#pragma once

#include <vector>

namespace steer::theory {

// ln E[P_N(d)], d = 0..N, eq. (4):
//   E[P_N(d)] = 2^N C(N,d) Φ2(a,a;ρ_s)^(N−d) Φ2(a,a;ρ_d)^d,  a = J_D √(N/(N−1)),
//   ρ_s = 1 − 2d/(N−1) (agreeing sites), ρ_d = −(1 − 2(d−1)/(N−1)) (disagreeing sites).
// Ordered pairs, s = s' included (d = 0 gives E[#FP]). −inf where exactly 0 (d = 1, J_D ≤ 0).
std::vector<double> log_expected_pairs(int n, double self_coupling);

// exp of the above; throws std::overflow_error if an entry exceeds the double range.
std::vector<double> expected_pairs(int n, double self_coupling);

// ln E[#FP²] = ln Σ_d E[P_N(d)] (log-sum-exp).
double log_expected_squared_count(int n, double self_coupling);

// S2(q), eq. (6): ln 2 + H((1+q)/2) + ((1+q)/2) ln Φ2(J,J;q) + ((1−q)/2) ln Φ2(J,J;−q).
double pair_entropy(double q, double self_coupling);

// S2(1 − 2δ) from δ ∈ [0, 1] directly, with no cancellation near q = 1 (spec §8).
double pair_entropy_near_one(double delta, double self_coupling);

// Large-N E[#FP²]/E[#FP]² without the 2/E[#FP] term of d ∈ {0, N}, eq. (8):
// e^{−r}/√(1 − (2 + J_D²) r + r²), r = (φ(J_D)/Φ(J_D))² — the contribution of overlaps q ~ N^{−1/2}.
// +inf for J_D ≤ −0.17835765, where 1 − (2 + J_D²) r + r² ≤ 0: q = 0 is then no maximum of S2 and
// that contribution grows exponentially with N. (For J_D < 0, S2(±1) = s > 2s: pairs near q = ±1
// outgrow E[#FP]², so eq. (8) is not the whole ratio there.)
double second_moment_ratio_large_n(double self_coupling);

}  // namespace steer::theory
