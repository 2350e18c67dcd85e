// Counting the fixed points of one coupling matrix given as a NumPy array: exhaustive enumeration
// (numerics/fixed_points/enumeration.hpp, pair_distances.hpp — what `steer enumerate --couplings`
// calls) and, beyond it, the Wang–Landau estimate of count_mc.hpp (what `steer count-mc` calls).
#include <algorithm>

#include <pybind11/numpy.h>

#include "numerics/fixed_points/count_mc.hpp"
#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/pair_distances.hpp"
#include "python/bindings.hpp"
#include "python/conversions.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {

void bind_enumeration(py::module_& m) {
  m.def(
      "enumerate_fixed_points",
      [](const py::object& couplings, const std::string& kernel, const bool_argument& packed,
         const bool_argument& parallel) -> py::object {
        const numerics::coupling_matrix j = couplings_from(couplings);
        numerics::enumeration_options options;
        options.kernel = kernel_from(kernel);
        options.parallel = flag_from(parallel, "parallel");
        const bool as_packed = flag_from(packed, "packed");
        const auto found = without_gil([&] { return numerics::enumerate_fixed_points(j, options); });
        if (as_packed) return to_numpy(found.fixed_points);
        return spin_rows(found.fixed_points, j.size());
      },
      "couplings"_a, "kernel"_a = "auto", "packed"_a = false, "parallel"_a = true,
      "All fixed points of s_i <- sign(sum_j J_ij s_j) for the (N, N) float64 matrix `couplings` (entry (i, j) =\n"
      "J_ij, the weight of neuron j in neuron i's input; diagonal = self-couplings), 2 <= N <= 40: the states\n"
      "with every margin s_i sum_{j!=i} J_ij s_j + J_ii > 0, decided exactly for the given doubles (spec\n"
      "fixed-points-theory eq. 1; numerics/fixed_points/enumeration.hpp).\n"
      "Returns an (n_fp, N) int8 array of +-1 rows in ascending packed order, or with packed=True an (n_fp,)\n"
      "uint64 array (bit i set <=> s_i = +1). kernel: 'auto', 'avx512', 'pruned' or 'scalar' (as the CLI's\n"
      "--kernel; same result). parallel: OpenMP inside this network. ValueError for a non-square or non-finite\n"
      "matrix, N out of range, or a kernel this CPU cannot run.");
  m.def(
      "count_fixed_points",
      [](const py::object& couplings, const std::string& kernel) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        numerics::enumeration_options options;
        options.kernel = kernel_from(kernel);
        options.keep_states = false;
        return without_gil([&] { return numerics::enumerate_fixed_points(j, options).count; });
      },
      "couplings"_a, "kernel"_a = "auto",
      "Number of fixed points of the (N, N) matrix, without storing them (enumerate_fixed_points' count).");
  m.def(
      "pair_distance_histogram",
      [](const py::array& states, const int_argument& n) {
        const int size = int_from(n, "n");
        auto packed = packed_states_from(states, size, "states");
        std::sort(packed.begin(), packed.end());  // any order in; repeats are still refused
        return to_numpy(without_gil([&] { return numerics::pair_distance_histogram(packed, size); }));
      },
      "states"_a, "n"_a,
      "histogram[d] = #{ordered pairs (a, b) of the given distinct states at Hamming distance d}, d = 0..n,\n"
      "uint64 array of length n+1 (entry 0 = number of states; spec §3.1). states: (F, n) +-1 or (F,) uint64,\n"
      "in any order; ValueError for a repeated state or a packed state with bits at or beyond n.");
  m.def(
      "estimate_log_fixed_points",
      [](const py::object& couplings, const int_argument& runs, const real_argument& final_log_f, const real_argument& flatness,
         const int_argument& max_sweeps, const int_argument& seed, const int_argument& network) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        numerics::count_mc_options options;
        options.runs = int_from(runs, "runs");
        options.final_log_f = real_scalar_from(final_log_f, "final_log_f");
        options.flatness = real_scalar_from(flatness, "flatness");
        options.max_sweeps = int64_from(max_sweeps, "max_sweeps");
        options.seed = uint64_from(seed, "seed");
        options.network = uint64_from(network, "network");
        const auto r = without_gil([&] { return numerics::estimate_log_fixed_points(j, options); });
        std::vector<double> per_run;
        std::vector<std::uint8_t> converged, visited_zero;
        for (const auto& run : r.runs) {
          per_run.push_back(run.log_fixed_points);
          converged.push_back(run.converged ? 1 : 0);
          visited_zero.push_back(run.visited_zero ? 1 : 0);
        }
        return py::dict("n"_a = r.n, "top_energy"_a = r.top_energy, "runs_visiting_zero"_a = r.runs_visiting_zero,
                        "log_fixed_points"_a = r.log_fixed_points ? py::object(py::float_(r.log_fixed_points->mean)) : py::object(py::none()),
                        "log_fixed_points_error"_a = r.log_fixed_points ? py::object(py::float_(r.log_fixed_points->sem)) : py::object(py::none()),
                        "log_fixed_points_per_run"_a = to_numpy(per_run), "converged_per_run"_a = bool_array(converged),
                        "visited_zero_per_run"_a = bool_array(visited_zero));
      },
      "couplings"_a, "runs"_a = 8, "final_log_f"_a = 1e-6, "flatness"_a = 0.8, "max_sweeps"_a = 10000000, "seed"_a = 1,
      "network"_a = 0,
      "Wang-Landau (1/t) estimate of ln #FP of the (N, N) couplings, for N beyond enumeration (count_mc.hpp;\n"
      "docs/fixed_points/count_mc.md): `runs` independent walks (run r from stream (seed, network*2^20 + r,\n"
      "count_mc); OpenMP over runs), each until ln f < final_log_f or max_sweeps sweeps (0: no cap). Returns dict(n,\n"
      "top_energy, runs_visiting_zero, log_fixed_points and log_fixed_points_error (mean and SEM over runs, None\n"
      "unless every run visited E = 0 and converged), log_fixed_points_per_run, converged_per_run,\n"
      "visited_zero_per_run) — the numbers `steer count-mc --couplings` prints.");
}

}  // namespace steer::python
