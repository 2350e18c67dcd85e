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

std::map<std::uint64_t, std::uint64_t> value_histogram(const std::vector<std::uint64_t>& values) {
  std::map<std::uint64_t, std::uint64_t> histogram;
  for (const auto v : values) ++histogram[v];
  return histogram;
}

}  // namespace steer::numerics
