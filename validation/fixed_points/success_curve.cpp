#include "validation/fixed_points/success_curve.hpp"

#include <fmt/format.h>

#include <boost/math/tools/toms748_solve.hpp>

#include <algorithm>
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

}  // namespace

proportion_interval wilson_interval(std::int64_t successes, std::int64_t trials, double z) {
  if (trials < 1 || successes < 0 || successes > trials)
    throw std::invalid_argument(fmt::format("Wilson interval: need 0 <= successes <= trials, trials >= 1; got {} of {}",
                                            successes, trials));
  return wilson_interval_effective(static_cast<double>(successes), static_cast<double>(trials), z);
}

proportion_interval wilson_interval_effective(double successes, double trials, double z) {
  if (!(trials > 0.0) || !(successes >= 0.0) || successes > trials)
    throw std::invalid_argument(fmt::format("Wilson interval: need 0 <= successes <= trials, trials > 0; got {} of {}",
                                            successes, trials));
  const double n = trials;
  const double p = successes / n;
  const double z2 = z * z;
  const double denominator = 1.0 + z2 / n;
  const double centre = (p + z2 / (2.0 * n)) / denominator;
  const double half = z * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denominator;
  // At p̂ = 0 (1) the lower (upper) end is exactly 0 (1); the formula would leave a rounding residue.
  return {successes == 0.0 ? 0.0 : centre - half, successes == trials ? 1.0 : centre + half};
}

clustered_proportion clustered_wilson_interval(const std::vector<std::int64_t>& successes_per_cluster,
                                               std::int64_t trials_per_cluster, double z) {
  if (successes_per_cluster.empty() || trials_per_cluster < 1)
    throw std::invalid_argument("clustered Wilson interval: needs >= 1 cluster of >= 1 trial");
  const double m = static_cast<double>(trials_per_cluster), clusters = static_cast<double>(successes_per_cluster.size());
  double total = 0.0;
  for (const auto y : successes_per_cluster) {
    if (y < 0 || y > trials_per_cluster)
      throw std::invalid_argument(fmt::format("clustered Wilson interval: {} successes of {} trials", y, trials_per_cluster));
    total += static_cast<double>(y);
  }
  clustered_proportion r;
  r.proportion = total / (clusters * m);
  const double p = r.proportion;
  if (trials_per_cluster == 1) {
    r.design_effect = 1.0;
  } else if (p == 0.0 || p == 1.0 || successes_per_cluster.size() == 1) {
    r.design_effect = m;
  } else {
    double squares = 0.0;
    for (const auto y : successes_per_cluster) squares += (static_cast<double>(y) / m - p) * (static_cast<double>(y) / m - p);
    const double cluster_variance = squares / (clusters * (clusters - 1.0));
    r.design_effect = std::clamp(cluster_variance / (p * (1.0 - p) / (clusters * m)), 1.0, m);
  }
  r.effective_trials = clusters * m / r.design_effect;
  r.interval = wilson_interval_effective(p * r.effective_trials, r.effective_trials, z);
  return r;
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

}  // namespace steer::validation
