#include "solvers/fixed_points/replicated_mc.hpp"

#include <fmt/format.h>

#include <boost/random/uniform_int_distribution.hpp>

#include <chrono>
#include <cmath>
#include <stdexcept>

#include "numerics/rng_stream.hpp"
#include "solvers/fixed_points/asynchronous_dynamics.hpp"
#include "solvers/fixed_points/margin_state.hpp"

namespace steer::solvers {
namespace {

// Metropolis acceptance of an energy change ΔH at inverse temperature β.
bool accept(double delta, double beta, numerics::rng_stream& stream) {
  return delta <= 0.0 || stream.uniform_open() < std::exp(-beta * delta);
}

}  // namespace

void replicated_options::validate() const {
  if (replicas < 1) throw std::invalid_argument(fmt::format("replicated MC: replicas must be >= 1, got {}", replicas));
  if (sweeps < 1) throw std::invalid_argument(fmt::format("replicated MC: sweeps must be >= 1, got {}", sweeps));
  if (!(std::isfinite(beta) && beta > 0.0))
    throw std::invalid_argument(fmt::format("replicated MC: beta must be finite and > 0, got {}", beta));
  if (!(std::isfinite(gamma_initial) && gamma_initial >= 0.0))
    throw std::invalid_argument(fmt::format("replicated MC: gamma_initial must be finite and >= 0, got {}", gamma_initial));
  if (!(std::isfinite(gamma_final) && gamma_final >= gamma_initial))
    throw std::invalid_argument(fmt::format("replicated MC: gamma_final must be finite and >= gamma_initial = {}, got {}",
                                            gamma_initial, gamma_final));
}

double replicated_gamma(const replicated_options& options, std::int64_t sweep) {
  if (options.sweeps == 1) return options.gamma_initial;
  return options.gamma_initial + (options.gamma_final - options.gamma_initial) * static_cast<double>(sweep) /
                                     static_cast<double>(options.sweeps - 1);
}

solver_result replicated_mc(const numerics::coupling_matrix& couplings, const replicated_options& options,
                            std::uint64_t seed, std::uint64_t restart) {
  options.validate();
  const auto start = std::chrono::steady_clock::now();
  const int n = couplings.size();
  const auto un = static_cast<std::size_t>(n);
  const std::vector<double> transposed = transposed_couplings(couplings);
  numerics::rng_stream stream(seed, restart, numerics::stream_purpose::replicated_mc);
  std::vector<margin_state> replicas;
  replicas.reserve(static_cast<std::size_t>(options.replicas));
  std::vector<int> column_sums(un, 0);  // S_k = Σ_a s^a_k
  for (int a = 0; a < options.replicas; ++a) {
    const auto sample = restart * static_cast<std::uint64_t>(options.replicas) + static_cast<std::uint64_t>(a);
    replicas.emplace_back(couplings, transposed, random_spin_vector(n, seed, sample));
    for (int k = 0; k < n; ++k) column_sums[static_cast<std::size_t>(k)] += replicas.back().spin(k);
  }
  numerics::spin_vector majority(un);
  for (std::size_t k = 0; k < un; ++k) majority[k] = column_sums[k] >= 0 ? 1 : -1;
  margin_state centre(couplings, transposed, majority);
  boost::random::uniform_int_distribution<int> pick(0, n - 1);
  bool done = centre.reached_fixed_point();
  std::int64_t sweep = 0;
  for (; !done && sweep < options.sweeps; ++sweep) {
    if (sweep > 0 && sweep % margin_refresh_sweeps == 0) {
      for (auto& r : replicas) r.refresh();
      centre.refresh();
    }
    const double gamma = replicated_gamma(options, sweep);
    for (auto& r : replicas)
      for (int proposal = 0; proposal < n; ++proposal) {
        const int k = pick(stream);
        const int s = r.spin(k);
        if (!accept(r.delta_energy(k) + 2.0 * gamma * centre.spin(k) * s, options.beta, stream)) continue;
        r.flip(k);
        column_sums[static_cast<std::size_t>(k)] -= 2 * s;
      }
    for (int proposal = 0; proposal < n && !done; ++proposal) {
      const int k = pick(stream);
      if (!accept(2.0 * gamma * centre.spin(k) * column_sums[static_cast<std::size_t>(k)], options.beta, stream)) continue;
      centre.flip(k);
      done = centre.reached_fixed_point();
    }
  }
  solver_result result;
  result.state = centre.state();
  result.converged = done;
  result.steps = sweep;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

fixed_point_solver replicated_solver(const replicated_options& options) {
  options.validate();
  return [options](const numerics::coupling_matrix& couplings, std::uint64_t seed, std::uint64_t restart) {
    return replicated_mc(couplings, options, seed, restart);
  };
}

}  // namespace steer::solvers
