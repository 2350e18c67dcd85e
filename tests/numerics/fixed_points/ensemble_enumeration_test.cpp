#include "numerics/fixed_points/ensemble_enumeration.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include "numerics/fixed_points/pair_distances.hpp"

using namespace steer::numerics;

TEST(EnsembleEnumeration, NetworkKIsTheSampledNetworkK) {
  ensemble_options options;
  options.seed = 9;
  options.networks = 5;
  options.keep_states = true;
  const coupling_ensemble e{11, 0.5, 0.0};
  const auto results = enumerate_ensemble(e, options);
  for (std::uint64_t k = 0; k < 5; ++k) {
    const auto direct = enumerate_fixed_points(sample_couplings(e, 9, k));
    EXPECT_EQ(results[k].states, direct.fixed_points);
    EXPECT_EQ(results[k].count, direct.count);
    EXPECT_EQ(results[k].pair_histogram, pair_distance_histogram(direct.fixed_points, 11));
  }
}

TEST(EnsembleEnumeration, BitwiseIdenticalForOneAndTwoThreads) {
  ensemble_options options;
  options.networks = 64;
  const coupling_ensemble e{13, 0.25, 0.3};
  omp_set_num_threads(1);
  const auto one = summarise(enumerate_ensemble(e, options));
  omp_set_num_threads(2);
  const auto two = summarise(enumerate_ensemble(e, options));
  EXPECT_EQ(one.count.mean, two.count.mean);
  EXPECT_EQ(one.count.sem, two.count.sem);
  ASSERT_EQ(one.pairs.size(), two.pairs.size());
  for (std::size_t d = 0; d < one.pairs.size(); ++d) {
    EXPECT_EQ(one.pairs[d].mean, two.pairs[d].mean);
    EXPECT_EQ(one.pairs[d].sem, two.pairs[d].sem);
  }
  EXPECT_EQ(one.count_distribution, two.count_distribution);
}

TEST(EnsembleEnumeration, ShardsConcatenateToTheWholeRun) {
  ensemble_options whole;
  whole.networks = 10;
  ensemble_options first = whole, second = whole;
  first.networks = second.networks = 5;
  second.first_network = 5;
  const coupling_ensemble e{10, 0.5, 0.0};
  const auto all = enumerate_ensemble(e, whole), a = enumerate_ensemble(e, first), b = enumerate_ensemble(e, second);
  for (int k = 0; k < 10; ++k) EXPECT_EQ(all[k].count, (k < 5 ? a[k] : b[k - 5]).count);
}

TEST(EnsembleEnumeration, BadOptionsThrow) {
  ensemble_options options;
  options.networks = 0;
  EXPECT_THROW(enumerate_ensemble({8, 0.5, 0.0}, options), std::invalid_argument);
  options.networks = 2;
  EXPECT_THROW(enumerate_ensemble({41, 0.5, 0.0}, options), std::invalid_argument);
}

// λ = 0: the modules are independent networks, so every fixed point of the whole is a product
// of fixed points of the modules (hand-checkable: #FP = Π_m #FP_m, network by network).
TEST(EnsembleEnumeration, UncoupledModulesMultiplyTheirCounts) {
  const modular_ensemble e{3, 5, 0.5, 0.0, false};
  ensemble_options options;
  options.networks = 20;
  options.pair_histograms = false;
  const auto whole = enumerate_networks(sampled_networks(e), options);
  for (std::uint64_t k = 0; k < 20; ++k) {
    const coupling_matrix j = sample_modular_couplings(e, options.seed, k);
    std::uint64_t product = 1;
    for (int m = 0; m < 3; ++m) {
      std::vector<double> block;
      for (int a = 0; a < 5; ++a)
        for (int b = 0; b < 5; ++b) block.push_back(j(5 * m + a, 5 * m + b));
      product *= enumerate_fixed_points(coupling_matrix(5, block)).count;
    }
    EXPECT_EQ(whole[k].count, product) << "network " << k;
  }
}

TEST(EnsembleEnumeration, ModularNetworkKIsTheSampledNetworkK) {
  const modular_ensemble e{2, 6, 0.25, 0.8, false};
  ensemble_options options;
  options.seed = 4;
  options.networks = 3;
  options.keep_states = true;
  const auto results = enumerate_networks(sampled_networks(e), options);
  for (std::uint64_t k = 0; k < 3; ++k)
    EXPECT_EQ(results[k].states, enumerate_fixed_points(sample_modular_couplings(e, 4, k)).fixed_points);
}
