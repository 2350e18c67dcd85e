#include "numerics/fixed_points/couplings.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

using steer::numerics::coupling_ensemble;
using steer::numerics::coupling_matrix;
using steer::numerics::sample_couplings;
using steer::numerics::sample_modular_couplings;

namespace {

struct moments {
  double variance_times_n = 0, correlation = 0;
  int pairs = 0;
};

// Off-diagonal variance (×N) and corr(J_ij, J_ji) pooled over `networks` networks.
moments pooled(const coupling_ensemble& e, int networks) {
  double sxx = 0, sxy = 0;
  int pairs = 0;
  for (int k = 0; k < networks; ++k) {
    const auto j = sample_couplings(e, 5, static_cast<std::uint64_t>(k));
    for (int a = 0; a < e.n; ++a)
      for (int b = a + 1; b < e.n; ++b) {
        sxx += j(a, b) * j(a, b) + j(b, a) * j(b, a);
        sxy += j(a, b) * j(b, a);
        ++pairs;
      }
  }
  return {e.n * sxx / (2.0 * pairs), 2.0 * sxy / sxx, pairs};
}

}  // namespace

TEST(Couplings, DiagonalIsTheSelfCoupling) {
  const auto j = sample_couplings({9, 0.375, 0.0}, 1, 0);
  for (int i = 0; i < 9; ++i) EXPECT_EQ(j(i, i), 0.375);
}

// 4σ tolerances: Var of a sample variance of m normals is 2σ⁴/m; sd of a sample correlation ≈ (1−η²)/√m.
TEST(Couplings, OffDiagonalVarianceIsOneOverN) {
  for (const double eta : {0.0, 0.5, -0.5}) {
    const auto m = pooled({20, 0.0, eta}, 200);
    EXPECT_NEAR(m.variance_times_n, 1.0, 4.0 * std::sqrt(2.0 / (2.0 * m.pairs))) << "eta " << eta;
    EXPECT_NEAR(m.correlation, eta, 4.0 * (1.0 - eta * eta) / std::sqrt(m.pairs) + 1e-12) << "eta " << eta;
  }
}

TEST(Couplings, SymmetryOneAndMinusOneAreExact) {
  const auto sym = sample_couplings({7, 0.0, 1.0}, 2, 0);
  const auto anti = sample_couplings({7, 0.0, -1.0}, 2, 0);
  for (int a = 0; a < 7; ++a)
    for (int b = 0; b < 7; ++b)
      if (a != b) {
        EXPECT_EQ(sym(a, b), sym(b, a));
        EXPECT_EQ(anti(a, b), -anti(b, a));
      }
}

TEST(Couplings, NetworksDifferAndRepeat) {
  const auto a = sample_couplings({6, 0.0, 0.0}, 3, 0), b = sample_couplings({6, 0.0, 0.0}, 3, 1);
  EXPECT_NE(a.values(), b.values());
  EXPECT_EQ(a.values(), sample_couplings({6, 0.0, 0.0}, 3, 0).values());
}

TEST(Couplings, BadEnsembleThrowsNamingTheParameter) {
  const auto message = [](const coupling_ensemble& e) {
    try {
      e.validate();
    } catch (const std::exception& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({1, 0.0, 0.0}).find("n must be >= 2, got 1"), std::string::npos);
  EXPECT_NE(message({5, std::nan(""), 0.0}).find("self_coupling must be finite"), std::string::npos);
  EXPECT_NE(message({5, std::numeric_limits<double>::infinity(), 0.0}).find("self_coupling"), std::string::npos);
  EXPECT_NE(message({5, 0.0, 1.5}).find("symmetry must lie in [-1, 1], got 1.5"), std::string::npos);
  EXPECT_THROW(coupling_matrix(2, {1.0, 2.0, 3.0}), std::invalid_argument);
  EXPECT_THROW(coupling_matrix(2, {1.0, std::nan(""), 3.0, 4.0}), std::domain_error);
}

// Modular ensemble (issue 8 item 4): block structure exact, in-module variance 1/n within 4σ.
TEST(ModularCouplings, StructureIsExactAndInModuleVarianceIsOneOverModuleSize) {
  using steer::numerics::modular_ensemble;
  for (const bool ring : {false, true}) {
    const modular_ensemble e{4, 5, 0.25, 0.75, ring};
    double sum_sq = 0.0;
    int entries = 0;
    for (std::uint64_t k = 0; k < 300; ++k) {
      const auto j = sample_modular_couplings(e, 11, k);
      ASSERT_EQ(j.size(), 20);
      for (int a = 0; a < 20; ++a)
        for (int b = 0; b < 20; ++b) {
          const int ma = a / 5, mb = b / 5, ia = a % 5, ib = b % 5;
          const int gap = std::abs(ma - mb);
          const bool linked = ia == ib && (gap == 1 || (ring && gap == 3));
          if (a == b) {
            EXPECT_EQ(j(a, b), 0.25);
          } else if (ma == mb) {
            EXPECT_NE(j(a, b), 0.0);
            sum_sq += j(a, b) * j(a, b);
            ++entries;
          } else if (linked) {
            EXPECT_EQ(j(a, b), 0.75) << a << "," << b;
          } else {
            EXPECT_EQ(j(a, b), 0.0) << a << "," << b;
          }
        }
    }
    // Var of a sample second moment of m N(0, σ²) draws is 2σ⁴/m.
    EXPECT_NEAR(5.0 * sum_sq / entries, 1.0, 4.0 * std::sqrt(2.0 / entries)) << "ring " << ring;
  }
}

TEST(ModularCouplings, InModuleEntriesAreUncorrelatedAcrossTheDiagonal) {
  // Asymmetric: corr(J_ij, J_ji) = 0 within 4σ (sd of a sample correlation ≈ 1/√m).
  double sxy = 0.0, sxx = 0.0;
  int pairs = 0;
  for (std::uint64_t k = 0; k < 400; ++k) {
    const auto j = sample_modular_couplings(steer::numerics::modular_ensemble{3, 6, 0.0, 1.0, false}, 4, k);
    for (int a = 0; a < 18; ++a)
      for (int b = a + 1; b < 18; ++b)
        if (a / 6 == b / 6) {
          sxy += j(a, b) * j(b, a);
          sxx += (j(a, b) * j(a, b) + j(b, a) * j(b, a)) / 2.0;
          ++pairs;
        }
  }
  EXPECT_NEAR(sxy / sxx, 0.0, 4.0 / std::sqrt(pairs));
}

TEST(ModularCouplings, RingOfTwoModulesIsTheChain) {
  using steer::numerics::modular_ensemble;
  EXPECT_EQ(sample_modular_couplings(modular_ensemble{2, 4, 0.0, 0.5, true}, 3, 0).values(),
            sample_modular_couplings(modular_ensemble{2, 4, 0.0, 0.5, false}, 3, 0).values());
}

TEST(ModularCouplings, BadEnsembleThrowsNamingTheField) {
  using steer::numerics::modular_ensemble;
  const auto message = [](const modular_ensemble& e) {
    try {
      e.validate();
    } catch (const std::exception& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({0, 4, 0.0, 0.0, false}).find("modules must be >= 1, got 0"), std::string::npos);
  EXPECT_NE(message({2, 1, 0.0, 0.0, false}).find("module size must be >= 2, got 1"), std::string::npos);
  EXPECT_NE(message({5, 13, 0.0, 0.0, false}).find("must be <= 64, got 5 x 13"), std::string::npos);
  EXPECT_NE(message({2, 4, std::nan(""), 0.0, false}).find("self_coupling must be finite"), std::string::npos);
  EXPECT_NE(message({2, 4, 0.0, INFINITY, false}).find("inter_module_coupling must be finite"), std::string::npos);
}
