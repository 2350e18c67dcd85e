// Calibration of the Monte Carlo count against exhaustive enumeration (issue 9 item 9): 20
// networks at N = 28, J_D = 0.5, 8 walks each. Slow (~1-2 min on 2 cores): label `slow`.
//
// The z-score (estimate − ln exact)/SEM over 8 walks is a Student t with 7 degrees of freedom if
// the walks are unbiased: P(|t| ≤ 2) = 0.914, E[t²] = 7/5, sd of the mean of 20 t's = 0.26.
// Tolerances: ≥ 14 of 20 within 2σ (binomial mean 18.3, sd 1.25: 3.4 sd below), |mean z| < 1
// (~4 sd; the docs' runs measured −0.2 … −0.4, a small WL bias), rms z < 2, and a mean absolute
// error below 0.05 in ln #FP (5 % of the count).
#include "validation/fixed_points/count_mc_calibration.hpp"

#include <gtest/gtest.h>

TEST(CountMcCalibration, EstimatesAgreeWithEnumerationWithinTheirErrorBars) {
  steer::validation::count_mc_ensemble_config config;
  config.ensemble = {28, 0.5, 0.0};
  config.networks = 20;
  config.estimator.runs = 8;
  config.estimator.final_log_f = 1e-5;
  config.estimator.seed = 5;
  config.exact = true;
  const auto result =
      steer::validation::summarise_count_mc(config, steer::validation::run_count_mc_networks(config, {0, config.networks}));
  ASSERT_TRUE(result.calibration.has_value());
  const auto& c = *result.calibration;
  EXPECT_EQ(c.compared, 20);
  EXPECT_GE(c.within_two_sigma, 0.7);
  EXPECT_LT(std::abs(c.mean_z), 1.0);
  EXPECT_LT(c.rms_z, 2.0);
  EXPECT_LT(c.mean_abs_error, 0.05);
}
