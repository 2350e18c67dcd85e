// Expected number of fixed points of a random asymmetric network (spec fixed-points-theory §2).
//
// J_ij ~ N(0, 1/N) i.i.d. for i ≠ j, J_ii = J_D. For any state the stabilities
// λ_i = Σ_{j≠i} J_ij s_i s_j are i.i.d. N(0, (N−1)/N), so P(s is a fixed point) = Φ(a)^N with
// a = J_D √(N/(N−1)), and E[#FP] = 2^N Φ(a)^N exactly (eq. 2).
#pragma once

#include <vector>

namespace steer::theory {

// ln E[#FP] = N ln 2 + N ln Φ(J_D √(N/(N−1))), exact for every N ≥ 2.
double log_expected_fixed_points(int n, double self_coupling);

// E[#FP]; throws std::overflow_error naming n when it exceeds the double range (use the log).
double expected_fixed_points(int n, double self_coupling);

// Large-N entropy s(J_D) = lim (1/N) ln E[#FP] = ln 2 + ln Φ(J_D) (eq. 3).
double fixed_point_entropy(double self_coupling);

// Throws std::invalid_argument / std::domain_error naming `function`, for n < 2 or a
// non-finite J_D. Shared by the theory functions that take (n, J_D).
void check_size_and_coupling(const char* function, int n, double self_coupling);

// exp of each entry of `logs` (expected counts); throws std::overflow_error naming `function` and
// n if one exceeds the double range ("use the logs"). Shared by the functions returning counts.
std::vector<double> exponentiate_counts(const std::vector<double>& logs, const char* function, int n);

}  // namespace steer::theory
