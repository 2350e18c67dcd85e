// solvers/fixed_points/sign_dynamics.hpp, asynchronous_dynamics.hpp and synchronous_dynamics.hpp: zero-temperature sign
// dynamics s_i <- sign(sum_j J_ij s_j) from a given start (spec fixed-points-theory §1).
#include <pybind11/numpy.h>

#include <fmt/format.h>

#include "python/bindings.hpp"
#include "python/conversions.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "solvers/fixed_points/sign_dynamics.hpp"
#include "solvers/fixed_points/synchronous_dynamics.hpp"

namespace py = pybind11;
using namespace pybind11::literals;

namespace steer::python {
namespace {

solvers::update_schedule schedule_from(const std::string& name) {
  if (name == "synchronous") return solvers::update_schedule::synchronous;
  if (name == "sequential") return solvers::update_schedule::sequential;
  if (name == "random") return solvers::update_schedule::random_order;
  throw std::invalid_argument(fmt::format("schedule must be one of synchronous, sequential, random, got '{}'", name));
}

solvers::dynamics_options options_from(const std::string& schedule, const py::handle& max_sweeps, const py::handle& seed,
                                       const py::handle& trajectory) {
  return {schedule_from(schedule), int64_from(max_sweeps, "max_sweeps"), uint64_from(seed, "seed"),
          uint64_from(trajectory, "trajectory")};
}

constexpr const char* schedule_doc =
    "schedule: 'synchronous' (all neurons at once; can end in a cycle), 'sequential' (neurons 0..N-1 in turn)\n"
    "or 'random' (a new random order per sweep from stream (seed, trajectory, dynamics)). A sweep is N\n"
    "single-neuron updates or one synchronous step. Tie rule sign(0) = +1.\n";

}  // namespace

void bind_dynamics(py::module_& m) {
  m.def(
      "sign_dynamics",
      [](const py::object& couplings, const py::object& start, const std::string& schedule, const int_argument& max_sweeps,
         const int_argument& seed, const int_argument& trajectory) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        const numerics::spin_vector s0 = spins_from(start, j.size(), "start");
        const std::vector<int> spins(s0.begin(), s0.end());
        const auto options = options_from(schedule, max_sweeps, seed, trajectory);
        const auto r = without_gil([&] { return solvers::run_sign_dynamics(j, numerics::pack(spins), options); });
        const std::vector<int> end = numerics::unpack(r.state, j.size());
        return py::dict("state"_a = spin_row(numerics::spin_vector(end.begin(), end.end())), "converged"_a = r.converged,
                        "sweeps"_a = r.sweeps, "cycle_length"_a = r.cycle_length);
      },
      "couplings"_a, "start"_a, "schedule"_a = "sequential", "max_sweeps"_a = 1000, "seed"_a = 1, "trajectory"_a = 0,
      (std::string("Sign dynamics on the (N, N) float64 couplings (N <= 64) from the +-1 vector `start` (shape (N,)),\n"
                   "until a sweep changes nothing, a synchronous cycle is seen, or max_sweeps\n"
                   "(solvers/fixed_points/sign_dynamics.hpp).\n") +
       schedule_doc +
       "Returns dict(state: (N,) int8, converged: bool (state is a fixed point, eq. 1), sweeps: int,\n"
       "cycle_length: int (synchronous only; 0 if no cycle was seen)).")
          .c_str());
  m.def(
      "asynchronous_dynamics",
      [](const py::object& couplings, const py::object& start, const std::string& schedule, const int_argument& max_sweeps,
         const int_argument& seed, const int_argument& trajectory) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        numerics::spin_vector s0 = spins_from(start, j.size(), "start");
        const auto options = options_from(schedule, max_sweeps, seed, trajectory);
        const auto r = without_gil([&] { return solvers::asynchronous_dynamics(j).run(std::move(s0), options); });
        return py::dict("state"_a = spin_row(r.state), "converged"_a = r.converged, "sweeps"_a = r.sweeps, "flips"_a = r.flips,
                        "exact_decisions"_a = r.exact_decisions);
      },
      "couplings"_a, "start"_a, "schedule"_a = "random", "max_sweeps"_a = 1000, "seed"_a = 1, "trajectory"_a = 0,
      (std::string("Asynchronous sign dynamics for any N (incremental fields, fixed points re-checked exactly;\n"
                   "solvers/fixed_points/asynchronous_dynamics.hpp). For N <= 64 the same trajectory as sign_dynamics.\n") +
       schedule_doc +
       "'synchronous' raises ValueError here (use synchronous_dynamics). Returns dict(state: (N,) int8, converged:\n"
       "bool, sweeps: int, flips: single-neuron flips, exact_decisions: decisions taken by the exact margin sign).")
          .c_str());
  m.def(
      "synchronous_dynamics",
      [](const py::object& couplings, const py::object& start, const int_argument& max_sweeps) {
        const numerics::coupling_matrix j = couplings_from(couplings);
        numerics::spin_vector s0 = spins_from(start, j.size(), "start");
        const std::int64_t sweeps = int64_from(max_sweeps, "max_sweeps");
        const auto r = without_gil([&] { return solvers::synchronous_dynamics(j).run(std::move(s0), sweeps); });
        return py::dict("state"_a = spin_row(r.state), "converged"_a = r.converged, "steps"_a = r.steps,
                        "cycle_length"_a = r.cycle_length);
      },
      "couplings"_a, "start"_a, "max_sweeps"_a = 1000,
      "Synchronous sign dynamics s(t+1) = sign(J s(t)), sign(0) = +1, for any N, with exact decisions and detection\n"
      "of cycles of every period (solvers/fixed_points/synchronous_dynamics.hpp). Returns dict(state: (N,) int8,\n"
      "converged: bool, steps: steps taken (to the fixed point, or to the repeat that closed a cycle),\n"
      "cycle_length: period >= 2 of the cycle entered, 0 if none).");
  m.def(
      "random_spin_vector",
      [](const int_argument& n, const int_argument& seed, const int_argument& trajectory) {
        return spin_row(
            solvers::random_spin_vector(int_from(n, "n"), uint64_from(seed, "seed"), uint64_from(trajectory, "trajectory")));
      },
      "n"_a, "seed"_a = 1, "trajectory"_a = 0,
      "A uniformly random +-1 state of n spins from stream (seed, trajectory, initial_state): the start the\n"
      "CLI's dynamics use for trajectory `trajectory`. (n,) int8.");
}

}  // namespace steer::python
