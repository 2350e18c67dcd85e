#include "solvers/fixed_points/solver_registry.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <utility>

#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "solvers/fixed_points/focusing_bp.hpp"
#include "solvers/fixed_points/relaxed_focusing_bp.hpp"
#include "solvers/fixed_points/replicated_mc.hpp"
#include "solvers/fixed_points/search_parameters.hpp"
#include "solvers/fixed_points/simulated_annealing.hpp"
#include "solvers/fixed_points/synchronous_dynamics.hpp"

namespace steer::solvers {
namespace {

struct entry {
  const char* name;
  fixed_point_solver (*make)(const solver_budget&, const solver_settings&, std::string_view name);
};

// "--beta-final is not a parameter of --algorithm async (...)"; in Python's spelling "beta_final
// is not a parameter of algorithm 'async' (...)".
std::invalid_argument not_a_parameter(std::string_view name, std::string_view algorithm, const std::string& known,
                                      parameter_spelling spelling) {
  return std::invalid_argument(fmt::format(
      "{} is not a parameter of {} ({})", spell(name, spelling),
      spelling == parameter_spelling::cli ? fmt::format("--algorithm {}", algorithm) : fmt::format("algorithm '{}'", algorithm),
      known));
}

// Sign dynamics has no parameter besides its budget.
void refuse_settings(const solver_settings& s, std::string_view algorithm) {
  const std::string known = fmt::format("it has none besides {}", spell("max_sweeps", s.spelling));
  if (!s.values.empty()) throw not_a_parameter(s.values.begin()->first, algorithm, known, s.spelling);
  if (s.schedule) throw not_a_parameter("schedule", algorithm, known, s.spelling);
}

// `options` with the settings applied through the algorithm's parameter table and checked as
// the single-network command checks them; `budget_name` is refused (--max-sweeps sets it), and
// so is a β schedule unless the algorithm `takes_schedule` (its caller applies it).
template <typename Options>
Options with_settings(Options options, const parameter_set<Options>& set, std::string_view budget_name,
                      const solver_settings& s, std::string_view algorithm, bool takes_schedule = false) {
  std::vector<std::string> names;
  for (const auto& p : set.parameters)
    if (p.name != budget_name) names.push_back(spell(p.name, s.spelling));
  if (takes_schedule) names.push_back(spell("schedule", s.spelling));
  const std::string known = fmt::format("its parameters: {}", fmt::join(names, ", "));
  for (const auto& [name, value] : s.values) {
    const auto p = std::find_if(set.parameters.begin(), set.parameters.end(), [&](const auto& q) { return name == q.name; });
    if (p == set.parameters.end() || name == budget_name) throw not_a_parameter(name, algorithm, known, s.spelling);
    check_value(p->name, p->integer(), p->min, p->max, value, s.spelling);
    p->set(options, value);
  }
  if (s.schedule && !takes_schedule) throw not_a_parameter("schedule", algorithm, known, s.spelling);
  check_parameters(set, options, s.spelling);
  return options;
}

// Wall time of one run, filled in for every algorithm alike.
template <typename Run>
solver_result timed(Run&& run) {
  const auto start = std::chrono::steady_clock::now();
  solver_result result = run();
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

// Sign dynamics from a uniformly random start, stream (seed, restart, initial_state). The
// asynchronous entries build their float transposed copy per run (O(N²), about one sweep's work).
fixed_point_solver asynchronous(update_schedule schedule, const solver_budget& budget) {
  return [schedule, budget](const numerics::coupling_matrix& couplings, std::uint64_t seed, std::uint64_t restart) {
    return timed([&] {
      const auto run = asynchronous_dynamics(couplings).run(random_spin_vector(couplings.size(), seed, restart),
                                                            {schedule, budget.max_sweeps, seed, restart});
      return solver_result{run.state, run.converged, run.sweeps, 0, 0.0};
    });
  };
}

// fBP's focusing schedule runs ρ = 0, dρ, … → 1 with up to 50 iterations per step: a budget
// below its 2500 would cut the schedule off at ρ ≈ budget/2500 and measure a truncated
// algorithm, so unless the settings give dρ it is widened to max(0.02, iterations per step /
// budget) and the whole schedule fits.
focusing_bp_options focusing_bp_options_for(const solver_budget& b, const solver_settings& s, std::string_view algorithm) {
  focusing_bp_options o = with_settings(focusing_bp_options{}, focusing_bp_parameters(), "max_iterations", s, algorithm);
  o.max_iterations = b.max_sweeps;
  if (!s.values.contains("rho_step"))
    o.rho_step = std::min(0.5, std::max(o.rho_step, static_cast<double>(o.iterations_per_step) /
                                                        static_cast<double>(b.max_sweeps)));
  return o;
}

annealing_options annealing_options_for(const solver_budget& b, const solver_settings& s, std::string_view algorithm) {
  annealing_options o = with_settings(annealing_options{}, annealing_parameters(), "sweeps", s, algorithm, true);
  if (s.schedule) o.schedule = *s.schedule;
  o.sweeps = b.max_sweeps;
  return o;
}

replicated_options replicated_options_for(const solver_budget& b, const solver_settings& s, std::string_view algorithm) {
  replicated_options o = with_settings(replicated_options{}, replicated_parameters(), "sweeps", s, algorithm);
  o.sweeps = b.max_sweeps;
  return o;
}

const entry registry[] = {
    {"async",
     [](const solver_budget& b, const solver_settings& s, std::string_view name) {
       refuse_settings(s, name);
       return asynchronous(update_schedule::random_order, b);
     }},
    {"sequential",
     [](const solver_budget& b, const solver_settings& s, std::string_view name) {
       refuse_settings(s, name);
       return asynchronous(update_schedule::sequential, b);
     }},
    {"sync",
     [](const solver_budget& b, const solver_settings& s, std::string_view name) -> fixed_point_solver {
       refuse_settings(s, name);
       return [b](const numerics::coupling_matrix& couplings, std::uint64_t seed, std::uint64_t restart) {
         return timed([&] {
           return synchronous_dynamics(couplings).run(random_spin_vector(couplings.size(), seed, restart), b.max_sweeps);
         });
       };
     }},
    // Issue 9 items 2-4 with their documented defaults unless the settings replace them; max_sweeps
    // is their budget (fbp: iterations).
    {"anneal",
     [](const solver_budget& b, const solver_settings& s, std::string_view name) {
       return annealing_solver(annealing_options_for(b, s, name));
     }},
    {"fbp",
     [](const solver_budget& b, const solver_settings& s, std::string_view name) {
       return focusing_bp_solver(focusing_bp_options_for(b, s, name));
     }},
    // The relaxed (AMP) form of the same message passing, with the same options and schedule.
    {"fbp-amp",
     [](const solver_budget& b, const solver_settings& s, std::string_view name) {
       return relaxed_focusing_bp_solver(focusing_bp_options_for(b, s, name));
     }},
    {"replicated",
     [](const solver_budget& b, const solver_settings& s, std::string_view name) {
       return replicated_solver(replicated_options_for(b, s, name));
     }},
};

}  // namespace

std::vector<std::string> solver_names() {
  std::vector<std::string> names;
  for (const auto& e : registry) names.emplace_back(e.name);
  return names;
}

std::string solver_settings::label() const {
  std::string text;
  for_each_setting(*this, [&](const std::string& name, const auto& value) {
    text += fmt::format("{}{}={}", text.empty() ? "" : ",", name, value);
  });
  return text;
}

fixed_point_solver make_solver(std::string_view algorithm, const solver_budget& budget, const solver_settings& settings) {
  if (budget.max_sweeps < 1)
    throw std::invalid_argument(fmt::format("max_sweeps must be >= 1, got {}", budget.max_sweeps));
  for (const auto& e : registry)
    if (algorithm == e.name) return e.make(budget, settings, e.name);
  throw std::invalid_argument(
      fmt::format("unknown algorithm '{}' (known: {})", algorithm, fmt::join(solver_names(), ", ")));
}

}  // namespace steer::solvers
