#include "numerics/enumeration.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <set>

#include "numerics/enumeration_kernels.hpp"
#include "numerics/fixed_point.hpp"
#include "numerics/quantised_couplings.hpp"
#include "numerics/rng_stream.hpp"

using namespace steer::numerics;

namespace {

// Independent reference: the direct long-double test of every one of the 2^n states.
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
  for (packed_state s = 0; s < (1u << n); ++s) ties += min_margin(j, s) == 0.0L;
  ASSERT_GT(ties, 0) << "the matrix must produce exact ties to test the rule";
  for (const auto kernel : kernels()) EXPECT_EQ(enumerate_fixed_points(j, {kernel, true, true}).fixed_points, reference);
}

TEST(Enumeration, ExtremeSelfCouplingsGiveAllOrNothing) {
  for (const auto kernel : kernels()) {
    EXPECT_EQ(enumerate_fixed_points(sample_couplings({12, 100.0, 0.0}, 1, 0), {kernel}).count, 4096u);
    EXPECT_EQ(enumerate_fixed_points(sample_couplings({12, -100.0, 0.0}, 1, 0), {kernel}).count, 0u);
  }
}

// Wide dynamic range forces a coarse integer scale: many states fall in the rounding band and
// are settled by the direct check; the result must still be exact.
TEST(Enumeration, CoarseQuantisationIsStillExact) {
  auto v = sample_couplings({12, 0.3, 0.0}, 9, 0).values();
  v[1] = 1e7;  // J_01 huge: the scale drops to ~2^6 and the small couplings round to a few units
  const coupling_matrix j(12, v);
  for (const auto kernel : kernels()) {
    const auto found = enumerate_fixed_points(j, {kernel, true, true});
    EXPECT_EQ(found.fixed_points, naive_fixed_points(j));
    EXPECT_GT(found.ambiguous, 0u);
  }
}

// The exactness test at N ≥ 26: every reported fixed point is re-checked directly in
// long double, and so is a random sample of 200,000 states the enumeration rejected.
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
      std::vector<packed_state> all = out.certain;
      for (const packed_state s : out.ambiguous)
        if (is_fixed_point(j, s)) all.push_back(s);
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
