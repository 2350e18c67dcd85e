// Normal and bivariate-normal probabilities, in the log domain where the fixed-point counts need
// them (spec fixed-points-theory §3.2, §8). Every function throws std::domain_error naming itself
// and the bad value for NaN (or out-of-range) arguments; none returns a NaN.
#pragma once

namespace steer::theory {

// Φ(x), the standard normal CDF (x = ±inf allowed).
double normal_cdf(double x);

// ln Φ(x), relative error ≲ 1e−15 for every finite x. Finite wherever the result is a double:
// −inf only for x < −1.9e154, where ln Φ(x) ≈ −x²/2 itself leaves the double range.
double log_normal_cdf(double x);

// φ(x)/Φ(x) = (ln Φ)'(x), relative error ≲ 1e−15 for every finite x (≈ −x for x → −∞, → 0 for
// x → +∞). The slope the saddle points and the second-moment ratio (eq. 8) need.
double normal_pdf_over_cdf(double x);

// ln Φ2(a, a; ρ): the probability that both components of a standard bivariate normal with
// correlation ρ are ≤ a — the per-row factor of the pair count (spec eq. 4). The correlation
// enters as one_minus_rho = 1 − ρ and one_plus_rho = 1 + ρ (each in [0, 2], summing to 2 up to
// rounding) so that ρ near ±1 costs no digits (spec §8). −inf only where the probability is
// exactly 0 (ρ = −1, a ≤ 0); otherwise finite even far below the smallest double (ln Φ2 down to
// −1e308). Relative error of Φ2 (= absolute error of the log) ≲ 1e−15 when |ln Φ2| ≲ 1, and
// relative error of the log ≲ 1e−15 beyond. Method:
//  * Owen's T, Φ2 = Φ(a) − 2T(a, α), α = √((1−ρ)/(1+ρ)) (spec eq. 5), when a ≥ 0 and the
//    difference keeps at least half of Φ(a);
//  * otherwise the same quantity written as a sum of non-negative terms,
//    Φ2 = max(0, 2Φ(a) − 1) + 2[T(a, ∞) − T(a, α)],
//    with the Owen's-T tail T(a, ∞) − T(a, α) = (1/2π) ∫_α^∞ e^{−a²(1+x²)/2}/(1+x²) dx integrated
//    directly (exp_sinh, log-scaled), so there is no cancellation at a < 0 (spec §8: eq. 5 gives
//    −2.6e−18 for Φ2(−3,−3;−0.95) = 9.427437835e−83) nor at a ≈ 0, ρ ≈ −1.
// The error estimate of that quadrature is checked against 1e−12 relative (std::runtime_error).
double log_equal_orthant(double a, double one_minus_rho, double one_plus_rho);

// weight · ln Φ2(a, a; ρ), with a zero weight contributing 0 even where ln Φ2 = −inf: a factor
// Φ2^weight of the pair counts (spec eq. 4, 6) with no sites of that kind.
double weighted_log_equal_orthant(double weight, double a, double one_minus_rho, double one_plus_rho);

// Φ2(h, k; ρ) = P(X ≤ h, Y ≤ k) for a standard bivariate normal with correlation ρ ∈ [−1, 1]
// (h, k = ±inf allowed). Spec §3.2's Owen's-T formula, rearranged into non-negative terms; when h
// and k have opposite signs and ρ < 0 the result can be a tiny difference of those terms, so it
// is integrated instead: ∫_{−∞}^{min(h,k)} φ(y) Φ((max(h,k) − ρy)/√(1−ρ²)) dy (positive
// integrand, log-scaled), down to 1 + ρ = 2^−53 (h = −k: Φ2 ~ √(1+ρ), the margin κ = 2 J_D of
// eq. 9). Relative error ≲ 1e−14 + 1e−15 |ln Φ2| wherever the result is a normal double (the
// rounding of derived arguments costs the log ~ε of its size); 0 where it underflows. Throws
// std::runtime_error if a quadrature's error estimate exceeds 1e−12 relative (not seen in tests).
double bivariate_normal_cdf(double h, double k, double rho);

// The same with the correlation given as one_minus_rho = 1 − ρ and one_plus_rho = 1 + ρ (each in
// [0, 2], summing to 2 up to rounding), as log_equal_orthant takes it: where Φ2 depends on the
// small complement itself (h < 0 < k, ρ → −1: Φ2 ~ √(1+ρ)), a ρ rounded to a double would move
// it by up to ε/(8(1+ρ)) relative (2e−6 of V_κ at δ = 1e−12 in eq. 9); here that complement is exact.
// Not an overload, so that &bivariate_normal_cdf stays unambiguous (python/theory.cpp).
double bivariate_normal_cdf_pm(double h, double k, double one_minus_rho, double one_plus_rho);

}  // namespace steer::theory
