// Success curves: Wilson intervals against hand-computed values, pool-adjacent-violators on hand
// cases, the 50 % crossing of a synthetic logistic curve (exact and with binomial noise), the
// crossing of two curves, and the drift fits on synthetic thresholds with known parameters.
#include "validation/fixed_points/success_curve.hpp"

#include <gtest/gtest.h>

#include <boost/random/binomial_distribution.hpp>

#include <cmath>

#include "numerics/rng_stream.hpp"
#include "validation/fixed_points/accessibility_threshold.hpp"

using namespace steer;

namespace {

double logistic(double x, double midpoint, double width) { return 1.0 / (1.0 + std::exp(-(x - midpoint) / width)); }

std::vector<double> grid(double from, double step, int count) {
  std::vector<double> x;
  for (int k = 0; k < count; ++k) x.push_back(from + step * k);
  return x;
}

}  // namespace

TEST(WilsonInterval, HandComputedValues) {
  // (p̂ + z²/2n ∓ z √(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), evaluated with mpmath at 30 digits.
  const auto a = validation::wilson_interval(8, 10);
  EXPECT_NEAR(a.lower, 0.490162471536641740, 1e-14);
  EXPECT_NEAR(a.upper, 0.943317848545624737, 1e-14);
  const auto b = validation::wilson_interval(0, 10);
  EXPECT_EQ(b.lower, 0.0);
  EXPECT_NEAR(b.upper, 0.277532799862889205, 1e-14);  // z²/(n + z²)
  const auto c = validation::wilson_interval(37, 120);
  EXPECT_NEAR(c.lower, 0.232727369889162931, 1e-14);
  EXPECT_NEAR(c.upper, 0.395829977238006736, 1e-14);
  EXPECT_THROW(validation::wilson_interval(3, 2), std::invalid_argument);
  EXPECT_THROW(validation::wilson_interval(0, 0), std::invalid_argument);
}

TEST(IsotonicFit, PoolsAdjacentViolators) {
  EXPECT_EQ(validation::isotonic_fit({0.1, 0.3, 0.2, 0.6}, {1, 1, 1, 1}), (std::vector<double>{0.1, 0.25, 0.25, 0.6}));
  EXPECT_EQ(validation::isotonic_fit({0.5, 0.1}, {1, 3}), (std::vector<double>{0.2, 0.2}));
  // A violation that propagates back over two blocks: (0.4, 0.5, 0.0) → all 0.3.
  const auto f = validation::isotonic_fit({0.4, 0.5, 0.0}, {1, 1, 1});
  for (const double v : f) EXPECT_NEAR(v, 0.3, 1e-15);
  EXPECT_THROW(validation::isotonic_fit({0.1}, {0.0}), std::invalid_argument);
}

TEST(LevelCrossing, RecoversTheMidpointOfALogisticCurve) {
  const auto x = grid(0.0, 0.1, 21);
  std::vector<double> y;
  for (const double v : x) y.push_back(logistic(v, 0.73, 0.1));
  // Linear interpolation between 0.7 and 0.8 errs by ~7e-4 for this curvature.
  EXPECT_NEAR(*validation::level_crossing(x, y), 0.73, 2e-3);
  // With binomial noise (200 trials per point, fixed seed): the threshold's standard error is
  // ~ √(p(1−p)/200)/slope ≈ 0.014 for slope 2.5 per unit J_D; 0.05 is ~4σ.
  numerics::rng_stream stream(5, 0, numerics::stream_purpose::threshold_bootstrap);
  std::vector<double> noisy;
  for (const double v : x)
    noisy.push_back(boost::random::binomial_distribution<int>(200, logistic(v, 0.73, 0.1))(stream) / 200.0);
  EXPECT_NEAR(*validation::threshold_of(x, noisy, std::vector<double>(x.size(), 200.0)), 0.73, 0.05);
  // Outside the grid: never reaches 50 %, or starts above it.
  EXPECT_FALSE(validation::level_crossing(x, std::vector<double>(x.size(), 0.2)));
  EXPECT_FALSE(validation::level_crossing(x, std::vector<double>(x.size(), 0.7)));
}

TEST(CurveCrossing, SharpeningCurvesCrossAtTheirCommonMidpoint) {
  const auto x = grid(0.0, 0.1, 13);
  std::vector<double> wide, narrow;
  for (const double v : x) {
    wide.push_back(logistic(v, 0.6, 0.2));
    narrow.push_back(logistic(v, 0.6, 0.05));
  }
  EXPECT_NEAR(*validation::curve_crossing(x, wide, narrow), 0.6, 1e-12);  // symmetric about 0.6
  EXPECT_FALSE(validation::curve_crossing(x, narrow, wide));               // the larger curve ends behind
}

TEST(DriftFit, RecoversKnownParameters) {
  const std::vector<double> sizes = {100, 200, 400, 800, 1600, 3200};
  std::vector<double> power, log_form;
  for (const double n : sizes) {
    power.push_back(0.5 + 0.8 * std::pow(n, -0.5));
    log_form.push_back(0.4 + 2.0 / std::log(n));
  }
  const std::vector<double> errors(sizes.size(), 0.01);
  const auto p = validation::fit_power_law_drift(sizes, power, errors);
  EXPECT_NEAR(p.a, 0.5, 1e-4);
  EXPECT_NEAR(*p.nu, 0.5, 1e-3);
  EXPECT_EQ(p.degrees_of_freedom, 3);
  EXPECT_LT(p.chi_square, 1e-4);
  const auto l = validation::fit_log_drift(sizes, log_form, errors);
  EXPECT_NEAR(l.a, 0.4, 1e-12);
  EXPECT_NEAR(l.b, 2.0, 1e-11);
  for (const double r : l.residuals) EXPECT_NEAR(r, 0.0, 1e-12);
  EXPECT_THROW(validation::fit_power_law_drift({100, 200, 400}, {1, 1, 1}, {1, 1, 1}), std::invalid_argument);
  EXPECT_THROW(validation::fit_log_drift({100, 200}, {1, 1}, {1, 0}), std::invalid_argument);
}
