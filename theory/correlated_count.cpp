#include "theory/correlated_count.hpp"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/tools/minima.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "theory/annealed_count.hpp"
#include "theory/normal_probability.hpp"

namespace steer::theory {
namespace {

void check_symmetry(const char* function, double symmetry) {
  if (!(symmetry >= -1.0 && symmetry <= 1.0))
    throw std::domain_error(fmt::format("{}: symmetry must lie in [-1, 1], got {}", function, symmetry));
}

// Minimum of a function that is convex on [lo, hi] (Brent, full double precision).
template <class F>
std::pair<double, double> minimise(F f, double lo, double hi) {
  return boost::math::tools::brent_find_minima(f, lo, hi, std::numeric_limits<double>::digits);
}

}  // namespace

double log_expected_fixed_points_correlated(int n, double self_coupling, double symmetry) {
  check_size_and_coupling("log_expected_fixed_points_correlated", n, self_coupling);
  check_symmetry("log_expected_fixed_points_correlated", symmetry);
  if (symmetry < 0.0)
    throw std::domain_error(fmt::format(
        "log_expected_fixed_points_correlated: the finite-N count is only available for symmetry >= 0, got {}; "
        "use fixed_point_entropy_correlated (large N)", symmetry));
  if (symmetry == 0.0) return log_expected_fixed_points(n, self_coupling);
  const double b = std::sqrt(symmetry / n);
  const double residual = (n - 1.0 - symmetry) / n;
  if (residual == 0.0)  // N = 2, η = 1: λ_1 = λ_2 = b z exactly
    return n * std::numbers::ln2 + log_normal_cdf(self_coupling / b);
  const double sd = std::sqrt(residual);
  // Log of the integrand of (C1) without the constant −½ ln 2π. It is concave with curvature
  // ≤ −1, so exp(g − g*) ≤ exp(−(z − z*)²/2): [z* − 40, z* + 40] holds all but e^{−800} of it.
  const auto g = [&](double z) { return -0.5 * z * z + n * log_normal_cdf((self_coupling + b * z) / sd); };
  const double reach = 50.0 + 10.0 * std::sqrt(static_cast<double>(n)) + std::abs(self_coupling) / b;
  const double peak = minimise([&](double z) { return -g(z); }, -reach, reach).first;
  const double g_peak = g(peak);
  const double integral = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
      [&](double z) { return std::exp(g(z) - g_peak); }, peak - 40.0, peak + 40.0, 20, 1e-13);
  return n * std::numbers::ln2 + g_peak + std::log(integral) - 0.5 * std::log(2.0 * std::numbers::pi);
}

double fixed_point_entropy_correlated(double self_coupling, double symmetry) {
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("fixed_point_entropy_correlated: self_coupling must be finite, got {}", self_coupling));
  check_symmetry("fixed_point_entropy_correlated", symmetry);
  if (symmetry == 0.0) return fixed_point_entropy(self_coupling);
  if (symmetry == -1.0 && self_coupling <= 0.0) return -std::numeric_limits<double>::infinity();
  const auto bracket = [&](double u) { return log_normal_cdf(self_coupling + u) - u * u / (2.0 * symmetry); };
  // Stationary point u* = η φ(J_D + u*)/Φ(J_D + u*): same sign as η, and |u*| ≤ |η|(|J_D| + 1)/(1 − |η|)
  // for |η| < 1 (φ/Φ(x) ≤ |x| + 1 for x ≤ 0); the reach below covers it with room.
  const double room = symmetry > -1.0 ? 1.0 / (1.0 + symmetry) : 1.0;
  const double reach = 10.0 + 10.0 * (std::abs(self_coupling) + 1.0) * room;
  const double extremum = symmetry > 0.0 ? -minimise([&](double u) { return -bracket(u); }, 0.0, reach).second
                                         : minimise(bracket, -reach, 0.0).second;
  return std::numbers::ln2 + extremum;
}

}  // namespace steer::theory
