// Sample mean and standard error, and integer-valued histograms (counts of fixed points).
#pragma once

#include <cstdint>
#include <map>
#include <vector>

namespace steer::numerics {

struct mean_with_error {
  double mean = 0.0;
  double sem = 0.0;  // standard error of the mean, sample standard deviation / √M
};

// Two-pass mean and SEM; throws std::invalid_argument for fewer than 2 samples.
mean_with_error mean_and_sem(const std::vector<double>& samples);

// value → number of samples with that value, ascending.
std::map<std::uint64_t, std::uint64_t> value_histogram(const std::vector<std::uint64_t>& values);

}  // namespace steer::numerics
