#include "theory/normal_probability.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/owens_t.hpp>
#include <fmt/format.h>
#include <gsl/gsl_sf_erf.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace steer::theory {
namespace {

constexpr double inv_sqrt2 = 0.70710678118654752440;

double log_normal_pdf(double x) { return -0.5 * x * x - 0.5 * std::log(2.0 * boost::math::constants::pi<double>()); }

}  // namespace

double normal_cdf(double x) { return 0.5 * boost::math::erfc(-x * inv_sqrt2); }

double log_normal_cdf(double x) {
  if (std::isnan(x)) throw std::domain_error("log_normal_cdf: x must not be nan");
  if (x >= 0.0) return std::log1p(-0.5 * boost::math::erfc(x * inv_sqrt2));
  return std::log(0.5) + gsl_sf_log_erfc(-x * inv_sqrt2);
}

double log_equal_orthant(double a, double one_minus_rho, double one_plus_rho) {
  if (!std::isfinite(a)) throw std::domain_error(fmt::format("log_equal_orthant: a must be finite, got {}", a));
  if (!(one_minus_rho >= 0.0 && one_plus_rho >= 0.0 && std::abs(one_minus_rho + one_plus_rho - 2.0) < 1e-12))
    throw std::domain_error(fmt::format("log_equal_orthant: need 1-rho, 1+rho >= 0 summing to 2, got {} and {}",
                                        one_minus_rho, one_plus_rho));
  if (one_minus_rho == 0.0) return log_normal_cdf(a);  // ρ = 1: the two components coincide
  if (one_plus_rho == 0.0)                             // ρ = −1: P(−a ≤ X ≤ a)
    return a > 0.0 ? std::log(boost::math::erf(a * inv_sqrt2)) : -std::numeric_limits<double>::infinity();
  if (a >= 0.0)
    return std::log(normal_cdf(a) - 2.0 * boost::math::owens_t(a, std::sqrt(one_minus_rho / one_plus_rho)));
  // a < 0: ∫_0^∞ φ(a − t) Φ((a(1−ρ) + ρ t)/s) dt, s = √((1−ρ)(1+ρ)), scaled by its value at
  // t = 0 so that tiny results (1e−83 and below) keep full relative accuracy.
  const double rho = 0.5 * (one_plus_rho - one_minus_rho);
  const double s = std::sqrt(one_minus_rho * one_plus_rho);
  const auto log_integrand = [&](double t) { return log_normal_pdf(a - t) + log_normal_cdf((a * one_minus_rho + rho * t) / s); };
  const double scale = log_integrand(0.0);
  const auto integrand = [&](double t) { return std::exp(log_integrand(t) - scale); };
  const double integral =
      boost::math::quadrature::gauss_kronrod<double, 61>::integrate(integrand, 0.0, std::numeric_limits<double>::infinity(), 20, 1e-14);
  return scale + std::log(integral);
}

}  // namespace steer::theory
