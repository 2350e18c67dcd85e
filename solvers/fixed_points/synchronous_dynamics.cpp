#include "solvers/fixed_points/synchronous_dynamics.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "numerics/fixed_points/fixed_point.hpp"

namespace steer::solvers {
namespace {

using packed_words = std::vector<std::uint64_t>;

packed_words pack_words(const numerics::spin_vector& s) {
  packed_words words((s.size() + 63) / 64, 0);
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] > 0) words[i / 64] |= std::uint64_t{1} << (i % 64);
  return words;
}

// splitmix64's finaliser folded over the words (Steele, Lea & Flood, OOPSLA 2014): any good mixing
// does, since a hit is confirmed by comparing the states.
std::uint64_t hash_words(const packed_words& words) {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (const std::uint64_t w : words) {
    std::uint64_t z = (h ^ w) + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    h = z ^ (z >> 31);
  }
  return h;
}

}  // namespace

synchronous_dynamics::synchronous_dynamics(const numerics::coupling_matrix& couplings)
    : couplings_(couplings), row_bound_(static_cast<std::size_t>(couplings.size())) {
  const int n = couplings.size();
  for (int i = 0; i < n; ++i) {
    double row_abs = 0.0;
    for (int j = 0; j < n; ++j) row_abs += std::abs(couplings(i, j));
    // Σ_j J_ij s_j in double errs by ≤ γ_N Σ|J_ij| (Higham 2nd ed. eq. 4.4); 2 N u covers γ_N and
    // the rounding of the bound.
    row_bound_[static_cast<std::size_t>(i)] = n * std::numeric_limits<double>::epsilon() * row_abs;
  }
}

solver_result synchronous_dynamics::run(numerics::spin_vector s, std::int64_t max_sweeps) const {
  const int n = couplings_.size();
  if (s.size() != static_cast<std::size_t>(n))
    throw std::invalid_argument(fmt::format("synchronous dynamics: state has {} spins for N = {}", s.size(), n));
  if (max_sweeps < 1)
    throw std::invalid_argument(fmt::format("synchronous dynamics: max_sweeps must be >= 1, got {}", max_sweeps));
  std::vector<packed_words> history{pack_words(s)};
  std::unordered_multimap<std::uint64_t, std::int64_t> seen{{hash_words(history[0]), 0}};
  std::vector<double> spins(s.begin(), s.end());
  numerics::spin_vector next(static_cast<std::size_t>(n));
  for (std::int64_t step = 1; step <= max_sweeps; ++step) {
    for (int i = 0; i < n; ++i) {
      const double* row = &couplings_.values()[static_cast<std::size_t>(i) * n];
      double total = 0.0;
      for (int j = 0; j < n; ++j) total += row[j] * spins[static_cast<std::size_t>(j)];
      const auto ui = static_cast<std::size_t>(i);
      if (std::abs(total) > row_bound_[ui]) {
        next[ui] = total > 0.0 ? 1 : -1;
      } else {  // within rounding of 0: m_i = s_i · total decided exactly; sign(0) := +1
        const int margin = numerics::margin_sign(couplings_, s, i);
        next[ui] = margin == 0 ? 1 : static_cast<std::int8_t>(margin * s[ui]);
      }
    }
    if (next == s) {
      const bool fixed = numerics::is_fixed_point(couplings_, s);
      return {std::move(s), fixed, step - 1, 0, 0.0};
    }
    s.swap(next);
    for (int j = 0; j < n; ++j) spins[static_cast<std::size_t>(j)] = s[static_cast<std::size_t>(j)];
    auto words = pack_words(s);
    const std::uint64_t h = hash_words(words);
    const auto [first, last] = seen.equal_range(h);
    for (auto it = first; it != last; ++it)
      if (history[static_cast<std::size_t>(it->second)] == words) return {std::move(s), false, step, step - it->second, 0.0};
    seen.emplace(h, step);
    history.push_back(std::move(words));
  }
  const bool fixed = numerics::is_fixed_point(couplings_, s);
  return {std::move(s), fixed, max_sweeps, 0, 0.0};
}

}  // namespace steer::solvers
