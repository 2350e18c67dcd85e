// The modular variant's pair count E[P(d)] (theory/modular_pair_count) against the fully connected
// pair count (M = 1 and λ = 0, hand-checkable), its own count at d = 0, the global-flip symmetry,
// and exhaustive enumeration of sampled modular networks (4σ per distance, fixed seeds).
#include "theory/modular_pair_count.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "theory/pair_count.hpp"
#include "validation/fixed_points/count_check.hpp"

using namespace steer;

// One module is the fully connected network of n units: spec eq. (4) at N = n.
TEST(ModularPairCount, OneModuleIsEquationFour) {
  for (const double jd : {-0.5, 0.0, 0.5, 1.5}) {
    const auto modular = theory::log_expected_pairs_modular({1, 7, jd, 0.8, false});
    const auto direct = theory::log_expected_pairs(7, jd);
    ASSERT_EQ(modular.size(), direct.size());
    for (std::size_t d = 0; d < direct.size(); ++d) {
      if (direct[d] == -INFINITY) {
        EXPECT_EQ(modular[d], -INFINITY) << jd << " " << d;
        continue;
      }
      EXPECT_NEAR(modular[d], direct[d], 1e-12 * std::max(1.0, std::abs(direct[d]))) << "J_D " << jd << " d " << d;
    }
  }
}

// λ = 0: independent modules, so E[P(d)] = Σ_{d_1+...+d_M = d} Π_m E[P_n(d_m)] (eq. 4 at N = n).
TEST(ModularPairCount, ZeroCouplingIsAConvolutionOfModules) {
  for (const auto& [modules, n, jd] : {std::tuple{2, 5, 0.5}, std::tuple{3, 4, 0.25}, std::tuple{2, 6, 0.0}}) {
    const auto one = theory::log_expected_pairs(n, jd);
    std::vector<double> convolution{0.0};  // ln of the polynomial Σ_d E[P(d)] z^d, one module at a time
    for (int m = 0; m < modules; ++m) {
      std::vector<double> next(convolution.size() + n, -INFINITY);
      for (std::size_t a = 0; a < convolution.size(); ++a)
        for (int b = 0; b <= n; ++b) next[a + b] = theory::log_add(next[a + b], convolution[a] + one[b]);
      convolution = next;
    }
    for (const bool ring : {false, true}) {
      const auto modular = theory::log_expected_pairs_modular({modules, n, jd, 0.0, ring});
      ASSERT_EQ(modular.size(), convolution.size());
      for (std::size_t d = 0; d < modular.size(); ++d) {
        if (convolution[d] == -INFINITY) {
          EXPECT_EQ(modular[d], -INFINITY);
          continue;
        }
        EXPECT_NEAR(modular[d], convolution[d], 1e-12 * std::max(1.0, std::abs(convolution[d])))
            << modules << "x" << n << " J_D " << jd << " d " << d;
      }
    }
  }
}

TEST(ModularPairCount, DistanceZeroIsTheCountAndTheProfileIsSymmetric) {
  for (const theory::modular_network net : {theory::modular_network{2, 5, 0.0, 0.5, false},
                                            theory::modular_network{3, 4, 0.25, 0.3, true},
                                            theory::modular_network{4, 3, -0.2, 1.0, false}}) {
    const auto logs = theory::log_expected_pairs_modular(net);
    EXPECT_NEAR(logs.front(), theory::log_expected_fixed_points_modular(net), 1e-12);
    for (std::size_t d = 0; d < logs.size(); ++d) {
      const double mirror = logs[logs.size() - 1 - d];
      if (logs[d] == -INFINITY)  // no pair at this distance (a single flip at J_D + λg ≤ 0 ...)
        EXPECT_EQ(mirror, -INFINITY) << d;
      else
        EXPECT_NEAR(logs[d], mirror, 1e-12 * std::max(1.0, std::abs(logs[d]))) << d;
    }
    const auto neighbours = theory::log_expected_neighbours_at_distance_modular(net);
    EXPECT_EQ(neighbours.front(), 0.0);
    EXPECT_NEAR(neighbours.back(), 0.0, 1e-12);  // the partner −s
  }
}

// Mean number of ordered pairs at each distance over sampled networks vs theory, 4σ per distance
// with se floored as the count check's pair z-score (validation/fixed_points/count_check.hpp).
TEST(ModularPairCount, AgainstEnumeratedNetworks) {
  for (const theory::modular_network net : {theory::modular_network{2, 5, 0.0, 0.5, false},
                                            theory::modular_network{3, 4, 0.25, 0.3, true},
                                            theory::modular_network{4, 3, 0.0, 1.0, false},
                                            theory::modular_network{2, 6, 0.5, -0.4, false}}) {
    numerics::ensemble_options options;
    options.seed = 41;
    options.networks = 3000;
    options.pair_histograms = true;
    const auto summary = numerics::summarise(numerics::enumerate_networks(
        numerics::sampled_networks(numerics::modular_ensemble{net.modules, net.module_size, net.self_coupling,
                                                              net.inter_module_coupling, net.ring}),
        options));
    const auto logs = theory::log_expected_pairs_modular(net);
    const int n = net.modules * net.module_size;
    ASSERT_EQ(summary.pairs.size(), logs.size());
    double largest_nonzero = 0.0;
    for (int d = 0; d <= n; ++d) {
      const double theory = std::exp(logs[static_cast<std::size_t>(d)]);
      const double z = validation::pair_z_score(summary.pairs[static_cast<std::size_t>(d)], theory, d, n, options.networks);
      EXPECT_LT(std::abs(z), 4.0) << net.modules << "x" << net.module_size << " J_D " << net.self_coupling << " λ "
                                  << net.inter_module_coupling << " d " << d << ": "
                                  << summary.pairs[static_cast<std::size_t>(d)].mean << " vs " << theory;
      if (d > 0 && d < n) largest_nonzero = std::max(largest_nonzero, theory);
    }
    EXPECT_GT(largest_nonzero, 0.1);  // the profile is not trivially zero: the check has power
  }
}

TEST(ModularPairCount, RefusesWorkBeyondItsBound) {
  EXPECT_THROW(theory::log_expected_pairs_modular({13, 2, 0.0, 0.5, false}), std::invalid_argument);
  EXPECT_THROW(theory::log_expected_pairs_modular({0, 4, 0.0, 0.5, false}), std::invalid_argument);
}
