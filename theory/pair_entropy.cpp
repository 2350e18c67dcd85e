#include "theory/pair_entropy.hpp"

#include <boost/math/tools/minima.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>
#include <vector>

#include "theory/annealed_count.hpp"
#include "theory/normal_probability.hpp"

namespace steer::theory {
namespace {

// S2(1 − 2δ), eq. (6) with q = 1 − 2δ: (1+q)/2 = 1 − δ agreeing sites with 1 − q = 2δ,
// 1 + q = 2 − 2δ, and δ disagreeing sites with correlation −q — no 1 − q formed by subtraction.
double pair_entropy_at(double delta, double self_coupling) {
  return std::numbers::ln2 + binary_entropy(delta) +
         weighted_log_equal_orthant(1.0 - delta, self_coupling, 2.0 * delta, 2.0 - 2.0 * delta) +
         weighted_log_equal_orthant(delta, self_coupling, 2.0 - 2.0 * delta, 2.0 * delta);
}

void check_coupling(const char* function, double self_coupling) {
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("{}: self_coupling must be finite, got {}", function, self_coupling));
}

void check_delta(const char* function, double delta) {
  if (!(delta >= 0.0 && delta <= 1.0))
    throw std::domain_error(fmt::format("{}: delta must lie in [0, 1], got {}", function, delta));
}

}  // namespace

std::vector<double> small_distance_grid() {
  std::vector<double> grid;
  for (int k = 0; k < 200; ++k) grid.push_back(std::pow(10.0, -12.0 + 10.0 * k / 200));
  for (int k = 0; k <= 200; ++k) grid.push_back(0.01 + 0.49 * k / 200);
  return grid;
}

double binary_entropy(double x) {
  if (!(x >= 0.0 && x <= 1.0)) throw std::domain_error(fmt::format("binary_entropy: x must lie in [0, 1], got {}", x));
  // (1 − x) ln(1 − x) through log1p: ln of a rounded 1 − x would cost a relative error ~ε/x in
  // the second term (1e−4 of it at x = 1e−12, where it is ≈ x and a third of H).
  const double first = x > 0.0 ? -x * std::log(x) : 0.0;
  const double second = x < 1.0 ? -(1.0 - x) * std::log1p(-x) : 0.0;
  return first + second;
}

double pair_entropy_near_one(double delta, double self_coupling) {
  check_delta("pair_entropy_near_one", delta);
  check_coupling("pair_entropy_near_one", self_coupling);
  return pair_entropy_at(delta, self_coupling);
}

double pair_entropy(double q, double self_coupling) {
  if (!(q >= -1.0 && q <= 1.0)) throw std::domain_error(fmt::format("pair_entropy: q must lie in [-1, 1], got {}", q));
  check_coupling("pair_entropy", self_coupling);
  return pair_entropy_at(0.5 * (1.0 - q), self_coupling);
}

double small_distance_coefficient(double self_coupling) {
  check_coupling("small_distance_coefficient", self_coupling);
  return std::sqrt(2.0 / std::numbers::pi) * normal_pdf_over_cdf(self_coupling);
}

double pair_entropy_small_distance(double delta, double self_coupling) {
  check_delta("pair_entropy_small_distance", delta);
  check_coupling("pair_entropy_small_distance", self_coupling);
  if (!(self_coupling > 0.0))
    throw std::domain_error(
        fmt::format("pair_entropy_small_distance: eq. (7) needs self_coupling > 0, got {}", self_coupling));
  const double cdf = normal_cdf(self_coupling);
  // (2Φ − 1)/Φ = 1 − Φ(−J)/Φ(J), without the cancellation of 2Φ − 1 at small J_D.
  const double single_flip = std::log1p(-normal_cdf(-self_coupling) / cdf);
  const double c = small_distance_coefficient(self_coupling);
  const double linear = delta > 0.0 ? delta * (-std::log(delta) + 1.0 + single_flip - 0.5 * c * c) : 0.0;
  return fixed_point_entropy(self_coupling) - c * std::sqrt(delta) + linear;
}

pair_entropy_maximum maximise_pair_entropy(double self_coupling) {
  check_coupling("maximise_pair_entropy", self_coupling);
  const std::vector<double> grid = small_distance_grid();
  std::size_t best = 0;
  std::vector<double> values;
  for (const double delta : grid) {
    values.push_back(pair_entropy_at(delta, self_coupling));
    if (values.back() > values[best]) best = values.size() - 1;
  }
  // δ = 0 (q = 1, S2 = s) is not on the grid: for J_D < 0 it can beat every interior point,
  // since S2 jumps there (no fixed point has one at distance 1).
  const double at_one = pair_entropy_at(0.0, self_coupling);
  if (at_one > values[best]) return {1.0, at_one};
  // Refine on the bracket of the best grid point; at q = 0 (last grid point) S2 is even in
  // δ − 1/2, so the bracket is mirrored.
  const double lower = best == 0 ? 0.0 : grid[best - 1];
  const double upper = best + 1 == grid.size() ? 1.0 - grid[best - 1] : grid[best + 1];
  const auto negative = [self_coupling](double delta) { return -pair_entropy_at(delta, self_coupling); };
  const auto [delta, minus_value] =
      boost::math::tools::brent_find_minima(negative, lower, upper, std::numeric_limits<double>::digits / 2);
  const double refined = -minus_value;
  if (refined < values[best]) return {std::abs(1.0 - 2.0 * grid[best]), values[best]};
  return {std::abs(1.0 - 2.0 * delta), refined};
}

double second_moment_ratio_large_n(double self_coupling) {
  check_coupling("second_moment_ratio_large_n", self_coupling);
  // −S2''(0) = 1 − (2 + J_D²) r + r² (spec §3.3); not positive ⇒ q = 0 is no maximum of S2 and the
  // Gaussian region's contribution grows exponentially with N. It is negative for every J_D below
  // the root −0.17835765 and falls monotonically to −2 as J_D → −∞ (mpmath, tools/reference/
  // pair_count.py); below J_D = −1 it is not evaluated, since r ≈ J_D² would overflow into inf − inf.
  if (self_coupling < -1.0) return std::numeric_limits<double>::infinity();
  const double hazard = normal_pdf_over_cdf(self_coupling);
  const double r = hazard * hazard;  // 0 for J_D ≳ 38, and then J_D (J_D r) = 0 even where J_D² overflows
  const double curvature = 1.0 - 2.0 * r - self_coupling * (self_coupling * r) + r * r;
  if (curvature <= 0.0) return std::numeric_limits<double>::infinity();
  return std::exp(-r) / std::sqrt(curvature);
}

double second_moment_exponent(double self_coupling) {
  check_coupling("second_moment_exponent", self_coupling);
  return maximise_pair_entropy(self_coupling).value - 2.0 * fixed_point_entropy(self_coupling);
}

}  // namespace steer::theory
