#include "numerics/fixed_points/ensemble_enumeration.hpp"

#include <fmt/format.h>
#include <omp.h>
#include <stdexcept>

#include "numerics/fixed_points/pair_distances.hpp"
#include "numerics/progress.hpp"

namespace steer::numerics {

std::vector<network_fixed_points> enumerate_ensemble(const coupling_ensemble& ensemble,
                                                     const ensemble_options& options) {
  ensemble.validate();
  if (options.networks < 1)
    throw std::invalid_argument(fmt::format("networks must be >= 1, got {}", options.networks));
  if (options.first_network < 0)
    throw std::invalid_argument(fmt::format("first network must be >= 0, got {}", options.first_network));
  if (ensemble.n > max_enumeration_neurons)
    throw std::invalid_argument(fmt::format("n must be <= {} for exhaustive enumeration, got {}",
                                            max_enumeration_neurons, ensemble.n));
  require_kernel(options.kernel);  // throw here, not inside the OpenMP region
  std::vector<network_fixed_points> results(static_cast<std::size_t>(options.networks));
  // One network reports its chunks; several report networks.
  const bool single = options.networks == 1;
  progress_meter progress(fmt::format("enumerate N={} J_D={}", ensemble.n, ensemble.self_coupling),
                          static_cast<std::uint64_t>(options.networks), options.progress && !single);
  // Threads go over networks, or inside each network when there are fewer networks than
  // threads (one large network); either way the output is the same.
  const bool inside = options.networks < omp_get_max_threads();
  const enumeration_options per_network{options.kernel, inside, options.pair_histograms || options.keep_states,
                                       options.progress && single};
#pragma omp parallel for schedule(dynamic) if (!inside)
  for (std::int64_t k = 0; k < options.networks; ++k) {
    const auto network = static_cast<std::uint64_t>(options.first_network + k);
    enumeration_result found = enumerate_fixed_points(sample_couplings(ensemble, options.seed, network), per_network);
    auto& out = results[static_cast<std::size_t>(k)];
    out.count = found.count;
    if (options.pair_histograms) out.pair_histogram = pair_distance_histogram(found.fixed_points, ensemble.n);
    if (options.keep_states) out.states = std::move(found.fixed_points);
    progress.advance();
  }
  return results;
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
