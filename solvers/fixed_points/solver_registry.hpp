// Fixed-point search algorithms by name (issue 9): what `steer dynamics` and `steer thresholds
// --algorithm` choose from. Every entry returns a fixed_point_solver (solver_result.hpp): one run on
// one network from restart r, random streams keyed (seed, r, purpose), converged checked exactly.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "solvers/fixed_points/solver_result.hpp"

namespace steer::solvers {

// The budget of one run. max_sweeps: sweeps of N single-neuron updates (asynchronous), synchronous
// steps, or the other algorithms' own unit (their headers say which).
struct solver_budget {
  std::int64_t max_sweeps = 1000;
};

// The registered names, in a fixed order, for --help and error messages.
std::vector<std::string> solver_names();

// Throws std::invalid_argument naming the algorithm (and listing the known ones) for an unknown
// name, or for max_sweeps < 1.
fixed_point_solver make_solver(std::string_view algorithm, const solver_budget& budget);

}  // namespace steer::solvers
