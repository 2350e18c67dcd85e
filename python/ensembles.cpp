// numerics/fixed_points/couplings.hpp and ensemble_enumeration.hpp: sampled coupling matrices
// and enumeration over many networks of an ensemble, with the streams and summary `steer
// enumerate` uses (same seed → same networks → same numbers as the CLI).
#include <pybind11/numpy.h>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "python/bindings.hpp"
#include "python/conversions.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {
namespace {

py::array_t<double> couplings_array(const numerics::coupling_matrix& j) {
  const auto n = static_cast<py::ssize_t>(j.size());
  return py::array_t<double>({n, n}, j.values().data());
}

// The ensemble and enumeration arguments, each read by its C++ type under its Python name.
numerics::coupling_ensemble ensemble_from(const py::handle& n, const py::handle& self_coupling, const py::handle& symmetry) {
  return {int_from(n, "n"), real_scalar_from(self_coupling, "self_coupling"), real_scalar_from(symmetry, "symmetry")};
}

numerics::modular_ensemble modular_from(const py::handle& modules, const py::handle& module_size, const py::handle& self_coupling,
                                        const py::handle& inter_module_coupling, const py::handle& ring) {
  return {int_from(modules, "modules"), int_from(module_size, "module_size"), real_scalar_from(self_coupling, "self_coupling"),
          real_scalar_from(inter_module_coupling, "inter_module_coupling"), flag_from(ring, "ring")};
}

numerics::ensemble_options options_from(const py::handle& networks, const py::handle& seed, const py::handle& first_network,
                                        const py::handle& pair_histograms, const std::string& kernel) {
  numerics::ensemble_options options;
  options.seed = uint64_from(seed, "seed");
  options.networks = int64_from(networks, "networks");
  options.first_network = int64_from(first_network, "first_network");
  options.pair_histograms = flag_from(pair_histograms, "pair_histograms");
  options.kernel = kernel_from(kernel);
  return options;
}

// What `steer enumerate --json` reports for an ensemble: per-network counts, and for two or more
// networks the mean ± SEM of the count and of each pair-histogram entry, and the count distribution.
py::dict enumerate_source(const numerics::network_source& source, const numerics::ensemble_options& options) {
  const auto per_network = without_gil([&] { return numerics::enumerate_networks(source, options); });
  std::vector<std::uint64_t> counts;
  for (const auto& net : per_network) counts.push_back(net.count);
  py::dict result("n"_a = source.n, "networks"_a = options.networks, "seed"_a = options.seed,
                  "first_network"_a = options.first_network, "counts"_a = to_numpy(counts));
  if (options.pair_histograms) {
    py::array_t<std::uint64_t> histograms({static_cast<py::ssize_t>(options.networks), static_cast<py::ssize_t>(source.n + 1)});
    auto h = histograms.mutable_unchecked<2>();
    for (std::size_t k = 0; k < per_network.size(); ++k)
      for (int d = 0; d <= source.n; ++d) h(static_cast<py::ssize_t>(k), d) = per_network[k].pair_histogram[static_cast<std::size_t>(d)];
    result["pair_histograms"] = histograms;
  }
  if (options.networks >= 2) {
    const numerics::ensemble_summary summary = numerics::summarise(per_network);
    result["mean_fixed_points"] = summary.count.mean;
    result["sem_fixed_points"] = summary.count.sem;
    py::dict distribution;
    for (const auto& [count, with] : summary.count_distribution) distribution[py::int_(count)] = with;
    result["fixed_point_count_distribution"] = distribution;
    if (options.pair_histograms) {
      std::vector<double> mean, sem;
      for (const auto& p : summary.pairs) {
        mean.push_back(p.mean);
        sem.push_back(p.sem);
      }
      result["pair_distance_mean"] = to_numpy(mean);
      result["pair_distance_sem"] = to_numpy(sem);
    }
  }
  return result;
}

constexpr const char* summary_doc =
    "Returns a dict: n, networks, seed, first_network, counts ((networks,) uint64: #FP of each network),\n"
    "pair_histograms ((networks, N+1) uint64: ordered pairs at distance d, if pair_histograms), and for\n"
    "networks >= 2 mean_fixed_points, sem_fixed_points (standard error = sample sd / sqrt(networks)),\n"
    "pair_distance_mean / pair_distance_sem ((N+1,) float64), fixed_point_count_distribution ({#FP: networks}).\n"
    "The same numbers as `steer enumerate --json` with the same parameters.";

}  // namespace

void bind_ensembles(py::module_& m) {
  m.def(
      "sample_couplings",
      [](const int_argument& n, const real_argument& self_coupling, const real_argument& symmetry, const int_argument& seed,
         const int_argument& network) {
        const numerics::coupling_ensemble ensemble = ensemble_from(n, self_coupling, symmetry);
        const std::uint64_t master = uint64_from(seed, "seed"), index = uint64_from(network, "network");
        return couplings_array(without_gil([&] { return numerics::sample_couplings(ensemble, master, index); }));
      },
      "n"_a, "self_coupling"_a, "symmetry"_a = 0.0, "seed"_a = 1, "network"_a = 0,
      "Network `network` of the Gaussian ensemble under master seed `seed`, as an (N, N) float64 array:\n"
      "J_ij ~ N(0, 1/N) for i != j with corr(J_ij, J_ji) = symmetry in [-1, 1], J_ii = self_coupling (spec\n"
      "fixed-points-theory §1; numerics/fixed_points/couplings.hpp). The stream (seed, network, couplings) is\n"
      "the CLI's: `steer enumerate --seed S` enumerates networks 0, 1, ... of it.");
  m.def(
      "sample_modular_couplings",
      [](const int_argument& modules, const int_argument& module_size, const real_argument& self_coupling,
         const real_argument& inter_module_coupling, const bool_argument& ring, const int_argument& seed,
         const int_argument& network) {
        const numerics::modular_ensemble ensemble = modular_from(modules, module_size, self_coupling, inter_module_coupling, ring);
        const std::uint64_t master = uint64_from(seed, "seed"), index = uint64_from(network, "network");
        return couplings_array(without_gil([&] { return numerics::sample_modular_couplings(ensemble, master, index); }));
      },
      "modules"_a, "module_size"_a, "self_coupling"_a, "inter_module_coupling"_a = 0.0, "ring"_a = false, "seed"_a = 1,
      "network"_a = 0,
      "Network of the modular ensemble: M modules of n units (N = M n <= 64), J ~ N(0, 1/n) inside a module,\n"
      "J_D on the diagonal, unit i of module m and of modules m +- 1 coupled by lambda both ways (open chain or\n"
      "ring), 0 elsewhere (numerics/fixed_points/couplings.hpp). (N, N) float64.");
  m.def(
      "enumerate_ensemble",
      [](const int_argument& n, const real_argument& self_coupling, const real_argument& symmetry, const int_argument& networks,
         const int_argument& seed, const int_argument& first_network, const bool_argument& pair_histograms,
         const std::string& kernel) {
        return enumerate_source(numerics::sampled_networks(ensemble_from(n, self_coupling, symmetry)),
                                options_from(networks, seed, first_network, pair_histograms, kernel));
      },
      "n"_a, "self_coupling"_a, "symmetry"_a = 0.0, "networks"_a = 100, "seed"_a = 1, "first_network"_a = 0,
      "pair_histograms"_a = true, "kernel"_a = "auto",
      (std::string("Exhaustive enumeration of networks first_network .. first_network+networks-1 of the Gaussian\n"
                   "ensemble (sample_couplings), 2 <= n <= 40; OpenMP over networks, identical for any thread count.\n") +
       summary_doc)
          .c_str());
  m.def(
      "enumerate_modular_ensemble",
      [](const int_argument& modules, const int_argument& module_size, const real_argument& self_coupling,
         const real_argument& inter_module_coupling, const bool_argument& ring, const int_argument& networks,
         const int_argument& seed, const int_argument& first_network, const bool_argument& pair_histograms,
         const std::string& kernel) {
        return enumerate_source(
            numerics::sampled_networks(modular_from(modules, module_size, self_coupling, inter_module_coupling, ring)),
            options_from(networks, seed, first_network, pair_histograms, kernel));
      },
      "modules"_a, "module_size"_a, "self_coupling"_a, "inter_module_coupling"_a = 0.0, "ring"_a = false,
      "networks"_a = 100, "seed"_a = 1, "first_network"_a = 0, "pair_histograms"_a = true, "kernel"_a = "auto",
      (std::string("enumerate_ensemble for the modular ensemble (sample_modular_couplings), N = M n <= 40.\n") + summary_doc)
          .c_str());
}

}  // namespace steer::python
