#include "validation/fixed_points/cluster_check.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "theory/annealed_count.hpp"
#include "theory/local_entropy.hpp"
#include "theory/modular_pair_count.hpp"
#include "theory/neighbour_count.hpp"
#include "validation/fixed_points/count_check.hpp"

namespace steer::validation {
namespace {

using numerics::mean_with_error;

// Mean ± SEM, or the value with SEM 0 for a single sample.
mean_with_error estimate(const std::vector<double>& values) {
  return values.size() == 1 ? mean_with_error{values.front(), 0.0} : numerics::mean_and_sem(values);
}

mean_with_error ratio_estimate(const std::vector<double>& numerators, const std::vector<double>& denominators) {
  return numerators.size() == 1 ? mean_with_error{numerators.front() / denominators.front(), 0.0}
                                : numerics::ratio_of_means(numerators, denominators);
}

double largest_fraction(const std::vector<std::uint64_t>& sizes, std::uint64_t fixed_points) {
  return static_cast<double>(*std::max_element(sizes.begin(), sizes.end())) / static_cast<double>(fixed_points);
}

// z of the mean number of fixed points at distance d against R = E[P_N(d)]/E[#FP]. The standard
// error is floored like pair_z_score's: pairs at distance d come in clumps of u = pair_multiplicity
// (d, N) (the ±s symmetry), so Var[P(d)] ≳ u E[P(d)] and se(R) ≳ √(u R / (M E[#FP])).
double neighbour_z(const mean_with_error& measured, double theory, double expected_count, int d, int n,
                   std::int64_t networks) {
  if (theory == 0.0) return measured.mean == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
  const double floor = std::sqrt(pair_multiplicity(d, n) * theory / (static_cast<double>(networks) * expected_count));
  const double se = std::max({measured.sem, floor, theory_relative_accuracy * theory});
  return (measured.mean - theory) / se;
}

void add_theory(const cluster_check_config& config, cluster_check& check) {
  const int n = check.n, d_max = config.geometry.max_distance;
  const auto& modular = config.theory_modular;
  const std::vector<double> log_ratio =
      modular ? theory::log_expected_neighbours_at_distance_modular(*modular)
              : theory::log_expected_neighbours_at_distance(n, *config.theory_self_coupling);
  const double expected_count = std::exp(modular ? theory::log_expected_fixed_points_modular(*modular)
                                                 : theory::log_expected_fixed_points(n, *config.theory_self_coupling));
  bool pass = true, below = true;
  for (int d = 1; d <= d_max; ++d) {
    const double r = std::exp(log_ratio[static_cast<std::size_t>(d)]);
    check.theory_mean_neighbours.push_back(r);
    // ln(1 + R) from the log without overflow: log1p(e^L) = L + log1p(e^−L) for L > 0.
    const double l = log_ratio[static_cast<std::size_t>(d)];
    check.local_entropy_jensen_bound.push_back((l > 0.0 ? l + std::log1p(std::exp(-l)) : std::log1p(std::exp(l))) / n);
    if (!modular)
      check.annealed_local_entropy.push_back(
          theory::annealed_local_entropy(static_cast<double>(d) / n, *config.theory_self_coupling));
    if (check.mean_neighbours.empty()) continue;
    const double z = neighbour_z(check.mean_neighbours[static_cast<std::size_t>(d - 1)], r, expected_count, d, n,
                                 check.networks);
    check.neighbours_z.push_back(z);
    pass = pass && std::abs(z) < cluster_z_threshold;
    const auto& v = check.local_entropy[static_cast<std::size_t>(d - 1)];
    below = below && v.mean <= check.local_entropy_jensen_bound.back() + cluster_z_threshold * v.sem;
  }
  if (check.networks >= 2 && !check.mean_neighbours.empty()) {
    check.neighbours_pass = pass;
    check.local_entropy_below_bound = below;
  }
}

}  // namespace

cluster_check summarise_clusters(const cluster_check_config& config, std::vector<numerics::network_geometry> per_network,
                                 std::vector<std::vector<numerics::packed_state>> states) {
  cluster_check check;
  check.n = config.source.n;
  check.networks = static_cast<std::int64_t>(per_network.size());
  check.max_flips = config.geometry.max_flips;
  const int d_max = config.geometry.max_distance;
  std::vector<double> counts, largest, largest_k, with_neighbour;
  std::vector<std::vector<double>> pairs(static_cast<std::size_t>(d_max)), logs(static_cast<std::size_t>(d_max));
  check.nearest_distance_histogram.assign(static_cast<std::size_t>(check.n) + 1, 0);
  for (const auto& g : per_network) {
    counts.push_back(static_cast<double>(g.fixed_points));
    with_neighbour.push_back(static_cast<double>(g.with_neighbour_at_distance_1));
    for (std::size_t d = 0; d < pairs.size(); ++d) {
      pairs[d].push_back(static_cast<double>(g.neighbour_pairs[d]));
      logs[d].push_back(g.log_one_plus_neighbours[d] / check.n);
    }
    for (std::size_t d = 0; d < g.nearest_distance_histogram.size(); ++d)
      check.nearest_distance_histogram[d] += g.nearest_distance_histogram[d];
    for (const auto size : g.component_sizes) ++check.component_sizes[size];
    for (const auto size : g.component_sizes_max_flips) ++check.component_sizes_max_flips[size];
    if (g.fixed_points == 0) continue;
    ++check.networks_with_fixed_points;
    largest.push_back(largest_fraction(g.component_sizes, g.fixed_points));
    largest_k.push_back(largest_fraction(g.component_sizes_max_flips, g.fixed_points));
  }
  check.fixed_points = estimate(counts);
  if (!largest.empty()) {
    check.largest_component_fraction = estimate(largest);
    check.largest_component_fraction_max_flips = estimate(largest_k);
  }
  if (check.networks_with_fixed_points > 0) {
    check.fraction_with_neighbour_at_distance_1 = ratio_estimate(with_neighbour, counts);
    for (std::size_t d = 0; d < pairs.size(); ++d) {
      check.mean_neighbours.push_back(ratio_estimate(pairs[d], counts));
      check.local_entropy.push_back(ratio_estimate(logs[d], counts));
    }
  }
  if (config.theory_self_coupling || config.theory_modular) add_theory(config, check);
  if (config.geometry.keep_component_ids) {
    check.per_network = std::move(per_network);
    check.per_network_states = std::move(states);
  }
  return check;
}

cluster_check run_cluster_check(const cluster_check_config& config) {
  const auto options = ensemble_options_for(config.seed, {0, config.networks}, config.progress, enumeration_keeps::fixed_points);
  std::vector<numerics::network_geometry> per_network(static_cast<std::size_t>(std::max<std::int64_t>(config.networks, 0)));
  std::vector<std::vector<numerics::packed_state>> states(config.geometry.keep_component_ids ? per_network.size() : 0);
  // Options are checked before the parallel loop: nothing inside it may throw.
  numerics::analyse_network_geometry({}, config.source.n, config.geometry);
  numerics::for_each_enumerated_network(
      config.source, options, [&](std::int64_t k, const numerics::coupling_matrix&, numerics::enumeration_result&& found) {
        const auto slot = static_cast<std::size_t>(k);
        per_network[slot] = numerics::analyse_network_geometry(found.fixed_points, config.source.n, config.geometry);
        if (!states.empty()) states[slot] = std::move(found.fixed_points);
      });
  return summarise_clusters(config, std::move(per_network), std::move(states));
}

}  // namespace steer::validation
