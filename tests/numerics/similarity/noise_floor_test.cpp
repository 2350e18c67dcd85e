// Neuron-split noise floor and normalised distances (spec rate-rnn-credit-assignment §7.5,
// §10 item 11), on surrogate data: a few smooth latent factors read out by many neurons, plus
// trial noise averaged over K trials (noise of SD σ/√K: the mean of K independent N(0, σ²)
// draws has exactly that distribution).
#include "numerics/similarity/noise_floor.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

#include "numerics/similarity/procrustes.hpp"
#include "tests/numerics/similarity/random_matrices.hpp"

namespace {

using namespace steer::numerics;
using steer_test::gaussian_matrix;

constexpr int conditions = 4, times = 25, latents = 3;

// (conditions·times) × latents: condition-specific phases of slow oscillations.
Eigen::MatrixXd latent_factors() {
  Eigen::MatrixXd l(conditions * times, latents);
  for (int c = 0; c < conditions; ++c)
    for (int t = 0; t < times; ++t)
      for (int k = 0; k < latents; ++k)
        l(t + times * c, k) = std::sin(2 * std::numbers::pi * (k + 1) * t / times + 1.7 * c * (k + 1));
  return l;
}

// `neurons` noise-free responses (seeded readout) and their average over `trials` noisy trials.
activity_array neurons(int count, double trials, std::uint64_t seed) {
  const Eigen::MatrixXd clean = latent_factors() * gaussian_matrix(latents, count, seed);
  const double noise_sd = std::isinf(trials) ? 0.0 : 1.0 / std::sqrt(trials);
  return {conditions, times, clean + noise_sd * gaussian_matrix(conditions * times, count, seed + 1)};
}

noise_floor_options procrustes_floor(int splits) {
  noise_floor_options options;
  options.splits = splits;
  options.seed = 7;
  return options;
}

TEST(NoiseFloor, DataFloorFallsWithTrialsTowardsTheNoiseFreeValue) {
  const double infinite = std::numeric_limits<double>::infinity();
  const double noise_free = data_noise_floor(neurons(400, infinite, 1), procrustes_floor(20)).d1.mean;
  double previous = 1.0;
  for (const double trials : {1.0, 4.0, 16.0, 64.0, 1024.0}) {
    const double floor = data_noise_floor(neurons(400, trials, 1), procrustes_floor(20)).d1.mean;
    EXPECT_LT(floor, previous) << trials;
    previous = floor;
  }
  // The noise-free floor is the neuron-sampling floor alone (200 random readouts of 3 factors
  // per half); 1024 trials leave noise of SD 0.03 against signal of SD ~1.
  EXPECT_LT(noise_free, 0.1);
  EXPECT_NEAR(previous, noise_free, 0.02);
  EXPECT_GT(data_noise_floor(neurons(400, 1.0, 1), procrustes_floor(20)).d1.mean, 3 * noise_free);
}

// A "model" made of other neurons of the same population sits on the data floor (d̂2 ≈ 0);
// the condition-averaged control does not (d̂3 > 0).
TEST(NoiseFloor, HeldOutNeuronsAsModelScoreOnTheFloor) {
  const activity_array both = neurons(400, 4.0, 3);
  std::vector<int> first, second;
  for (int u = 0; u < 200; ++u) {
    first.push_back(u);
    second.push_back(u + 200);
  }
  const noise_floor_result r = compare_model_to_data(both.select_units(second), both.select_units(first),
                                                     procrustes_floor(100));
  EXPECT_EQ(r.split_size, 100);
  EXPECT_EQ(r.splits.size(), 100u);
  // 4 standard errors of the split mean (splits of one data set are correlated, so this is
  // generous only if they were independent; the observed mean is far inside it).
  EXPECT_LT(std::abs(r.d2_hat.mean), 4 * r.d2_hat.sd / std::sqrt(100.0) + 0.01) << r.d2_hat.mean;
  EXPECT_GT(r.d3_hat.mean, 0.3);
  for (const auto& s : r.splits) {
    EXPECT_DOUBLE_EQ(s.d2_hat, (s.d2 - s.d1) / (1 - s.d1));
    EXPECT_DOUBLE_EQ(s.d3_hat, (s.d3 - s.d1) / (1 - s.d1));
  }
  const activity_array data = both.select_units(first);
  EXPECT_DOUBLE_EQ(r.full_data_baseline, procrustes_distance(data.samples(), data.condition_averaged().samples()));
}

TEST(NoiseFloor, SameResultForAnyThreadCount) {
  const activity_array data = neurons(60, 2.0, 5), model = neurons(40, 2.0, 9);
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const auto one = compare_model_to_data(model, data, procrustes_floor(16));
  omp_set_num_threads(3);
  const auto three = compare_model_to_data(model, data, procrustes_floor(16));
  omp_set_num_threads(threads);
  for (std::size_t k = 0; k < one.splits.size(); ++k) {
    EXPECT_EQ(one.splits[k].d1, three.splits[k].d1);
    EXPECT_EQ(one.splits[k].d2, three.splits[k].d2);
    EXPECT_EQ(one.splits[k].d3, three.splits[k].d3);
  }
  // Another seed draws other splits.
  auto other = procrustes_floor(16);
  other.seed = 8;
  EXPECT_NE(compare_model_to_data(model, data, other).d1.mean, one.d1.mean);
}

TEST(NoiseFloor, DefaultsAndBadInput) {
  noise_floor_options dsa_options;
  dsa_options.metric = similarity_metric::dsa;
  EXPECT_EQ(split_count(dsa_options), 5);
  EXPECT_EQ(split_count(noise_floor_options{}), 100);
  const activity_array data = neurons(60, 2.0, 5);
  EXPECT_THROW(compare_model_to_data(neurons(29, 2.0, 6), data, procrustes_floor(2)), std::invalid_argument);
  const activity_array other_layout(2, 50, data.samples());
  EXPECT_THROW(compare_model_to_data(other_layout, data, procrustes_floor(2)), std::invalid_argument);
  EXPECT_THROW(parse_similarity_metric("euclid"), std::invalid_argument);
  EXPECT_EQ(parse_similarity_metric("cka"), similarity_metric::cka);
}

}  // namespace
