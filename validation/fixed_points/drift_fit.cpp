#include "validation/fixed_points/drift_fit.hpp"

#include <Eigen/Dense>
#include <fmt/format.h>

#include <boost/math/tools/minima.hpp>

#include <cmath>
#include <cstddef>
#include <stdexcept>

namespace steer::validation {
namespace {

constexpr double nu_lowest = 0.05, nu_highest = 3.0;

void check_points(const std::vector<double>& sizes, const std::vector<double>& thresholds,
                  const std::vector<double>& errors, std::size_t minimum) {
  if (sizes.size() != thresholds.size() || sizes.size() != errors.size())
    throw std::invalid_argument("drift fit: sizes, thresholds and errors must have equal lengths");
  if (sizes.size() < minimum)
    throw std::invalid_argument(fmt::format("drift fit: needs at least {} sizes, got {}", minimum, sizes.size()));
  for (const double e : errors)
    if (!(e > 0.0)) throw std::invalid_argument(fmt::format("drift fit: errors must be > 0, got {}", e));
}

// Weighted linear least squares of t = a + b g, weights 1/σ², in centred form (g − ḡ, ḡ the
// weighted mean): the raw normal equations cancel catastrophically when weights differ by many
// orders of magnitude. Throws std::domain_error if the fit is not finite (e.g. all g equal).
drift_fit linear_fit(const std::vector<double>& g, const std::vector<double>& t, const std::vector<double>& sigma) {
  double sw = 0, g_mean = 0, t_mean = 0;
  for (std::size_t k = 0; k < g.size(); ++k) {
    const double w = 1.0 / (sigma[k] * sigma[k]);
    sw += w;
    g_mean += w * g[k];
    t_mean += w * t[k];
  }
  g_mean /= sw;
  t_mean /= sw;
  double sgg = 0, sgt = 0;
  for (std::size_t k = 0; k < g.size(); ++k) {
    const double w = 1.0 / (sigma[k] * sigma[k]), dg = g[k] - g_mean;
    sgg += w * dg * dg;
    sgt += w * dg * (t[k] - t_mean);
  }
  drift_fit fit;
  fit.b = sgt / sgg;
  fit.a = t_mean - fit.b * g_mean;
  // Var(a) = 1/Σw + ḡ²/Σw(g − ḡ)², the same value as the raw form's Σwg²/det.
  fit.a_error = std::sqrt(1.0 / sw + g_mean * g_mean / sgg);
  fit.a_error_conditional = fit.a_error;
  // Cov(a, b) = −ḡ/Σw(g − ḡ)², Var(b) = 1/Σw(g − ḡ)².
  fit.covariance = {{fit.a_error * fit.a_error, -g_mean / sgg}, {-g_mean / sgg, 1.0 / sgg}};
  if (!std::isfinite(fit.a) || !std::isfinite(fit.b) || !std::isfinite(fit.a_error))
    throw std::domain_error("drift fit: not finite (the sizes give no lever arm)");
  for (std::size_t k = 0; k < g.size(); ++k) {
    const double r = t[k] - (fit.a + fit.b * g[k]);
    fit.residuals.push_back(r);
    fit.chi_square += (r / sigma[k]) * (r / sigma[k]);
  }
  return fit;
}

// The covariance of (a, b, ν) of the power-law fit, C = (JᵀWJ)⁻¹ with J_k = (1, g_k,
// −b ln N_k g_k), g_k = N_k^−ν, W = diag(1/σ_k²) (the Gauss–Newton approximation at the
// minimum, exact for the linear part). Leaves the conditional error and says why when C does
// not exist (b = 0: ν has no effect) or does not describe a minimum (ν on its search boundary).
void add_power_law_covariance(drift_fit& fit, const std::vector<double>& sizes, const std::vector<double>& sigma) {
  const double nu = *fit.nu;
  Eigen::MatrixXd jacobian(static_cast<Eigen::Index>(sizes.size()), 3);
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    const double g = std::pow(sizes[k], -nu);
    const auto row = static_cast<Eigen::Index>(k);
    jacobian.row(row) << 1.0 / sigma[k], g / sigma[k], -fit.b * std::log(sizes[k]) * g / sigma[k];
  }
  const Eigen::Matrix3d information = jacobian.transpose() * jacobian;
  const Eigen::FullPivLU<Eigen::Matrix3d> lu(information);
  if (!lu.isInvertible()) {
    fit.note = "b is (numerically) 0, so nu is not identified: a_error is conditional on nu";
    return;
  }
  const Eigen::Matrix3d covariance = lu.inverse();
  fit.covariance.assign(3, std::vector<double>(3));
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) fit.covariance[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = covariance(i, j);
  fit.a_error = std::sqrt(covariance(0, 0));
  fit.nu_error = std::sqrt(covariance(2, 2));
  if (nu - nu_lowest < 1e-3 || nu_highest - nu < 1e-3)
    fit.note = fmt::format("nu = {:.4g} is on the boundary of its search interval [{}, {}]: the covariance is that of a "
                           "constrained fit and a_error is not a confidence statement",
                           nu, nu_lowest, nu_highest);
}

}  // namespace

drift_fit fit_power_law_drift(const std::vector<double>& sizes, const std::vector<double>& thresholds,
                              const std::vector<double>& errors) {
  check_points(sizes, thresholds, errors, 4);
  const auto at = [&](double nu) {
    std::vector<double> g;
    for (const double n : sizes) g.push_back(std::pow(n, -nu));
    return linear_fit(g, thresholds, errors);
  };
  const auto [nu, chi] = boost::math::tools::brent_find_minima([&](double v) { return at(v).chi_square; }, nu_lowest, nu_highest, 40);
  drift_fit fit = at(nu);
  fit.form = "a + b N^-nu";
  fit.nu = nu;
  add_power_law_covariance(fit, sizes, errors);
  fit.degrees_of_freedom = static_cast<int>(sizes.size()) - 3;
  return fit;
}

drift_fit fit_log_drift(const std::vector<double>& sizes, const std::vector<double>& thresholds,
                        const std::vector<double>& errors) {
  check_points(sizes, thresholds, errors, 2);
  std::vector<double> g;
  for (const double n : sizes) g.push_back(1.0 / std::log(n));
  drift_fit fit = linear_fit(g, thresholds, errors);
  fit.form = "a + b / ln N";
  fit.degrees_of_freedom = static_cast<int>(sizes.size()) - 2;
  return fit;
}

}  // namespace steer::validation
