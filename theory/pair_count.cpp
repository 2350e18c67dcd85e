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

}  // namespace

std::vector<double> log_expected_pairs(int n, double self_coupling) {
  check_size_and_coupling("log_expected_pairs", n, self_coupling);
  const double m = n - 1.0;
  const double a = self_coupling * std::sqrt(n / m);
  std::vector<double> logs;
  for (int d = 0; d <= n; ++d) {
    // 1 ∓ ρ from d directly (spec §8): agreeing 1−ρ_s = 2d/(N−1), 1+ρ_s = 2(N−1−d)/(N−1);
    // disagreeing 1+ρ_d = 2(d−1)/(N−1), 1−ρ_d = 2(N−d)/(N−1).
    const double agreeing = weighted_log_equal_orthant(n - d, a, 2.0 * d / m, 2.0 * (m - d) / m);
    const double disagreeing = weighted_log_equal_orthant(d, a, 2.0 * (n - d) / m, 2.0 * (d - 1) / m);
    const double log_binomial = std::lgamma(n + 1.0) - std::lgamma(d + 1.0) - std::lgamma(n - d + 1.0);
    logs.push_back(n * std::numbers::ln2 + log_binomial + agreeing + disagreeing);
  }
  return logs;
}

std::vector<double> expected_pairs(int n, double self_coupling) {
  check_size_and_coupling("expected_pairs", n, self_coupling);
  return exponentiate_counts(log_expected_pairs(n, self_coupling), "expected_pairs", n);
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

std::vector<double> finite_size_pair_entropy(int n, double self_coupling) {
  check_size_and_coupling("finite_size_pair_entropy", n, self_coupling);
  std::vector<double> logs = log_expected_pairs(n, self_coupling);
  for (double& l : logs) l /= n;
  return logs;
}

double log_second_moment_ratio(int n, double self_coupling) {
  check_size_and_coupling("log_second_moment_ratio", n, self_coupling);
  return log_expected_squared_count(n, self_coupling) - 2.0 * log_expected_fixed_points(n, self_coupling);
}

}  // namespace steer::theory
