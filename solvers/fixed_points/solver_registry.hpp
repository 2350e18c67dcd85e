// Fixed-point search algorithms by name (issue 9): what `steer dynamics` and `steer thresholds
// --algorithm` choose from. Every entry returns a fixed_point_solver (solver_result.hpp): one run on
// one network from restart r, random streams keyed (seed, r, purpose), converged checked exactly.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "solvers/fixed_points/simulated_annealing.hpp"
#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

// The budget of one run. max_sweeps: sweeps of N single-neuron updates (asynchronous), synchronous
// steps, or the other algorithms' own unit (their headers say which).
struct solver_budget {
  std::int64_t max_sweeps = 1000;
};

// How a parameter is named in messages: the CLI's "--beta-final" or Python's "beta_final".
enum class parameter_spelling { cli, python };

// Values replacing an algorithm's documented defaults, by the snake_case names of its parameter
// table (search_parameters.hpp), e.g. {"beta_final", 30} for anneal; its budget parameter is not
// among them (solver_budget sets it). Empty: the defaults, which every documented threshold used.
struct solver_settings {
  std::map<std::string, double> values;
  std::optional<beta_schedule> schedule;  // anneal only
  parameter_spelling spelling = parameter_spelling::cli;  // of make_solver's messages

  bool empty() const { return values.empty() && !schedule; }
  // "beta_final=30,schedule=linear": names in order, values in shortest round-trip form; "" if empty.
  std::string label() const;
};

// The registered names, in a fixed order, for --help and error messages.
std::vector<std::string> solver_names();

// Throws std::invalid_argument naming the algorithm (and listing the known ones) for an unknown
// name, for max_sweeps < 1, or — named in the settings' spelling — for a setting that is not a
// parameter of this algorithm, out of its bounds, or out of order with another.
fixed_point_solver make_solver(std::string_view algorithm, const solver_budget& budget,
                               const solver_settings& settings = {});

}  // namespace steer::solvers
