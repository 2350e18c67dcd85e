#include "numerics/fixed_points/quantised_couplings.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/rng_stream.hpp"

using namespace steer::numerics;

namespace {

// h̃_i(s) recomputed from scratch from the matrix itself, in 64-bit integers.
std::int64_t recomputed_field(const coupling_matrix& j, int exponent, packed_state s, int i) {
  std::int64_t field = 0;
  for (int k = 0; k < j.size(); ++k)
    if (k != i) field += static_cast<std::int64_t>(std::round(std::ldexp(j(i, k), exponent))) * spin(s, k);
  return field;
}

std::int64_t row_magnitude(const quantised_couplings& q, int i) {
  std::int64_t sum = 0;
  for (int k = 0; k < q.n; ++k) sum += std::abs(q.column_step[static_cast<std::size_t>(k) * q.lanes + i] / 2);
  return sum;
}

// The three-way verdict never misclassifies: certain ⇒ fixed point, rejected ⇒ not
// (is_fixed_point is exact, fixed_point_test.cpp). Returns the number of ambiguous states.
int check_verdicts_on_all_states(const coupling_matrix& j) {
  const auto q = quantise(j);
  const int n = j.size();
  int ambiguous = 0;
  for (packed_state s = 0; s < (packed_state{1} << n); ++s) {
    const auto field = q.partial_fields(s, 0);
    bool candidate = true, certain = true;
    for (int i = 0; i < n; ++i) {
      const std::int64_t stability = spin(s, i) * static_cast<std::int64_t>(field[i]);
      candidate = candidate && stability > q.lower[i];
      certain = certain && stability > q.upper[i];
    }
    if (certain) {
      EXPECT_TRUE(is_fixed_point(j, s)) << s;
    }
    if (!candidate) {
      EXPECT_FALSE(is_fixed_point(j, s)) << s;
    }
    ambiguous += candidate && !certain;
  }
  return ambiguous;
}

}  // namespace

// A walk of 20,000 random single flips with incremental int32 updates (column steps) ends with
// exactly the fields recomputed from scratch, and every intermediate field obeys the rounding
// bound |h̃_i − S_i h_i| ≤ (N−1)/2 that the lower/upper thresholds rely on.
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
          ASSERT_LE(std::abs(field[i] - std::ldexp(exact, q.scale_exponent[i])), (n - 1) / 2.0) << n << " " << i;
        }
    }
    for (int i = 0; i < n; ++i) ASSERT_EQ(field[i], recomputed_field(j, q.scale_exponent[i], s, i)) << n << " " << i;
  }
}

// Each row gets the largest power of two that keeps its fields within 2^30.
TEST(QuantisedCouplings, EachRowScaleIsTheLargestSafePowerOfTwo) {
  const auto j = sample_couplings({20, 0.5, 0.0}, 1, 0);
  const auto q = quantise(j);
  for (int i = 0; i < 20; ++i) {
    double row = 0;
    for (int k = 0; k < 20; ++k)
      if (k != i) row += std::abs(j(i, k));
    const double scale = std::ldexp(1.0, q.scale_exponent[i]);
    EXPECT_LT(row_magnitude(q, i), 1 << 30) << i;
    EXPECT_GT(row * 2 * scale + 20, 0x1.0p30) << i;  // doubling S_i would break the bound
  }
}

// One huge coupling coarsens only its own row: the other rows keep the scale they have
// without it (a single global scale made 16.8 M of 33.5 M states ambiguous at N = 26).
TEST(QuantisedCouplings, ScaleIsPerRow) {
  auto v = sample_couplings({12, 0.3, 0.0}, 9, 0).values();
  const auto ordinary = quantise(coupling_matrix(12, v));
  v[1] = 1e12;  // J_01
  const auto q = quantise(coupling_matrix(12, v));
  EXPECT_LT(q.scale_exponent[0], ordinary.scale_exponent[0] - 30);
  for (int i = 1; i < 12; ++i) EXPECT_EQ(q.scale_exponent[i], ordinary.scale_exponent[i]) << i;
}

TEST(QuantisedCouplings, ThresholdsBracketTheExactMargin) {
  check_verdicts_on_all_states(sample_couplings({12, 0.3, 0.0}, 4, 0));
}

// Subnormal, huge (1e300, DBL_MAX) and all-zero rows: no float→int overflow (the UBSan build
// checks float-cast-overflow), fields within 2^30, and verdicts that never misclassify.
TEST(QuantisedCouplings, ExtremeMagnitudesQuantiseSafely) {
  const double d = std::numeric_limits<double>::denorm_min();
  const double big = std::numeric_limits<double>::max();
  const int n = 6;
  const coupling_matrix j(n, {
      d,      3 * d,  -d,      2 * d,   d,      -5 * d,  // subnormal row (and diagonal)
      1e300,  -1e-300, 1e300,  -1e300,  1e300,  2e300,   // huge row with a tiny entry
      0,      0,       0.5,    0,       0,      0,       // no inputs: J_22 alone decides
      big,    -big,    big,    1,       big,    -big,    // entries at the double limit
      1,      d,       -1,     0,       -1e-300, 0,      // cancellation with tiny remainders
      0,      0,       0,      0,       0,      0});     // zero row, J_55 = 0: never stable
  const auto q = quantise(j);
  for (int i = 0; i < n; ++i) EXPECT_LT(row_magnitude(q, i), 1 << 30) << i;
  check_verdicts_on_all_states(j);
}

// Non-finite couplings never reach the quantiser: the matrix refuses them, naming the entry.
TEST(QuantisedCouplings, NonFiniteEntriesAreRefusedByTheMatrix) {
  for (const double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    std::vector<double> v(9, 0.5);
    v[5] = bad;  // entry (1, 2)
    try {
      coupling_matrix j(3, v);
      FAIL() << "accepted " << bad;
    } catch (const std::domain_error& e) {
      EXPECT_NE(std::string(e.what()).find("entry (1, 2)"), std::string::npos) << e.what();
    }
  }
}
