#include "theory/pair_count.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "theory/annealed_count.hpp"
#include "theory/normal_probability.hpp"

namespace steer::theory {
namespace {

constexpr double minus_infinity = -std::numeric_limits<double>::infinity();

// weight · ln Φ2(a, a; ρ), with a zero weight contributing 0 even where ln Φ2 = −inf.
double weighted_log_orthant(double weight, double a, double one_minus_rho, double one_plus_rho) {
  return weight == 0.0 ? 0.0 : weight * log_equal_orthant(a, one_minus_rho, one_plus_rho);
}

// Binary entropy H(x) = −x ln x − (1−x) ln(1−x), with 0 ln 0 = 0.
double binary_entropy(double x) {
  const auto xlogx = [](double y) { return y > 0.0 ? y * std::log(y) : 0.0; };
  return -xlogx(x) - xlogx(1.0 - x);
}

// S2(1 − 2δ), eq. (6) with q = 1 − 2δ: (1+q)/2 = 1 − δ agreeing sites with 1 − q = 2δ,
// 1 + q = 2 − 2δ, and δ disagreeing sites with correlation −q — no 1 − q formed by subtraction.
double pair_entropy_at(double delta, double self_coupling) {
  return std::numbers::ln2 + binary_entropy(delta) +
         weighted_log_orthant(1.0 - delta, self_coupling, 2.0 * delta, 2.0 - 2.0 * delta) +
         weighted_log_orthant(delta, self_coupling, 2.0 - 2.0 * delta, 2.0 * delta);
}

}  // namespace

std::vector<double> log_expected_pairs(int n, double self_coupling) {
  check_size_and_coupling("log_expected_pairs", n, self_coupling);
  const double m = n - 1.0;
  const double a = self_coupling * std::sqrt(n / m);
  std::vector<double> logs;
  for (int d = 0; d <= n; ++d) {
    // 1 ∓ ρ from d directly (spec §8): agreeing 1−ρ_s = 2d/(N−1), 1+ρ_s = 2(N−1−d)/(N−1);
    // disagreeing 1+ρ_d = 2(d−1)/(N−1), 1−ρ_d = 2(N−d)/(N−1).
    const double agreeing = weighted_log_orthant(n - d, a, 2.0 * d / m, 2.0 * (m - d) / m);
    const double disagreeing = weighted_log_orthant(d, a, 2.0 * (n - d) / m, 2.0 * (d - 1) / m);
    const double log_binomial = std::lgamma(n + 1.0) - std::lgamma(d + 1.0) - std::lgamma(n - d + 1.0);
    logs.push_back(n * std::numbers::ln2 + log_binomial + agreeing + disagreeing);
  }
  return logs;
}

std::vector<double> expected_pairs(int n, double self_coupling) {
  check_size_and_coupling("expected_pairs", n, self_coupling);
  std::vector<double> values;
  for (const double log_value : log_expected_pairs(n, self_coupling)) {
    values.push_back(std::exp(log_value));
    if (!std::isfinite(values.back()))
      throw std::overflow_error(fmt::format("expected_pairs: a pair count overflows double at n = {}; use the logs", n));
  }
  return values;
}

double log_expected_squared_count(int n, double self_coupling) {
  check_size_and_coupling("log_expected_squared_count", n, self_coupling);
  const std::vector<double> logs = log_expected_pairs(n, self_coupling);
  const double largest = *std::max_element(logs.begin(), logs.end());
  if (largest == minus_infinity) return minus_infinity;
  double sum = 0.0;
  for (const double l : logs) sum += std::exp(l - largest);
  return largest + std::log(sum);
}

double pair_entropy_near_one(double delta, double self_coupling) {
  if (!(delta >= 0.0 && delta <= 1.0))
    throw std::domain_error(fmt::format("pair_entropy_near_one: delta must lie in [0, 1], got {}", delta));
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("pair_entropy_near_one: self_coupling must be finite, got {}", self_coupling));
  return pair_entropy_at(delta, self_coupling);
}

double pair_entropy(double q, double self_coupling) {
  if (!(q >= -1.0 && q <= 1.0)) throw std::domain_error(fmt::format("pair_entropy: q must lie in [-1, 1], got {}", q));
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("pair_entropy: self_coupling must be finite, got {}", self_coupling));
  return pair_entropy_at(0.5 * (1.0 - q), self_coupling);
}

double second_moment_ratio_large_n(double self_coupling) {
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("second_moment_ratio_large_n: self_coupling must be finite, got {}", self_coupling));
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

}  // namespace steer::theory
