// Pairs of fixed points: exact finite-N expected number of ordered pairs at Hamming distance d
// (spec fixed-points-theory §3.1, §3.4); the large-N limits are in theory/pair_entropy.hpp.
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

// (1/N) ln E[P_N(d)], d = 0..N: the finite-N pair entropy, → S2(1 − 2d/N) as N → ∞
// (theory/pair_entropy.hpp), with O(ln N / N) corrections from C(N, d) and ρ's N − 1.
std::vector<double> finite_size_pair_entropy(int n, double self_coupling);

// ln(E[#FP²]/E[#FP]²), exact at finite N (spec §3.4; its large-N exponent and limit are in
// theory/pair_entropy.hpp).
double log_second_moment_ratio(int n, double self_coupling);

}  // namespace steer::theory
