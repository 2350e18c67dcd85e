// `steer fbp`: focusing belief propagation on the fixed-point constraints of one network, from
// random initial messages (issue 9 item 3; solvers/fixed_points/focusing_bp.hpp).
#include <memory>

#include "solvers/fixed_points/focusing_bp.hpp"
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
  add_real_option(*command, "--rho-step", o->fbp.rho_step,
                  "Focusing schedule step: rho = 0, step, 2 step, ... < 1; gamma = atanh(sqrt(rho)), y = (2-rho)/(1-rho)",
                  1e-6, 0.999999);
  add_integer_option(*command, "--iterations-per-step", o->fbp.iterations_per_step, 1, 1000000,
                     "BP iterations per focusing step at most");
  add_real_option(*command, "--tolerance", o->fbp.tolerance,
                  "A step ends when no message magnetisation changes by more than this", 1e-300, 1.0);
  add_real_option(*command, "--damping", o->fbp.damping, "Damping of the message updates (0: none)", 0.0, 0.999999);
  add_real_option(*command, "--initial-randomness", o->fbp.initial_randomness,
                  "Initial factor-to-variable fields uniform in +-this (stream (seed, restart, focusing_bp))", 0.0, 30.0);
  add_integer_option(*command, "--max-iterations", o->fbp.max_iterations, 1, 1000000000,
                     "Budget: BP iterations over all focusing steps");
  command->callback([o] {
    const auto& f = o->fbp;
    const nlohmann::json parameters = {{"rho_step", f.rho_step},
                                       {"iterations_per_step", f.iterations_per_step},
                                       {"tolerance", f.tolerance},
                                       {"damping", f.damping},
                                       {"initial_randomness", f.initial_randomness},
                                       {"max_iterations", f.max_iterations}};
    run_search(o->search, max_fbp_neurons, {"fbp", "iterations", parameters}, solvers::focusing_bp_solver(f));
  });
}

}  // namespace steer::tools
