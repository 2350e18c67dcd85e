#include "solvers/fixed_points/sign_dynamics.hpp"

#include <fmt/format.h>

#include <boost/random/uniform_int_distribution.hpp>

#include <numeric>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/rng_stream.hpp"

namespace steer::solvers {
namespace {

using numerics::packed_state;

// Total input of neuron i, including the self-coupling.
double total_input(const numerics::coupling_matrix& couplings, packed_state s, int i) {
  double input = 0.0;
  for (int j = 0; j < couplings.size(); ++j) input += couplings(i, j) * numerics::spin(s, j);
  return input;
}

packed_state with_sign(packed_state s, int i, double input) {
  const packed_state bit = packed_state{1} << i;
  return input >= 0.0 ? (s | bit) : (s & ~bit);  // sign(0) := +1
}

dynamics_result run_synchronous(const numerics::coupling_matrix& couplings, packed_state s, std::int64_t max_sweeps) {
  std::unordered_map<packed_state, std::int64_t> seen{{s, 0}};
  for (std::int64_t sweep = 1; sweep <= max_sweeps; ++sweep) {
    packed_state next = 0;
    for (int i = 0; i < couplings.size(); ++i) next = with_sign(next, i, total_input(couplings, s, i));
    if (next == s) return {s, numerics::is_fixed_point(couplings, s), sweep - 1, 0};
    s = next;
    const auto [where, inserted] = seen.emplace(s, sweep);
    if (!inserted) return {s, false, sweep, sweep - where->second};
  }
  return {s, numerics::is_fixed_point(couplings, s), max_sweeps, 0};
}

dynamics_result run_asynchronous(const numerics::coupling_matrix& couplings, packed_state s,
                                 const dynamics_options& options) {
  const int n = couplings.size();
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  numerics::rng_stream stream(options.seed, options.trajectory, numerics::stream_purpose::dynamics);
  for (std::int64_t sweep = 1; sweep <= options.max_sweeps; ++sweep) {
    if (options.schedule == update_schedule::random_order)
      for (int k = n - 1; k > 0; --k)  // Fisher–Yates, portable unbiased draws (Boost.Random)
        std::swap(order[static_cast<std::size_t>(k)],
                  order[static_cast<std::size_t>(boost::random::uniform_int_distribution<int>(0, k)(stream))]);
    bool changed = false;
    for (const int i : order) {
      const packed_state next = with_sign(s, i, total_input(couplings, s, i));
      changed |= next != s;
      s = next;
    }
    if (!changed) return {s, numerics::is_fixed_point(couplings, s), sweep - 1, 0};
  }
  return {s, numerics::is_fixed_point(couplings, s), options.max_sweeps, 0};
}

}  // namespace

dynamics_result run_sign_dynamics(const numerics::coupling_matrix& couplings, packed_state start,
                                  const dynamics_options& options) {
  if (couplings.size() > numerics::max_packed_neurons)
    throw std::invalid_argument(fmt::format("sign dynamics: n must be <= 64, got {}", couplings.size()));
  if (options.max_sweeps < 1)
    throw std::invalid_argument(fmt::format("sign dynamics: max_sweeps must be >= 1, got {}", options.max_sweeps));
  if (options.schedule == update_schedule::synchronous) return run_synchronous(couplings, start, options.max_sweeps);
  return run_asynchronous(couplings, start, options);
}

}  // namespace steer::solvers
