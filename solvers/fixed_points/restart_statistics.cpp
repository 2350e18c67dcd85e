#include "solvers/fixed_points/restart_statistics.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace steer::solvers {

std::vector<double> margins(const numerics::coupling_matrix& couplings, const numerics::spin_vector& s) {
  const int n = couplings.size();
  std::vector<double> m(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    double h = 0.0;
    for (int j = 0; j < n; ++j)
      if (j != i) h += couplings(i, j) * s[static_cast<std::size_t>(j)];
    m[static_cast<std::size_t>(i)] = s[static_cast<std::size_t>(i)] * h + couplings(i, i);
  }
  return m;
}

restart_statistics summarise_restarts(const numerics::coupling_matrix& couplings, const std::vector<solver_result>& runs) {
  if (runs.empty()) throw std::invalid_argument("restart statistics: no runs");
  restart_statistics stats;
  stats.restarts = static_cast<std::int64_t>(runs.size());
  std::vector<double> steps, smallest;
  double margin_sum = 0.0, seconds = 0.0;
  for (const auto& run : runs) {
    seconds += run.seconds;
    if (run.cycle_length >= 2) ++stats.cycle_lengths[run.cycle_length];
    if (!run.converged) continue;
    steps.push_back(static_cast<double>(run.steps));
    const auto m = margins(couplings, run.state);
    smallest.push_back(*std::min_element(m.begin(), m.end()));
    margin_sum += std::accumulate(m.begin(), m.end(), 0.0) / static_cast<double>(m.size());
  }
  stats.converged = static_cast<std::int64_t>(steps.size());
  stats.converged_fraction = static_cast<double>(stats.converged) / static_cast<double>(stats.restarts);
  stats.mean_seconds = seconds / static_cast<double>(stats.restarts);
  if (steps.empty()) return stats;
  const double count = static_cast<double>(steps.size());
  stats.mean_steps_to_converge = std::accumulate(steps.begin(), steps.end(), 0.0) / count;
  std::sort(steps.begin(), steps.end());
  const std::size_t mid = steps.size() / 2;
  stats.median_steps_to_converge = steps.size() % 2 == 1 ? steps[mid] : 0.5 * (steps[mid - 1] + steps[mid]);
  stats.mean_smallest_margin = std::accumulate(smallest.begin(), smallest.end(), 0.0) / count;
  stats.mean_margin = margin_sum / count;
  return stats;
}

}  // namespace steer::solvers
