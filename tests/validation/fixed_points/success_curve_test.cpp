// Success curves: Wilson intervals against hand-computed values, pool-adjacent-violators on hand
// cases, the 50 % crossing of a synthetic logistic curve (exact and with binomial noise), the
// crossing of two curves, and the drift fits on synthetic thresholds with known parameters.
#include "validation/fixed_points/success_curve.hpp"

#include <gtest/gtest.h>

#include <Eigen/Dense>

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

TEST(ClusteredWilson, DesignEffectOnHandBuiltNetworks) {
  // 4 networks × 10 restarts. (8, 2, 6, 4): p̂ = 0.5, Σ(p_k − p̂)² = 0.2, s² = 0.2/(4·3) = 1/60,
  // binomial p̂(1−p̂)/40 = 1/160, deff = 160/60 = 8/3, n_eff = 15: Wilson for 7.5 of 15 (mpmath).
  const auto a = validation::clustered_wilson_interval({8, 2, 6, 4}, 10);
  EXPECT_DOUBLE_EQ(a.proportion, 0.5);
  EXPECT_NEAR(a.design_effect, 8.0 / 3.0, 1e-14);
  EXPECT_NEAR(a.effective_trials, 15.0, 1e-13);
  EXPECT_NEAR(a.interval.lower, 0.274232807390085689, 1e-13);
  EXPECT_NEAR(a.interval.upper, 0.725767192609914311, 1e-13);
  // (10, 10, 0, 0): networks all-or-nothing, deff = 160/12 > m is clamped to m = 10: one trial per
  // network, Wilson for 2 of 4.
  const auto b = validation::clustered_wilson_interval({10, 10, 0, 0}, 10);
  EXPECT_EQ(b.design_effect, 10.0);
  EXPECT_NEAR(b.interval.lower, 0.150038989152149514, 1e-14);
  EXPECT_NEAR(b.interval.upper, 0.849961010847850486, 1e-14);
  // (5, 5, 5, 5): less spread than binomial, deff clamped to 1: Wilson for 20 of 40.
  const auto c = validation::clustered_wilson_interval({5, 5, 5, 5}, 10);
  EXPECT_EQ(c.design_effect, 1.0);
  EXPECT_NEAR(c.interval.lower, 0.351995269334653838, 1e-14);
  EXPECT_NEAR(c.interval.upper, 0.648004730665346162, 1e-14);
  // One restart per network: the plain Wilson interval, bit for bit.
  const auto d = validation::clustered_wilson_interval({1, 0, 1, 1, 0, 1, 1, 1, 1, 1}, 1);
  EXPECT_EQ(d.interval.lower, validation::wilson_interval(8, 10).lower);
  EXPECT_EQ(d.interval.upper, validation::wilson_interval(8, 10).upper);
  // p̂ = 0: the variance cannot be estimated; the conservative deff = m (Wilson 0 of 4).
  const auto e = validation::clustered_wilson_interval({0, 0, 0, 0}, 10);
  EXPECT_EQ(e.design_effect, 10.0);
  EXPECT_EQ(e.interval.upper, validation::wilson_interval(0, 4).upper);
  EXPECT_THROW(validation::clustered_wilson_interval({11}, 10), std::invalid_argument);
  EXPECT_THROW(validation::clustered_wilson_interval({}, 10), std::invalid_argument);
}

namespace {

double chi_square(const std::vector<double>& n, const std::vector<double>& t, double sigma, double a, double b, double nu) {
  double chi = 0.0;
  for (std::size_t k = 0; k < n.size(); ++k) chi += std::pow((t[k] - a - b * std::pow(n[k], -nu)) / sigma, 2);
  return chi;
}

}  // namespace

TEST(DriftFit, PowerLawCovarianceEqualsTheInverseHalfHessianOfChiSquare) {
  // On exact data the residuals vanish and C = (JᵀWJ)⁻¹ is exactly (½ ∂²χ²)⁻¹. The Hessian by
  // central differences (step 1e−4 relative to each parameter's scale: truncation ~1e−8).
  const std::vector<double> n = {100, 200, 400, 800, 1600};
  const double sigma = 0.01, a = 1.0, b = -2.5, nu = 0.3;
  std::vector<double> t;
  for (const double v : n) t.push_back(a + b * std::pow(v, -nu));
  const auto fit = validation::fit_power_law_drift(n, t, std::vector<double>(n.size(), sigma));
  ASSERT_EQ(fit.covariance.size(), 3u);
  EXPECT_TRUE(fit.note.empty()) << fit.note;
  const double p[3] = {a, b, nu}, h[3] = {1e-4, 2.5e-4, 0.3e-4};
  Eigen::Matrix3d hessian;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      auto at = [&](double di, double dj) {
        double q[3] = {p[0], p[1], p[2]};
        q[i] += di * h[i];
        q[j] += dj * h[j];
        return chi_square(n, t, sigma, q[0], q[1], q[2]);
      };
      hessian(i, j) = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4.0 * h[i] * h[j]);
    }
  const Eigen::Matrix3d expected = (0.5 * hessian).inverse();
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_NEAR(fit.covariance[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)], expected(i, j),
                  1e-4 * std::sqrt(expected(i, i) * expected(j, j)));
  EXPECT_NEAR(fit.a_error, std::sqrt(expected(0, 0)), 1e-4 * std::sqrt(expected(0, 0)));
  EXPECT_GT(fit.a_error, 3.0 * fit.a_error_conditional);  // ν free: a is far less certain than at fixed ν
}

TEST(DriftFit, UnconditionalErrorCoversTheTruthOnNoisySyntheticData) {
  // 400 data sets t_k = a + b N_k^−ν + σ ε_k (ε standard normal from stream (11, s, threshold_bootstrap)):
  // |â − a| ≤ a_error should hold in 68.3 % (4σ of the binomial count: ±9.3 %), and the spread
  // of â should match the typical a_error. The conditional error covers far less often.
  const std::vector<double> n = {100, 200, 400, 800, 1600, 3200};
  const double sigma = 0.002, a = 0.6, b = -1.5, nu = 0.5;
  int covered = 0, covered_conditional = 0;
  const int sets = 400;
  double sum = 0, squares = 0, error_squares = 0;
  for (int s = 0; s < sets; ++s) {
    numerics::rng_stream stream(11, static_cast<std::uint64_t>(s), numerics::stream_purpose::threshold_bootstrap);
    std::vector<double> t;
    for (const double v : n) t.push_back(a + b * std::pow(v, -nu) + sigma * stream.standard_normal());
    const auto fit = validation::fit_power_law_drift(n, t, std::vector<double>(n.size(), sigma));
    covered += std::abs(fit.a - a) <= fit.a_error ? 1 : 0;
    covered_conditional += std::abs(fit.a - a) <= fit.a_error_conditional ? 1 : 0;
    sum += fit.a;
    squares += fit.a * fit.a;
    error_squares += fit.a_error * fit.a_error;
  }
  EXPECT_NEAR(covered / double(sets), 0.683, 0.093);
  EXPECT_LT(covered_conditional / double(sets), 0.45);
  const double mean = sum / sets, sd = std::sqrt(squares / sets - mean * mean);
  // SD estimated from 400 sets to ~3.5 %; nonlinearity of ν adds a little: 20 %.
  EXPECT_NEAR(sd / std::sqrt(error_squares / sets), 1.0, 0.2);
}
