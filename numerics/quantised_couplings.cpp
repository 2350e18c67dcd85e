#include "numerics/quantised_couplings.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <stdexcept>

namespace steer::numerics {
namespace {

constexpr double field_bound = 0x1.0p30;  // |h̃_i| ≤ 2^30 leaves room for ±column steps in int32
constexpr double int32_floor = std::numeric_limits<std::int32_t>::min() + 1.0;
constexpr double int32_ceiling = std::numeric_limits<std::int32_t>::max();

// Thresholds far outside ±2^30 mean "always" or "never"; clamping keeps that meaning and
// keeps −threshold representable.
std::int32_t clamp_to_int32(double x) {
  return static_cast<std::int32_t>(std::clamp(x, int32_floor, int32_ceiling));
}

}  // namespace

quantised_couplings quantise(const coupling_matrix& couplings) {
  const int n = couplings.size();
  if (n > max_packed_neurons)
    throw std::invalid_argument(
        fmt::format("quantise: at most {} neurons fit a packed state, got n = {}", max_packed_neurons, n));
  quantised_couplings q;
  q.n = n;
  q.vectors = (n + quantised_couplings::lanes_per_vector - 1) / quantised_couplings::lanes_per_vector;
  q.lanes = q.vectors * quantised_couplings::lanes_per_vector;
  q.padding_bits = low_bits(q.lanes) & ~low_bits(n);

  double largest_row = 0.0;
  for (int i = 0; i < n; ++i) {
    double row = 0.0;
    for (int j = 0; j < n; ++j)
      if (j != i) row += std::abs(couplings(i, j));
    largest_row = std::max(largest_row, row);
  }
  // Largest S = 2^k with S·(row sum) + (n−1)/2 of rounding slack ≤ 2^30; k capped so an
  // all-zero matrix still gets a finite scale.
  const double room = field_bound - n;
  const int exponent = largest_row > 0.0 ? std::min(60, static_cast<int>(std::floor(std::log2(room / largest_row)))) : 60;
  q.scale = std::ldexp(1.0, exponent);

  const auto lanes = static_cast<std::size_t>(q.lanes);
  q.column_step.assign(static_cast<std::size_t>(n) * lanes, 0);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < n; ++i)
      if (i != j)
        q.column_step[static_cast<std::size_t>(j) * lanes + i] =
            2 * static_cast<std::int32_t>(std::nearbyint(couplings(i, j) * q.scale));

  // Rounding slack: |h̃_i − S h_i| ≤ (n−1)/2, so with margin m_i = s_i h_i + J_ii,
  //   m_i > 0  ⇒  s_i h̃_i > −S J_ii − (n−1)/2 ≥ lower_i,
  //   s_i h̃_i > upper_i ≥ −S J_ii + (n−1)/2  ⇒  m_i > 0.
  const double slack = std::ceil((n - 1) / 2.0);
  q.lower.assign(lanes, static_cast<std::int32_t>(int32_floor));
  q.upper.assign(lanes, static_cast<std::int32_t>(int32_floor));
  for (int i = 0; i < n; ++i) {
    const double threshold = -couplings(i, i) * q.scale;  // exact: S is a power of two
    q.lower[static_cast<std::size_t>(i)] = clamp_to_int32(std::floor(threshold) - slack - 1.0);
    q.upper[static_cast<std::size_t>(i)] = clamp_to_int32(std::ceil(threshold) + slack);
  }
  return q;
}

std::vector<std::int32_t> quantised_couplings::partial_fields(packed_state s, int first_column) const {
  std::vector<std::int64_t> wide(static_cast<std::size_t>(lanes), 0);
  for (int j = first_column; j < n; ++j) {
    const std::int64_t sign = spin(s, j);
    for (int i = 0; i < lanes; ++i)
      wide[static_cast<std::size_t>(i)] += sign * (column_step[static_cast<std::size_t>(j) * lanes + i] / 2);
  }
  return {wide.begin(), wide.end()};
}

}  // namespace steer::numerics
