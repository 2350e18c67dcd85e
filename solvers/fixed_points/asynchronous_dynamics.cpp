#include "solvers/fixed_points/asynchronous_dynamics.hpp"

#include <fmt/format.h>

#include <boost/random/uniform_int_distribution.hpp>

#include <numeric>
#include <stdexcept>

#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/rng_stream.hpp"

namespace steer::solvers {
namespace {

std::vector<double> fields(const numerics::coupling_matrix& couplings, const numerics::spin_vector& s) {
  const int n = couplings.size();
  std::vector<double> h(static_cast<std::size_t>(n), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (j != i) h[static_cast<std::size_t>(i)] += couplings(i, j) * s[static_cast<std::size_t>(j)];
  return h;
}

}  // namespace

asynchronous_dynamics::asynchronous_dynamics(const numerics::coupling_matrix& couplings)
    : couplings_(couplings), transposed_(static_cast<std::size_t>(couplings.size()) * couplings.size()) {
  const int n = couplings.size();
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) transposed_[static_cast<std::size_t>(j) * n + i] = couplings(i, j);
}

vector_dynamics_result asynchronous_dynamics::run(numerics::spin_vector s, const dynamics_options& options) const {
  const int n = couplings_.size();
  if (s.size() != static_cast<std::size_t>(n))
    throw std::invalid_argument(fmt::format("asynchronous dynamics: state has {} spins for N = {}", s.size(), n));
  if (options.schedule == update_schedule::synchronous)
    throw std::invalid_argument("asynchronous dynamics: the synchronous schedule is run_sign_dynamics'");
  if (options.max_sweeps < 1)
    throw std::invalid_argument(fmt::format("asynchronous dynamics: max_sweeps must be >= 1, got {}", options.max_sweeps));
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  numerics::rng_stream stream(options.seed, options.trajectory, numerics::stream_purpose::dynamics);
  std::vector<double> h = fields(couplings_, s);
  for (std::int64_t sweep = 1; sweep <= options.max_sweeps; ++sweep) {
    if (options.schedule == update_schedule::random_order)
      for (int k = n - 1; k > 0; --k)  // the draws of run_sign_dynamics, in the same order
        std::swap(order[static_cast<std::size_t>(k)],
                  order[static_cast<std::size_t>(boost::random::uniform_int_distribution<int>(0, k)(stream))]);
    bool changed = false;
    for (const int i : order) {
      const auto ui = static_cast<std::size_t>(i);
      const std::int8_t next = h[ui] + couplings_(i, i) * s[ui] >= 0.0 ? 1 : -1;  // sign(0) := +1
      if (next == s[ui]) continue;
      changed = true;
      s[ui] = next;
      const double* column = &transposed_[ui * static_cast<std::size_t>(n)];
      for (int k = 0; k < n; ++k)
        if (k != i) h[static_cast<std::size_t>(k)] += 2.0 * next * column[k];
    }
    if (changed) continue;
    if (numerics::is_fixed_point(couplings_, s)) return {std::move(s), true, sweep - 1};
    h = fields(couplings_, s);  // drift misled a decision: refresh and go on
  }
  const bool fixed = numerics::is_fixed_point(couplings_, s);
  return {std::move(s), fixed, options.max_sweeps};
}

numerics::spin_vector random_spin_vector(int n, std::uint64_t seed, std::uint64_t trajectory) {
  numerics::rng_stream stream(seed, trajectory, numerics::stream_purpose::initial_state);
  numerics::spin_vector s(static_cast<std::size_t>(n));
  std::uint64_t bits = 0;
  for (int i = 0; i < n; ++i) {
    if (i % 64 == 0) bits = stream.next_u64();
    s[static_cast<std::size_t>(i)] = ((bits >> (i % 64)) & 1u) != 0 ? 1 : -1;
  }
  return s;
}

}  // namespace steer::solvers
