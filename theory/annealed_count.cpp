#include "theory/annealed_count.hpp"

#include <fmt/format.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "theory/normal_probability.hpp"

namespace steer::theory {

void check_size_and_coupling(const char* function, int n, double self_coupling) {
  if (n < 2) throw std::invalid_argument(fmt::format("{}: n must be >= 2, got {}", function, n));
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("{}: self_coupling must be finite, got {}", function, self_coupling));
}

double log_expected_fixed_points(int n, double self_coupling) {
  check_size_and_coupling("log_expected_fixed_points", n, self_coupling);
  const double a = self_coupling * std::sqrt(static_cast<double>(n) / (n - 1));
  return n * (std::numbers::ln2 + log_normal_cdf(a));
}

double expected_fixed_points(int n, double self_coupling) {
  const double value = std::exp(log_expected_fixed_points(n, self_coupling));
  if (!std::isfinite(value))
    throw std::overflow_error(fmt::format("expected_fixed_points: E[#FP] overflows double at n = {}; use the log", n));
  return value;
}

double fixed_point_entropy(double self_coupling) {
  if (!std::isfinite(self_coupling))
    throw std::domain_error(fmt::format("fixed_point_entropy: self_coupling must be finite, got {}", self_coupling));
  return std::numbers::ln2 + log_normal_cdf(self_coupling);
}

std::vector<double> exponentiate_counts(const std::vector<double>& logs, const char* function, int n) {
  std::vector<double> values;
  for (const double log_value : logs) {
    values.push_back(std::exp(log_value));
    if (!std::isfinite(values.back()))
      throw std::overflow_error(fmt::format("{}: an expected count overflows double at n = {}; use the logs", function, n));
  }
  return values;
}

}  // namespace steer::theory
