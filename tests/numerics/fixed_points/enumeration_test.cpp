#include "numerics/fixed_points/enumeration.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

#include "numerics/fixed_points/enumeration_kernels.hpp"
#include "numerics/fixed_points/fixed_point.hpp"
#include "numerics/fixed_points/quantised_couplings.hpp"
#include "numerics/rng_stream.hpp"
#include "tests/numerics/fixed_points/rational_reference.hpp"

using namespace steer::numerics;

namespace {

// Reference: the direct exact test (fixed_point.hpp, itself checked against rational
// arithmetic) of every one of the 2^n states.
std::vector<packed_state> naive_fixed_points(const coupling_matrix& j) {
  std::vector<packed_state> found;
  for (packed_state s = 0; s < (packed_state{1} << j.size()); ++s)
    if (is_fixed_point(j, s)) found.push_back(s);
  return found;
}

std::vector<enumeration_kernel> kernels() {
  std::vector<enumeration_kernel> k{enumeration_kernel::scalar};
  if (detail::cpu_has_avx512()) {
    k.push_back(enumeration_kernel::avx512);
    k.push_back(enumeration_kernel::pruned);
  }
  return k;
}

}  // namespace

TEST(Enumeration, MatchesNaiveEnumerationForSmallNetworks) {
  for (int n = 2; n <= 14; ++n)
    for (const double jd : {-0.5, 0.0, 0.5, 1.5})
      for (const auto kernel : kernels()) {
        const auto j = sample_couplings({n, jd, 0.0}, 17, static_cast<std::uint64_t>(n));
        const auto found = enumerate_fixed_points(j, {kernel, true, true});
        ASSERT_EQ(found.fixed_points, naive_fixed_points(j)) << "n=" << n << " J_D=" << jd;
        ASSERT_EQ(found.count, found.fixed_points.size());
      }
}

TEST(Enumeration, MatchesNaiveForSymmetricAndRegisterBoundarySizes) {
  for (const int n : {15, 16, 17, 18})
    for (const auto kernel : kernels()) {
      const auto j = sample_couplings({n, 0.25, n % 2 ? 1.0 : 0.5}, 3, 0);
      ASSERT_EQ(enumerate_fixed_points(j, {kernel, true, true}).fixed_points, naive_fixed_points(j)) << n;
    }
}

// Ties: a hand-made integer matrix where many margins are exactly 0. The strict rule
// (spec §1) says a zero margin is not stable; every kernel must agree with the direct test.
TEST(Enumeration, ExactTiesFollowTheStrictRule) {
  const int n = 9;
  std::vector<double> v(n * n);
  for (int a = 0; a < n; ++a)
    for (int b = 0; b < n; ++b) v[a * n + b] = a == b ? 1.0 : ((a * 7 + b * 5) % 3) - 1.0;  // entries −1, 0, 1
  const coupling_matrix j(n, v);
  const auto reference = naive_fixed_points(j);
  int ties = 0;
  for (packed_state s = 0; s < (1u << n); ++s)
    for (int i = 0; i < n; ++i) ties += margin_sign(j, s, i) == 0;
  ASSERT_GT(ties, 0) << "the matrix must produce exact ties to test the rule";
  for (const auto kernel : kernels()) EXPECT_EQ(enumerate_fixed_points(j, {kernel, true, true}).fixed_points, reference);
}

TEST(Enumeration, ExtremeSelfCouplingsGiveAllOrNothing) {
  for (const auto kernel : kernels()) {
    EXPECT_EQ(enumerate_fixed_points(sample_couplings({12, 100.0, 0.0}, 1, 0), {kernel}).count, 4096u);
    EXPECT_EQ(enumerate_fixed_points(sample_couplings({12, -100.0, 0.0}, 1, 0), {kernel}).count, 0u);
  }
}

// The exactness test at N ≥ 26: every reported fixed point is re-checked directly
// (exactly), and so is a random sample of 200,000 states the enumeration rejected.
TEST(Enumeration, LargeNetworkEveryFixedPointAndSampledRejectsAreExact) {
  const int n = 26;
  const auto j = sample_couplings({n, 0.5, 0.0}, 2024, 0);
  const auto found = enumerate_fixed_points(j, {enumeration_kernel::automatic, true, true});
  ASSERT_GT(found.count, 100u);
  for (const packed_state s : found.fixed_points) ASSERT_TRUE(is_fixed_point(j, s)) << s;
  const std::set<packed_state> reported(found.fixed_points.begin(), found.fixed_points.end());
  rng_stream stream(5, 0, stream_purpose::state_sampling);
  int rejected_checked = 0;
  while (rejected_checked < 200000) {
    const packed_state s = stream.next_u64() & low_bits(n);
    if (reported.count(s)) continue;
    ASSERT_FALSE(is_fixed_point(j, s)) << s;
    ++rejected_checked;
  }
  // And the kernels, with different loops, pruning and bookkeeping, count the same.
  for (const auto kernel : kernels()) EXPECT_EQ(enumerate_fixed_points(j, {kernel, true, false}).count, found.count);
}

// Registers 3 and 4 (N > 32) are exercised on a slice of the state space: the kernel on a
// chunk of 2^12 states against the direct test of the same states.
TEST(Enumeration, WideRegisterKernelsOnAChunk) {
  if (!detail::cpu_has_avx512()) GTEST_SKIP() << "no AVX-512 on this CPU";
  for (const int n : {36, 40, 64}) {
    const auto j = sample_couplings({n, 2.5, 0.0}, 8, 0);  // large J_D: many fixed points in the slice
    const auto q = quantise(j);
    const packed_state base = 0xA5A5A5A5A5A5A5A5ull & low_bits(n) & ~low_bits(12);
    detail::chunk_output fast, pruned, slow;
    detail::enumerate_chunk_avx512(q, base, 12, fast);
    detail::enumerate_chunk_pruned(q, base, 12, pruned);
    detail::enumerate_chunk_scalar(q, base, 12, slow);
    std::vector<packed_state> reference;
    for (packed_state x = 0; x < 4096; ++x)
      if (is_fixed_point(j, base | x)) reference.push_back(base | x);
    auto settle = [&](const detail::chunk_output& out) {
      EXPECT_TRUE(out.pending.empty());
      std::vector<packed_state> all = out.fixed_points;
      std::sort(all.begin(), all.end());
      return all;
    };
    ASSERT_GT(reference.size(), 10u) << n;
    EXPECT_EQ(settle(fast), reference) << n;
    EXPECT_EQ(settle(pruned), reference) << n;
    EXPECT_EQ(settle(slow), reference) << n;
  }
}

// The automatic choice is deterministic (a node count, not a timing): sparse fixed points go to
// branch-and-bound, dense ones to the Gray-code kernel (nodes/state ≈ 0.03 vs 1.5 at N = 28).
TEST(Enumeration, AutomaticKernelChoiceFollowsTheNodeCount) {
  if (!detail::cpu_has_avx512()) GTEST_SKIP() << "no AVX-512 on this CPU";
  EXPECT_STREQ(enumerate_fixed_points(sample_couplings({26, 0.5, 0.0}, 1, 0), {enumeration_kernel::automatic, true, false}).kernel,
               "pruned");
  EXPECT_STREQ(enumerate_fixed_points(sample_couplings({26, 2.0, 0.0}, 1, 0), {enumeration_kernel::automatic, true, false}).kernel,
               "avx512");
  EXPECT_STREQ(enumerate_fixed_points(sample_couplings({20, 0.5, 0.0}, 1, 0)).kernel, "avx512");  // below the pilot size
}

TEST(Enumeration, ThreadCountDoesNotChangeTheResult) {
  const auto j = sample_couplings({24, 0.5, 0.0}, 77, 0);
  omp_set_num_threads(1);
  const auto one = enumerate_fixed_points(j);
  omp_set_num_threads(2);
  const auto two = enumerate_fixed_points(j);
  EXPECT_EQ(one.fixed_points, two.fixed_points);
  EXPECT_EQ(one.count, two.count);
}

TEST(Enumeration, RejectsSizesOutsideTheEnumerableRange) {
  EXPECT_THROW(enumerate_fixed_points(coupling_matrix(1, {0.0})), std::invalid_argument);
  EXPECT_THROW(enumerate_fixed_points(sample_couplings({41, 0.0, 0.0}, 1, 0)), std::invalid_argument);
}

namespace {

using steer::numerics::testing::rational_fixed_points;

// Cancellation row of the issue: (1, 2^-70, −1, 0, …) sums to ±2^-70 when s_0 = s_2, which a
// long-double sum rounds to 0.
void put_cancellation_row(std::vector<double>& v, int n, int row) {
  for (int k = 0; k < n; ++k) v[static_cast<std::size_t>(row * n + k)] = 0.0;
  v[static_cast<std::size_t>(row * n + 0)] = 1.0;
  v[static_cast<std::size_t>(row * n + 1)] = std::ldexp(1.0, -70);
  v[static_cast<std::size_t>(row * n + 2)] = -1.0;
}

}  // namespace

// 4×4 (hand count in fixed_point_test.cpp: 8; long double gave 4) and a 10×10 Gaussian matrix
// with two cancellation rows and one row of huge and subnormal entries, against exact
// rational arithmetic, for every kernel.
TEST(Enumeration, CancellationMatricesMatchRationalArithmetic) {
  std::vector<double> small(16, 0.0);
  for (int i = 0; i < 3; ++i) small[static_cast<std::size_t>(5 * i)] = 10.0;
  put_cancellation_row(small, 4, 3);
  auto wide = sample_couplings({10, 0.8, 0.0}, 5, 0).values();
  put_cancellation_row(wide, 10, 4);
  put_cancellation_row(wide, 10, 9);
  const double d = std::numeric_limits<double>::denorm_min();
  for (int k = 0; k < 10; ++k) wide[static_cast<std::size_t>(60 + k)] = k % 2 ? 1e300 : -1e300;
  wide[66] = 3 * d;  // J_66: the huge entries cancel exactly for half the states
  for (const auto& [n, v] : {std::pair{4, small}, std::pair{10, wide}}) {
    const coupling_matrix j(n, v);
    const auto reference = rational_fixed_points(j);
    if (n == 4) {
      ASSERT_EQ(reference.size(), 8u);
    }
    for (const auto kernel : kernels()) {
      const auto found = enumerate_fixed_points(j, {kernel, true, true});
      EXPECT_EQ(found.fixed_points, reference) << "n=" << n;
      EXPECT_GT(found.ambiguous, 0u);
    }
  }
}

// Subnormal, huge and all-zero rows (quantised_couplings_test.cpp checks the quantiser on them).
TEST(Enumeration, ExtremeMagnitudesMatchRationalArithmetic) {
  const double d = std::numeric_limits<double>::denorm_min();
  const double big = std::numeric_limits<double>::max();
  const int n = 7;
  std::vector<double> v = sample_couplings({n, 0.3, 0.0}, 6, 0).values();
  for (int k = 0; k < n; ++k) {
    v[static_cast<std::size_t>(0 * n + k)] = (k % 3 - 1) * d;          // subnormal row
    v[static_cast<std::size_t>(2 * n + k)] = (k % 2 ? 1 : -1) * big;  // at the double limit
    v[static_cast<std::size_t>(5 * n + k)] = 0.0;                     // no inputs
  }
  v[static_cast<std::size_t>(5 * n + 5)] = 1e-310;  // J_55 > 0: neuron 5 always stable
  const coupling_matrix j(n, v);
  const auto reference = rational_fixed_points(j);
  ASSERT_GT(reference.size(), 0u);
  for (const auto kernel : kernels()) EXPECT_EQ(enumerate_fixed_points(j, {kernel, true, true}).fixed_points, reference);
}

// One huge coupling coarsened every row under a global scale (J_01 = 1e12 at N = 26: 16.8 M of
// 33.5 M states ambiguous); with a scale per row it only coarsens row 0, whose margin is
// ±1e12 anyway, so ambiguous states stay as rare as in ordinary matrices (0 here).
TEST(Enumeration, OneHugeCouplingLeavesFewAmbiguousStates) {
  const int n = 20;
  auto v = sample_couplings({n, 0.5, 0.0}, 3, 0).values();
  v[1] = 1e12;
  const coupling_matrix j(n, v);
  const auto reference = naive_fixed_points(j);
  for (const auto kernel : kernels()) {
    const auto found = enumerate_fixed_points(j, {kernel, true, true});
    EXPECT_LE(found.ambiguous, 16u);
    EXPECT_EQ(found.fixed_points, reference);
  }
}

// Memory stays bounded: a chunk with 16,384 ambiguous states (N = 16, rows ≠ 3 isolated with
// J_ii = 10, row 3 the cancellation row: every state with s_0 = s_2 is ambiguous, and half of
// each chunk's states are fixed points) never queues more than pending_capacity of them.
TEST(Enumeration, AmbiguousStatesAreSettledInBoundedBatches) {
  const int n = 16;
  std::vector<double> v(n * n, 0.0);
  for (int i = 0; i < n; ++i) v[static_cast<std::size_t>(i * n + i)] = 10.0;
  put_cancellation_row(v, n, 3);
  const coupling_matrix j(n, v);
  const auto q = quantise(j);
  std::vector<detail::chunk_kernel> chunk_kernels{detail::enumerate_chunk_scalar};
  if (detail::cpu_has_avx512()) {
    chunk_kernels.push_back(detail::enumerate_chunk_avx512);
    chunk_kernels.push_back(detail::enumerate_chunk_pruned);
  }
  for (const auto chunk_kernel : chunk_kernels) {
    detail::chunk_output out;
    chunk_kernel(q, packed_state{1} << (n - 1), n - 1, out);
    EXPECT_EQ(out.ambiguous, 16384u);
    EXPECT_EQ(out.count, 16384u);
    EXPECT_TRUE(out.pending.empty());
    EXPECT_LE(out.pending.capacity(), detail::chunk_output::pending_capacity);
  }
  for (const auto kernel : kernels()) EXPECT_EQ(enumerate_fixed_points(j, {kernel, true, false}).count, 32768u);
}

// Row i holds the couplings *into* neuron i (spec eq. 1: m_i = s_i Σ_j J_ij s_j + J_ii).
// J = [[.5, 1, 1], [0, .5, 0], [0, 0, .5]]: neurons 1, 2 always stable; neuron 0 needs
// s_0 (s_1 + s_2) + .5 > 0, false only for s_1 = s_2 = −s_0 (2 of 8 states): 6 fixed points.
// Jᵀ: neuron 0 always stable; neurons 1 and 2 need s_1 = s_0 and s_2 = s_0: 2 fixed points.
// Embedded at N = 18 as neurons (17, 3, 16) (pinned bit, two registers) among 15 isolated
// neurons with J_ii = .5 (each doubles the count): 6·2^15 and 2·2^15.
TEST(Enumeration, RowsAreInputsNotOutputs) {
  const std::vector<double> j3{0.5, 1, 1, 0, 0.5, 0, 0, 0, 0.5};
  const auto transpose = [](const std::vector<double>& m, int n) {
    std::vector<double> t(m.size());
    for (int a = 0; a < n; ++a)
      for (int b = 0; b < n; ++b) t[static_cast<std::size_t>(b * n + a)] = m[static_cast<std::size_t>(a * n + b)];
    return t;
  };
  const int n = 18;
  const int where[3] = {17, 3, 16};
  std::vector<double> j18(n * n, 0.0);
  for (int i = 0; i < n; ++i) j18[static_cast<std::size_t>(i * n + i)] = 0.5;
  for (int a = 0; a < 3; ++a)
    for (int b = 0; b < 3; ++b) j18[static_cast<std::size_t>(where[a] * n + where[b])] = j3[static_cast<std::size_t>(a * 3 + b)];
  for (const auto kernel : kernels()) {
    EXPECT_EQ(enumerate_fixed_points(coupling_matrix(3, j3), {kernel}).count, 6u);
    EXPECT_EQ(enumerate_fixed_points(coupling_matrix(3, transpose(j3, 3)), {kernel}).count, 2u);
    EXPECT_EQ(enumerate_fixed_points(coupling_matrix(n, j18), {kernel}).count, 6u << 15);
    EXPECT_EQ(enumerate_fixed_points(coupling_matrix(n, transpose(j18, n)), {kernel}).count, 2u << 15);
  }
}
