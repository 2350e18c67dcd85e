#include "numerics/quantised_couplings.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "numerics/fixed_point.hpp"
#include "numerics/rng_stream.hpp"

using namespace steer::numerics;

namespace {

// h̃_i(s) recomputed from scratch from the matrix itself, in 64-bit integers.
std::int64_t recomputed_field(const coupling_matrix& j, double scale, packed_state s, int i) {
  std::int64_t field = 0;
  for (int k = 0; k < j.size(); ++k)
    if (k != i) field += static_cast<std::int64_t>(std::nearbyint(j(i, k) * scale)) * spin(s, k);
  return field;
}

}  // namespace

// A walk of 20,000 random single flips with incremental int32 updates (column steps) ends with
// exactly the fields recomputed from scratch, and every intermediate field obeys the rounding
// bound |h̃_i − S h_i| ≤ (N−1)/2 that the lower/upper thresholds rely on.
TEST(QuantisedCouplings, IncrementalFieldsEqualRecomputationAndObeyTheBound) {
  for (const int n : {7, 16, 23, 40}) {
    const auto j = sample_couplings({n, 0.4, 0.0}, 12, static_cast<std::uint64_t>(n));
    const auto q = quantise(j);
    rng_stream stream(3, static_cast<std::uint64_t>(n), stream_purpose::state_sampling);
    packed_state s = stream.next_u64() & low_bits(n);
    std::vector<std::int32_t> field = q.partial_fields(s, 0);
    for (int step = 0; step < 20000; ++step) {
      const int flipped = static_cast<int>(stream.next_u64() % static_cast<std::uint64_t>(n));
      s ^= packed_state{1} << flipped;
      for (int i = 0; i < n; ++i) {
        const std::int32_t delta = q.column_step[static_cast<std::size_t>(flipped) * q.lanes + i];
        field[i] += spin(s, flipped) > 0 ? delta : -delta;
      }
      if (step % 997 == 0)
        for (int i = 0; i < n; ++i) {
          long double exact = 0;
          for (int k = 0; k < n; ++k)
            if (k != i) exact += static_cast<long double>(j(i, k)) * spin(s, k);
          ASSERT_LE(std::abs(field[i] - q.scale * exact), (n - 1) / 2.0) << n << " " << i;
        }
    }
    for (int i = 0; i < n; ++i) ASSERT_EQ(field[i], recomputed_field(j, q.scale, s, i)) << n << " " << i;
  }
}

TEST(QuantisedCouplings, ScaleIsTheLargestSafePowerOfTwo) {
  const auto j = sample_couplings({20, 0.5, 0.0}, 1, 0);
  const auto q = quantise(j);
  EXPECT_EQ(std::exp2(std::round(std::log2(q.scale))), q.scale);
  double largest_row = 0;
  for (int i = 0; i < 20; ++i) {
    double row = 0;
    for (int k = 0; k < 20; ++k)
      if (k != i) row += std::abs(j(i, k));
    largest_row = std::max(largest_row, row);
  }
  EXPECT_LE(largest_row * q.scale + 20, 0x1.0p30);
  EXPECT_GT(largest_row * 2 * q.scale + 20, 0x1.0p30);  // doubling S would break the bound
}

// The three-way verdict never misclassifies: certain ⇒ fixed point, rejected ⇒ not.
TEST(QuantisedCouplings, ThresholdsBracketTheExactMargin) {
  const auto j = sample_couplings({12, 0.3, 0.0}, 4, 0);
  const auto q = quantise(j);
  for (packed_state s = 0; s < 4096; ++s) {
    const auto field = q.partial_fields(s, 0);
    bool candidate = true, certain = true;
    for (int i = 0; i < 12; ++i) {
      const std::int64_t stability = spin(s, i) * static_cast<std::int64_t>(field[i]);
      candidate = candidate && stability > q.lower[i];
      certain = certain && stability > q.upper[i];
    }
    if (certain) {
      ASSERT_TRUE(is_fixed_point(j, s)) << s;
    }
    if (!candidate) {
      ASSERT_FALSE(is_fixed_point(j, s)) << s;
    }
  }
}
