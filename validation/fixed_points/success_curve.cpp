#include "validation/fixed_points/success_curve.hpp"

#include <fmt/format.h>

#include <boost/math/tools/minima.hpp>
#include <boost/math/tools/roots.hpp>
#include <boost/math/tools/toms748_solve.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <stdexcept>

namespace steer::validation {
namespace {

// The root of the linear interpolant of (x0, y0), (x1, y1) (y0 < 0 < y1, or y1 = 0) by TOMS 748,
// as spec §6 prescribes; on a straight segment it converges in one or two steps.
double segment_root(double x0, double y0, double x1, double y1) {
  if (y1 == 0.0) return x1;
  const auto line = [&](double x) { return y0 + (y1 - y0) * (x - x0) / (x1 - x0); };
  std::uintmax_t iterations = 100;
  const auto [lo, hi] = boost::math::tools::toms748_solve(line, x0, x1, y0, y1,
                                                          boost::math::tools::eps_tolerance<double>(50), iterations);
  return 0.5 * (lo + hi);
}

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
  if (!std::isfinite(fit.a) || !std::isfinite(fit.b) || !std::isfinite(fit.a_error))
    throw std::domain_error("drift fit: not finite (the sizes give no lever arm)");
  for (std::size_t k = 0; k < g.size(); ++k) {
    const double r = t[k] - (fit.a + fit.b * g[k]);
    fit.residuals.push_back(r);
    fit.chi_square += (r / sigma[k]) * (r / sigma[k]);
  }
  return fit;
}

}  // namespace

proportion_interval wilson_interval(std::int64_t successes, std::int64_t trials, double z) {
  if (trials < 1 || successes < 0 || successes > trials)
    throw std::invalid_argument(fmt::format("Wilson interval: need 0 <= successes <= trials, trials >= 1; got {} of {}",
                                            successes, trials));
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator;
  // At p̂ = 0 (1) the lower (upper) end is exactly 0 (1); the formula would leave a rounding residue.
  return {successes == 0 ? 0.0 : centre - half, successes == trials ? 1.0 : centre + half};
}

std::vector<double> isotonic_fit(const std::vector<double>& values, const std::vector<double>& weights) {
  if (values.size() != weights.size()) throw std::invalid_argument("isotonic fit: values and weights differ in length");
  struct block {
    double mean, weight;
    std::size_t count;
  };
  std::vector<block> blocks;
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!(weights[k] > 0.0)) throw std::invalid_argument(fmt::format("isotonic fit: weights must be > 0, got {}", weights[k]));
    blocks.push_back({values[k], weights[k], 1});
    while (blocks.size() >= 2 && blocks[blocks.size() - 2].mean > blocks.back().mean) {
      const block last = blocks.back();
      blocks.pop_back();
      block& merged = blocks.back();
      merged.mean = (merged.mean * merged.weight + last.mean * last.weight) / (merged.weight + last.weight);
      merged.weight += last.weight;
      merged.count += last.count;
    }
  }
  std::vector<double> fitted;
  for (const auto& b : blocks) fitted.insert(fitted.end(), b.count, b.mean);
  return fitted;
}

std::optional<double> level_crossing(const std::vector<double>& x, const std::vector<double>& y, double level) {
  if (x.size() != y.size()) throw std::invalid_argument("level crossing: x and y differ in length");
  if (x.empty() || y.front() >= level) return std::nullopt;
  for (std::size_t k = 0; k + 1 < x.size(); ++k)
    if (y[k] < level && y[k + 1] >= level) return segment_root(x[k], y[k] - level, x[k + 1], y[k + 1] - level);
  return std::nullopt;
}

std::optional<double> curve_crossing(const std::vector<double>& x, const std::vector<double>& smaller,
                                     const std::vector<double>& larger) {
  if (x.size() != smaller.size() || x.size() != larger.size())
    throw std::invalid_argument("curve crossing: curves and grid differ in length");
  std::optional<double> crossing;
  // Sign changes are looked for between grid points where the difference is not 0.
  std::optional<std::size_t> previous;
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double d = larger[k] - smaller[k];
    if (d == 0.0) continue;
    if (previous) {
      const double d0 = larger[*previous] - smaller[*previous];
      if (d0 < 0.0 && d > 0.0) crossing = segment_root(x[*previous], d0, x[k], d);
      if (d0 > 0.0 && d < 0.0) crossing.reset();  // behind again: only a crossing after which it stays ahead counts
    }
    previous = k;
  }
  return crossing;
}

drift_fit fit_power_law_drift(const std::vector<double>& sizes, const std::vector<double>& thresholds,
                              const std::vector<double>& errors) {
  check_points(sizes, thresholds, errors, 4);
  const auto at = [&](double nu) {
    std::vector<double> g;
    for (const double n : sizes) g.push_back(std::pow(n, -nu));
    return linear_fit(g, thresholds, errors);
  };
  const auto [nu, chi] = boost::math::tools::brent_find_minima([&](double v) { return at(v).chi_square; }, 0.05, 3.0, 40);
  drift_fit fit = at(nu);
  fit.form = "a + b N^-nu";
  fit.nu = nu;
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
