// Expected number of fixed points of the modular network (issue 8 item 4; the companion paper's
// v2 "sparse excitatory inter-module connections" instead of self-coupling). Derived here; the
// derivation is docs/theory/modular_count.md.
//
// M modules of n units (N = M·n). Inside module m, J_ij ~ N(0, 1/n) i.i.d. for i ≠ j, J_ii = J_D;
// unit i of module m and unit i of modules m ± 1 are coupled by λ (open chain, or a ring).
// For a fixed state, the in-module stabilities s_{m,i} Σ_{j≠i} J_ij s_{m,j} are i.i.d.
// N(0, σ²), σ² = (n−1)/n, and the partner term is λ g_{m,i}, g = Σ_{partners m'} s_{m,i} s_{m',i}
// (agreeing minus disagreeing partners). So P(s is a FP) = Π_{m,i} Φ((J_D + λ g_{m,i})/σ), and the
// sum over states factorises over the n "columns" i (each a chain x ∈ {±1}^M across modules):
//   E[#FP] = Z^n,  Z = Σ_{x ∈ {±1}^M} Π_m Φ((J_D + λ Σ_{m'~m} x_m x_{m'})/σ).
// With bond variables b_m = x_m x_{m+1}, g_m = b_{m−1} + b_m and Z is a 2×2 transfer-matrix
// product (T[b, b'] = Φ((J_D + λ(b + b'))/σ)); a ring also constrains Π_m b_m = +1.
#pragma once

namespace steer::theory {

struct modular_network {
  int modules = 2;                    // M ≥ 1
  int module_size = 4;                // n ≥ 2
  double self_coupling = 0.0;         // J_D
  double inter_module_coupling = 0.0; // λ
  bool ring = false;                  // module M also couples to module 1 (only for M ≥ 3; a ring
                                      // of M ≤ 2 is the chain: one link per pair of modules)

  // Throws std::invalid_argument / std::domain_error naming the bad field.
  void validate() const;
};

// ln(e^x + e^y), with −inf + −inf = −inf: the log-domain sum of the non-negative terms of the
// modular counts (here and in theory/modular_pair_count).
double log_add(double x, double y);

// ln E[#FP] = n ln Z, exact for every M ≥ 1, n ≥ 2 (computed in the log domain: no overflow or
// underflow for any finite J_D, λ). Absolute error ≲ 1e−15 · M · n · max(1, |ln Φ|) per factor.
double log_expected_fixed_points_modular(const modular_network& network);

// Large-N entropy at fixed M, n → ∞: lim (1/N) ln E[#FP] = (1/M) ln Z with σ = 1. λ = 0 gives
// s(J_D) = ln 2 + ln Φ(J_D) for every M. `module_size` is ignored.
double modular_fixed_point_entropy(const modular_network& network);

// M → ∞ as well (chain and ring alike): ln μ, μ the largest eigenvalue of the 2×2 transfer matrix
// T = [[Φ(J_D+2λ), Φ(J_D)], [Φ(J_D), Φ(J_D−2λ)]] at σ = 1, μ = (A+C)/2 + √(((A−C)/2)² + B²).
double modular_fixed_point_entropy_many_modules(double self_coupling, double inter_module_coupling);

}  // namespace steer::theory
