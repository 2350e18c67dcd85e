#include "numerics/fixed_points/fixed_point.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace steer::numerics {
namespace {

// The fast path's bound needs a long double that holds every product s_i s_j J_ij exactly and
// cannot overflow or underflow on n ≤ 64 double terms (x87 80-bit and IEEE quad both do).
using wide = long double;
static_assert(std::numeric_limits<wide>::digits >= std::numeric_limits<double>::digits);
static_assert(std::numeric_limits<wide>::max_exponent >= std::numeric_limits<double>::max_exponent + 16);
static_assert(std::numeric_limits<wide>::min_exponent <=
              std::numeric_limits<double>::min_exponent - std::numeric_limits<double>::digits - 128);

// Exact sign of Σ x_k. Each double is M·2^e with an integer |M| < 2^53 (frexp); shifting
// every M to the smallest e makes the sum one integer of at most ~2100 bits.
int exact_sign_of_sum(const double* x, int count) {
  constexpr int mantissa_bits = std::numeric_limits<double>::digits;
  int smallest = INT_MAX;
  for (int k = 0; k < count; ++k)
    if (x[k] != 0.0) {
      int e = 0;
      std::frexp(x[k], &e);
      smallest = std::min(smallest, e - mantissa_bits);
    }
  if (smallest == INT_MAX) return 0;
  boost::multiprecision::cpp_int sum = 0;
  for (int k = 0; k < count; ++k)
    if (x[k] != 0.0) {
      int e = 0;
      const double fraction = std::frexp(x[k], &e);
      const auto mantissa = static_cast<std::int64_t>(std::ldexp(fraction, mantissa_bits));  // exact
      sum += boost::multiprecision::cpp_int(mantissa) << (e - mantissa_bits - smallest);
    }
  return sum.sign();
}

// `spin_of(j)` is s_j ∈ {±1}; shared by the packed (N ≤ 64) and the vector (any N) states.
template <typename Spin>
int margin_sign_of(const coupling_matrix& couplings, int i, Spin spin_of) {
  const int n = couplings.size();
  // Recursive summation of the n terms J_ii and s_i s_j J_ij (each exact in long double):
  // |computed − exact| ≤ γ_{n−1} Σ|terms|, γ_k = k u/(1 − k u), u = ε/2 (Higham, Accuracy and
  // Stability of Numerical Algorithms, 2nd ed., eq. 4.4); additions that land in the
  // subnormal range are exact, so the bound holds there too. The computed Σ|terms| is at
  // least (1 − γ_{n−1}) times the true one, and γ_{n−1}/(1 − γ_{n−1}) ≤ (n−1) ε for n u ≤ 1/4,
  // so bound = 2 n ε · (computed Σ|terms|) is rigorous with a factor 2 to spare for its own
  // rounding: the sign of the sum is certain when |sum| > bound.
  const wide own_spin = spin_of(i);
  wide sum = couplings(i, i), magnitude = std::abs(sum);
  for (int j = 0; j < n; ++j)
    if (j != i) {
      const wide term = own_spin * spin_of(j) * static_cast<wide>(couplings(i, j));
      sum += term;
      magnitude += std::abs(term);
    }
  const wide bound = 2 * n * std::numeric_limits<wide>::epsilon() * magnitude;
  if (std::abs(sum) > bound) return sum > 0 ? 1 : -1;
  // Within the bound (a cancellation or an exact tie): decide in exact arithmetic. Rare for
  // Gaussian couplings; 0.1-0.6 µs per row measured (docs/numerics/fixed_points/enumeration.md).
  std::vector<double> terms(static_cast<std::size_t>(n));
  for (int j = 0; j < n; ++j)
    terms[static_cast<std::size_t>(j)] = j == i ? couplings(i, i) : spin_of(i) * spin_of(j) * couplings(i, j);
  return exact_sign_of_sum(terms.data(), n);
}

}  // namespace

int margin_sign(const coupling_matrix& couplings, packed_state s, int i) {
  return margin_sign_of(couplings, i, [s](int j) { return spin(s, j); });
}

int margin_sign(const coupling_matrix& couplings, const spin_vector& s, int i) {
  return margin_sign_of(couplings, i, [&s](int j) { return static_cast<int>(s[static_cast<std::size_t>(j)]); });
}

bool is_fixed_point(const coupling_matrix& couplings, packed_state s) {
  for (int i = 0; i < couplings.size(); ++i)
    if (margin_sign(couplings, s, i) <= 0) return false;
  return true;
}

bool is_fixed_point(const coupling_matrix& couplings, const spin_vector& s) {
  if (s.size() != static_cast<std::size_t>(couplings.size()))
    throw std::invalid_argument(fmt::format("fixed point: state has {} spins for N = {}", s.size(), couplings.size()));
  for (int i = 0; i < couplings.size(); ++i)
    if (margin_sign(couplings, s, i) <= 0) return false;
  return true;
}

}  // namespace steer::numerics
