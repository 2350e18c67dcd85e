// Expected number of fixed points at Hamming distance d from a fixed point, as the ratio of exact
// expectations E[P_N(d)] / E[#FP] (spec fixed-points-theory §3.1 eq. 4 over eq. 2).
//
// E[P_N(d)] counts ordered pairs (s, s') of fixed points at distance d, so dividing by E[#FP] gives
// the mean number of partners per fixed point — "annealed": a ratio of expectations, not the mean
// over networks of a per-network ratio. It is what enumeration estimates by
// Σ_networks #pairs(d) / Σ_networks #FP, and what a typical fixed point found by dynamics should
// see around it at large N only in the annealed approximation (spec §4.2: an upper bound by Jensen
// for ln of it). d = 0 gives exactly 1 and d = N gives 1 (the partner −s).
#pragma once

#include <vector>

namespace steer::theory {

// ln(E[P_N(d)] / E[#FP]), d = 0..N; −inf where no pair can exist (d = 1 and N − 1 for J_D ≤ 0).
// Absolute error ≲ 1e−14 (1 + J_D²/100) max(1, |ln E[P_N(d)]|) (that of log_expected_pairs).
std::vector<double> log_expected_neighbours_at_distance(int n, double self_coupling);

// E[P_N(d)] / E[#FP], d = 0..N; throws std::overflow_error naming n when an entry exceeds the
// double range (large N, d ≈ N/2 for J_D > 0; use the logs).
std::vector<double> expected_neighbours_at_distance(int n, double self_coupling);

}  // namespace steer::theory
