#include "theory/neighbour_count.hpp"

#include "theory/annealed_count.hpp"
#include "theory/pair_count.hpp"

namespace steer::theory {

std::vector<double> log_expected_neighbours_at_distance(int n, double self_coupling) {
  check_size_and_coupling("log_expected_neighbours_at_distance", n, self_coupling);
  std::vector<double> logs = log_expected_pairs(n, self_coupling);
  // E[P_N(0)] = E[#FP] (eq. 4 at d = 0, ρ_s = 1), so dividing by the d = 0 term makes d = 0 exactly 1
  // and keeps the ratio consistent term by term with the pair counts it comes from.
  const double log_fixed_points = logs.front();
  for (double& l : logs) l -= log_fixed_points;
  return logs;
}

std::vector<double> expected_neighbours_at_distance(int n, double self_coupling) {
  check_size_and_coupling("expected_neighbours_at_distance", n, self_coupling);
  return exponentiate_counts(log_expected_neighbours_at_distance(n, self_coupling), "expected_neighbours_at_distance", n);
}

}  // namespace steer::theory
