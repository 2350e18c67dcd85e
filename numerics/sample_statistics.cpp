#include "numerics/sample_statistics.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace steer::numerics {

namespace {

// Mean and the sum of squared deviations (two-pass), checked for at least `minimum` samples.
std::pair<double, double> mean_and_squares(const std::vector<double>& samples, std::size_t minimum, const char* function) {
  if (samples.size() < minimum)
    throw std::invalid_argument(fmt::format("{}: need at least {} samples, got {}", function, minimum, samples.size()));
  double sum = 0.0;
  for (const double x : samples) sum += x;
  const double mean = sum / static_cast<double>(samples.size());
  double squares = 0.0;
  for (const double x : samples) squares += (x - mean) * (x - mean);
  return {mean, squares};
}

t_test_result two_sided(double difference, double standard_error, double degrees_of_freedom, const char* function) {
  if (!(standard_error > 0.0))
    throw std::invalid_argument(fmt::format("{}: zero variance, t is undefined", function));
  const double t = difference / standard_error;
  const boost::math::students_t distribution(degrees_of_freedom);
  return {t, degrees_of_freedom, 2.0 * boost::math::cdf(boost::math::complement(distribution, std::abs(t)))};
}

}  // namespace

mean_with_error mean_and_sem(const std::vector<double>& samples) {
  const auto [mean, squares] = mean_and_squares(samples, 2, "mean_and_sem");
  const double m = static_cast<double>(samples.size());
  return {mean, std::sqrt(squares / (m - 1.0) / m)};
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

mean_with_sd mean_and_population_sd(const std::vector<double>& samples) {
  const auto [mean, squares] = mean_and_squares(samples, 1, "mean_and_population_sd");
  return {mean, std::sqrt(squares / static_cast<double>(samples.size()))};
}

t_test_result student_t_test(const std::vector<double>& a, const std::vector<double>& b) {
  const auto [mean_a, squares_a] = mean_and_squares(a, 2, "student_t_test");
  const auto [mean_b, squares_b] = mean_and_squares(b, 2, "student_t_test");
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  const double pooled = (squares_a + squares_b) / (na + nb - 2.0);
  return two_sided(mean_a - mean_b, std::sqrt(pooled * (1.0 / na + 1.0 / nb)), na + nb - 2.0, "student_t_test");
}

t_test_result welch_t_test(const std::vector<double>& a, const std::vector<double>& b) {
  const auto [mean_a, squares_a] = mean_and_squares(a, 2, "welch_t_test");
  const auto [mean_b, squares_b] = mean_and_squares(b, 2, "welch_t_test");
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  const double va = squares_a / (na - 1.0) / na, vb = squares_b / (nb - 1.0) / nb;  // s²/n per group
  const double df = (va + vb) * (va + vb) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0));
  return two_sided(mean_a - mean_b, std::sqrt(va + vb), df, "welch_t_test");
}

t_test_result paired_t_test(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size())
    throw std::invalid_argument(fmt::format("paired_t_test: a has {} samples but b has {}", a.size(), b.size()));
  std::vector<double> differences(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) differences[i] = a[i] - b[i];
  const auto [mean, squares] = mean_and_squares(differences, 2, "paired_t_test");
  const double n = static_cast<double>(a.size());
  return two_sided(mean, std::sqrt(squares / (n - 1.0) / n), n - 1.0, "paired_t_test");
}

std::map<std::uint64_t, std::uint64_t> value_histogram(const std::vector<std::uint64_t>& values) {
  std::map<std::uint64_t, std::uint64_t> histogram;
  for (const auto v : values) ++histogram[v];
  return histogram;
}

}  // namespace steer::numerics
