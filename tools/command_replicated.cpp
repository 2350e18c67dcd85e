// `steer replicated`: replicated (robust-ensemble) Monte Carlo — y replicas coupled to a centre with
// a growing coupling γ — from random starts on one network (issue 9 item 4;
// solvers/fixed_points/replicated_mc.hpp).
#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "solvers/fixed_points/replicated_mc.hpp"
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
  add_integer_option(*command, "--replicas", o->replicated.replicas, 1, 1000, "Number of replicas y");
  add_integer_option(*command, "--sweeps", o->replicated.sweeps, 1, 1000000000,
                     "Budget: sweeps (N proposals per replica and N for the centre); stops when the centre is a fixed point");
  add_real_option(*command, "--beta", o->replicated.beta, "Inverse temperature", 1e-300);
  add_real_option(*command, "--gamma-initial", o->replicated.gamma_initial, "Coupling to the centre in the first sweep", 0.0);
  add_real_option(*command, "--gamma-final", o->replicated.gamma_final,
                  "Coupling to the centre in the last sweep (linear in between)", 0.0);
  command->callback([o] {
    const auto& r = o->replicated;
    if (r.gamma_final < r.gamma_initial)
      throw std::invalid_argument(
          fmt::format("--gamma-final {} must be >= --gamma-initial {}", r.gamma_final, r.gamma_initial));
    const nlohmann::json parameters = {{"replicas", r.replicas},
                                       {"sweeps", r.sweeps},
                                       {"beta", r.beta},
                                       {"gamma_initial", r.gamma_initial},
                                       {"gamma_final", r.gamma_final}};
    run_search(o->search, max_replicated_neurons, {"replicated", "sweeps", parameters}, solvers::replicated_solver(r));
  });
}

}  // namespace steer::tools
