// What `steer dynamics`, `steer anneal`, `steer fbp` and `steer replicated` share (issue 9 items
// 1-4): one network, read with --couplings FILE or sampled (--n --self-coupling --symmetry
// --network), --restarts runs of a fixed_point_solver over --threads (restart r uses streams
// (seed, r, purpose), so the runs do not depend on the thread count), and the summary: fraction
// converged, steps, margins, seconds, cycle periods (synchronous dynamics), one CSV row per restart
// with --out. Also the solver-parameter options of `steer thresholds` (add_setting_options).
#pragma once

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "solvers/fixed_points/search_parameters.hpp"
#include "solvers/fixed_points/solver_result.hpp"
#include "tools/cli_support.hpp"

namespace steer::tools {

struct search_command_options {
  common_options common;
  std::string couplings_file;  // empty: sample the network
  int n = 200;
  double self_coupling = 0.5;
  double symmetry = 0.0;
  std::int64_t network = 0;
  std::int64_t restarts = 10;
};

// What a search command is: its name (CSV/JSON stem and progress label), what its steps count
// (sweeps, iterations) and the solver's parameters as stored in the JSON.
struct search_command {
  std::string name;
  std::string step_unit;
  nlohmann::json parameters;
};

// Adds the network options (N bounded by max_n: the solver's memory), --restarts and the common
// options to `command`.
void add_search_options(CLI::App& command, search_command_options& options, int max_n);

// One option per parameter of `set` (--beta-final for beta_final), with its bounds and help, writing
// into `target`.
template <typename Options>
void add_parameter_options(CLI::App& command, Options& target, const solvers::parameter_set<Options>& set) {
  for (const auto& p : set.parameters) {
    const std::string option = solvers::spell(p.name, solvers::parameter_spelling::cli);
    std::visit(
        [&](auto field) {
          using value_type = std::remove_reference_t<decltype(target.*field)>;
          if constexpr (std::is_same_v<value_type, double>)
            add_real_option(command, option, target.*field, p.help, p.min, p.max);
          else
            add_integer_option(command, option, target.*field, static_cast<value_type>(p.min),
                               static_cast<value_type>(p.max), p.help);
        },
        p.field);
  }
}

// For an ensemble command over any algorithm (`steer thresholds`): one option per parameter of
// `set` but its budget (--max-sweeps sets that), in the help group "Solver parameters"; a value
// given is stored in `target.values` and checked against the table by solvers::make_solver, which
// also refuses it for an algorithm that lacks the parameter. `algorithms` names the ones having it.
template <typename Options>
void add_setting_options(CLI::App& command, solvers::solver_settings& target, const solvers::parameter_set<Options>& set,
                         std::string_view budget_name, const std::string& algorithms) {
  static const Options defaults{};  // static: GCC 12 wrongly warns maybe-uninitialized for a local read via std::visit
  for (const auto& p : set.parameters) {
    if (p.name == budget_name) continue;
    const std::string option = solvers::spell(p.name, solvers::parameter_spelling::cli);
    command
        .add_option_function<std::string>(
            option, [&target, option, name = std::string(p.name)](const std::string& text) {
              target.values[name] = parse_real(text, option);
            },
            fmt::format("[{}] {} (default {})", algorithms, p.help, p.get(defaults)))
        ->type_name(p.integer() ? "INT" : "FLOAT")
        ->group("Solver parameters (default: the algorithm's documented values)");
  }
}

// {name: value} of every parameter of `set`, integers as JSON integers (the sidecar's "parameters").
template <typename Options>
nlohmann::json parameters_json(const solvers::parameter_set<Options>& set, const Options& options) {
  nlohmann::json values = nlohmann::json::object();
  for (const auto& p : set.parameters) std::visit([&](auto field) { values[p.name] = options.*field; }, p.field);
  return values;
}

// Runs `solve` on the network for every restart and prints / writes the summary. Throws
// std::invalid_argument for a --couplings file that cannot be read or has N outside [2, max_n].
void run_search(const search_command_options& options, int max_n, const search_command& what,
                const solvers::fixed_point_solver& solve);

}  // namespace steer::tools
