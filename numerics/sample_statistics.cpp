#include "numerics/sample_statistics.hpp"

#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace steer::numerics {

mean_with_error mean_and_sem(const std::vector<double>& samples) {
  const auto m = samples.size();
  if (m < 2) throw std::invalid_argument(fmt::format("mean_and_sem: need at least 2 samples, got {}", m));
  double sum = 0.0;
  for (const double x : samples) sum += x;
  const double mean = sum / static_cast<double>(m);
  double squares = 0.0;
  for (const double x : samples) squares += (x - mean) * (x - mean);
  const double variance = squares / static_cast<double>(m - 1);
  return {mean, std::sqrt(variance / static_cast<double>(m))};
}

mean_with_error ratio_of_means(const std::vector<double>& numerators, const std::vector<double>& denominators) {
  const auto m = numerators.size();
  if (m < 2 || denominators.size() != m)
    throw std::invalid_argument(fmt::format("ratio_of_means: need >= 2 paired samples, got {} and {}", m,
                                            denominators.size()));
  double sum_y = 0.0, sum_x = 0.0;
  for (std::size_t k = 0; k < m; ++k) {
    sum_y += numerators[k];
    sum_x += denominators[k];
  }
  if (sum_x == 0.0) throw std::domain_error("ratio_of_means: the denominators sum to 0");
  const double ratio = sum_y / sum_x;
  double squares = 0.0;
  for (std::size_t k = 0; k < m; ++k) squares += (numerators[k] - ratio * denominators[k]) * (numerators[k] - ratio * denominators[k]);
  const double mean_x = sum_x / static_cast<double>(m);
  return {ratio, std::sqrt(squares / (static_cast<double>(m) * static_cast<double>(m - 1))) / mean_x};
}

std::map<std::uint64_t, std::uint64_t> value_histogram(const std::vector<std::uint64_t>& values) {
  std::map<std::uint64_t, std::uint64_t> histogram;
  for (const auto v : values) ++histogram[v];
  return histogram;
}

}  // namespace steer::numerics
