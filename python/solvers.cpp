// The fixed-point search algorithms (issue 9) with the parameter sets of `steer dynamics`, `steer
// anneal`, `steer fbp` and `steer replicated` as keyword arguments (solvers/fixed_points/
// search_parameters.hpp: same bounds, same checks), one run at a time or over restarts through
// the CLI's own restart loop and summary (restart_search.hpp).
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <limits>
#include <string>
#include <vector>

#include "python/bindings.hpp"
#include "python/conversions.hpp"
#include "solvers/fixed_points/relaxed_focusing_bp.hpp"
#include "solvers/fixed_points/restart_search.hpp"
#include "solvers/fixed_points/search_parameters.hpp"
#include "solvers/fixed_points/solver_registry.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {
namespace {

constexpr auto python_names = solvers::parameter_spelling::python;

py::object parameter_value(bool integer, double value) {
  return integer ? py::object(py::int_(static_cast<long long>(value))) : py::object(py::float_(value));
}

// An algorithm with its parameters resolved: what runs, what its steps count, and every
// parameter's value (defaults included), as `steer <command> --json` reports them.
struct configured_solver {
  solvers::fixed_point_solver solve;
  std::string step_unit;
  py::dict parameters;
};

// The options struct from the keyword arguments of `set` found in `given` (removed from it); the
// others keep the struct's defaults, which are the CLI's.
template <typename Options>
Options options_from(const solvers::parameter_set<Options>& set, py::dict& given, configured_solver& c) {
  Options options;
  for (const auto& p : set.parameters) {
    if (given.contains(p.name)) {
      const py::object given_value = given.attr("pop")(p.name);
      // An integer parameter by int64_from's rules, a real one by real_scalar_from's (True is
      // neither 1 nor 1.0), then the table's bounds.
      const double value =
          p.integer() ? static_cast<double>(int64_from(given_value, p.name)) : real_scalar_from(given_value, p.name);
      solvers::check_value(p.name, p.integer(), p.min, p.max, value, python_names);
      p.set(options, value);
    }
    c.parameters[p.name] = parameter_value(p.integer(), p.get(options));
  }
  solvers::check_parameters(set, options, python_names);
  c.step_unit = set.step_unit;
  return options;
}

configured_solver solver_from(const std::string& algorithm, const py::kwargs& kwargs) {
  py::dict given = kwargs.attr("copy")();
  configured_solver c;
  if (algorithm == "anneal") {
    auto options = options_from(solvers::annealing_parameters(), given, c);
    const std::string schedule =
        given.contains("schedule") ? std::string(py::str(given.attr("pop")("schedule"))) : solvers::beta_schedule_name(options.schedule);
    options.schedule = solvers::parse_beta_schedule(schedule, "schedule");
    c.parameters["schedule"] = schedule;
    c.solve = solvers::annealing_solver(options);
  } else if (algorithm == "fbp" || algorithm == "fbp-amp") {
    const auto options = options_from(solvers::focusing_bp_parameters(), given, c);
    c.solve = algorithm == "fbp" ? solvers::focusing_bp_solver(options) : solvers::relaxed_focusing_bp_solver(options);
  } else if (algorithm == "replicated") {
    c.solve = solvers::replicated_solver(options_from(solvers::replicated_parameters(), given, c));
  } else {
    c.solve = solvers::make_solver(algorithm, options_from(solvers::dynamics_parameters(), given, c));
  }
  if (!given.empty()) {
    std::vector<std::string> known;
    for (const auto& [name, value] : c.parameters) known.emplace_back(py::str(name));
    throw std::invalid_argument(fmt::format("unknown parameter '{}' for {} (known: {})",
                                            std::string(py::str((*given.begin()).first)), algorithm, fmt::join(known, ", ")));
  }
  return c;
}

template <typename Options>
void describe(py::dict& out, const solvers::parameter_set<Options>& set) {
  const Options defaults{};
  for (const auto& p : set.parameters)
    out[p.name] = py::dict("default"_a = parameter_value(p.integer(), p.get(defaults)), "min"_a = parameter_value(p.integer(), p.min),
                           "max"_a = p.max == solvers::unbounded ? py::object(py::float_(std::numeric_limits<double>::infinity())) : parameter_value(p.integer(), p.max),
                           "integer"_a = p.integer(), "help"_a = p.help);
}

py::dict parameters_of(const std::string& algorithm) {
  py::dict out;
  if (algorithm == "anneal") {
    describe(out, solvers::annealing_parameters());
    out["schedule"] = py::dict("default"_a = "geometric", "choices"_a = py::make_tuple("linear", "geometric"),
                               "help"_a = "How beta grows between the two: linear or geometric");
  } else if (algorithm == "fbp" || algorithm == "fbp-amp") {
    describe(out, solvers::focusing_bp_parameters());
  } else if (algorithm == "replicated") {
    describe(out, solvers::replicated_parameters());
  } else {
    solvers::make_solver(algorithm, {});  // refuses an unknown name
    describe(out, solvers::dynamics_parameters());
  }
  return out;
}

py::dict summary_dict(const std::string& algorithm, int n, std::uint64_t seed, const configured_solver& c,
                      const solvers::restart_search_result& search) {
  const auto& s = search.statistics;
  std::vector<std::uint8_t> converged;
  std::vector<std::int64_t> steps, cycle_length;
  std::vector<double> seconds;
  py::array_t<std::int8_t> states({static_cast<py::ssize_t>(search.runs.size()), static_cast<py::ssize_t>(n)});
  auto rows = states.mutable_unchecked<2>();
  for (std::size_t r = 0; r < search.runs.size(); ++r) {
    const auto& run = search.runs[r];
    converged.push_back(run.converged ? 1 : 0);
    steps.push_back(run.steps);
    cycle_length.push_back(run.cycle_length);
    seconds.push_back(run.seconds);
    for (int i = 0; i < n; ++i) rows(static_cast<py::ssize_t>(r), i) = run.state[static_cast<std::size_t>(i)];
  }
  return py::dict("algorithm"_a = algorithm, "n"_a = n, "seed"_a = seed, "restarts"_a = s.restarts, "parameters"_a = c.parameters,
                  "step_unit"_a = c.step_unit, "converged"_a = s.converged, "converged_fraction"_a = s.converged_fraction,
                  "distinct_fixed_points"_a = search.distinct_fixed_points,
                  "mean_steps_to_converge"_a = optional_float(s.mean_steps_to_converge),
                  "median_steps_to_converge"_a = optional_float(s.median_steps_to_converge),
                  "mean_smallest_margin"_a = optional_float(s.mean_smallest_margin), "mean_margin"_a = optional_float(s.mean_margin),
                  "cycle_lengths"_a = s.cycle_lengths, "mean_seconds"_a = s.mean_seconds, "states"_a = states,
                  "converged_per_restart"_a = bool_array(converged), "steps_per_restart"_a = to_numpy(steps),
                  "cycle_length_per_restart"_a = to_numpy(cycle_length),
                  "unstable_units_per_restart"_a = to_numpy(search.unstable_units),
                  "smallest_margin_per_restart"_a = to_numpy(search.smallest_margins), "seconds_per_restart"_a = to_numpy(seconds));
}

constexpr const char* parameters_doc =
    "Keyword parameters, by algorithm (solver_parameters(algorithm) lists them with defaults and bounds, the\n"
    "CLI's; out of bounds, non-integral for an integer, or unknown raises ValueError naming it):\n"
    "  'async', 'sequential', 'sync': max_sweeps (as `steer dynamics --max-sweeps`);\n"
    "  'anneal': sweeps, beta_initial, beta_final, schedule ('linear' or 'geometric') (`steer anneal`);\n"
    "  'fbp', 'fbp-amp': rho_step, iterations_per_step, tolerance, damping, initial_randomness, max_iterations\n"
    "  (`steer fbp`, `steer fbp --messages relaxed`);\n"
    "  'replicated': replicas, sweeps, beta, gamma_initial, gamma_final (`steer replicated`).\n";

std::string doc(const char* text) { return std::string(text) + parameters_doc; }

}  // namespace

void bind_solvers(py::module_& m) {
  m.def("solver_names", &solvers::solver_names,
        "Names of the registered fixed-point search algorithms (solvers/fixed_points/solver_registry.hpp):\n"
        "'async' (random-order sign dynamics), 'sequential', 'sync', 'anneal', 'fbp', 'fbp-amp' (relaxed fBP),\n"
        "'replicated'.");
  m.def("solver_parameters", &parameters_of, "algorithm"_a,
        "The keyword parameters of `algorithm` for solve() and solve_restarts(): {name: dict(default, min, max,\n"
        "integer, help)} (max = inf: unbounded), plus schedule's choices for 'anneal'. The CLI's options and bounds.");
  m.def(
      "solve",
      [](const py::object& couplings, const std::string& algorithm, const int_argument& seed, const int_argument& restart,
         const py::kwargs& parameters) {
        const configured_solver c = solver_from(algorithm, parameters);
        const numerics::coupling_matrix j = couplings_from(couplings);
        const std::uint64_t master = uint64_from(seed, "seed"), index = uint64_from(restart, "restart");
        const auto r = without_gil([&] { return c.solve(j, master, index); });
        return py::dict("state"_a = spin_row(r.state), "converged"_a = r.converged, "steps"_a = r.steps,
                        "cycle_length"_a = r.cycle_length, "seconds"_a = r.seconds);
      },
      "couplings"_a, "algorithm"_a = "async", "seed"_a = 1, "restart"_a = 0,
      doc("One run of the named algorithm (solver_names()) on the (N, N) couplings from restart `restart`: the start\n"
          "and any randomness come from streams (seed, restart, purpose), as restart r of `steer dynamics` (or\n"
          "anneal, fbp, replicated). Returns dict(state: (N,) int8, converged: bool (checked exactly, eq. 1), steps\n"
          "(sweeps; fbp: iterations), cycle_length (sync only; 0: none), seconds). ValueError for an unknown name.\n")
          .c_str());
  m.def(
      "solve_restarts",
      [](const py::object& couplings, const std::string& algorithm, const int_argument& restarts, const int_argument& seed,
         const py::kwargs& parameters) {
        const configured_solver c = solver_from(algorithm, parameters);
        const numerics::coupling_matrix j = couplings_from(couplings);
        const std::int64_t count = int64_from(restarts, "restarts");
        const std::uint64_t master = uint64_from(seed, "seed");
        const auto search = without_gil([&] { return solvers::run_restarts(j, c.solve, count, master); });
        return summary_dict(algorithm, j.size(), master, c, search);
      },
      "couplings"_a, "algorithm"_a = "async", "restarts"_a = 100, "seed"_a = 1,
      doc("Restarts 0..restarts-1 of solve() through the CLI's restart loop (restart_search.hpp; OpenMP over\n"
          "restarts, identical for any thread count) and its summary, the numbers `steer dynamics --json` (anneal,\n"
          "fbp, replicated) prints: algorithm, n, seed, restarts, parameters, step_unit, converged,\n"
          "converged_fraction, distinct_fixed_points, mean/median_steps_to_converge, mean_smallest_margin,\n"
          "mean_margin (None when no restart converged), cycle_lengths {period: restarts}, mean_seconds; and per\n"
          "restart (the CLI's CSV columns): states (R, N) int8, converged_per_restart, steps_per_restart,\n"
          "cycle_length_per_restart, unstable_units_per_restart, smallest_margin_per_restart, seconds_per_restart.\n")
          .c_str());
  m.def(
      "margins",
      [](const py::object& couplings, const py::object& state) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        const numerics::spin_vector s = spins_from(state, j.size(), "state");
        return to_numpy(without_gil([&] { return solvers::margins(j, s); }));
      },
      "couplings"_a, "state"_a,
      "m_i(s) = s_i sum_{j!=i} J_ij s_j + J_ii for every i ((N,) float64, spec eq. 1; s is a fixed point iff all\n"
      "are > 0).");
}

}  // namespace steer::python
