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

// Mean and population standard deviation (ddof = 0), as spec rate-rnn-credit-assignment §8.2
// reports results over seeds and splits; throws for an empty sample.
struct mean_with_sd {
  double mean = 0.0;
  double sd = 0.0;
};
mean_with_sd mean_and_population_sd(const std::vector<double>& samples);

// Two-sided t-tests (spec §8.2), p from Boost.Math's Student t distribution:
//   student_t_test  pooled variance, df = n_a + n_b − 2 (scipy ttest_ind, equal_var=True)
//   welch_t_test    Welch–Satterthwaite df (scipy ttest_ind, equal_var=False)
//   paired_t_test   one-sample test of the differences a_i − b_i, df = n − 1 (scipy ttest_rel)
// t > 0 when a's mean is larger. Throw std::invalid_argument for fewer than 2 samples per group,
// unequal lengths (paired) or zero variance (t undefined).
struct t_test_result {
  double t = 0.0;
  double degrees_of_freedom = 0.0;
  double p_value = 1.0;
};
t_test_result student_t_test(const std::vector<double>& a, const std::vector<double>& b);
t_test_result welch_t_test(const std::vector<double>& a, const std::vector<double>& b);
t_test_result paired_t_test(const std::vector<double>& a, const std::vector<double>& b);

// value → number of samples with that value, ascending.
std::map<std::uint64_t, std::uint64_t> value_histogram(const std::vector<std::uint64_t>& values);

}  // namespace steer::numerics
