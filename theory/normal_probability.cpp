#include "theory/normal_probability.hpp"

#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/owens_t.hpp>
#include <fmt/format.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_erf.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace steer::theory {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double inv_sqrt2 = 0.5 * std::numbers::sqrt2;
constexpr double inv_two_pi = 0.5 * std::numbers::inv_pi;
constexpr double log_sqrt_two_pi = 0.91893853320467274178;  // ½ ln 2π

// Below this x, Φ(x) < 5e−198 and ln Φ, φ/Φ switch from Boost's erfc to GSL's normal hazard
// (a continued fraction for arguments > 25), which stays accurate where Φ underflows.
constexpr double far_left_tail = -30.0;

// φ(x)/Φ(x) = φ(−x)/Q(−x), GSL's hazard at −x, for x < far_left_tail.
double hazard_far_left(double x) {
  gsl_sf_result result;
  const int status = gsl_sf_hazard_e(-x, &result);
  if (status != GSL_SUCCESS)
    throw std::runtime_error(fmt::format("normal_pdf_over_cdf: GSL hazard failed at x = {}: {}", x, gsl_strerror(status)));
  return result.val;
}

// ∫_from^∞ f by exp_sinh (nodes cluster doubly exponentially at `from` and at infinity, so
// integrands with structure on many scales near `from` are resolved).
template <class F>
double integrate_to_infinity(const char* function, F f, double from) {
  // Non-const: Boost 1.74 declares integrate(f, a, b, ...) const but defines it non-const.
  static boost::math::quadrature::exp_sinh<double> rule;
  double error = 0.0;
  const double integral = rule.integrate(f, from, infinity, 1e-15, &error);
  if (!(error <= 1e-10 * integral))
    throw std::runtime_error(fmt::format("{}: exp_sinh quadrature did not converge (integral {}, error {})", function, integral, error));
  return integral;
}

// ln[T(h, ∞) − T(h, α)] = ln[(1/2π) ∫_α^∞ e^{−h²(1+x²)/2}/(1+x²) dx], α ∈ [0, ∞]: the upper tail
// of Owen's T integral. Integrating the tail itself is what removes the cancellation of eq. 5.
double log_owens_t_tail(double h, double alpha) {
  if (alpha == infinity) return -infinity;
  if (alpha == 0.0) return log_normal_cdf(-std::abs(h)) - std::numbers::ln2;  // T(h, ∞) = ½Φ(−|h|)
  const double h_alpha = h * alpha;
  const double b = 0.5 * (h * h + h_alpha * h_alpha);  // exponent at x = α
  if (!std::isfinite(b)) return -infinity;               // ln of the tail ≈ −b, beyond the double range
  // h → 0 limit (1/2π) atan(1/α); the neglected part is ≤ 2.5 √(2b) < 1e−17 relative.
  if (b < 1e-35) return std::log(std::atan2(1.0, alpha) * inv_two_pi);
  // u² = h²(x² − α²)/2 moves the whole e^{−b−u²} decay into a Gaussian factor, so no boundary
  // layer appears however large b is:
  //   tail = e^{−b}/(2π) ∫_0^∞ |h| e^{−u²} / ((b + u²) √((hα/u)² + 2)) du.
  const auto integrand = [&](double u) {
    const double ratio = h_alpha == 0.0 ? 0.0 : h_alpha / u;
    return std::abs(h) * std::exp(-u * u) / ((b + u * u) * std::sqrt(ratio * ratio + 2.0));
  };
  return -b + std::log(integrate_to_infinity("log_equal_orthant", integrand, 0.0) * inv_two_pi);
}

// ½Φ(x) − T(x, a) as a sum of non-negative terms; Φ2 of spec §3.2 is two of these minus β.
// T(x, ·) is odd and T(x, ∞) = ½Φ(−|x|), so for a ≥ 0 the term is [½ erf(x/√2)]₊ plus the tail.
double half_cdf_minus_owens_t(double x, double a) {
  if (a < 0.0) return 0.5 * normal_cdf(x) + (a == -infinity ? 0.5 * normal_cdf(-std::abs(x)) : boost::math::owens_t(x, -a));
  const double tail = std::exp(log_owens_t_tail(x, a));
  return x > 0.0 ? 0.5 * boost::math::erf(x * inv_sqrt2) + tail : tail;
}

// P(lower ≤ X ≤ upper), lower < upper, without subtracting numbers close to 1.
double interval_probability(double lower, double upper) {
  if (upper <= 0.0) return normal_cdf(upper) - normal_cdf(lower);
  if (lower >= 0.0) return normal_cdf(-lower) - normal_cdf(-upper);
  return 0.5 * (boost::math::erf(upper * inv_sqrt2) - boost::math::erf(lower * inv_sqrt2));
}

// Φ2(h, k; ρ) for h < 0 < k, ρ ∈ (−1, 0): ∫_0^∞ φ(h − t) Φ((k − ρh + ρt)/s) dt (y = h − t). Both
// factors decrease in t, so the integrand is scaled by its value at t = 0; the Φ factor drops
// through ½ at t* = (k − ρh)/(−ρ) over a width ~ s/|ρ|, so the range is split there.
double opposite_sign_orthant(double h, double k, double rho, double s) {
  const double c = k - rho * h;
  const auto log_integrand = [&](double t) {
    return -0.5 * (h - t) * (h - t) - log_sqrt_two_pi + log_normal_cdf((c + rho * t) / s);
  };
  const double scale = log_integrand(0.0);
  // The scaled integrand is ≤ φ(h − t)/φ(h) ≤ e^{−t²/2}, so the integral is ≤ √(π/2): below e^{−750}
  // the result is not a double (and rounding in ℓ(t) − ℓ(0) would swamp the quadrature there).
  if (scale < -750.0) return 0.0;
  const auto integrand = [&](double t) { return std::exp(log_integrand(t) - scale); };
  double integral = 0.0;
  double from = 0.0;
  if (c > 0.0) {
    from = c / -rho;
    static boost::math::quadrature::tanh_sinh<double> rule;  // non-const, as in integrate_to_infinity
    double error = 0.0;
    integral = rule.integrate(integrand, 0.0, from, 1e-15, &error);
    if (!(error <= 1e-10 * integral))
      throw std::runtime_error(fmt::format("bivariate_normal_cdf: tanh_sinh quadrature did not converge at h = {}, k = {}, rho = {}", h, k, rho));
  }
  integral += integrate_to_infinity("bivariate_normal_cdf", integrand, from);
  return std::exp(scale + std::log(integral));
}

}  // namespace

double normal_cdf(double x) {
  if (std::isnan(x)) throw std::domain_error("normal_cdf: x must not be nan");
  return 0.5 * boost::math::erfc(-x * inv_sqrt2);
}

double log_normal_cdf(double x) {
  if (std::isnan(x)) throw std::domain_error("log_normal_cdf: x must not be nan");
  if (x >= 0.0) return std::log1p(-0.5 * boost::math::erfc(x * inv_sqrt2));
  if (x >= far_left_tail) return std::log(0.5 * boost::math::erfc(-x * inv_sqrt2));
  if (x == -infinity) return -infinity;
  // ln Φ(x) = ln φ(x) − ln(φ/Φ)(x): every term negative, no cancellation, no underflow.
  return -0.5 * x * x - log_sqrt_two_pi - std::log(hazard_far_left(x));
}

double normal_pdf_over_cdf(double x) {
  if (std::isnan(x)) throw std::domain_error("normal_pdf_over_cdf: x must not be nan");
  if (x == -infinity) return infinity;
  if (x < far_left_tail) return hazard_far_left(x);
  return std::exp(-0.5 * x * x - log_sqrt_two_pi) / normal_cdf(x);
}

double log_equal_orthant(double a, double one_minus_rho, double one_plus_rho) {
  if (std::isnan(a)) throw std::domain_error("log_equal_orthant: a must not be nan");
  if (!(one_minus_rho >= 0.0 && one_plus_rho >= 0.0 && std::abs(one_minus_rho + one_plus_rho - 2.0) <= 1e-12))
    throw std::domain_error(fmt::format(
        "log_equal_orthant: one_minus_rho and one_plus_rho must be >= 0 and sum to 2, got {} and {}", one_minus_rho,
        one_plus_rho));
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
  const double log_twice_tail = std::numbers::ln2 + log_owens_t_tail(a, alpha);
  return a > 0.0 ? std::log(boost::math::erf(a * inv_sqrt2) + std::exp(log_twice_tail)) : log_twice_tail;
}

double bivariate_normal_cdf(double h, double k, double rho) {
  if (std::isnan(h) || std::isnan(k))
    throw std::domain_error(fmt::format("bivariate_normal_cdf: h and k must not be nan, got {} and {}", h, k));
  if (!(rho >= -1.0 && rho <= 1.0))
    throw std::domain_error(fmt::format("bivariate_normal_cdf: rho must lie in [-1, 1], got {}", rho));
  if (h > k) std::swap(h, k);  // Φ2 is symmetric in (h, k); from here h ≤ k
  if (h == -infinity) return 0.0;
  if (k == infinity) return normal_cdf(h);
  if (rho == 1.0) return normal_cdf(h);
  if (rho == -1.0) return h + k > 0.0 ? interval_probability(-k, h) : 0.0;  // Y = −X: −k ≤ X ≤ h
  if (h == 0.0 && k == 0.0) return std::exp(log_equal_orthant(0.0, 1.0 - rho, 1.0 + rho));
  const double s = std::sqrt((1.0 - rho) * (1.0 + rho));
  // Spec §3.2: Φ2 = [½Φ(h) − T(h, a_h)] + [½Φ(k) − T(k, a_k)] − β, a_h = (k − ρh)/(h s).
  const auto term = [&](double x, double y, double r) { return half_cdf_minus_owens_t(x, (y - r * x) / (x * s)); };
  // One threshold 0: its term equals β (¼ ∓ ¼ against β = 0 or ½), leaving the other term.
  if (h == 0.0) return term(k, h, rho);
  if (k == 0.0) return term(h, k, rho);
  if (h > 0.0 || k < 0.0) return term(h, k, rho) + term(k, h, rho);  // same sign: β = 0
  // h < 0 < k, β = ½. For ρ ≥ 0 use Φ2 = Φ(h) − Φ2(h, −k; −ρ), whose thresholds are both negative;
  // Slepian's inequality Φ2 ≥ Φ(h)Φ(k) ≥ ½Φ(h) bounds the cancellation to one bit.
  if (rho >= 0.0) return normal_cdf(h) - (term(h, -k, -rho) + term(-k, h, -rho));
  return opposite_sign_orthant(h, k, rho, s);
}

}  // namespace steer::theory
