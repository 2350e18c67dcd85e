#include "numerics/fixed_points/fixed_point.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "numerics/rng_stream.hpp"
#include "tests/numerics/fixed_points/rational_reference.hpp"

using namespace steer::numerics;
using steer::numerics::testing::rational_margin_sign;

namespace {

// Entries that defeat any fixed-width sum: unit cancellations, tiny powers of two, subnormals,
// values near the double range, and ordinary Gaussians; `pick` selects one.
double adversarial_entry(std::uint64_t pick, double gaussian) {
  switch (pick % 8) {
    case 0: return 1.0;
    case 1: return -1.0;
    case 2: return std::ldexp(1.0, -70);
    case 3: return -std::ldexp(1.0, -90);
    case 4: return std::numeric_limits<double>::denorm_min() * 3;
    case 5: return 1e308;
    case 6: return -1e308;
    default: return gaussian;
  }
}

}  // namespace

// The example: row 3 = (1, 2^-70, −1, 0) cancels to ±2^-70 when s_0 = s_2, which a
// long-double sum rounds to 0. Hand count: rows 0-2 always pass (J_ii = 10, no inputs);
// row 3 needs s_3 = s_0 when s_0 ≠ s_2 (4 states) and s_3 = s_1 when s_0 = s_2 (4 states): 8.
TEST(FixedPoint, CancellationBelowLongDoublePrecisionIsExact) {
  const double tiny = std::ldexp(1.0, -70);
  const coupling_matrix j(4, {10, 0, 0, 0, 0, 10, 0, 0, 0, 0, 10, 0, 1, tiny, -1, 0});
  int count = 0;
  for (packed_state s = 0; s < 16; ++s) count += is_fixed_point(j, s);
  EXPECT_EQ(count, 8);
  EXPECT_EQ(margin_sign(j, 0b1010, 3), 1);   // s = (−,+,−,+): margin = +2^-70
  EXPECT_EQ(margin_sign(j, 0b0010, 3), -1);  // s = (−,+,−,−): margin = −2^-70
}

// Sums whose partial results overflow double (1e308 + 1e308 − 1e308) and sums of subnormals.
TEST(FixedPoint, HugeAndSubnormalEntries) {
  const double d = std::numeric_limits<double>::denorm_min();
  const coupling_matrix huge(3, {-1e308, 1e308, 1e308, 0, 1, 0, 0, 0, 1});
  EXPECT_EQ(margin_sign(huge, 0b111, 0), 1);   // −1e308 + 2e308
  EXPECT_EQ(margin_sign(huge, 0b101, 0), -1);  // −1e308 + 0
  const coupling_matrix tiny(3, {-d, d, d, 0, 1, 0, 0, 0, 1});
  EXPECT_EQ(margin_sign(tiny, 0b111, 0), 1);
  EXPECT_EQ(margin_sign(tiny, 0b101, 0), -1);
  EXPECT_EQ(margin_sign(tiny, 0b001, 0), -1);  // −d − 2d
  const coupling_matrix tie(3, {-2 * d, d, d, 0, 1, 0, 0, 0, 1});
  EXPECT_EQ(margin_sign(tie, 0b111, 0), 0);
  EXPECT_FALSE(is_fixed_point(tie, 0b111));  // strict rule
}

// Random adversarial rows against exact rational arithmetic, every row of every state drawn.
TEST(FixedPoint, MarginSignMatchesRationalArithmetic) {
  rng_stream stream(11, 0, stream_purpose::state_sampling);
  int decided_by_exact_path = 0;
  for (int trial = 0; trial < 1500; ++trial) {
    const int n = 2 + static_cast<int>(stream.next_u64() % 12);
    std::vector<double> v(static_cast<std::size_t>(n * n));
    for (auto& x : v) x = adversarial_entry(stream.next_u64(), stream.standard_normal());
    const coupling_matrix j(n, v);
    const packed_state s = stream.next_u64() & low_bits(n);
    for (int i = 0; i < n; ++i) {
      const int expected = rational_margin_sign(j, s, i);
      ASSERT_EQ(margin_sign(j, s, i), expected) << "trial " << trial << " row " << i;
      decided_by_exact_path += expected == 0;
    }
  }
  EXPECT_GT(decided_by_exact_path, 0) << "the sample must contain exact ties";
}
