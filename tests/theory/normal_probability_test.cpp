#include "theory/normal_probability.hpp"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace steer::theory;

namespace {

// Independent evaluation with a different library and integral: GSL QAGIL of
// ∫_{−∞}^{a} φ(x) Φ((a − ρx)/√(1−ρ²)) dx, with GSL's own Φ.
double gsl_orthant(double a, double rho) {
  struct params {
    double a, rho;
  } p{a, rho};
  gsl_function f;
  f.function = [](double x, void* v) {
    const auto* q = static_cast<params*>(v);
    return gsl_ran_ugaussian_pdf(x) * gsl_cdf_ugaussian_P((q->a - q->rho * x) / std::sqrt(1 - q->rho * q->rho));
  };
  f.params = &p;
  gsl_integration_workspace* w = gsl_integration_workspace_alloc(1000);
  double result = 0, error = 0;
  gsl_integration_qagil(&f, a, 0.0, 1e-13, 1000, w, &result, &error);
  gsl_integration_workspace_free(w);
  return result;
}

double orthant(double a, double rho) { return std::exp(log_equal_orthant(a, 1 - rho, 1 + rho)); }

}  // namespace

TEST(NormalProbability, SpecSection8Examples) {
  // Spec §8: eq. (5) in double gives −2.6e−18 for the first; quadrature must give the value.
  EXPECT_NEAR(orthant(-3, -0.95) / 9.427437835e-83, 1.0, 1e-9);
  EXPECT_NEAR(orthant(-0.7, -0.5), 0.01614539739, 1e-11);
}

TEST(NormalProbability, AgreesWithGslQuadratureOnAGrid) {
  for (const double a : {-3.0, -1.0, -0.2, 0.0, 0.5, 2.0})
    for (const double rho : {-0.99, -0.5, 0.0, 0.3, 0.9, 0.999}) {
      const double reference = gsl_orthant(a, rho);
      const double ours = log_equal_orthant(a, 1 - rho, 1 + rho);
      if (reference > 1e-280) {
        EXPECT_NEAR(ours, std::log(reference), 1e-9) << "a=" << a << " rho=" << rho;
      } else {  // below double range for GSL; ours stays finite and even smaller
        EXPECT_TRUE(std::isfinite(ours) && ours < std::log(1e-280)) << "a=" << a << " rho=" << rho << " " << ours;
      }
    }
}

TEST(NormalProbability, ClosedFormLimits) {
  for (const double rho : {-0.9, -0.3, 0.0, 0.6}) {
    EXPECT_NEAR(orthant(0.0, rho), 0.25 + std::asin(rho) / (2 * std::numbers::pi), 1e-15) << rho;
  }
  EXPECT_NEAR(orthant(0.8, 0.0), std::pow(normal_cdf(0.8), 2), 1e-15);  // independent components
  EXPECT_NEAR(orthant(-1.3, 0.0), std::pow(normal_cdf(-1.3), 2), 1e-15);
  EXPECT_DOUBLE_EQ(log_equal_orthant(0.7, 0.0, 2.0), log_normal_cdf(0.7));          // ρ = 1
  EXPECT_NEAR(std::exp(log_equal_orthant(0.7, 2.0, 0.0)), 2 * normal_cdf(0.7) - 1, 1e-15);  // ρ = −1
  EXPECT_EQ(log_equal_orthant(0.0, 2.0, 0.0), -INFINITY);
  EXPECT_EQ(log_equal_orthant(-0.5, 2.0, 0.0), -INFINITY);
}

TEST(NormalProbability, ContinuousAcrossTheMethodSwitchAtZero) {
  for (const double rho : {-0.8, 0.2, 0.95})
    EXPECT_NEAR(log_equal_orthant(-1e-9, 1 - rho, 1 + rho), log_equal_orthant(1e-9, 1 - rho, 1 + rho), 1e-8) << rho;
}

TEST(NormalProbability, LogCdfDeepInTheTail) {
  EXPECT_NEAR(log_normal_cdf(-1.0), std::log(0.15865525393145705), 1e-15);
  EXPECT_NEAR(log_normal_cdf(3.0), std::log1p(-0.0013498980316300946), 1e-17);
  // Mills-ratio asymptotics: ln Φ(x) = −x²/2 − ln(−x) − ½ ln 2π + ln(1 − 1/x² + 3/x⁴ − 15/x⁶) + O(x⁻⁸).
  for (const double x : {-40.0, -1e3, -1e6}) {
    const double asymptotic = -x * x / 2 - std::log(-x) - 0.5 * std::log(2 * std::numbers::pi) +
                              std::log1p(-1 / (x * x) + 3 / std::pow(x, 4) - 15 / std::pow(x, 6));
    EXPECT_NEAR(log_normal_cdf(x) / asymptotic, 1.0, 1e-13) << x;
  }
}

TEST(NormalProbability, BadArgumentsThrow) {
  EXPECT_THROW(log_equal_orthant(NAN, 1, 1), std::domain_error);
  EXPECT_THROW(log_equal_orthant(0.1, 1.5, 1.0), std::domain_error);
  EXPECT_THROW(log_equal_orthant(0.1, -0.1, 2.1), std::domain_error);
  EXPECT_THROW(log_normal_cdf(NAN), std::domain_error);
}
