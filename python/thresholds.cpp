// validation/fixed_points/accessibility_threshold.hpp: the probability that a search algorithm
// reaches a fixed point within its budget vs J_D, and the J_D of 50 % success with its bootstrap
// error — what `steer thresholds` measures for one N (issue 9 items 6-7; spec fixed-points-theory
// §5). Only the fields whose meaning is settled are returned; the report's further statistics
// (flags, design effects, extrapolation over N) stay with the CLI.
#include <pybind11/numpy.h>

#include <fmt/format.h>

#include "python/bindings.hpp"
#include "python/conversions.hpp"
#include "solvers/fixed_points/search_parameters.hpp"
#include "validation/fixed_points/accessibility_threshold.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {
namespace {

// Keyword arguments beyond the named ones: the algorithm's parameters (solver_parameters(algorithm)),
// checked by solvers::make_solver in Python's spelling.
solvers::solver_settings settings_from(const py::kwargs& kwargs) {
  solvers::solver_settings s;
  s.spelling = solvers::parameter_spelling::python;
  for (const auto& [key, value] : kwargs) {
    const std::string name = py::str(key);
    if (name == "schedule")
      s.schedule = solvers::parse_beta_schedule(std::string(py::str(value)), "schedule");
    else
      s.values[name] = real_scalar_from(value, name.c_str());
  }
  return s;
}

py::dict settings_dict(const solvers::solver_settings& s) {
  py::dict out;
  solvers::for_each_setting(s, [&](const std::string& name, const auto& value) { out[py::str(name)] = value; });
  return out;
}

std::vector<double> grid_from(const py::handle& values) {
  const real_array grid = real_from(values, "self_couplings");
  if (grid.ndim() != 1)
    throw std::invalid_argument(fmt::format("self_couplings must be a 1-D array, got {} dimensions", grid.ndim()));
  return {grid.data(), grid.data() + grid.size()};
}

}  // namespace

void bind_thresholds(py::module_& m) {
  m.def(
      "accessibility_threshold",
      [](const std::string& algorithm, const int_argument& n, const py::object& self_couplings, const int_argument& networks,
         const int_argument& restarts, const int_argument& max_sweeps, const int_argument& bootstrap, const int_argument& seed,
         const py::kwargs& parameters) {
        validation::threshold_config config;
        config.algorithm = algorithm;
        config.solver = settings_from(parameters);
        config.n = int_from(n, "n");
        config.self_couplings = grid_from(self_couplings);
        config.networks = int64_from(networks, "networks");
        config.restarts = int64_from(restarts, "restarts");
        config.max_sweeps = int64_from(max_sweeps, "max_sweeps");
        config.bootstrap = int64_from(bootstrap, "bootstrap");
        config.seed = uint64_from(seed, "seed");
        const auto r = without_gil([&] { return validation::run_threshold(config); });
        std::vector<double> lower, upper;
        for (const auto& w : r.wilson) {
          lower.push_back(w.lower);
          upper.push_back(w.upper);
        }
        return py::dict("algorithm"_a = algorithm, "n"_a = config.n, "self_couplings"_a = to_numpy(config.self_couplings),
                        "success"_a = to_numpy(r.success), "wilson_lower"_a = to_numpy(lower), "wilson_upper"_a = to_numpy(upper),
                        "threshold"_a = optional_float(r.threshold), "threshold_error"_a = optional_float(r.threshold_error),
                        "solver_settings"_a = settings_dict(config.solver));
      },
      "algorithm"_a = "async", "n"_a = 200, "self_couplings"_a, "networks"_a = 20, "restarts"_a = 1, "max_sweeps"_a = 1000,
      "bootstrap"_a = 200, "seed"_a = 1,
      "Success probability of the named algorithm (solver_names(); max_sweeps is its budget, as in `steer thresholds\n"
      "--algorithm`) on `networks` networks of N = n neurons of the asymmetric ensemble at each J_D of the strictly\n"
      "increasing grid self_couplings (network k has the same off-diagonal couplings at every J_D), `restarts` starts\n"
      "each; OpenMP over networks, identical for any thread count. Returns dict(algorithm, n, self_couplings,\n"
      "success (per J_D: fraction of runs that reached a fixed point), wilson_lower / wilson_upper (95 % interval,\n"
      "clustered over networks when restarts > 1), threshold (J_D of 50 % success on the monotone fit; None if the\n"
      "curve does not cross 50 % inside the grid), threshold_error (bootstrap over networks with the grid\n"
      "resolution; None when undefined or flagged), solver_settings (the parameters given)) — the numbers `steer\n"
      "thresholds --n n --json` prints. Further keywords are the algorithm's parameters (solver_parameters(algorithm)\n"
      "but its budget, which max_sweeps sets), as the solver options of `steer thresholds`; default: its defaults.");
}

}  // namespace steer::python
