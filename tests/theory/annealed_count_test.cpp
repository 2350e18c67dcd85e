#include "theory/annealed_count.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace steer::theory;

// Spec §7 table (computed independently with scipy, 10 significant digits).
TEST(AnnealedCount, SpecTable) {
  struct row {
    int n;
    double jd, expected;
  };
  for (const row r : {row{10, 0.25, 6.609055737}, row{10, 0.5, 29.30758134}, row{10, 1.0, 211.4872021},
                      row{12, 0.25, 9.465773572}, row{12, 0.5, 55.96536432}, row{12, 1.0, 598.1493590},
                      row{16, 0.25, 19.43395042}, row{16, 0.5, 204.3217090}, row{16, 1.0, 4788.861336},
                      row{20, 0.25, 39.92119966}, row{20, 0.5, 746.5195901}, row{20, 1.0, 38361.65318},
                      row{24, 0.25, 82.02774923}, row{24, 0.5, 2728.529027}, row{24, 1.0, 307384.1220}})
    EXPECT_NEAR(expected_fixed_points(r.n, r.jd) / r.expected, 1.0, 1e-9) << r.n << " " << r.jd;
}

TEST(AnnealedCount, ExactlyOneAtZeroSelfCoupling) {
  for (const int n : {2, 10, 24, 1000}) EXPECT_NEAR(expected_fixed_points(n, 0.0), 1.0, 1e-13) << n;
}

TEST(AnnealedCount, LargeNEntropySpecValues) {
  const std::pair<double, double> values[] = {{-1, -1.147874464}, {-0.5, -0.482764581}, {0, 0},
                                              {0.25, 0.1801631052}, {0.5, 0.3242007653}, {1, 0.5203934015},
                                              {2, 0.6701342712}};
  for (const auto& [jd, s] : values) EXPECT_NEAR(fixed_point_entropy(jd), s, 1e-9) << jd;
  // (1/N) ln E[#FP] → s(J_D); the finite-N correction is O(1/N).
  EXPECT_NEAR(log_expected_fixed_points(100000, 0.5) / 100000, fixed_point_entropy(0.5), 1e-5);
}

TEST(AnnealedCount, LogStaysFiniteWhereTheCountOverflows) {
  EXPECT_TRUE(std::isfinite(log_expected_fixed_points(5000, 1.0)));
  EXPECT_THROW(expected_fixed_points(5000, 1.0), std::overflow_error);
  EXPECT_TRUE(std::isfinite(log_expected_fixed_points(100, -30.0)));  // ln Φ deep in the tail
}

TEST(AnnealedCount, BadArgumentsNameTheParameter) {
  try {
    log_expected_fixed_points(1, 0.5);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "log_expected_fixed_points: n must be >= 2, got 1");
  }
  EXPECT_THROW(log_expected_fixed_points(10, NAN), std::domain_error);
  EXPECT_THROW(fixed_point_entropy(INFINITY), std::domain_error);
}
