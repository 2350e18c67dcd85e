#include "theory/correlated_count.hpp"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/tools/minima.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <utility>

#include "theory/annealed_count.hpp"
#include "theory/normal_probability.hpp"

namespace steer::theory {
namespace {

const double log_sqrt_two_pi = 0.5 * std::log(2.0 * std::numbers::pi);

void check_symmetry(const char* function, double symmetry) {
  if (!(symmetry >= -1.0 && symmetry <= 1.0))
    throw std::domain_error(fmt::format("{}: symmetry must lie in [-1, 1], got {}", function, symmetry));
}

// Maximum of a concave f on [lo, hi] by Brent's method: {argmax, max}. The argmax is only good to
// ~√ε, but the maximum, where f is flat, is good to ~ε relative.
template <class F>
std::pair<double, double> maximise(F f, double lo, double hi) {
  const auto [x, minus_f] = boost::math::tools::brent_find_minima([&](double v) { return -f(v); }, lo, hi,
                                                                   std::numeric_limits<double>::digits);
  return {x, -minus_f};
}

}  // namespace

double log_expected_fixed_points_correlated(int n, double self_coupling, double symmetry) {
  constexpr const char* function = "log_expected_fixed_points_correlated";
  check_size_and_coupling(function, n, self_coupling);
  check_symmetry(function, symmetry);
  if (symmetry < 0.0)
    throw std::domain_error(fmt::format(
        "{}: the finite-N count is only available for symmetry >= 0, got {}; for symmetry < 0 use the large-N "
        "entropy fixed_point_entropy_correlated",
        function, symmetry));
  if (symmetry == 0.0) return log_expected_fixed_points(n, self_coupling);
  // N = 2: (λ_1, λ_2) = (J_12, J_21) have variance ½ and correlation η, so E[#FP] = 4 Φ2(a, a; η),
  // a = J_D √2, in closed form (C1's Φ factor would turn into a step as η → 1).
  if (n == 2) return 2.0 * std::numbers::ln2 + log_equal_orthant(self_coupling * std::numbers::sqrt2, 1.0 - symmetry, 1.0 + symmetry);
  const double b = std::sqrt(symmetry / n);
  const double sd = std::sqrt((n - 1.0 - symmetry) / n);  // ≥ √(1/3) for N ≥ 3
  // Log of the integrand of (C1) without −½ ln 2π: concave with g'' ≤ −1. g'(0) > 0 and, φ/Φ being
  // decreasing, g' ≤ 0 at z = N(b/sd)(φ/Φ)(J_D/sd): the peak lies between.
  const auto g = [&](double z) { return -0.5 * z * z + n * log_normal_cdf((self_coupling + b * z) / sd); };
  const auto [peak, g_peak] = maximise(g, 0.0, n * b / sd * normal_pdf_over_cdf(self_coupling / sd));
  // e^{g − g*} ≤ e^{−(z − z*)²/2}, so [z* − 40, z* + 40] holds all but e^{−800} of the integral.
  // Rounding in g − g* (relative ~ε|g*|) limits the attainable relative accuracy of the integral.
  const double tolerance = 1e-14 + 64.0 * std::numeric_limits<double>::epsilon() * std::abs(g_peak);
  double error = 0.0;
  const double integral = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(
      [&](double z) { return std::exp(g(z) - g_peak); }, peak - 40.0, peak + 40.0, 15, tolerance, &error);
  if (!(error <= 100.0 * tolerance * integral))
    throw std::runtime_error(fmt::format("{}: quadrature did not converge at n = {}, self_coupling = {}, symmetry = {}",
                                         function, n, self_coupling, symmetry));
  return n * std::numbers::ln2 + g_peak + std::log(integral) - log_sqrt_two_pi;
}

double fixed_point_entropy_correlated(double self_coupling, double symmetry) {
  constexpr const char* function = "fixed_point_entropy_correlated";
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("{}: self_coupling must be finite, got {}", function, self_coupling));
  check_symmetry(function, symmetry);
  if (symmetry == 0.0) return fixed_point_entropy(self_coupling);
  if (symmetry == -1.0 && self_coupling <= 0.0) return -std::numeric_limits<double>::infinity();
  // η = −1, J_D → 0⁺: the saddle x = J_D + u ≈ −1/J_D runs off to −∞ (beyond any search window for
  // J_D ≲ 1e−150). With the Mills series (φ/Φ)(x) = −x(1 + 1/x² − 2/x⁴ + …) the minimum of (C2) is
  //   s = ln 2 + 1 − ½ ln 2π + ln J_D − J_D²/2 + J_D⁴/2 + O(J_D⁶),
  // so below J_D = 1e−4 the two leading corrections leave an error ≤ 1e−24.
  if (symmetry == -1.0 && self_coupling < 1e-4)
    return std::numbers::ln2 + 1.0 - log_sqrt_two_pi + std::log(self_coupling) +
           0.5 * self_coupling * self_coupling * (self_coupling * self_coupling - 1.0);
  // The bracket of (C2), ln Φ(x) − u²/(2η) with x = J_D + u. For η < 0 and x < 0 the two terms nearly
  // cancel when x ≪ 0; there ln Φ(x) = −x²/2 − ½ ln 2π − ln (φ/Φ)(x) and the squares are combined by hand:
  // −x²/2 − u²/(2η) = −J_D²/2 − J_D u + (u²/2)(−1/η − 1), exactly 0·u² at η = −1.
  const double square_coefficient = -1.0 / symmetry - 1.0;
  const auto bracket = [&](double u) {
    const double x = self_coupling + u;
    if (symmetry > 0.0 || x >= 0.0) return log_normal_cdf(x) - u * u / (2.0 * symmetry);
    const double square = square_coefficient == 0.0 ? 0.0 : 0.5 * u * u * square_coefficient;
    return -0.5 * self_coupling * self_coupling - self_coupling * u + square - log_sqrt_two_pi -
           std::log(normal_pdf_over_cdf(x));
  };
  if (symmetry > 0.0) {
    // Concave; stationarity u = η (φ/Φ)(J_D + u) puts the maximum in [0, η (φ/Φ)(J_D)] (φ/Φ decreases).
    return std::numbers::ln2 + maximise(bracket, 0.0, symmetry * normal_pdf_over_cdf(self_coupling)).second;
  }
  // Convex with slope (φ/Φ)(J_D) > 0 at u = 0, so the minimum is at some u < 0, and it lies above lo
  // once bracket(lo) ≥ bracket(lo/2).
  double lo = -1.0;
  while (bracket(lo) < bracket(0.5 * lo)) {
    lo *= 2.0;
    if (lo < -1e150)
      throw std::domain_error(fmt::format(
          "{}: the saddle point lies beyond u = -1e150 (self_coupling = {} too close to 0 for symmetry = {})", function,
          self_coupling, symmetry));
  }
  return std::numbers::ln2 - maximise([&](double u) { return -bracket(u); }, lo, 0.0).second;
}

}  // namespace steer::theory
