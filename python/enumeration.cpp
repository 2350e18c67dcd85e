// numerics/fixed_points/enumeration.hpp and pair_distances.hpp: exhaustive enumeration of one
// coupling matrix given as a NumPy array — the function `steer enumerate --couplings` calls.
#include <pybind11/numpy.h>

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
      [](const real_array& couplings, const std::string& kernel, bool packed, bool parallel) -> py::object {
        const numerics::coupling_matrix j = couplings_from(couplings);
        numerics::enumeration_options options;
        options.kernel = kernel_from(kernel);
        options.parallel = parallel;
        numerics::enumeration_result found;
        {
          py::gil_scoped_release release;
          found = numerics::enumerate_fixed_points(j, options);
        }
        if (packed) return to_numpy(found.fixed_points);
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
      [](const real_array& couplings, const std::string& kernel) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        numerics::enumeration_options options;
        options.kernel = kernel_from(kernel);
        options.keep_states = false;
        py::gil_scoped_release release;
        return numerics::enumerate_fixed_points(j, options).count;
      },
      "couplings"_a, "kernel"_a = "auto",
      "Number of fixed points of the (N, N) matrix, without storing them (enumerate_fixed_points' count).");
  m.def(
      "pair_distance_histogram",
      [](const py::array& states, int n) {
        return to_numpy(numerics::pair_distance_histogram(packed_states_from(states, n, "states"), n));
      },
      "states"_a, "n"_a,
      "histogram[d] = #{ordered pairs (a, b) of the given distinct states at Hamming distance d}, d = 0..n,\n"
      "uint64 array of length n+1 (entry 0 = number of states; spec §3.1). states: (F, n) +-1 or (F,) uint64.");
}

}  // namespace steer::python
