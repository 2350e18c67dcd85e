// `steer fbp`: focusing belief propagation on the fixed-point constraints of one network, from
// random initial messages (issue 9 item 3; solvers/fixed_points/focusing_bp.hpp), or its relaxed AMP
// form with --messages relaxed (solvers/fixed_points/relaxed_focusing_bp.hpp).
#include <memory>
#include <stdexcept>
#include <string>

#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/relaxed_focusing_bp.hpp"
#include "solvers/fixed_points/search_parameters.hpp"
#include "tools/commands.hpp"
#include "tools/fixed_point_search_cli.hpp"

namespace steer::tools {
namespace {

struct fbp_command_options {
  search_command_options search;
  solvers::focusing_bp_options fbp;
  std::string messages = "exact";  // or "relaxed": the AMP form (the registry's fbp-amp)
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
  add_text_option(*command, "--messages", o->messages,
                  "exact (every message, four ln Phi each) or relaxed (AMP form: matrix-vector products; fbp-amp)",
                  [](const std::string& text) {
                    if (text != "exact" && text != "relaxed")
                      throw std::invalid_argument("--messages must be exact or relaxed, got '" + text + "'");
                  });
  command->callback([o] {
    const auto& set = solvers::focusing_bp_parameters();
    solvers::check_parameters(set, o->fbp, solvers::parameter_spelling::cli);
    const bool relaxed = o->messages == "relaxed";
    run_search(o->search, max_fbp_neurons, {relaxed ? "fbp-amp" : "fbp", set.step_unit, parameters_json(set, o->fbp)},
               relaxed ? solvers::relaxed_focusing_bp_solver(o->fbp) : solvers::focusing_bp_solver(o->fbp));
  });
}

}  // namespace steer::tools
