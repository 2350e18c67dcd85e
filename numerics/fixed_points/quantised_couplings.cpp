#include "numerics/fixed_points/quantised_couplings.hpp"

#include <algorithm>
#include <climits>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace steer::numerics {
namespace {

// Σ_j |J̃_ij| < 2^30 bounds every field and every partial field by 2^30, so fields, their
// ± column steps 2 J̃_ij and the pruned kernel's bounds all fit int32 without wrapping.
constexpr std::int64_t field_limit = std::int64_t{1} << 30;
constexpr std::int64_t int32_floor = INT32_MIN + 1;  // so that −threshold is representable
constexpr std::int64_t int32_ceiling = INT32_MAX;
// |x·2^k| ≥ 2^32 lies beyond every field: reported as ±2^32, which clamps to "always"/"never".
constexpr int far_exponent = 32;

std::int32_t clamp_to_int32(std::int64_t x) { return static_cast<std::int32_t>(std::clamp(x, int32_floor, int32_ceiling)); }

struct floor_ceil {
  std::int64_t floor, ceil;
};

// ⌊x·2^k⌋ and ⌈x·2^k⌉ exactly, for any finite x and any k: no float→int overflow, and no
// rounding of a product that would underflow (then |x·2^k| < 1 and the sign decides).
floor_ceil scaled_floor_ceil(double x, int k) {
  if (x == 0.0) return {0, 0};
  const int exponent = std::ilogb(x) + k;  // |x·2^k| ∈ [2^exponent, 2^(exponent+1))
  if (exponent >= far_exponent) {
    const std::int64_t far = x > 0 ? std::int64_t{1} << far_exponent : -(std::int64_t{1} << far_exponent);
    return {far, far};
  }
  if (exponent < 0) return x > 0 ? floor_ceil{0, 1} : floor_ceil{-1, 0};
  const double y = std::ldexp(x, k);  // exact: |y| ∈ [1, 2^32) is normal and holds x's bits
  return {static_cast<std::int64_t>(std::floor(y)), static_cast<std::int64_t>(std::ceil(y))};
}

// Row i's off-diagonal couplings rounded at scale 2^k. `fits` is false if Σ|J̃_ij| would
// reach field_limit (then no entry is converted, so no cast can overflow).
struct rounded_row {
  bool fits = true;
  std::vector<std::int64_t> value;  // J̃_ij (0 at j = i)
  int inexact = 0;                  // entries that are not multiples of 2^−k
};

rounded_row round_row(const coupling_matrix& c, int i, int k) {
  const int n = c.size();
  rounded_row row;
  row.value.assign(static_cast<std::size_t>(n), 0);
  std::int64_t magnitude = 0;
  for (int j = 0; j < n; ++j) {
    const double x = c(i, j);
    if (j == i || x == 0.0) continue;
    if (std::ilogb(x) + k >= 30) return {false, {}, 0};  // |x·2^k| ≥ 2^30 alone
    const double scaled = std::ldexp(x, k);  // exact unless it underflows (then |scaled| < 1/2)
    const double rounded = std::round(scaled);  // |error| ≤ 1/2 in any rounding mode
    row.value[static_cast<std::size_t>(j)] = static_cast<std::int64_t>(rounded);
    magnitude += static_cast<std::int64_t>(std::abs(rounded));
    if (magnitude >= field_limit) return {false, {}, 0};
    row.inexact += scaled != rounded || rounded == 0.0;  // rounded == 0: x·2^k underflowed or < 1/2
  }
  return row;
}

// First guess of row i's k: the largest with 2^k Σ_j |J_ij| + n ≤ 2^30, computed on the row
// scaled by its largest power of two (so neither huge nor subnormal entries overflow or
// underflow the sum). Rounding may leave it one too large; quantise() then steps down.
int initial_exponent(const coupling_matrix& c, int i) {
  const int n = c.size();
  int top = INT_MIN;
  for (int j = 0; j < n; ++j)
    if (j != i && c(i, j) != 0.0) top = std::max(top, std::ilogb(c(i, j)));
  // No off-diagonal couplings: the field is 0 and any scale rounds exactly; pick the one that
  // puts S_i J_ii near 2^30, so the threshold alone settles the row.
  if (top == INT_MIN) return c(i, i) != 0.0 ? 30 - std::ilogb(c(i, i)) : 0;
  double relative_sum = 0.0;  // in [1, 2(n−1)]
  for (int j = 0; j < n; ++j)
    if (j != i) relative_sum += std::ldexp(std::abs(c(i, j)), -top);
  return std::ilogb((static_cast<double>(field_limit) - n) / relative_sum) - top;
}

}  // namespace

quantised_couplings quantise(const coupling_matrix& couplings) {
  const int n = couplings.size();
  if (n > max_packed_neurons)
    throw std::invalid_argument(
        fmt::format("quantise: at most {} neurons fit a packed state, got n = {}", max_packed_neurons, n));
  quantised_couplings q{.couplings = couplings};
  q.n = n;
  q.vectors = (n + quantised_couplings::lanes_per_vector - 1) / quantised_couplings::lanes_per_vector;
  q.lanes = q.vectors * quantised_couplings::lanes_per_vector;
  q.padding_bits = low_bits(q.lanes) & ~low_bits(n);

  const auto lanes = static_cast<std::size_t>(q.lanes);
  q.scale_exponent.assign(static_cast<std::size_t>(n), 0);
  q.column_step.assign(static_cast<std::size_t>(n) * lanes, 0);
  q.lower.assign(lanes, static_cast<std::int32_t>(int32_floor));
  q.upper.assign(lanes, static_cast<std::int32_t>(int32_floor));
  for (int i = 0; i < n; ++i) {
    int k = initial_exponent(couplings, i);
    rounded_row row = round_row(couplings, i, k);
    while (!row.fits) row = round_row(couplings, i, --k);
    q.scale_exponent[static_cast<std::size_t>(i)] = k;
    for (int j = 0; j < n; ++j)
      q.column_step[static_cast<std::size_t>(j) * lanes + i] = static_cast<std::int32_t>(2 * row.value[static_cast<std::size_t>(j)]);
    // With |h̃_i − S_i h_i| ≤ e_i ≤ slack, margin m_i = s_i h_i + J_ii and t = −S_i J_ii:
    //   m_i > 0  ⇒  s_i h̃_i > t − slack ≥ ⌊t⌋ − slack = lower_i,
    //   s_i h̃_i > upper_i = ⌈t⌉ + slack  ⇒  s_i S_i h_i > t  ⇒  m_i > 0.
    const std::int64_t slack = (row.inexact + 1) / 2;
    const floor_ceil t = scaled_floor_ceil(-couplings(i, i), k);
    q.lower[static_cast<std::size_t>(i)] = clamp_to_int32(t.floor - slack);
    q.upper[static_cast<std::size_t>(i)] = clamp_to_int32(t.ceil + slack);
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
