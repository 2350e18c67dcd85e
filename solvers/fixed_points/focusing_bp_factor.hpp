// The constraint factor of focusing BP in the Gaussian cavity approximation (docs/solvers/
// fixed_points/focusing_bp.md, "Message equations"), shared by the exact message passing
// (focusing_bp.cpp) and its relaxed AMP form (relaxed_focusing_bp.cpp): factor i is θ(s_i h_i + J_ii)
// with h_i Gaussian of mean x and standard deviation σ, and s_i carries the incoming field g_i.
//   F_i(x) = ln[e^{g} Φ((J_ii + x)/σ) + e^{−g} Φ((J_ii − x)/σ)]
// is the log-weight of the factor given that mean; the input message to k is
// ½[F_i(μ_i\k + J_ik) − F_i(μ_i\k − J_ik)], and its expansion in J_ik (relaxed_focusing_bp.md)
// needs F_i' and F_i''.
#pragma once

namespace steer::solvers {

// |û|, |f| ≤ 30: tanh(30) is 1 in double, so a larger field carries no more information, and
// bounded fields keep H_j − û_ij free of cancellation against a huge term.
inline constexpr double fbp_field_limit = 30.0;
// σ² floor: when every other input is polarised the cavity field is deterministic and Φ(x/σ)
// becomes a step; the floor keeps x/σ finite (the clamp above then decides).
inline constexpr double fbp_variance_floor = 1e-24;

double clamp_fbp_field(double u);

// ln Φ(x): std::erfc (a few ns, relative error of a few ulp) where 0.5 erfc(−x/√2) is far from
// underflow, theory::log_normal_cdf (accurate everywhere, slower) in the tail.
double fbp_log_phi(double x);

// σ from a cavity variance, floored at fbp_variance_floor.
double fbp_cavity_sigma(double variance);

// Output message û_ii = ½[ln Φ((J_ii + μ)/σ) − ln Φ((J_ii − μ)/σ)] for cavity mean μ, variance σ².
double fbp_output_message(double self_coupling, double mean, double variance);

// F_i(x) above with σ already floored.
double fbp_factor_log_weight(double self_coupling, double x, double sigma, double g);

// F_i'(x) and F_i''(x) in closed form. With u± = (J_ii ± x)/σ, r(u) = φ(u)/Φ(u), the weights
// w± = e^{±g} Φ(u±)/e^{F} (w₊ + w₋ = 1) and h(u) = −(ln Φ)''(u) = r(u)(u + r(u)) ∈ (0, 1):
//   F'  = (w₊ r₊ − w₋ r₋)/σ,
//   F'' = [w₊ w₋ (r₊ + r₋)² − w₊ h₊ − w₋ h₋]/σ²,
// the second written without the cancellation of −(u₊w₊r₊ + u₋w₋r₋)/σ² − F'² (h is clamped to
// [0, 1], its exact range, where u + r cancels for u → −∞). Finite for every finite input.
struct factor_slopes {
  double first;   // F_i'(x)
  double second;  // F_i''(x)
};
factor_slopes fbp_factor_slopes(double self_coupling, double x, double sigma, double g);

}  // namespace steer::solvers
