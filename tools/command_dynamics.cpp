// `steer dynamics`: sign dynamics (asynchronous random-sequential, fixed-order sequential or
// synchronous) from random starts on one network, sampled or read from a file (issue 9 item 1):
// fraction converged, sweeps to converge, margins of the fixed points reached, cycle periods.
// The network, restarts and summary are those of every search command (fixed_point_search_cli).
#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "solvers/fixed_points/search_parameters.hpp"
#include "solvers/fixed_points/solver_registry.hpp"
#include "tools/commands.hpp"
#include "tools/fixed_point_search_cli.hpp"

namespace steer::tools {
namespace {

struct dynamics_command_options {
  search_command_options search;
  std::string schedule = "async";
  solvers::solver_budget budget;
};

// The couplings alone are N² doubles (800 MB at N = 10^4) plus a float copy per thread for the
// asynchronous schedules; 20000 bounds a typo, not a machine.
constexpr int max_dynamics_neurons = 20000;

void check_schedule(const std::string& text) {
  if (text != "async" && text != "sequential" && text != "sync")
    throw std::invalid_argument(fmt::format("--schedule must be async, sequential or sync, got '{}'", text));
}

}  // namespace

void register_dynamics(CLI::App& app) {
  auto o = std::make_shared<dynamics_command_options>();
  auto* command = app.add_subcommand(
      "dynamics", "Sign dynamics from random starts on one network: fraction converged, sweeps to converge, margins, "
                  "cycle periods");
  add_search_options(*command, o->search, max_dynamics_neurons);
  add_text_option(*command, "--schedule", o->schedule,
                  "async (random order, a new permutation per sweep), sequential (fixed order) or sync (all at once, "
                  "cycles detected)",
                  check_schedule);
  add_parameter_options(*command, o->budget, solvers::dynamics_parameters());
  command->callback([o] {
    const auto& set = solvers::dynamics_parameters();
    solvers::check_parameters(set, o->budget, solvers::parameter_spelling::cli);
    nlohmann::json parameters = parameters_json(set, o->budget);
    parameters["schedule"] = o->schedule;
    run_search(o->search, max_dynamics_neurons, {"dynamics", set.step_unit, parameters},
               solvers::make_solver(o->schedule, o->budget));
  });
}

}  // namespace steer::tools
