#include "numerics/fixed_points/ensemble_enumeration.hpp"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <stdexcept>

#include "numerics/fixed_points/pair_distances.hpp"
#include "numerics/progress.hpp"

namespace steer::numerics {

network_source sampled_networks(const coupling_ensemble& ensemble) {
  ensemble.validate();
  return {ensemble.n, fmt::format("N={} J_D={} symmetry={}", ensemble.n, ensemble.self_coupling, ensemble.symmetry),
          [ensemble](std::uint64_t seed, std::uint64_t network) { return sample_couplings(ensemble, seed, network); }};
}

network_source sampled_networks(const modular_ensemble& ensemble) {
  ensemble.validate();
  return {ensemble.size(),
          fmt::format("M={} n={} J_D={} lambda={}{}", ensemble.modules, ensemble.module_size, ensemble.self_coupling,
                      ensemble.inter_module_coupling, ensemble.ring ? " ring" : ""),
          [ensemble](std::uint64_t seed, std::uint64_t network) { return sample_modular_couplings(ensemble, seed, network); }};
}

void for_each_enumerated_network(
    const network_source& source, const ensemble_options& options,
    const std::function<void(std::int64_t k, const coupling_matrix& couplings, enumeration_result&& found)>& use) {
  if (options.networks < 1)
    throw std::invalid_argument(fmt::format("networks must be >= 1, got {}", options.networks));
  if (options.first_network < 0)
    throw std::invalid_argument(fmt::format("first network must be >= 0, got {}", options.first_network));
  if (source.n > max_enumeration_neurons)
    throw std::invalid_argument(fmt::format("n must be <= {} for exhaustive enumeration, got {}",
                                            max_enumeration_neurons, source.n));
  require_kernel(options.kernel);  // throw here, not inside the OpenMP region
  // One network reports its chunks; several report networks.
  const bool single = options.networks == 1;
  progress_meter progress(fmt::format("enumerate {}", source.label), static_cast<std::uint64_t>(options.networks),
                          options.progress && !single);
  // Threads go over networks, or inside each network when there are fewer networks than
  // threads (one large network); either way the output is the same.
  const bool inside = options.networks < omp_get_max_threads();
  const enumeration_options per_network{options.kernel, inside, options.pair_histograms || options.keep_states,
                                       options.progress && single};
#pragma omp parallel for schedule(dynamic) if (!inside)
  for (std::int64_t k = 0; k < options.networks; ++k) {
    const coupling_matrix couplings = source.sample(options.seed, static_cast<std::uint64_t>(options.first_network + k));
    use(k, couplings, enumerate_fixed_points(couplings, per_network));
    progress.advance();
  }
}

std::vector<network_fixed_points> enumerate_networks(const network_source& source, const ensemble_options& options) {
  std::vector<network_fixed_points> results(static_cast<std::size_t>(std::max<std::int64_t>(options.networks, 0)));
  for_each_enumerated_network(source, options, [&](std::int64_t k, const coupling_matrix&, enumeration_result&& found) {
    auto& out = results[static_cast<std::size_t>(k)];
    out.count = found.count;
    if (options.pair_histograms) out.pair_histogram = pair_distance_histogram(found.fixed_points, source.n);
    if (options.keep_states) out.states = std::move(found.fixed_points);
  });
  return results;
}

std::vector<network_fixed_points> enumerate_ensemble(const coupling_ensemble& ensemble,
                                                     const ensemble_options& options) {
  return enumerate_networks(sampled_networks(ensemble), options);
}

ensemble_summary summarise(const std::vector<network_fixed_points>& per_network) {
  ensemble_summary summary;
  summary.networks = static_cast<std::int64_t>(per_network.size());
  std::vector<double> counts;
  std::vector<std::uint64_t> integer_counts;
  for (const auto& net : per_network) {
    counts.push_back(static_cast<double>(net.count));
    integer_counts.push_back(net.count);
  }
  summary.count = mean_and_sem(counts);
  summary.count_distribution = value_histogram(integer_counts);
  if (!per_network.empty() && !per_network.front().pair_histogram.empty()) {
    const std::size_t distances = per_network.front().pair_histogram.size();
    for (std::size_t d = 0; d < distances; ++d) {
      std::vector<double> column;
      for (const auto& net : per_network) column.push_back(static_cast<double>(net.pair_histogram[d]));
      summary.pairs.push_back(mean_and_sem(column));
    }
  }
  return summary;
}

}  // namespace steer::numerics
