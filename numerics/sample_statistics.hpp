// Sample mean and standard error, and integer-valued histograms (counts of fixed points).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace steer::numerics {

struct mean_with_error {
  double mean = 0.0;
  double sem = 0.0;  // standard error of the mean, sample standard deviation / √M
  bool operator==(const mean_with_error&) const = default;
};

// Two-pass mean and SEM; throws std::invalid_argument for fewer than 2 samples.
mean_with_error mean_and_sem(const std::vector<double>& samples);

// Ratio of means R = Σ y_k / Σ x_k over paired samples (x_k, y_k), e.g. fixed-point pairs per
// fixed point pooled over networks, and its delta-method standard error
// √(Σ_k (y_k − R x_k)² / (M(M−1))) / x̄ (Cochran, Sampling Techniques, 3rd ed., eq. 6.9).
// Throws std::invalid_argument for fewer than 2 samples or unequal lengths, std::domain_error
// when Σ x_k = 0.
mean_with_error ratio_of_means(const std::vector<double>& numerators, const std::vector<double>& denominators);

// value → number of samples with that value, ascending.
std::map<std::uint64_t, std::uint64_t> value_histogram(const std::vector<std::uint64_t>& values);

}  // namespace steer::numerics
