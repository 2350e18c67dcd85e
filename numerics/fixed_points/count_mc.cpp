#include "numerics/fixed_points/count_mc.hpp"

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "numerics/fixed_points/count_mc_energy.hpp"
#include "numerics/progress.hpp"
#include "numerics/rng_stream.hpp"

namespace steer::numerics {

void count_mc_options::validate() const {
  if (runs < 2 || runs > max_count_mc_runs)
    throw std::invalid_argument(fmt::format("count_mc: runs must be in [2, {}] (the error bar is their SEM), got {}",
                                            max_count_mc_runs, runs));
  if (!(final_log_f > 0.0 && final_log_f < 1.0))
    throw std::invalid_argument(fmt::format("count_mc: final_log_f must be in (0, 1), got {}", final_log_f));
  if (!(flatness >= 0.0 && flatness < 1.0))
    throw std::invalid_argument(fmt::format("count_mc: flatness must be in [0, 1), got {}", flatness));
  if (max_sweeps < 0) throw std::invalid_argument(fmt::format("count_mc: max_sweeps must be >= 0, got {}", max_sweeps));
  if (network >= (std::uint64_t{1} << 43))
    throw std::invalid_argument(fmt::format("count_mc: network index must be < 2^43, got {}", network));
}

int count_mc_top_energy(const coupling_matrix& couplings) {
  const int n = couplings.size();
  const boost::math::normal standard;
  double expected = 0.0;
  for (int i = 0; i < n; ++i) {
    double variance = 0.0;
    for (int j = 0; j < n; ++j)
      if (j != i) variance += couplings(i, j) * couplings(i, j);
    const double self = couplings(i, i);
    // A row without off-diagonal couplings has the fixed field 0: unstable iff J_ii ≤ 0.
    expected += variance > 0.0 ? boost::math::cdf(standard, -self / std::sqrt(variance)) : (self <= 0.0 ? 1.0 : 0.0);
  }
  return std::clamp(static_cast<int>(std::floor(expected)), 1, n);
}

namespace {

// ln Σ_b exp(x_b) over the visited bins.
double log_sum_visited(const std::vector<double>& log_g, const std::vector<bool>& visited) {
  double largest = -std::numeric_limits<double>::infinity();
  for (std::size_t b = 0; b < log_g.size(); ++b)
    if (visited[b]) largest = std::max(largest, log_g[b]);
  double sum = 0.0;
  for (std::size_t b = 0; b < log_g.size(); ++b)
    if (visited[b]) sum += std::exp(log_g[b] - largest);
  return largest + std::log(sum);
}

// Phase-1 criterion: every visited bin has H > 0 and H ≥ flatness · mean H.
bool histogram_flat(const std::vector<std::uint64_t>& histogram, const std::vector<bool>& visited, double flatness) {
  std::uint64_t total = 0, smallest = std::numeric_limits<std::uint64_t>::max();
  int bins = 0;
  for (std::size_t b = 0; b < histogram.size(); ++b)
    if (visited[b]) {
      total += histogram[b];
      smallest = std::min(smallest, histogram[b]);
      ++bins;
    }
  return smallest > 0 && static_cast<double>(smallest) >= flatness * static_cast<double>(total) / bins;
}

// One Wang–Landau walk (Belardinelli–Pereyra 1/t variant). Phase 1: ln f starts at 1 and halves
// whenever the histogram is flat (checked once per sweep); once ln f ≤ bins/t (t = proposals) the
// walk switches to ln f = bins/t, which removes the saturation error of plain WL. A bin seen for
// the first time starts at the smallest ln g̃ so far (WL's limit does not depend on the start) and,
// after phase 1, sends the walk back to phase 1: a late bin has had no time to converge.
count_mc_run run_walk(const integer_couplings& couplings, int top, const count_mc_options& o, std::uint64_t run) {
  const int n = couplings.size();
  rng_stream stream(o.seed, (o.network << 20) + run, stream_purpose::count_mc);
  spin_vector start(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) start[i] = (stream.next_u64() >> 63) != 0 ? 1 : -1;
  unstable_units walker(couplings, start);

  const auto bins = static_cast<std::size_t>(top) + 1;
  std::vector<double> log_g(bins, 0.0);
  std::vector<std::uint64_t> histogram(bins, 0);
  std::vector<bool> visited(bins, false);
  int visited_bins = 0;
  double log_f = 1.0;
  bool refining = false;  // the 1/t phase
  count_mc_run result;
  result.lowest_energy = walker.energy();
  auto bin_of = [top](int energy) { return static_cast<std::size_t>(std::min(energy, top)); };
  auto discover = [&](std::size_t b) {
    double smallest = std::numeric_limits<double>::infinity();
    for (std::size_t c = 0; c < bins; ++c)
      if (visited[c]) smallest = std::min(smallest, log_g[c]);
    log_g[b] = visited_bins > 0 ? smallest : 0.0;
    visited[b] = true;
    ++visited_bins;
    if (refining) {
      refining = false;
      ++result.late_bins;
      std::fill(histogram.begin(), histogram.end(), 0);
    }
  };
  std::size_t current = bin_of(walker.energy());
  discover(current);

  for (std::int64_t sweep = 0; o.max_sweeps == 0 || sweep < o.max_sweeps; ++sweep) {
    for (int step = 0; step < n; ++step) {
      // Multiply-high of 32 random bits (Lemire): bias ≤ N/2^32 per unit, far below any error bar.
      const auto k = static_cast<int>(((stream.next_u64() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
      const int proposed_energy = walker.energy_after_flip(k);
      const std::size_t proposed = bin_of(proposed_energy);
      if (!visited[proposed]) discover(proposed);
      const double log_ratio = log_g[current] - log_g[proposed];
      ++result.proposals;
      if (log_ratio >= 0.0 || stream.uniform_open() < std::exp(log_ratio)) {
        walker.flip(k);
        current = proposed;
        ++result.accepted;
        result.lowest_energy = std::min(result.lowest_energy, proposed_energy);
      }
      if (refining) log_f = static_cast<double>(visited_bins) / static_cast<double>(result.proposals);
      log_g[current] += log_f;
      ++histogram[current];
    }
    if (!refining && histogram_flat(histogram, visited, o.flatness)) {
      log_f /= 2.0;
      std::fill(histogram.begin(), histogram.end(), 0);
      refining = log_f <= static_cast<double>(visited_bins) / static_cast<double>(result.proposals);
    }
    if (refining && log_f <= o.final_log_f) {
      result.converged = true;
      break;
    }
  }
  result.visited_zero = visited[0];
  result.log_fixed_points = result.visited_zero
                                ? n * std::log(2.0) + log_g[0] - log_sum_visited(log_g, visited)
                                : -std::numeric_limits<double>::infinity();
  return result;
}

}  // namespace

void summarise_runs(count_mc_result& result) {
  std::vector<double> estimates;
  bool converged = true;
  for (const auto& run : result.runs) {
    if (run.visited_zero) estimates.push_back(run.log_fixed_points);
    converged = converged && run.converged;
  }
  result.runs_visiting_zero = static_cast<int>(estimates.size());
  result.log_fixed_points.reset();
  if (estimates.size() == result.runs.size() && converged && estimates.size() >= 2)
    result.log_fixed_points = mean_and_sem(estimates);
}

count_mc_result estimate_log_fixed_points(const coupling_matrix& couplings, const count_mc_options& options) {
  options.validate();
  const integer_couplings exact(couplings);
  count_mc_result result;
  result.n = couplings.size();
  result.top_energy = count_mc_top_energy(couplings);
  result.runs.resize(static_cast<std::size_t>(options.runs));
  progress_meter progress("count-mc walks", static_cast<std::uint64_t>(options.runs), options.progress);
#pragma omp parallel for schedule(dynamic, 1)
  for (int r = 0; r < options.runs; ++r) {
    result.runs[static_cast<std::size_t>(r)] = run_walk(exact, result.top_energy, options, static_cast<std::uint64_t>(r));
    progress.advance();
  }
  summarise_runs(result);
  return result;
}

}  // namespace steer::numerics
