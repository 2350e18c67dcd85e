// `steer replicated`: replicated (robust-ensemble) Monte Carlo — y replicas coupled to a centre with
// a growing coupling γ — from random starts on one network (issue 9 item 4;
// solvers/fixed_points/replicated_mc.hpp).
#include <memory>

#include "solvers/fixed_points/replicated_mc.hpp"
#include "solvers/fixed_points/search_parameters.hpp"
#include "tools/commands.hpp"
#include "tools/fixed_point_search_cli.hpp"

namespace steer::tools {
namespace {

struct replicated_command_options {
  search_command_options search;
  solvers::replicated_options replicated;
};

constexpr int max_replicated_neurons = 20000;

}  // namespace

void register_replicated(CLI::App& app) {
  auto o = std::make_shared<replicated_command_options>();
  auto* command = app.add_subcommand(
      "replicated", "Replicated Monte Carlo (y replicas coupled to a centre, coupling growing over the sweeps) from "
                    "random starts on one network; the centre is the output");
  add_search_options(*command, o->search, max_replicated_neurons);
  add_parameter_options(*command, o->replicated, solvers::replicated_parameters());
  command->callback([o] {
    const auto& set = solvers::replicated_parameters();
    solvers::check_parameters(set, o->replicated, solvers::parameter_spelling::cli);
    run_search(o->search, max_replicated_neurons, {"replicated", set.step_unit, parameters_json(set, o->replicated)},
               solvers::replicated_solver(o->replicated));
  });
}

}  // namespace steer::tools
