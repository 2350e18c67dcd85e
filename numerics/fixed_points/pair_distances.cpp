#include "numerics/fixed_points/pair_distances.hpp"

#include <bit>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace steer::numerics {
namespace {

constexpr int max_transform_neurons = 26;

std::vector<std::uint64_t> direct_histogram(const std::vector<packed_state>& states, int n) {
  std::vector<std::uint64_t> histogram(static_cast<std::size_t>(n) + 1, 0);
  histogram[0] = states.size();
  for (std::size_t a = 0; a < states.size(); ++a)
    for (std::size_t b = a + 1; b < states.size(); ++b) histogram[hamming_distance(states[a], states[b])] += 2;
  return histogram;
}

// In-place unnormalised Walsh–Hadamard transform, arithmetic mod 2^64.
void walsh_hadamard(std::vector<std::uint64_t>& f) {
  for (std::size_t half = 1; half < f.size(); half *= 2)
    for (std::size_t start = 0; start < f.size(); start += 2 * half)
      for (std::size_t k = start; k < start + half; ++k) {
        const std::uint64_t a = f[k], b = f[k + half];
        f[k] = a + b;
        f[k + half] = a - b;
      }
}

// c(x) = Σ_s f(s) f(s ⊕ x) = 2^−n WHT(WHT(f)²)(x). The true value of 2^n c(x) is below
// 2^(2n) ≤ 2^52, so computing everything mod 2^64 (unsigned wrap-around) is exact.
std::vector<std::uint64_t> transform_histogram(const std::vector<packed_state>& states, int n) {
  std::vector<std::uint64_t> f(std::size_t{1} << n, 0);
  for (const packed_state s : states) f[s] = 1;
  walsh_hadamard(f);
  for (auto& value : f) value *= value;
  walsh_hadamard(f);
  std::vector<std::uint64_t> histogram(static_cast<std::size_t>(n) + 1, 0);
  for (std::size_t x = 0; x < f.size(); ++x) histogram[std::popcount(x)] += f[x] >> n;
  return histogram;
}

}  // namespace

std::vector<std::uint64_t> pair_distance_histogram(const std::vector<packed_state>& states, int n) {
  if (n < 1 || n > max_packed_neurons)
    throw std::invalid_argument(fmt::format("pair_distance_histogram: n must be in [1, 64], got {}", n));
  // A state with bits at or above n would index past the 2^n table (and past the histogram);
  // a repeated state would be counted as a pair at distance 0. Both are refused, in O(F).
  for (std::size_t k = 0; k < states.size(); ++k) {
    if (n < max_packed_neurons && states[k] >> n != 0)
      throw std::invalid_argument(fmt::format("pair_distance_histogram: state {} has bits beyond n = {}", k, n));
    if (k > 0 && states[k] <= states[k - 1])
      throw std::invalid_argument(
          fmt::format("pair_distance_histogram: states must be strictly ascending (distinct); state {} is not", k));
  }
  const double direct_cost = 0.5 * static_cast<double>(states.size()) * static_cast<double>(states.size());
  const double transform_cost = 4.0 * n * std::ldexp(1.0, n);
  if (n <= max_transform_neurons && transform_cost < direct_cost) return transform_histogram(states, n);
  return direct_histogram(states, n);
}

}  // namespace steer::numerics
