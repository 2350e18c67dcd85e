// `steer anneal`: simulated annealing on E(s) = number of unstable units from random starts on one
// network (issue 9 item 2; solvers/fixed_points/simulated_annealing.hpp).
#include <fmt/format.h>

#include <memory>
#include <stdexcept>

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

void check_schedule(const std::string& text) {
  if (text != "linear" && text != "geometric")
    throw std::invalid_argument(fmt::format("--schedule must be linear or geometric, got '{}'", text));
}

}  // namespace

void register_anneal(CLI::App& app) {
  auto o = std::make_shared<anneal_options>();
  auto* command = app.add_subcommand(
      "anneal", "Simulated annealing on the number of unstable units from random starts on one network");
  add_search_options(*command, o->search, max_anneal_neurons);
  add_integer_option(*command, "--sweeps", o->annealing.sweeps, 1, 1000000000,
                     "Budget: sweeps of N Metropolis proposals (stops earlier at E = 0)");
  add_real_option(*command, "--beta-initial", o->annealing.beta_initial, "Inverse temperature of the first sweep",
                  1e-300);
  add_real_option(*command, "--beta-final", o->annealing.beta_final, "Inverse temperature of the last sweep", 1e-300);
  add_text_option(*command, "--schedule", o->schedule, "How beta grows between the two: linear or geometric",
                  check_schedule);
  command->callback([o] {
    auto options = o->annealing;
    options.schedule = o->schedule == "linear" ? solvers::beta_schedule::linear : solvers::beta_schedule::geometric;
    if (options.beta_final < options.beta_initial)
      throw std::invalid_argument(fmt::format("--beta-final {} must be >= --beta-initial {}", options.beta_final,
                                              options.beta_initial));
    const nlohmann::json parameters = {{"sweeps", options.sweeps},
                                       {"beta_initial", options.beta_initial},
                                       {"beta_final", options.beta_final},
                                       {"schedule", o->schedule}};
    run_search(o->search, max_anneal_neurons, {"anneal", "sweeps", parameters}, solvers::annealing_solver(options));
  });
}

}  // namespace steer::tools
