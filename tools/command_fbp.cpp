// `steer fbp`: focusing belief propagation on the fixed-point constraints of one network, from
// random initial messages (issue 9 item 3; solvers/fixed_points/focusing_bp.hpp).
#include <memory>

#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/search_parameters.hpp"
#include "tools/commands.hpp"
#include "tools/fixed_point_search_cli.hpp"

namespace steer::tools {
namespace {

struct fbp_command_options {
  search_command_options search;
  solvers::focusing_bp_options fbp;
};

// Three N×N double message matrices besides the couplings: 800 MB at N = 5000.
constexpr int max_fbp_neurons = 5000;

}  // namespace

void register_fbp(CLI::App& app) {
  auto o = std::make_shared<fbp_command_options>();
  auto* command = app.add_subcommand(
      "fbp", "Focusing belief propagation on the fixed-point constraints of one network; the sign of the marginals "
             "is checked exactly after every focusing step");
  add_search_options(*command, o->search, max_fbp_neurons);
  add_parameter_options(*command, o->fbp, solvers::focusing_bp_parameters());
  command->callback([o] {
    const auto& set = solvers::focusing_bp_parameters();
    solvers::check_parameters(set, o->fbp, solvers::parameter_spelling::cli);
    run_search(o->search, max_fbp_neurons, {"fbp", set.step_unit, parameters_json(set, o->fbp)},
               solvers::focusing_bp_solver(o->fbp));
  });
}

}  // namespace steer::tools
