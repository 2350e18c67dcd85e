// numerics/similarity/: Procrustes, CKA, CCA and DSA distances between activity arrays
// (spec rate-rnn-credit-assignment §7), and the shipped Hatsopoulos data — what `steer
// similarity` computes, on NumPy arrays.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "numerics/similarity/cca.hpp"
#include "numerics/similarity/cka.hpp"
#include "numerics/similarity/dsa.hpp"
#include "numerics/similarity/hatsopoulos.hpp"
#include "numerics/similarity/metric.hpp"
#include "numerics/similarity/procrustes.hpp"
#include "python/bindings.hpp"
#include "python/conversions.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {
namespace {

constexpr const char* samples_doc =
    "x, y: float arrays of shape (samples, units) or (conditions, times, units) (read as (conditions*times,\n"
    "units), the CLI's .npy layout), same number of samples, units may differ. ValueError for non-finite or\n"
    "constant input or mismatched samples.\n";

std::string doc(const char* text) { return std::string(text) + samples_doc; }

// The Python names of the DSA arguments: dsa() says components, ..., similarity_distance()
// dsa_components, ... (the CLI's --dsa-* options).
struct dsa_names {
  const char* components;
  const char* delays;
  const char* rank;
  const char* starts;
  const char* iterations;
};

numerics::dsa_options dsa_from(const py::handle& components, const py::handle& delays, const py::handle& rank,
                               const py::handle& starts, const py::handle& iterations, const py::handle& seed,
                               const dsa_names& names) {
  numerics::dsa_options o;
  o.components = int_from(components, names.components);
  o.delays = int_from(delays, names.delays);
  o.rank = int_from(rank, names.rank);
  o.procrustes.starts = int_from(starts, names.starts);
  o.procrustes.max_iterations = int_from(iterations, names.iterations);
  o.procrustes.seed = uint64_from(seed, "seed");
  return o;
}

void bind_distances(py::module_& m) {
  m.def(
      "procrustes_distance",
      [](const py::object& x, const py::object& y) {
        const Eigen::MatrixXd a = samples_from(x, "x"), b = samples_from(y, "y");
        return without_gil([&] { return numerics::procrustes_distance(a, b); });
      },
      "x"_a, "y"_a,
      doc("Procrustes shape distance theta/(pi/2) in [0, 1], theta = arccos(||X'^T Y'||_* / (||X'||_F ||Y'||_F)) of the\n"
          "column-centred x, y (spec §7.1; Williams et al. 2021).\n")
          .c_str());
  m.def(
      "procrustes_rotation",
      [](const py::object& x, const py::object& y) {
        const Eigen::MatrixXd a = samples_from(x, "x"), b = samples_from(y, "y");
        return matrix_to_numpy(without_gil([&] { return numerics::procrustes_rotation(a, b); }));
      },
      "x"_a, "y"_a, doc("The orthogonal (n, n) map Q, n = max(units), minimising ||X'/||X'|| - Y' Q/||Y'||||_F.\n").c_str());
  m.def(
      "linear_cka",
      [](const py::object& x, const py::object& y) {
        const Eigen::MatrixXd a = samples_from(x, "x"), b = samples_from(y, "y");
        return without_gil([&] { return numerics::linear_cka(a, b); });
      },
      "x"_a, "y"_a, doc("Linear CKA ||Y'^T X'||_F^2 / (||X'^T X'||_F ||Y'^T Y'||_F) in [0, 1] (Kornblith et al. 2019 eq. 5).\n").c_str());
  m.def(
      "cka_distance",
      [](const py::object& x, const py::object& y) {
        const Eigen::MatrixXd a = samples_from(x, "x"), b = samples_from(y, "y");
        return without_gil([&] { return numerics::cka_distance(a, b); });
      },
      "x"_a, "y"_a, doc("1 - linear_cka(x, y) (spec §7.2).\n").c_str());
  m.def(
      "cca",
      [](const py::object& x, const py::object& y, const int_argument& components, const real_argument& regularisation) {
        const Eigen::MatrixXd a = samples_from(x, "x"), b = samples_from(y, "y");
        const numerics::cca_options options{int_from(components, "components"), real_scalar_from(regularisation, "regularisation")};
        const auto r = without_gil([&] { return numerics::regularised_cca(a, b, options); });
        return py::dict("correlations"_a = to_numpy(r.correlations), "singular_values"_a = to_numpy(r.singular_values),
                        "distance"_a = r.distance);
      },
      "x"_a, "y"_a, "components"_a = 20, "regularisation"_a = 1e-3,
      doc("Regularised CCA after `components` principal axes per side (spec §7.3, pyrcca): dict(correlations,\n"
          "singular_values, distance = 1 - mean correlation).\n")
          .c_str());
  m.def(
      "dsa",
      [](const py::object& x, const py::object& y, const int_argument& components, const int_argument& delays,
         const int_argument& rank, const int_argument& starts, const int_argument& max_iterations, const int_argument& seed) {
        const auto o = dsa_from(components, delays, rank, starts, max_iterations, seed,
                                {"components", "delays", "rank", "starts", "max_iterations"});
        const numerics::activity_array a = activity_from(x, "x"), b = activity_from(y, "y");
        const auto r = without_gil([&] { return numerics::dsa(a, b, o); });
        return py::dict("angle"_a = r.angle, "distance"_a = r.distance, "converged"_a = r.converged);
      },
      "x"_a, "y"_a, "components"_a = 10, "delays"_a = 5, "rank"_a = 10, "starts"_a = 4, "max_iterations"_a = 1000, "seed"_a = 1,
      "Dynamical similarity analysis (spec §7.4; Ostrow et al. 2023): PCA to `components`, delay embedding with\n"
      "`delays`, rank-`rank` DMD, Procrustes over vector fields from `starts` starts (random ones from stream\n"
      "(seed, start, similarity_dsa_starts)). x, y: (conditions, times, units) with the same conditions and\n"
      "times ((samples, units) = one condition). dict(angle (radians), distance = angle/pi, converged).");
  m.def(
      "similarity_distance",
      [](const std::string& metric, const py::object& x, const py::object& y, const int_argument& cca_components,
         const real_argument& cca_regularisation, const int_argument& dsa_components, const int_argument& dsa_delays,
         const int_argument& dsa_rank, const int_argument& dsa_starts, const int_argument& dsa_iterations,
         const int_argument& seed) {
        const numerics::activity_array a = activity_from(x, "x"), b = activity_from(y, "y");
        numerics::require_same_layout(a, b, "x", "y");
        const numerics::similarity_options o{
            {int_from(cca_components, "cca_components"), real_scalar_from(cca_regularisation, "cca_regularisation")},
            dsa_from(dsa_components, dsa_delays, dsa_rank, dsa_starts, dsa_iterations, seed,
                     {"dsa_components", "dsa_delays", "dsa_rank", "dsa_starts", "dsa_iterations"})};
        const auto which = numerics::parse_similarity_metric(metric);
        return without_gil([&] { return numerics::similarity_distance(which, a, b, o); });
      },
      "metric"_a, "x"_a, "y"_a, "cca_components"_a = 20, "cca_regularisation"_a = 1e-3, "dsa_components"_a = 10,
      "dsa_delays"_a = 5, "dsa_rank"_a = 10, "dsa_starts"_a = 4, "dsa_iterations"_a = 1000, "seed"_a = 1,
      "The distance `steer similarity A B --metric M` prints: metric 'procrustes', 'cca', 'cka' or 'dsa'; x, y as\n"
      "(conditions, times, units) arrays with the same conditions and times (numerics/similarity/metric.hpp).\n"
      "Every distance is in [0, 1].");
}

}  // namespace

void bind_similarity(py::module_& m) {
  bind_distances(m);
  m.def(
      "load_hatsopoulos_rates",
      [](const std::string& directory) {
        const numerics::activity_array a = without_gil([&] { return numerics::load_hatsopoulos_rates(directory); });
        py::array_t<double> rates({a.conditions(), a.times(), a.units()});
        auto r = rates.mutable_unchecked<3>();
        for (int c = 0; c < a.conditions(); ++c)
          for (int t = 0; t < a.times(); ++t)
            for (int u = 0; u < a.units(); ++u) r(c, t, u) = a(c, t, u);
        return rates;
      },
      "directory"_a = STEER_HATSOPOULOS_DIR,
      "The Hatsopoulos, Xu & Amit (2007) M1 reaching data (data/hatsopoulos2007/firing_rates.csv, strictly\n"
      "checked): (8 directions, 121 bins of 10 ms from -800 ms, 141 neurons) float64 array of trial-averaged\n"
      "rates in Hz, movement onset at bin 80. directory defaults to the source tree's copy.");
}

}  // namespace steer::python
