#include "solvers/fixed_points/simulated_annealing.hpp"

#include <fmt/format.h>

#include <boost/random/uniform_int_distribution.hpp>

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "numerics/rng_stream.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "solvers/fixed_points/margin_state.hpp"

namespace steer::solvers {

void annealing_options::validate() const {
  if (sweeps < 1) throw std::invalid_argument(fmt::format("annealing: sweeps must be >= 1, got {}", sweeps));
  if (!(std::isfinite(beta_initial) && beta_initial > 0.0))
    throw std::invalid_argument(fmt::format("annealing: beta_initial must be finite and > 0, got {}", beta_initial));
  if (!(std::isfinite(beta_final) && beta_final >= beta_initial))
    throw std::invalid_argument(
        fmt::format("annealing: beta_final must be finite and >= beta_initial = {}, got {}", beta_initial, beta_final));
}

double annealing_beta(const annealing_options& options, std::int64_t sweep) {
  if (options.sweeps == 1) return options.beta_initial;
  const double t = static_cast<double>(sweep) / static_cast<double>(options.sweeps - 1);
  if (options.schedule == beta_schedule::linear)
    return options.beta_initial + (options.beta_final - options.beta_initial) * t;
  return options.beta_initial * std::pow(options.beta_final / options.beta_initial, t);
}

solver_result simulated_annealing(const numerics::coupling_matrix& couplings, const annealing_options& options,
                                  std::uint64_t seed, std::uint64_t restart) {
  options.validate();
  const auto start = std::chrono::steady_clock::now();
  const int n = couplings.size();
  const std::vector<double> transposed = transposed_couplings(couplings);
  margin_state state(couplings, transposed, random_spin_vector(n, seed, restart));
  numerics::rng_stream stream(seed, restart, numerics::stream_purpose::annealing);
  boost::random::uniform_int_distribution<int> pick(0, n - 1);
  solver_result result;
  bool done = state.reached_fixed_point();
  std::int64_t sweep = 0;
  for (; !done && sweep < options.sweeps; ++sweep) {
    if (sweep > 0 && sweep % margin_refresh_sweeps == 0) state.refresh();
    const double beta = annealing_beta(options, sweep);
    for (int proposal = 0; proposal < n && !done; ++proposal) {
      const int k = pick(stream);
      const int delta = state.delta_energy(k);
      if (delta > 0 && stream.uniform_open() >= std::exp(-beta * delta)) continue;
      state.flip(k);
      done = state.reached_fixed_point();
    }
  }
  result.state = state.state();
  result.converged = done;
  result.steps = sweep;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

fixed_point_solver annealing_solver(const annealing_options& options) {
  options.validate();
  return [options](const numerics::coupling_matrix& couplings, std::uint64_t seed, std::uint64_t restart) {
    return simulated_annealing(couplings, options, seed, restart);
  };
}

}  // namespace steer::solvers
