#include "validation/fixed_points/threshold_statistics.hpp"

#include <fmt/format.h>

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <optional>

#include "numerics/rng_stream.hpp"

namespace steer::validation {
namespace {

constexpr std::uint64_t max_replicates = std::uint64_t{1} << 20;  // above the CLI's --bootstrap bound 10^5

struct spread {
  double mean = 0.0;
  double sd = 0.0;
};

spread spread_of(const std::vector<double>& values) {
  spread s;
  for (const double v : values) s.mean += v / static_cast<double>(values.size());
  double squares = 0.0;
  for (const double v : values) squares += (v - s.mean) * (v - s.mean);
  s.sd = values.size() < 2 ? 0.0 : std::sqrt(squares / static_cast<double>(values.size() - 1));
  return s;
}

// The interpolated value of the piecewise-linear curve (x, y) at t inside the grid.
double value_at(const std::vector<double>& x, const std::vector<double>& y, double t) {
  const auto above = std::upper_bound(x.begin(), x.end(), t);
  if (above == x.begin()) return y.front();
  if (above == x.end()) return y.back();
  const auto k = static_cast<std::size_t>(above - x.begin());
  return y[k - 1] + (y[k] - y[k - 1]) * (t - x[k - 1]) / (x[k] - x[k - 1]);
}

}  // namespace

std::vector<double> resampled_monotone_curve(const threshold_result& r, std::uint64_t stream_index) {
  const auto& c = r.config;
  numerics::rng_stream stream(c.seed, stream_index, numerics::stream_purpose::threshold_bootstrap);
  boost::random::uniform_int_distribution<std::int64_t> pick(0, c.networks - 1);
  std::vector<std::size_t> chosen;
  for (std::int64_t k = 0; k < c.networks; ++k) chosen.push_back(static_cast<std::size_t>(pick(stream)));
  const double trials = static_cast<double>(c.networks * c.restarts);
  std::vector<double> curve;
  for (const auto& p : r.points) {
    double s = 0.0;
    for (const auto k : chosen) s += static_cast<double>(p.successes[k]);
    curve.push_back(s / trials);
  }
  return isotonic_fit(curve, std::vector<double>(curve.size(), trials));
}

double grid_step_at(const std::vector<double>& grid, double x) {
  const auto above = std::upper_bound(grid.begin(), grid.end(), x);
  return above == grid.begin() || above == grid.end() ? 0.0 : *above - *(above - 1);
}

void bootstrap_threshold(threshold_result& r) {
  const auto& c = r.config;
  std::vector<double> thresholds;
  for (std::int64_t b = 0; b < c.bootstrap; ++b)
    if (const auto t = level_crossing(c.self_couplings, resampled_monotone_curve(r, static_cast<std::uint64_t>(b))))
      thresholds.push_back(*t);
  r.bootstrap_defined = static_cast<std::int64_t>(thresholds.size());
  r.bootstrap_undefined_fraction =
      c.bootstrap == 0 ? 0.0 : 1.0 - static_cast<double>(thresholds.size()) / static_cast<double>(c.bootstrap);
  if (!r.threshold) return;
  if (r.bootstrap_undefined_fraction > max_undefined_fraction) {
    r.threshold_flagged = true;
    r.threshold_flag = fmt::format("{:.0f} % of the {} bootstrap replicates have no 50 % crossing inside the J_D grid "
                                   "(more than {:.0f} %): the threshold is near the grid's edge or the curve is too "
                                   "noisy, so no error is given",
                                   100.0 * r.bootstrap_undefined_fraction, c.bootstrap, 100.0 * max_undefined_fraction);
    return;
  }
  if (thresholds.size() < 2) return;
  // Resampling networks cannot see where inside its grid step the 50 % point lies: a step-like
  // curve gives every replicate the same interpolated midpoint (spread ~1e−16). The position
  // inside the bracketing step of width w is counted as uniform, SD w/√12, and added in
  // quadrature, so the error is never below the grid's resolution.
  const double width = grid_step_at(c.self_couplings, *r.threshold);
  const double sd = spread_of(thresholds).sd;
  r.threshold_error = std::sqrt(sd * sd + width * width / 12.0);
}

size_crossing test_size_crossing(const threshold_result& smaller, const threshold_result& larger) {
  const auto& x = smaller.config.self_couplings;
  size_crossing c;
  c.n_small = smaller.config.n;
  c.n_large = larger.config.n;
  c.self_coupling = curve_crossing(x, smaller.monotone, larger.monotone);
  if (!c.self_coupling) {
    c.status = "the curves do not cross";
    return c;
  }
  const double t = *c.self_coupling;
  const double level_small = value_at(x, smaller.monotone, t), level_large = value_at(x, larger.monotone, t);
  const std::int64_t replicates = std::min(smaller.config.bootstrap, larger.config.bootstrap);
  // The bracketing grid points of curve_crossing: the last one below t and the first one above
  // it where the difference is not 0 (it skips points of zero difference; t is strictly inside).
  std::size_t k_below = 0, k_above = x.size() - 1;
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (larger.monotone[k] == smaller.monotone[k]) continue;
    if (x[k] < t) k_below = k;
    if (x[k] > t) {
      k_above = k;
      break;
    }
  }
  std::vector<double> below_differences, above_differences, crossings;
  for (std::int64_t b = 0; b < replicates; ++b) {
    const auto s = resampled_monotone_curve(smaller, static_cast<std::uint64_t>(smaller.config.n) * max_replicates + static_cast<std::uint64_t>(b));
    const auto l = resampled_monotone_curve(larger, static_cast<std::uint64_t>(larger.config.n) * max_replicates + static_cast<std::uint64_t>(b));
    below_differences.push_back(l[k_below] - s[k_below]);
    above_differences.push_back(l[k_above] - s[k_above]);
    if (const auto r = curve_crossing(x, s, l)) crossings.push_back(*r);
  }
  if (replicates < 2) {
    c.status = "fewer than 2 bootstrap replicates: the sign change cannot be tested";
    return c;
  }
  const auto z = [](double d, double se) { return se > 0.0 ? d / se : (d > 0.0 ? 1e300 : (d < 0.0 ? -1e300 : 0.0)); };
  c.z_below = z(larger.monotone[k_below] - smaller.monotone[k_below], spread_of(below_differences).sd);
  c.z_above = z(larger.monotone[k_above] - smaller.monotone[k_above], spread_of(above_differences).sd);
  c.bootstrap_undefined_fraction = 1.0 - static_cast<double>(crossings.size()) / static_cast<double>(replicates);
  if (c.bootstrap_undefined_fraction <= max_undefined_fraction && crossings.size() >= 2) {
    const double sd = spread_of(crossings).sd, width = grid_step_at(x, t);
    c.error = std::sqrt(sd * sd + width * width / 12.0);
  }
  if (std::min(level_small, level_large) < informative_low || std::max(level_small, level_large) > informative_high) {
    c.status = fmt::format("outside the informative window: success {:.3g} (N={}) and {:.3g} (N={}) at the crossing, "
                           "not both in [{}, {}]",
                           level_small, smaller.config.n, level_large, larger.config.n, informative_low, informative_high);
  } else if (!(*c.z_below <= -crossing_significance && *c.z_above >= crossing_significance)) {
    c.status = fmt::format("the sign change is not significant: z = {:.3g} below and {:.3g} above (needs <= -{} and >= {})",
                           *c.z_below, *c.z_above, crossing_significance, crossing_significance);
  } else if (!c.error) {
    c.status = fmt::format("{:.0f} % of the bootstrap replicates do not cross (more than {:.0f} %): no error",
                           100.0 * c.bootstrap_undefined_fraction, 100.0 * max_undefined_fraction);
  } else {
    c.accepted = true;
    c.status = "accepted";
  }
  return c;
}

}  // namespace steer::validation
