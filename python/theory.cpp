// theory/: the closed forms of spec fixed-points-theory §2–4 and of the modular network, as
// NumPy ufunc-like functions (every scalar argument may be an array, broadcast as NumPy does).
// Same functions `steer theory` calls.
#include <pybind11/numpy.h>

#include <array>
#include <tuple>
#include <utility>
#include <vector>

#include "python/bindings.hpp"
#include "python/conversions.hpp"
#include "theory/annealed_count.hpp"
#include "theory/correlated_count.hpp"
#include "theory/local_entropy.hpp"
#include "theory/modular_count.hpp"
#include "theory/neighbour_count.hpp"
#include "theory/normal_probability.hpp"
#include "theory/pair_count.hpp"
#include "theory/pair_entropy.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {
namespace {

// The functions of (N, J_D) that return one value per distance d = 0..N, as a float64 array.
template <std::vector<double> (*per_distance)(int, double)>
py::array_t<double> distance_array(const int_argument& n, const real_argument& self_coupling) {
  return to_numpy(per_distance(int_from(n, "n"), real_scalar_from(self_coupling, "self_coupling")));
}

// py::vectorize would cast every argument with NumPy's forcecast (n = 12.7 would run as 12, ring =
// 0.5 as true, a complex J_D would lose its imaginary part) and would hold the GIL throughout. Here
// each argument is checked first (argument_checks.hpp), by its C++ type, under its Python name;
// then the arguments are broadcast as NumPy does and f runs over them with the GIL released.
template <typename T>
py::array checked(const py::handle& value, const char* name) {
  if constexpr (std::is_same_v<T, int>) return integer_array(value, name);
  else if constexpr (std::is_same_v<T, bool>) return flag_array(value, name);
  else return real_from(value, name);
}

template <typename>
using any_object = py::object;

template <typename R, typename... Args, std::size_t... I>
py::object call_vectorised(R (*f)(Args...), const std::array<const char*, sizeof...(Args)>& names, std::index_sequence<I...>,
                           const any_object<Args>&... values) {
  const py::tuple broadcast = py::module_::import("numpy").attr("broadcast_arrays")(checked<Args>(values, names[I])...);
  const auto inputs = std::make_tuple(py::array_t<Args, py::array::c_style | py::array::forcecast>::ensure(broadcast[I])...);
  const auto data = std::make_tuple(std::get<I>(inputs).data()...);
  const py::array first = broadcast[0];
  py::array_t<R> out(std::vector<py::ssize_t>(first.shape(), first.shape() + first.ndim()));
  R* result = out.mutable_data();
  const py::ssize_t size = out.size();
  {
    py::gil_scoped_release release;
    for (py::ssize_t k = 0; k < size; ++k) result[k] = f(std::get<I>(data)[k]...);
  }
  if (first.ndim() == 0) return py::cast(result[0]);  // scalars in, a scalar out
  return out;
}

// f vectorised over NumPy arrays, its arguments named `names` in error messages (the py::arg names).
template <typename R, typename... Args>
auto vectorised(R (*f)(Args...), std::array<const char*, sizeof...(Args)> names) {
  return [f, names](const any_object<Args>&... values) {
    return call_vectorised(f, names, std::index_sequence_for<Args...>{}, values...);
  };
}

void bind_counts(py::module_& m) {
  m.def("log_expected_fixed_points", vectorised(&theory::log_expected_fixed_points, {"n", "self_coupling"}), "n"_a, "self_coupling"_a,
        "ln E[#FP] = N ln 2 + N ln Phi(J_D sqrt(N/(N-1))) of the asymmetric Gaussian ensemble J_ij ~ N(0, 1/N),\n"
        "J_ii = J_D: exact for every N >= 2 (spec fixed-points-theory eq. 2; theory/annealed_count.hpp).\n"
        "Vectorised over n (int) and self_coupling (float). ValueError for n < 2 or non-finite J_D.");
  m.def("expected_fixed_points", vectorised(&theory::expected_fixed_points, {"n", "self_coupling"}), "n"_a, "self_coupling"_a,
        "E[#FP] = 2^N Phi(J_D sqrt(N/(N-1)))^N (spec eq. 2). OverflowError beyond the double range (use\n"
        "log_expected_fixed_points). Vectorised over n and self_coupling.");
  m.def("fixed_point_entropy", vectorised(&theory::fixed_point_entropy, {"self_coupling"}), "self_coupling"_a,
        "Large-N entropy s(J_D) = lim (1/N) ln E[#FP] = ln 2 + ln Phi(J_D), nats per neuron (spec eq. 3).\n"
        "Vectorised over self_coupling.");
  m.def("log_expected_fixed_points_correlated", vectorised(&theory::log_expected_fixed_points_correlated, {"n", "self_coupling", "symmetry"}), "n"_a,
        "self_coupling"_a, "symmetry"_a,
        "ln E[#FP] when corr(J_ij, J_ji) = symmetry in [0, 1] (one-dimensional integral (C1) of\n"
        "theory/correlated_count.hpp, absolute error <~ 1e-12 max(1, |ln E|)). symmetry < 0 raises ValueError\n"
        "(no finite-N form; use fixed_point_entropy_correlated). Vectorised.");
  m.def("fixed_point_entropy_correlated", vectorised(&theory::fixed_point_entropy_correlated, {"self_coupling", "symmetry"}), "self_coupling"_a,
        "symmetry"_a,
        "Large-N entropy s(J_D, eta) = ln 2 + extr_u [ln Phi(J_D + u) - u^2/(2 eta)] for eta in [-1, 1] ((C2) of\n"
        "theory/correlated_count.hpp); -inf where no fixed point can exist (eta = -1, J_D <= 0). Vectorised.");
  m.def("log_expected_fixed_points_modular",
        vectorised(+[](int modules, int module_size, double self_coupling, double inter_module_coupling, bool ring) {
          return theory::log_expected_fixed_points_modular({modules, module_size, self_coupling, inter_module_coupling, ring});
        }, {"modules", "module_size", "self_coupling", "inter_module_coupling", "ring"}),
        "modules"_a, "module_size"_a, "self_coupling"_a, "inter_module_coupling"_a, "ring"_a = false,
        "ln E[#FP] = n ln Z of the modular network: M modules of n units, N(0, 1/n) couplings inside a module,\n"
        "unit i of module m coupled by lambda to unit i of modules m +- 1 (open chain, or a ring for M >= 3);\n"
        "Z a 2x2 transfer-matrix product, exact (docs/theory/modular_count.md). Vectorised.");
  m.def("modular_fixed_point_entropy",
        vectorised(+[](int modules, double self_coupling, double inter_module_coupling, bool ring) {
          return theory::modular_fixed_point_entropy({modules, 2, self_coupling, inter_module_coupling, ring});
        }, {"modules", "self_coupling", "inter_module_coupling", "ring"}),
        "modules"_a, "self_coupling"_a, "inter_module_coupling"_a, "ring"_a = false,
        "lim_{n -> inf} (1/N) ln E[#FP] = (1/M) ln Z at fixed M (theory/modular_count.hpp). Vectorised.");
  m.def("modular_fixed_point_entropy_many_modules", vectorised(&theory::modular_fixed_point_entropy_many_modules, {"self_coupling", "inter_module_coupling"}),
        "self_coupling"_a, "inter_module_coupling"_a,
        "M -> inf as well: ln mu, mu the largest eigenvalue of [[Phi(J_D+2l), Phi(J_D)], [Phi(J_D), Phi(J_D-2l)]].\n"
        "Vectorised.");
}

void bind_pairs(py::module_& m) {
  m.def("log_expected_pairs", &distance_array<&theory::log_expected_pairs>, "n"_a, "self_coupling"_a,
        "ln E[P_N(d)], d = 0..N, as a float64 array of length N+1: ordered pairs of fixed points at Hamming\n"
        "distance d, s = s' included (spec eq. 4; theory/pair_count.hpp). -inf where exactly 0.");
  m.def("expected_pairs", &distance_array<&theory::expected_pairs>, "n"_a, "self_coupling"_a,
        "E[P_N(d)], d = 0..N (spec eq. 4). OverflowError beyond the double range.");
  m.def("log_expected_squared_count", vectorised(&theory::log_expected_squared_count, {"n", "self_coupling"}), "n"_a, "self_coupling"_a,
        "ln E[#FP^2] = ln sum_d E[P_N(d)]. Vectorised.");
  m.def("finite_size_pair_entropy", &distance_array<&theory::finite_size_pair_entropy>, "n"_a, "self_coupling"_a,
        "(1/N) ln E[P_N(d)], d = 0..N (array of length N+1): the finite-N pair entropy at q = 1 - 2d/N.");
  m.def("log_second_moment_ratio", vectorised(&theory::log_second_moment_ratio, {"n", "self_coupling"}), "n"_a, "self_coupling"_a,
        "ln(E[#FP^2]/E[#FP]^2), exact at finite N (spec §3.4). Vectorised.");
  m.def("log_expected_neighbours_at_distance", &distance_array<&theory::log_expected_neighbours_at_distance>, "n"_a, "self_coupling"_a,
        "ln(E[P_N(d)]/E[#FP]), d = 0..N: the annealed number of fixed points at distance d from a fixed point\n"
        "(theory/neighbour_count.hpp). Array of length N+1.");
  m.def("expected_neighbours_at_distance", &distance_array<&theory::expected_neighbours_at_distance>, "n"_a, "self_coupling"_a,
        "E[P_N(d)]/E[#FP], d = 0..N (d = 0 and N give 1). OverflowError beyond the double range.");
  m.def("pair_entropy", vectorised(&theory::pair_entropy, {"q", "self_coupling"}), "q"_a, "self_coupling"_a,
        "Two-replica (annealed pair) entropy S2(q; J_D) = ln 2 + H((1+q)/2) + ((1+q)/2) ln Phi2(J,J;q)\n"
        "+ ((1-q)/2) ln Phi2(J,J;-q), q in [-1, 1], nats per neuron (spec eq. 6). Vectorised.");
  m.def("pair_entropy_near_one", vectorised(&theory::pair_entropy_near_one, {"delta", "self_coupling"}), "delta"_a, "self_coupling"_a,
        "S2(1 - 2 delta) from delta in [0, 1] with no cancellation near q = 1 (spec §8). Vectorised.");
  m.def("pair_entropy_small_distance", vectorised(&theory::pair_entropy_small_distance, {"delta", "self_coupling"}), "delta"_a, "self_coupling"_a,
        "Small-distance expansion s - c sqrt(delta) + delta ln(1/delta) + ... of S2 near q = 1 (spec eq. 7 plus\n"
        "the -c^2 delta/2 term, theory/pair_entropy.hpp); J_D > 0. Vectorised.");
  m.def("small_distance_coefficient", vectorised(&theory::small_distance_coefficient, {"self_coupling"}), "self_coupling"_a,
        "c(J_D) = sqrt(2/pi) phi(J_D)/Phi(J_D), the sqrt(delta) coefficient of spec eq. 7. Vectorised.");
  m.def("maximise_pair_entropy",
        [](const real_argument& self_coupling) {
          const auto best = theory::maximise_pair_entropy(real_scalar_from(self_coupling, "self_coupling"));
          return py::make_tuple(best.q, best.value);
        },
        "self_coupling"_a,
        "(q, S2(q)) at the global maximum of S2 on [-1, 1], q >= 0 (q to ~1e-8, value to ~1e-15).");
  m.def("second_moment_ratio_large_n", vectorised(&theory::second_moment_ratio_large_n, {"self_coupling"}), "self_coupling"_a,
        "Large-N E[#FP^2]/E[#FP]^2 from overlaps q ~ N^(-1/2), e^(-r)/sqrt(1 - (2 + J_D^2) r + r^2),\n"
        "r = (phi/Phi)^2 (spec eq. 8); +inf for J_D <= -0.17835765. Vectorised.");
  m.def("second_moment_exponent", vectorised(&theory::second_moment_exponent, {"self_coupling"}), "self_coupling"_a,
        "lim (1/N) ln(E[#FP^2]/E[#FP]^2) = max_q S2(q) - 2 s(J_D). Vectorised.");
  m.def("binary_entropy", vectorised(&theory::binary_entropy, {"x"}), "x"_a,
        "H(x) = -x ln x - (1-x) ln(1-x), x in [0, 1], nats. Vectorised.");
}

void bind_local_entropy(py::module_& m) {
  m.def("annealed_local_entropy", vectorised(&theory::annealed_local_entropy, {"delta", "self_coupling"}), "delta"_a, "self_coupling"_a,
        "Annealed local entropy (Franz-Parisi potential) V_ann(delta) = S2(1 - 2 delta) - s(J_D) around a typical\n"
        "fixed point, delta in [0, 1] the Hamming distance / N (spec §4.2). Vectorised.");
  m.def("margin_local_entropy", vectorised(&theory::margin_local_entropy, {"delta", "self_coupling", "margin"}), "delta"_a, "self_coupling"_a, "margin"_a,
        "V_kappa(delta) around a reference fixed point with stability margin kappa = margin >= 0 (spec eq. 9);\n"
        "margin = 0 gives V_ann. Vectorised.");
  m.def("find_local_entropy_extrema",
        [](const real_argument& self_coupling, const real_argument& margin) {
          const auto e = theory::find_local_entropy_extrema(real_scalar_from(self_coupling, "self_coupling"),
                                                            real_scalar_from(margin, "margin"));
          return py::dict("minimum"_a = e.minimum, "argmin_delta"_a = e.argmin_delta,
                          "root_delta"_a = e.root_delta ? py::object(py::float_(*e.root_delta)) : py::object(py::none()));
        },
        "self_coupling"_a, "margin"_a = 0.0,
        "Minimum of V on delta in (0, 1/2], its argmin, and the first delta above it where V turns positive\n"
        "(None if it never does): dict(minimum, argmin_delta, root_delta) (theory/local_entropy.hpp).");
}

void bind_normal(py::module_& m) {
  m.def("log_normal_cdf", vectorised(&theory::log_normal_cdf, {"x"}), "x"_a,
        "ln Phi(x), relative error <~ 1e-15 for every finite x (theory/normal_probability.hpp). Vectorised.");
  m.def("bivariate_normal_cdf", vectorised(&theory::bivariate_normal_cdf, {"h", "k", "rho"}), "h"_a, "k"_a, "rho"_a,
        "Phi2(h, k; rho) = P(X <= h, Y <= k) for a standard bivariate normal with correlation rho. Vectorised.");
}

}  // namespace

void bind_theory(py::module_& m) {
  bind_counts(m);
  bind_pairs(m);
  bind_local_entropy(m);
  bind_normal(m);
}

}  // namespace steer::python
