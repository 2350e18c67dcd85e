// Expected number of fixed points with correlated couplings: corr(J_ij, J_ji) = η ∈ [−1, 1]
// (η = 0 asymmetric, η = 1 symmetric). Not in the spec; derived here.
//
// The gauge J_ij → s_i s_j J_ij preserves the joint law of (J_ij, J_ji), so every state is a
// fixed point with the same probability and E[#FP] = 2^N P(λ_i > −J_D ∀i), λ_i = Σ_{j≠i} J_ij.
// The λ_i are jointly Gaussian with variance (N−1)/N and covariance Cov(J_ik, J_ki) = η/N. For
// η ≥ 0, λ_i = √(η/N) z + √((N−1−η)/N) ξ_i with z, ξ_i i.i.d. standard normal, so exactly
//   E[#FP] = 2^N ∫ φ(z) Φ((J_D + √(η/N) z)/√((N−1−η)/N))^N dz.                         (C1)
// With z = √N y, u = √η y, Laplace's method gives the large-N entropy
//   s(J_D, η) = ln 2 + extr_u [ ln Φ(J_D + u) − u²/(2η) ],                               (C2)
// a maximum for η > 0 and, by the continuation y → i t, a minimum for η < 0 (the bracket is
// convex for |η| ≤ 1 because (ln Φ)'' > −1). η = 1, J_D = 0 gives 0.1992, the Tanaka–Edwards
// count of one-spin-flip-stable states of the SK model (Tanaka & Edwards, J. Phys. F 10, 2769
// (1980)). For η = −1 and J_D ≤ 0, Σ_i λ_i = 0 rules out every fixed point: s = −∞.
#pragma once

namespace steer::theory {

// ln E[#FP] for symmetry η ∈ [0, 1] by (C1) (Gauss–Kronrod around the Laplace peak; absolute error
// ≲ 1e−12 max(1, |ln E|), checked against the rule's error estimate: std::runtime_error otherwise,
// which happens for |J_D| ≳ 1e10).
// η < 0 has no real one-dimensional form: throws std::domain_error pointing to (C2).
double log_expected_fixed_points_correlated(int n, double self_coupling, double symmetry);

// s(J_D, η) of (C2) for η ∈ [−1, 1], within 1e−13 max(1, |s|); −inf where no fixed point can exist
// (η = −1, J_D ≤ 0); for η = −1, s ≈ ln J_D as J_D → 0⁺ (asymptote below J_D = 1e−4).
double fixed_point_entropy_correlated(double self_coupling, double symmetry);

}  // namespace steer::theory
