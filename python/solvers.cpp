// solvers/fixed_points/solver_registry.hpp and restart_statistics.hpp: the fixed-point search
// algorithms by name (issue 9) — what `steer dynamics --schedule` runs — one run at a time or over
// restarts with the CLI's summary.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <fmt/format.h>

#include "python/bindings.hpp"
#include "python/conversions.hpp"
#include "solvers/fixed_points/restart_statistics.hpp"
#include "solvers/fixed_points/solver_registry.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {
namespace {

py::object optional_float(const std::optional<double>& value) {
  return value ? py::object(py::float_(*value)) : py::object(py::none());
}

py::dict solver_result_dict(const solvers::solver_result& r) {
  return py::dict("state"_a = spin_row(r.state), "converged"_a = r.converged, "steps"_a = r.steps,
                  "cycle_length"_a = r.cycle_length, "seconds"_a = r.seconds);
}

}  // namespace

void bind_solvers(py::module_& m) {
  m.def("solver_names", &solvers::solver_names,
        "Names of the registered fixed-point search algorithms (solvers/fixed_points/solver_registry.hpp), e.g.\n"
        "'async' (random-order sign dynamics), 'sequential', 'sync'; more as they are registered.");
  m.def(
      "solve",
      [](const real_array& couplings, const std::string& algorithm, std::uint64_t seed, std::uint64_t restart,
         std::int64_t max_sweeps) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        const auto solver = solvers::make_solver(algorithm, {max_sweeps});
        solvers::solver_result r;
        {
          py::gil_scoped_release release;
          r = solver(j, seed, restart);
        }
        return solver_result_dict(r);
      },
      "couplings"_a, "algorithm"_a = "async", "seed"_a = 1, "restart"_a = 0, "max_sweeps"_a = 1000,
      "One run of the named algorithm (solver_names()) on the (N, N) couplings from restart `restart`: the start\n"
      "and any randomness come from streams (seed, restart, purpose), as `steer dynamics` restart r. Returns\n"
      "dict(state: (N,) int8, converged: bool (checked exactly, eq. 1), steps (the algorithm's unit: sweeps for\n"
      "the dynamics), cycle_length (sync only; 0: none), seconds). ValueError for an unknown name.");
  m.def(
      "solve_restarts",
      [](const real_array& couplings, const std::string& algorithm, std::int64_t restarts, std::uint64_t seed,
         std::int64_t max_sweeps) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        const auto solver = solvers::make_solver(algorithm, {max_sweeps});
        if (restarts < 1) throw std::invalid_argument(fmt::format("restarts must be >= 1, got {}", restarts));
        std::vector<solvers::solver_result> runs(static_cast<std::size_t>(restarts));
        {
          py::gil_scoped_release release;
#pragma omp parallel for schedule(dynamic)
          for (std::int64_t r = 0; r < restarts; ++r) runs[static_cast<std::size_t>(r)] = solver(j, seed, static_cast<std::uint64_t>(r));
        }
        const auto s = solvers::summarise_restarts(j, runs);
        std::vector<std::uint8_t> converged;
        std::vector<std::int64_t> steps;
        for (const auto& run : runs) {
          converged.push_back(run.converged ? 1 : 0);
          steps.push_back(run.steps);
        }
        return py::dict("restarts"_a = s.restarts, "converged"_a = s.converged, "converged_fraction"_a = s.converged_fraction,
                        "mean_steps_to_converge"_a = optional_float(s.mean_steps_to_converge),
                        "median_steps_to_converge"_a = optional_float(s.median_steps_to_converge),
                        "mean_smallest_margin"_a = optional_float(s.mean_smallest_margin),
                        "mean_margin"_a = optional_float(s.mean_margin), "cycle_lengths"_a = s.cycle_lengths,
                        "converged_per_restart"_a = bool_array(converged), "steps_per_restart"_a = to_numpy(steps));
      },
      "couplings"_a, "algorithm"_a = "async", "restarts"_a = 100, "seed"_a = 1, "max_sweeps"_a = 1000,
      "Restarts 0..restarts-1 of solve() (OpenMP over restarts; identical for any thread count) and their\n"
      "summary (restart_statistics.hpp), the numbers `steer dynamics --json` prints: restarts, converged,\n"
      "converged_fraction, mean/median_steps_to_converge, mean_smallest_margin, mean_margin (None when no restart\n"
      "converged), cycle_lengths {period: restarts}, converged_per_restart (bool), steps_per_restart (int64).");
  m.def(
      "margins",
      [](const real_array& couplings, const real_array& state) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        return to_numpy(solvers::margins(j, spins_from(state, j.size(), "state")));
      },
      "couplings"_a, "state"_a,
      "m_i(s) = s_i sum_{j!=i} J_ij s_j + J_ii for every i ((N,) float64, spec eq. 1; s is a fixed point iff all\n"
      "are > 0).");
}

}  // namespace steer::python
