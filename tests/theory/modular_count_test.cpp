#include "theory/modular_count.hpp"

#include <gtest/gtest.h>

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <cstdint>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "theory/annealed_count.hpp"

using namespace steer::theory;

namespace {

double normal_cdf_boost(double x) { return boost::math::cdf(boost::math::normal_distribution<double>(), x); }

// Z by brute force over the 2^M column chains x (no bonds, no transfer matrix): site m weighted by
// Φ((J_D + λ Σ_{partners m'} x_m x_{m'})/σ), partners m ± 1 (and 1 ~ M in a ring of M ≥ 3).
double column_sum_brute_force(int modules, double jd, double lambda, double sigma, bool ring) {
  double z = 0;
  for (unsigned x = 0; x < (1u << modules); ++x) {
    const auto spin = [x, modules](int m) { return (x >> ((m + modules) % modules) & 1u) ? 1 : -1; };
    double weight = 1;
    for (int m = 0; m < modules; ++m) {
      int g = 0;
      if (m > 0 || (ring && modules >= 3)) g += spin(m) * spin(m - 1);
      if (m + 1 < modules || (ring && modules >= 3)) g += spin(m) * spin(m + 1);
      weight *= normal_cdf_boost((jd + lambda * g) / sigma);
    }
    z += weight;
  }
  return z;
}

}  // namespace

// λ = 0: M independent modules, E[#FP] = (2^n Φ(J_D √(n/(n−1)))^n)^M, and s = s(J_D).
TEST(ModularCount, ZeroCouplingIsAProductOfModules) {
  for (const int m : {1, 2, 5})
    for (const double jd : {-0.5, 0.0, 0.7}) {
      const modular_network net{m, 6, jd, 0.0, m >= 3};
      EXPECT_NEAR(log_expected_fixed_points_modular(net), m * log_expected_fixed_points(6, jd), 1e-13) << m << " " << jd;
      EXPECT_NEAR(modular_fixed_point_entropy(net), fixed_point_entropy(jd), 1e-15) << m << " " << jd;
    }
  EXPECT_NEAR(modular_fixed_point_entropy_many_modules(0.7, 0.0), fixed_point_entropy(0.7), 1e-15);
  EXPECT_EQ(log_expected_fixed_points_modular({3, 5, 0.0, 0.0, false}), 0.0);  // E = 1 at J_D = λ = 0
}

// Hand case M = 2: x_1 = x_2 gives both sites +λ, x_1 = −x_2 both −λ:
// Z = 2[Φ((J_D+λ)/σ)² + Φ((J_D−λ)/σ)²]; a "ring" of 2 is the same chain.
TEST(ModularCount, TwoModulesByHand) {
  const double sigma = std::sqrt(3.0 / 4.0), jd = 0.2, lambda = 0.6;
  const double z = 2 * (std::pow(normal_cdf_boost((jd + lambda) / sigma), 2) + std::pow(normal_cdf_boost((jd - lambda) / sigma), 2));
  EXPECT_NEAR(log_expected_fixed_points_modular({2, 4, jd, lambda, false}), 4 * std::log(z), 1e-14);
  EXPECT_EQ(log_expected_fixed_points_modular({2, 4, jd, lambda, true}), log_expected_fixed_points_modular({2, 4, jd, lambda, false}));
}

// The transfer matrix against the direct sum over all column chains, chain and ring, M = 1 … 12.
TEST(ModularCount, TransferMatrixAgainstDirectSum) {
  for (const bool ring : {false, true})
    for (int m = 1; m <= 12; ++m)
      for (const double lambda : {-0.4, 0.3, 1.5})
        for (const double jd : {-0.3, 0.0, 0.5}) {
          const int n = 3;
          const double expected = n * std::log(column_sum_brute_force(m, jd, lambda, std::sqrt(2.0 / 3.0), ring));
          EXPECT_NEAR(log_expected_fixed_points_modular({m, n, jd, lambda, ring}), expected, 1e-13 * std::max(1.0, std::abs(expected)))
              << ring << " M=" << m << " λ=" << lambda << " J_D=" << jd;
          EXPECT_NEAR(modular_fixed_point_entropy({m, n, jd, lambda, ring}), std::log(column_sum_brute_force(m, jd, lambda, 1.0, ring)) / m,
                      1e-14)
              << ring << " M=" << m;
        }
}

// (1/M) ln Z_M → ln μ_max as M → ∞, with an O(1/M) boundary term; extreme couplings stay finite.
TEST(ModularCount, ManyModulesLimit) {
  for (const double lambda : {0.25, 1.0})
    for (const bool ring : {false, true}) {
      const double many = modular_fixed_point_entropy_many_modules(0.0, lambda);
      EXPECT_NEAR(modular_fixed_point_entropy({4000, 2, 0.0, lambda, ring}), many, ring ? 1e-12 : 2.0 / 4000) << lambda << " " << ring;
    }
  EXPECT_TRUE(std::isfinite(log_expected_fixed_points_modular({50, 10, -30.0, 5.0, true})));
  EXPECT_TRUE(std::isfinite(modular_fixed_point_entropy_many_modules(-40.0, 3.0)));
  EXPECT_LT(modular_fixed_point_entropy_many_modules(0.0, 50.0), std::log(2.0) + 1e-15);
}

// Against enumeration of sampled modular networks (numerics' modular ensemble, exact enumeration):
// mean count within 4σ of Z^n, including λ = 0 and a ring.
TEST(ModularCount, AgainstEnumeratedNetworks) {
  struct case_row {
    int modules, size;
    double jd, lambda;
    bool ring;
  };
  const case_row cases[] = {{2, 5, 0.0, 0.5, false}, {3, 4, 0.25, 0.3, false}, {4, 3, 0.0, 1.0, true}, {3, 4, 0.5, 0.0, false}, {2, 6, -0.2, 1.2, false}};
  constexpr int networks = 3000;
  for (const auto& c : cases) {
    const steer::numerics::modular_ensemble ensemble{c.modules, c.size, c.jd, c.lambda, c.ring};
    steer::numerics::enumeration_options options;
    options.parallel = false;
    options.keep_states = false;
    double sum = 0, sum_squares = 0;
    for (int k = 0; k < networks; ++k) {
      const auto count = static_cast<double>(
          steer::numerics::enumerate_fixed_points(steer::numerics::sample_modular_couplings(ensemble, 8, k), options).count);
      sum += count;
      sum_squares += count * count;
    }
    const double mean = sum / networks, sem = std::sqrt((sum_squares / networks - mean * mean) / (networks - 1));
    const double theory = std::exp(log_expected_fixed_points_modular({c.modules, c.size, c.jd, c.lambda, c.ring}));
    EXPECT_NEAR(mean, theory, 4 * sem) << c.modules << "x" << c.size << " J_D=" << c.jd << " λ=" << c.lambda << " sem=" << sem;
    EXPECT_LT(sem, 0.1 * theory) << c.modules << "x" << c.size;  // the check has power
  }
}

TEST(ModularCount, BadArgumentsThrow) {
  EXPECT_THROW(log_expected_fixed_points_modular({0, 4, 0.0, 0.0, false}), std::invalid_argument);
  EXPECT_THROW(log_expected_fixed_points_modular({2, 1, 0.0, 0.0, false}), std::invalid_argument);
  EXPECT_THROW(log_expected_fixed_points_modular({2, 4, NAN, 0.0, false}), std::domain_error);
  EXPECT_THROW(modular_fixed_point_entropy({2, 4, 0.0, INFINITY, false}), std::domain_error);
  EXPECT_THROW(modular_fixed_point_entropy_many_modules(0.0, NAN), std::domain_error);
}
