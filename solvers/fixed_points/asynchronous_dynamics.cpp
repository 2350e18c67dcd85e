#include "solvers/fixed_points/asynchronous_dynamics.hpp"

#include <fmt/format.h>

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/rng_stream.hpp"

namespace steer::solvers {
namespace {

constexpr double unit_roundoff = std::numeric_limits<double>::epsilon() / 2;  // u = 2^-53

std::vector<double> fields(const numerics::coupling_matrix& couplings, const numerics::spin_vector& s) {
  const int n = couplings.size();
  std::vector<double> h(static_cast<std::size_t>(n), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (j != i) h[static_cast<std::size_t>(i)] += couplings(i, j) * s[static_cast<std::size_t>(j)];
  return h;
}

// The rule s_i ← sign(h_i + J_ii s_i), sign(0) := +1, decided exactly: m_i = s_i (h_i + J_ii s_i).
std::int8_t exact_next_spin(const numerics::coupling_matrix& couplings, const numerics::spin_vector& s, int i) {
  const int margin = numerics::margin_sign(couplings, s, i);
  const std::int8_t own = s[static_cast<std::size_t>(i)];
  if (margin == 0) return 1;
  return margin > 0 ? own : static_cast<std::int8_t>(-own);
}

void check_run(int n, const numerics::spin_vector& s, const dynamics_options& options) {
  if (s.size() != static_cast<std::size_t>(n))
    throw std::invalid_argument(fmt::format("asynchronous dynamics: state has {} spins for N = {}", s.size(), n));
  if (options.schedule == update_schedule::synchronous)
    throw std::invalid_argument("asynchronous dynamics: the synchronous schedule is synchronous_dynamics'");
  if (options.max_sweeps < 1)
    throw std::invalid_argument(fmt::format("asynchronous dynamics: max_sweeps must be >= 1, got {}", options.max_sweeps));
}

// Sweeps in sequential or random order until one changes nothing or max_sweeps; `update(i)` applies
// the rule to neuron i and says whether it flipped. Shared by the incremental and the naive loop so
// that both follow the same order and stopping rule.
template <typename Update>
vector_dynamics_result run_sweeps(const numerics::coupling_matrix& couplings, numerics::spin_vector& s,
                                  const dynamics_options& options, Update&& update) {
  const int n = couplings.size();
  std::vector<int> order(static_cast<std::size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  numerics::rng_stream stream(options.seed, options.trajectory, numerics::stream_purpose::dynamics);
  std::int64_t flips = 0;
  for (std::int64_t sweep = 1; sweep <= options.max_sweeps; ++sweep) {
    if (options.schedule == update_schedule::random_order)
      for (int k = n - 1; k > 0; --k)  // the draws of run_sign_dynamics, in the same order
        std::swap(order[static_cast<std::size_t>(k)],
                  order[static_cast<std::size_t>(boost::random::uniform_int_distribution<int>(0, k)(stream))]);
    const std::int64_t before = flips;
    for (const int i : order) flips += update(i) ? 1 : 0;
    if (flips == before) {
      const bool fixed = numerics::is_fixed_point(couplings, s);
      return {std::move(s), fixed, sweep - 1, flips, 0};
    }
  }
  const bool fixed = numerics::is_fixed_point(couplings, s);
  return {std::move(s), fixed, options.max_sweeps, flips, 0};
}

}  // namespace

asynchronous_dynamics::asynchronous_dynamics(const numerics::coupling_matrix& couplings)
    : couplings_(couplings),
      transposed_(static_cast<std::size_t>(couplings.size()) * couplings.size(), 0.0f),
      error_per_flip_(static_cast<std::size_t>(couplings.size()), 0.0) {
  const int n = couplings.size();
  double max_row_abs = 0.0, max_diagonal = 0.0;
  std::vector<double> column_max(static_cast<std::size_t>(n), 0.0);
  for (int i = 0; i < n; ++i) {
    double row_abs = 0.0;
    for (int j = 0; j < n; ++j) {
      const double value = couplings(i, j);
      if (j == i) {
        max_diagonal = std::max(max_diagonal, std::abs(value));
        continue;  // the diagonal is not part of the field: the column holds 0 there
      }
      if (std::abs(value) > std::numeric_limits<float>::max())
        throw std::invalid_argument(
            fmt::format("asynchronous dynamics: |J_{}{}| = {} exceeds the float range of the hot loop", i, j, value));
      transposed_[static_cast<std::size_t>(j) * n + i] = static_cast<float>(value);
      row_abs += std::abs(value);
      column_max[static_cast<std::size_t>(j)] = std::max(column_max[static_cast<std::size_t>(j)], std::abs(value));
    }
    max_row_abs = std::max(max_row_abs, row_abs);
  }
  // A double sum of N − 1 exact products errs by ≤ γ_{N−1} Σ|J_ij| (Higham 2nd ed. eq. 4.4); 2 N u
  // bounds γ with room for the rounding of the bound itself.
  fresh_error_ = 2.0 * n * unit_roundoff * max_row_abs;
  // A flip of neuron k adds 2 s_k (float) J_ik: the float rounding errs by ≤ 2^-24 |J_ik| (+ 2^-150
  // if subnormal) per entry, doubled, and the double addition by ≤ u |h_i| ≤ u (Σ|J_ij| + error)
  // ≤ 2 u Σ|J_ij| while the accumulated error stays below Σ|J_ij| (it is ~1e-3 at N = 10^4).
  for (int k = 0; k < n; ++k)
    error_per_flip_[static_cast<std::size_t>(k)] =
        std::ldexp(column_max[static_cast<std::size_t>(k)], -23) + std::ldexp(1.0, -148) + 4.0 * unit_roundoff * max_row_abs;
  decision_slack_ = 2.0 * unit_roundoff * (max_row_abs + max_diagonal);
}

vector_dynamics_result asynchronous_dynamics::run(numerics::spin_vector s, const dynamics_options& options) const {
  const int n = couplings_.size();
  check_run(n, s, options);
  std::vector<double> h = fields(couplings_, s);
  double error = fresh_error_;
  std::int64_t since_refresh = 0, exact = 0;
  auto result = run_sweeps(couplings_, s, options, [&](int i) {
    const auto ui = static_cast<std::size_t>(i);
    const double total = h[ui] + couplings_(i, i) * s[ui];
    std::int8_t next = 0;
    if (std::abs(total) > error + decision_slack_) {
      next = total > 0.0 ? 1 : -1;
    } else {  // too close to 0 for the bounded fields: decide exactly
      next = exact_next_spin(couplings_, s, i);
      ++exact;
    }
    if (next == s[ui]) return false;
    s[ui] = next;
    const float* column = &transposed_[ui * static_cast<std::size_t>(n)];
    const double step = 2.0 * next;
    for (int k = 0; k < n; ++k) h[static_cast<std::size_t>(k)] += step * column[k];  // column[i] = 0
    error += error_per_flip_[ui];
    if (++since_refresh == refresh_flips(n)) {
      h = fields(couplings_, s);
      error = fresh_error_;
      since_refresh = 0;
    }
    return true;
  });
  result.exact_decisions = exact;
  return result;
}

vector_dynamics_result run_asynchronous_naively(const numerics::coupling_matrix& couplings, numerics::spin_vector s,
                                                const dynamics_options& options) {
  const int n = couplings.size();
  check_run(n, s, options);
  return run_sweeps(couplings, s, options, [&](int i) {
    double total = 0.0;
    for (int j = 0; j < n; ++j) total += couplings(i, j) * s[static_cast<std::size_t>(j)];
    const std::int8_t next = total >= 0.0 ? 1 : -1;  // sign(0) := +1
    if (next == s[static_cast<std::size_t>(i)]) return false;
    s[static_cast<std::size_t>(i)] = next;
    return true;
  });
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
