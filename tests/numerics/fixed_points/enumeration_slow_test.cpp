// Slow label (`bash scripts/test.sh slow`): exactness at N = 32, where float drift would be
// worst (spec §8). All kernels, including the 2^31-state scalar loop, must report the same
// fixed points, and each one is re-checked directly (exactly, fixed_point.hpp).
#include <gtest/gtest.h>

#include "numerics/fixed_points/enumeration.hpp"
#include "numerics/fixed_points/enumeration_kernels.hpp"
#include "numerics/fixed_points/fixed_point.hpp"

using namespace steer::numerics;

TEST(EnumerationSlow, AllKernelsAgreeAtN32) {
  const auto j = sample_couplings({32, 0.5, 0.0}, 31, 0);
  const auto reference = enumerate_fixed_points(j, {enumeration_kernel::scalar, true, true});
  ASSERT_GT(reference.count, 1000u);
  for (const packed_state s : reference.fixed_points) ASSERT_TRUE(is_fixed_point(j, s)) << s;
  if (!detail::cpu_has_avx512()) GTEST_SKIP() << "no AVX-512 on this CPU";
  for (const auto kernel : {enumeration_kernel::avx512, enumeration_kernel::pruned, enumeration_kernel::automatic})
    EXPECT_EQ(enumerate_fixed_points(j, {kernel, true, true}).fixed_points, reference.fixed_points);
}
