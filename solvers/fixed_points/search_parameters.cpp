#include "solvers/fixed_points/search_parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace steer::solvers {

std::string spell(std::string_view name, parameter_spelling spelling) {
  std::string text(name);
  if (spelling == parameter_spelling::python) return text;
  std::replace(text.begin(), text.end(), '_', '-');
  return "--" + text;
}

void check_value(std::string_view name, bool integer, double min, double max, double value, parameter_spelling spelling) {
  const std::string who = spell(name, spelling);
  if (integer && std::isfinite(value) && value != std::floor(value))
    throw std::invalid_argument(fmt::format("{} must be an integer, got {}", who, value));
  if (value >= min && value <= max) return;
  if (max == unbounded) throw std::invalid_argument(fmt::format("{} must be >= {}, got {}", who, min, value));
  throw std::invalid_argument(fmt::format("{} must be in [{}, {}], got {}", who, min, max, value));
}

void check_order(std::string_view lower, double lower_value, std::string_view upper, double upper_value,
                 parameter_spelling spelling) {
  if (!(upper_value >= lower_value))
    throw std::invalid_argument(fmt::format("{} {} must be >= {} {}", spell(upper, spelling), upper_value,
                                            spell(lower, spelling), lower_value));
}

// The bounds are the CLI's: wide enough for any sensible run, narrow enough to catch typos
// (10^9 sweeps) and the values where an algorithm degenerates (damping 1 freezes fBP).
const parameter_set<solver_budget>& dynamics_parameters() {
  static const parameter_set<solver_budget> set{
      "sweeps",
      {{"max_sweeps", &solver_budget::max_sweeps, 1, 1e9, "Budget: sweeps of N single-neuron updates (synchronous: steps)"}},
      {}};
  return set;
}

const parameter_set<annealing_options>& annealing_parameters() {
  static const parameter_set<annealing_options> set{
      "sweeps",
      {{"sweeps", &annealing_options::sweeps, 1, 1e9, "Budget: sweeps of N Metropolis proposals (stops earlier at E = 0)"},
       {"beta_initial", &annealing_options::beta_initial, 1e-300, unbounded, "Inverse temperature of the first sweep"},
       {"beta_final", &annealing_options::beta_final, 1e-300, unbounded, "Inverse temperature of the last sweep"}},
      {{"beta_initial", "beta_final"}}};
  return set;
}

const parameter_set<focusing_bp_options>& focusing_bp_parameters() {
  static const parameter_set<focusing_bp_options> set{
      "iterations",
      {{"rho_step", &focusing_bp_options::rho_step, 1e-6, 0.999999,
        "Focusing schedule step: rho = 0, step, 2 step, ... < 1; gamma = atanh(sqrt(rho)), y = (2-rho)/(1-rho)"},
       {"iterations_per_step", &focusing_bp_options::iterations_per_step, 1, 1e6, "BP iterations per focusing step at most"},
       {"tolerance", &focusing_bp_options::tolerance, 1e-300, 1.0,
        "A step ends when no message magnetisation changes by more than this"},
       {"damping", &focusing_bp_options::damping, 0.0, 0.999999, "Damping of the message updates (0: none)"},
       {"initial_randomness", &focusing_bp_options::initial_randomness, 0.0, 30.0,
        "Initial factor-to-variable fields uniform in +-this (stream (seed, restart, focusing_bp))"},
       {"max_iterations", &focusing_bp_options::max_iterations, 1, 1e9, "Budget: BP iterations over all focusing steps"}},
      {}};
  return set;
}

const parameter_set<replicated_options>& replicated_parameters() {
  static const parameter_set<replicated_options> set{
      "sweeps",
      {{"replicas", &replicated_options::replicas, 1, 1000, "Number of replicas y"},
       {"sweeps", &replicated_options::sweeps, 1, 1e9,
        "Budget: sweeps (N proposals per replica and N for the centre); stops when the centre is a fixed point"},
       {"beta", &replicated_options::beta, 1e-300, unbounded, "Inverse temperature"},
       {"gamma_initial", &replicated_options::gamma_initial, 0.0, unbounded, "Coupling to the centre in the first sweep"},
       {"gamma_final", &replicated_options::gamma_final, 0.0, unbounded,
        "Coupling to the centre in the last sweep (linear in between)"}},
      {{"gamma_initial", "gamma_final"}}};
  return set;
}

beta_schedule parse_beta_schedule(std::string_view text, std::string_view name) {
  if (text == "linear") return beta_schedule::linear;
  if (text == "geometric") return beta_schedule::geometric;
  throw std::invalid_argument(fmt::format("{} must be linear or geometric, got '{}'", name, text));
}

const char* beta_schedule_name(beta_schedule schedule) {
  return schedule == beta_schedule::linear ? "linear" : "geometric";
}

}  // namespace steer::solvers
