// `steer anneal`: simulated annealing on E(s) = number of unstable units from random starts on one
// network (issue 9 item 2; solvers/fixed_points/simulated_annealing.hpp).
#include <memory>

#include "solvers/fixed_points/search_parameters.hpp"
#include "solvers/fixed_points/simulated_annealing.hpp"
#include "tools/commands.hpp"
#include "tools/fixed_point_search_cli.hpp"

namespace steer::tools {
namespace {

struct anneal_options {
  search_command_options search;
  solvers::annealing_options annealing;
  std::string schedule = "geometric";
};

// The couplings and their transposed copy: 2 N² doubles (6.4 GB at 20000); bounds a typo.
constexpr int max_anneal_neurons = 20000;

void check_schedule(const std::string& text) { solvers::parse_beta_schedule(text, "--schedule"); }

}  // namespace

void register_anneal(CLI::App& app) {
  auto o = std::make_shared<anneal_options>();
  auto* command = app.add_subcommand(
      "anneal", "Simulated annealing on the number of unstable units from random starts on one network");
  add_search_options(*command, o->search, max_anneal_neurons);
  add_parameter_options(*command, o->annealing, solvers::annealing_parameters());
  add_text_option(*command, "--schedule", o->schedule, "How beta grows between the two: linear or geometric",
                  check_schedule);
  command->callback([o] {
    const auto& set = solvers::annealing_parameters();
    auto options = o->annealing;
    options.schedule = solvers::parse_beta_schedule(o->schedule, "--schedule");
    solvers::check_parameters(set, options, solvers::parameter_spelling::cli);
    nlohmann::json parameters = parameters_json(set, options);
    parameters["schedule"] = o->schedule;
    run_search(o->search, max_anneal_neurons, {"anneal", set.step_unit, parameters}, solvers::annealing_solver(options));
  });
}

}  // namespace steer::tools
