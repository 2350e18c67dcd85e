// Normal and bivariate-normal probabilities in the log domain (spec fixed-points-theory §3.2, §8).
#pragma once

namespace steer::theory {

// Φ(x), the standard normal CDF.
double normal_cdf(double x);

// ln Φ(x), accurate to ~1e−15 relative for all finite x (GSL's log erfc for x < 0, so no
// underflow down to x ~ −1e150).
double log_normal_cdf(double x);

// ln Φ2(a, a; ρ): probability that a standard bivariate normal with correlation ρ has both
// components ≤ a. ρ enters through one_minus_rho = 1 − ρ and one_plus_rho = 1 + ρ (each in
// [0, 2], summing to 2) so that ρ near ±1 costs no digits (spec §8). −inf where the
// probability is exactly 0 (ρ = −1, a ≤ 0).
// a ≥ 0: Owen's T, Φ2 = Φ(a) − 2 T(a, √((1−ρ)/(1+ρ))) (spec eq. 5, exact, no cancellation).
// a < 0: eq. 5 cancels (spec §8: it returns −2.6e−18 for Φ2(−3,−3;−0.95) = 9.4e−83), so
// Φ2 = ∫_0^∞ φ(a−t) Φ((a(1−ρ) + ρt)/√(1−ρ²)) dt by Gauss–Kronrod, integrand in log form.
double log_equal_orthant(double a, double one_minus_rho, double one_plus_rho);

}  // namespace steer::theory
