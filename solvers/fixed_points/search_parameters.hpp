// The tunable parameters of the fixed-point search algorithms (issue 9), declared once with their
// bounds and meaning: `steer dynamics/anneal/fbp/replicated` make their options from these tables
// (tools/fixed_point_search_cli.hpp) and the Python module its keyword arguments
// (python/solvers.cpp), and both check values with the same functions below, so a bound cannot
// differ between the two. The solvers' own validate() stays the last line of defence.
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/replicated_mc.hpp"
#include "solvers/fixed_points/simulated_annealing.hpp"
#include "solvers/fixed_points/solver_registry.hpp"

namespace steer::solvers {

// How a parameter is named in messages (parameter_spelling, solver_registry.hpp).
std::string spell(std::string_view name, parameter_spelling spelling);

inline constexpr double unbounded = std::numeric_limits<double>::max();

// One numeric field of an algorithm's options struct. Bounds are inclusive; integer bounds are
// below 2^53, so a double holds every admissible value exactly.
template <typename Options>
struct search_parameter {
  const char* name;  // snake_case, as in the options struct
  std::variant<int Options::*, std::int64_t Options::*, double Options::*> field;
  double min;
  double max;
  const char* help;

  bool integer() const { return !std::holds_alternative<double Options::*>(field); }
  double get(const Options& o) const {
    return std::visit([&](auto p) { return static_cast<double>(o.*p); }, field);
  }
  // Only after check_value accepted `value` (an integer within the field's bounds).
  void set(Options& o, double value) const {
    std::visit([&](auto p) { o.*p = static_cast<std::remove_reference_t<decltype(o.*p)>>(value); }, field);
  }
};

template <typename Options>
struct parameter_set {
  const char* step_unit;  // what solver_result::steps counts for this algorithm
  std::vector<search_parameter<Options>> parameters;
  std::vector<std::pair<const char*, const char*>> ordered;  // (lower, upper): upper >= lower is required
};

// Throws std::invalid_argument naming the parameter for a value outside [min, max] (NaN
// included) or, for an integer parameter, a non-integral one.
void check_value(std::string_view name, bool integer, double min, double max, double value, parameter_spelling spelling);

// "UPPER v must be >= LOWER w" unless upper_value >= lower_value.
void check_order(std::string_view lower, double lower_value, std::string_view upper, double upper_value,
                 parameter_spelling spelling);

// check_value for every parameter, then every ordering ("--beta-final 1 must be >= --beta-initial 5").
template <typename Options>
void check_parameters(const parameter_set<Options>& set, const Options& o, parameter_spelling spelling) {
  for (const auto& p : set.parameters) check_value(p.name, p.integer(), p.min, p.max, p.get(o), spelling);
  const auto value = [&](std::string_view name) {
    for (const auto& p : set.parameters)
      if (name == p.name) return p.get(o);
    throw std::logic_error(std::string("no search parameter ") + std::string(name));
  };
  for (const auto& [lower, upper] : set.ordered) check_order(lower, value(lower), upper, value(upper), spelling);
}

// The four parameter sets: `steer dynamics` (the registry budget of async, sequential, sync),
// `steer anneal`, `steer fbp`, `steer replicated`. Defaults are the options structs' own.
const parameter_set<solver_budget>& dynamics_parameters();
const parameter_set<annealing_options>& annealing_parameters();
const parameter_set<focusing_bp_options>& focusing_bp_parameters();
const parameter_set<replicated_options>& replicated_parameters();

// Annealing's β schedule by name ("linear", "geometric"); throws std::invalid_argument naming `name`.
beta_schedule parse_beta_schedule(std::string_view text, std::string_view name);
const char* beta_schedule_name(beta_schedule schedule);

// Calls visit(name, value) for each given setting in name order (value a double), then
// visit("schedule", its name) if one is set: the one walk behind solver_settings::label() and the
// JSON and Python views of a run's settings.
template <class Visit>
void for_each_setting(const solver_settings& settings, Visit&& visit) {
  for (const auto& [name, value] : settings.values) visit(name, value);
  if (settings.schedule) visit(std::string("schedule"), std::string(beta_schedule_name(*settings.schedule)));
}

}  // namespace steer::solvers
