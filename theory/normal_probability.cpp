#include "theory/normal_probability.hpp"

#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/owens_t.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace steer::theory {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double inv_sqrt2 = 0.5 * std::numbers::sqrt2;
constexpr double inv_sqrt2_low = -4.8336466567264565e-17;  // 1/√2 − inv_sqrt2 (mpmath)
constexpr double inv_two_pi = 0.5 * std::numbers::inv_pi;
constexpr double log_sqrt_two_pi = 0.91893853320467274178;  // ½ ln 2π
constexpr double inv_sqrt_two_pi = 0.39894228040143267794;  // 1/√(2π)

// Below this x, ln Φ and φ/Φ switch from erfc to the Mills-ratio series, which stays accurate
// (and finite) where Φ underflows.
constexpr double far_left_tail = -30.0;

// φ(x) with x² split exactly (fma): e^{−x²/2} of a rounded x² would carry a relative error
// ≈ x²ε/2 (1e−13 at x = 30).
double pdf(double x) {
  const double square = x * x;
  if (square == infinity) return 0.0;  // |x| > 1.3e154 (the fma below would give NaN)
  const double square_low = std::fma(x, x, -square);
  return std::exp(-0.5 * square) * (1.0 - 0.5 * square_low) * inv_sqrt_two_pi;
}

// Q(y) = P(X > y) = ½ erfc(y/√2), relative error ~1e−16 for every y. y/√2 is rounded (relative
// ε), which would cost erfc a relative error ≈ y²ε (1e−13 at y = 30), so y/√2 is split into
// z + δ (fma and the low part of 1/√2) and erfc corrected to first order:
// erfc(z + δ) = erfc(z) (1 − δ (2/√π) e^{−z²}/erfc(z)) + O(δ² z²).
double upper_tail(double y) {
  const double z = y * inv_sqrt2;
  const double delta = std::fma(y, inv_sqrt2, -z) + y * inv_sqrt2_low;
  const double tail = boost::math::erfc(z);
  if (tail == 0.0) return 0.0;
  const double log_slope = std::numbers::inv_sqrtpi * 2.0 * std::exp(-z * z) / tail;  // −(ln erfc)'(z)
  return 0.5 * tail * (1.0 - delta * log_slope);
}

// φ(x)/Φ(x) for x < far_left_tail from the asymptotic Mills series Φ(x)/φ(x) = (1/y) S(y),
// y = −x, S = Σ_k (−1)^k (2k−1)!!/y^{2k} (Abramowitz & Stegun 26.2.12): at y ≥ 30 the terms fall
// by ≥ 300 each and nine reach 1e−17 (GSL's hazard truncates it and is off by 5e−14 at y = 30).
double hazard_far_left(double x) {
  const double y = -x;
  const double inv_square = (1.0 / y) * (1.0 / y);  // no overflow of y² for y up to 1.8e308
  double term = 1.0, series = 1.0;
  for (int k = 1; std::abs(term) > 1e-17; ++k) {
    term *= -(2 * k - 1) * inv_square;
    series += term;
  }
  return y / series;
}

// Relative bound on a quadrature's error estimate, the difference of its last two refinement
// levels. Tanh-sinh and exp-sinh converge doubly exponentially, so the level returned is far more
// accurate than that estimate: against mpmath every tested value is within 2e−15 (ln Φ2) and
// 2e−14 (Φ2). Above it the result is not trusted and the function throws (DESIGN.md: never a
// quiet wrong number).
constexpr double quadrature_tolerance = 1e-12;

struct quadrature {
  double integral, error;
};

double checked(const char* function, quadrature q, double h, double k_or_alpha) {
  if (!(q.error <= quadrature_tolerance * q.integral))
    throw std::runtime_error(fmt::format("{}: quadrature did not converge at ({}, {}) (integral {}, error estimate {})",
                                         function, h, k_or_alpha, q.integral, q.error));
  return q.integral;
}

// ∫_from^∞ f by exp_sinh (nodes cluster doubly exponentially at `from` and at infinity, so
// integrands with structure on many scales near `from` are resolved). f must be O(1) near its
// maximum: the rule drops nodes whose contribution falls below the smallest normal double.
template <class F>
quadrature integrate_to_infinity(F f, double from) {
  // Non-const: Boost 1.74 declares integrate(f, a, b, ...) const but defines it non-const.
  static boost::math::quadrature::exp_sinh<double> rule;
  quadrature q{0.0, 0.0};
  q.integral = rule.integrate(f, from, infinity, 1e-15, &q.error);
  return q;
}

// ∫_a^b f by tanh_sinh, same conventions. The rule is run on [−1, 1] with the map to [a, b] done
// here: Boost 1.74's integrate(f, a, b) scales the integral by (b − a)/2 but returns the error
// estimate of the unit-interval integral unscaled (boostorg/math#449), so on a short interval
// (ρ → −1: b − a = 40w ~ 1e−6) a converged result failed `checked` with an estimate ~ε/((b − a)/2)
// relative. The two-argument form passes the distance to the nearer end (−1 − x or 1 − x), so
// nodes next to a and b keep their resolution.
template <class F>
quadrature integrate_between(F f, double a, double b) {
  static boost::math::quadrature::tanh_sinh<double> rule;  // non-const, as above
  const double half = 0.5 * (b - a);
  const auto on_unit = [&](double x, double to_end) { return f(x < 0.0 ? a - half * to_end : b - half * to_end); };
  quadrature q{0.0, 0.0};
  q.integral = half * rule.integrate(on_unit, 1e-15, &q.error);
  q.error *= half;
  return q;
}

// ln[T(h, ∞) − T(h, α)] = ln[(1/2π) ∫_α^∞ e^{−h²(1+x²)/2}/(1+x²) dx], α ∈ [0, ∞]: the upper tail
// of Owen's T integral. Integrating the tail itself is what removes the cancellation of eq. 5.
double log_owens_t_tail(const char* function, double h, double alpha) {
  if (alpha == infinity) return -infinity;
  if (alpha == 0.0) return log_normal_cdf(-std::abs(h)) - std::numbers::ln2;  // T(h, ∞) = ½Φ(−|h|)
  const double h_alpha = h * alpha;
  const double b = 0.5 * (h * h + h_alpha * h_alpha);  // exponent at x = α
  if (!std::isfinite(b)) return -infinity;               // ln of the tail ≈ −b, beyond the double range
  // h → 0 limit (1/2π) atan(1/α); the neglected part is ≤ 2.5 √(2b) < 1e−17 relative.
  if (b < 1e-35) return std::log(std::atan2(1.0, alpha) * inv_two_pi);
  // u² = h²(x² − α²)/2 moves the whole e^{−b−u²} decay into a Gaussian factor, so no boundary
  // layer appears however large b is:
  //   tail = e^{−b} |h|/(2π b m) ∫_0^∞ e^{−u²} / ((1 + u²/b) √((hα/(m u))² + 2/m²)) du,
  // with m = max(1, |hα|) making the integrand O(1), as the exp_sinh rule needs (without the
  // factors |h|/b and 1/m it is ~1e−154 at h = −1e154, and the rule fails), and |hα/m| ≤ 1 so
  // that its square cannot overflow.
  const double m = std::max(1.0, std::abs(h_alpha));
  const double scaled_h_alpha = h_alpha / m;
  const auto integrand = [&](double u) {
    const double ratio = scaled_h_alpha == 0.0 ? 0.0 : scaled_h_alpha / u;
    return std::exp(-u * u) / ((1.0 + u * u / b) * std::sqrt(ratio * ratio + 2.0 / (m * m)));
  };
  const double integral = checked(function, integrate_to_infinity(integrand, 0.0), h, alpha);
  return -b + std::log(std::abs(h) / b / m * inv_two_pi) + std::log(integral);
}

// ½Φ(x) − T(x, a) as a sum of non-negative terms; Φ2 of spec §3.2 is two of these minus β.
// T(x, ·) is odd and T(x, ∞) = ½Φ(−|x|), so for a ≥ 0 the term is [½ erf(x/√2)]₊ plus the tail.
double half_cdf_minus_owens_t(double x, double a) {
  if (a < 0.0) return 0.5 * normal_cdf(x) + (a == -infinity ? 0.5 * normal_cdf(-std::abs(x)) : boost::math::owens_t(x, -a));
  const double tail = std::exp(log_owens_t_tail("bivariate_normal_cdf", x, a));
  return x > 0.0 ? 0.5 * boost::math::erf(x * inv_sqrt2) + tail : tail;
}

// P(lower ≤ X ≤ upper), lower < upper, without subtracting numbers close to 1.
double interval_probability(double lower, double upper) {
  if (upper <= 0.0) return normal_cdf(upper) - normal_cdf(lower);
  if (lower >= 0.0) return normal_cdf(-lower) - normal_cdf(-upper);
  return 0.5 * (boost::math::erf(upper * inv_sqrt2) - boost::math::erf(lower * inv_sqrt2));
}

// Φ2(h, k; ρ) for h < 0 < k, ρ ∈ (−1, 0), with 1 + ρ given exactly (one_plus_rho):
// ∫_0^∞ φ(h − t) Φ((k − ρh + ρt)/s) dt (y = h − t). Both factors decrease in t, so the integrand
// is scaled by its value at t = 0; the Φ factor drops through ½ at t* = (k − ρh)/(−ρ) over a
// width w = s/|ρ|, so the range is split there. Past
// t* + 40w the Φ factor is < Φ(−40) = e^{−805}; when that point is near (w < 1, e.g. ρ → −1 where
// w ~ 1e−8) the rest is dropped and [t*, t* + 40w] integrated by tanh_sinh, a scale exp_sinh from
// t* would not resolve.
double opposite_sign_orthant(double h, double k, double rho, double one_plus_rho, double s) {
  // c = k − ρh without cancellation: as ρ → −1 with h ≈ −k it is ~ k(1 + ρ), a difference of
  // numbers ~k, and the rounding of ρh alone (~ε|k|) would move c/s, the Φ argument at t = 0, by
  // ~ε|k|/√(2(1+ρ)): 1e−8 relative in Φ2 at k = 3, 1 + ρ = 2^−53 (mpmath). Near −1 it is formed
  // as (h + k) − (1 + ρ)h from the exact 1 + ρ (h + k is exact when h ≈ −k), elsewhere by fma.
  const double c = one_plus_rho <= 0.5 ? std::fma(-one_plus_rho, h, h + k) : std::fma(-rho, h, k);
  const auto log_integrand = [&](double t) {
    return -0.5 * (h - t) * (h - t) - log_sqrt_two_pi + log_normal_cdf((c + rho * t) / s);
  };
  const double scale = log_integrand(0.0);
  // The scaled integrand is ≤ φ(h − t)/φ(h) ≤ e^{−t²/2}, so the integral is ≤ √(π/2): below e^{−750}
  // the result is not a double (and rounding in ℓ(t) − ℓ(0) would swamp the quadrature there).
  if (scale < -750.0) return 0.0;
  const auto integrand = [&](double t) { return std::exp(log_integrand(t) - scale); };
  const double drop = c > 0.0 ? c / -rho : 0.0;
  const double width = s / -rho;
  // Split only when t* is well away from 0 (a piece far narrower than w would only add rounding).
  const double from = drop > width ? drop : 0.0;
  quadrature total = from > 0.0 ? integrate_between(integrand, 0.0, from) : quadrature{0.0, 0.0};
  const quadrature rest = width < 1.0 ? integrate_between(integrand, from, drop + 40.0 * width) : integrate_to_infinity(integrand, from);
  total.integral += rest.integral;
  total.error += rest.error;
  return std::exp(scale + std::log(checked("bivariate_normal_cdf", total, h, k)));
}

// The correlation as the pair (1 − ρ, 1 + ρ): each in [0, 2], summing to 2 up to rounding.
void check_complements(const char* function, double one_minus_rho, double one_plus_rho) {
  if (!(one_minus_rho >= 0.0 && one_plus_rho >= 0.0 && std::abs(one_minus_rho + one_plus_rho - 2.0) <= 1e-12))
    throw std::domain_error(fmt::format("{}: one_minus_rho and one_plus_rho must be >= 0 and sum to 2, got {} and {}",
                                        function, one_minus_rho, one_plus_rho));
}

// Φ2(h, k; ρ) for h ≤ k, not NaN, with ρ and the pair (1 − ρ, 1 + ρ) it was formed from.
double ordered_bivariate_cdf(double h, double k, double rho, double one_minus_rho, double one_plus_rho) {
  if (h == -infinity) return 0.0;
  if (k == infinity) return normal_cdf(h);
  if (one_minus_rho == 0.0) return normal_cdf(h);                                     // ρ = 1: Y = X
  if (one_plus_rho == 0.0) return h + k > 0.0 ? interval_probability(-k, h) : 0.0;  // Y = −X: −k ≤ X ≤ h
  if (h == 0.0 && k == 0.0) return std::exp(log_equal_orthant(0.0, one_minus_rho, one_plus_rho));
  const double s = std::sqrt(one_minus_rho * one_plus_rho);
  // Spec §3.2: Φ2 = [½Φ(h) − T(h, a_h)] + [½Φ(k) − T(k, a_k)] − β, a_h = (k − ρh)/(h s).
  const auto term = [&](double x, double y, double r) { return half_cdf_minus_owens_t(x, (y - r * x) / (x * s)); };
  // One threshold 0: its term equals β (¼ ∓ ¼ against β = 0 or ½), leaving the other term.
  if (h == 0.0) return term(k, h, rho);
  if (k == 0.0) return term(h, k, rho);
  if (h > 0.0 || k < 0.0) return term(h, k, rho) + term(k, h, rho);  // same sign: β = 0
  // h < 0 < k, β = ½. For ρ ≥ 0 use Φ2 = Φ(h) − Φ2(h, −k; −ρ), whose thresholds are both negative;
  // Slepian's inequality Φ2 ≥ Φ(h)Φ(k) ≥ ½Φ(h) bounds the cancellation to one bit.
  if (rho >= 0.0) return normal_cdf(h) - (term(h, -k, -rho) + term(-k, h, -rho));
  return opposite_sign_orthant(h, k, rho, one_plus_rho, s);
}

void check_thresholds(const char* function, double h, double k) {
  if (std::isnan(h) || std::isnan(k))
    throw std::domain_error(fmt::format("{}: h and k must not be nan, got {} and {}", function, h, k));
}

}  // namespace

double normal_cdf(double x) {
  if (std::isnan(x)) throw std::domain_error("normal_cdf: x must not be nan");
  return x > 0.0 ? 1.0 - upper_tail(x) : upper_tail(-x);
}

double log_normal_cdf(double x) {
  if (std::isnan(x)) throw std::domain_error("log_normal_cdf: x must not be nan");
  if (x >= 0.0) return std::log1p(-upper_tail(x));
  if (x >= far_left_tail) return std::log(upper_tail(-x));
  if (x == -infinity) return -infinity;
  // ln Φ(x) = ln φ(x) − ln(φ/Φ)(x): every term negative, no cancellation, no underflow.
  return -0.5 * x * x - log_sqrt_two_pi - std::log(hazard_far_left(x));
}

double normal_pdf_over_cdf(double x) {
  if (std::isnan(x)) throw std::domain_error("normal_pdf_over_cdf: x must not be nan");
  if (x == -infinity) return infinity;
  if (x < far_left_tail) return hazard_far_left(x);
  return pdf(x) / normal_cdf(x);
}

double log_equal_orthant(double a, double one_minus_rho, double one_plus_rho) {
  if (std::isnan(a)) throw std::domain_error("log_equal_orthant: a must not be nan");
  check_complements("log_equal_orthant", one_minus_rho, one_plus_rho);
  if (a == infinity) return 0.0;
  if (a == -infinity) return -infinity;
  if (one_minus_rho == 0.0) return log_normal_cdf(a);  // ρ = 1: the two components coincide
  if (one_plus_rho == 0.0)                             // ρ = −1: P(−a ≤ X ≤ a)
    return a > 0.0 ? std::log(boost::math::erf(a * inv_sqrt2)) : -infinity;
  const double alpha = std::sqrt(one_minus_rho) / std::sqrt(one_plus_rho);  // finite for every positive 1 + ρ
  if (a >= far_left_tail) {
    // Eq. 5; the subtraction loses at most one bit when it keeps half of Φ(a).
    const double cdf = normal_cdf(a);
    const double owen = cdf - 2.0 * boost::math::owens_t(a, alpha);
    if (owen >= 0.5 * cdf) return std::log(owen);
  }
  // Φ2 = [2Φ(a) − 1]₊ + 2[T(a, ∞) − T(a, α)]: non-negative terms.
  const double log_twice_tail = std::numbers::ln2 + log_owens_t_tail("log_equal_orthant", a, alpha);
  return a > 0.0 ? std::log(boost::math::erf(a * inv_sqrt2) + std::exp(log_twice_tail)) : log_twice_tail;
}

double bivariate_normal_cdf(double h, double k, double rho) {
  check_thresholds("bivariate_normal_cdf", h, k);
  if (!(rho >= -1.0 && rho <= 1.0))
    throw std::domain_error(fmt::format("bivariate_normal_cdf: rho must lie in [-1, 1], got {}", rho));
  return ordered_bivariate_cdf(std::min(h, k), std::max(h, k), rho, 1.0 - rho, 1.0 + rho);  // symmetric in (h, k)
}

double bivariate_normal_cdf_pm(double h, double k, double one_minus_rho, double one_plus_rho) {
  check_thresholds("bivariate_normal_cdf_pm", h, k);
  check_complements("bivariate_normal_cdf_pm", one_minus_rho, one_plus_rho);
  // ρ itself from the smaller complement: exact where that one is (ρ ≥ ½ or ρ ≤ −½).
  const double rho = one_minus_rho <= one_plus_rho ? 1.0 - one_minus_rho : one_plus_rho - 1.0;
  return ordered_bivariate_cdf(std::min(h, k), std::max(h, k), rho, one_minus_rho, one_plus_rho);
}

double weighted_log_equal_orthant(double weight, double a, double one_minus_rho, double one_plus_rho) {
  return weight == 0.0 ? 0.0 : weight * log_equal_orthant(a, one_minus_rho, one_plus_rho);
}

}  // namespace steer::theory
