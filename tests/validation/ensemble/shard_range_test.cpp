// shard_block: the n blocks tile [0, total) in order, sizes differ by at most one (checked against
// the direct formula ⌊total·i/n⌋ .. ⌊total·(i+1)/n⌋ for every small case), bad shards throw.
#include "validation/ensemble/shard_range.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

using steer::validation::index_range;
using steer::validation::shard_block;

TEST(ShardBlock, TilesTheRangeInOrderWithSizesDifferingByAtMostOne) {
  for (std::int64_t total = 0; total <= 40; ++total)
    for (std::int64_t count = 1; count <= 12; ++count) {
      std::int64_t next = 0, smallest = total, largest = 0;
      for (std::int64_t i = 0; i < count; ++i) {
        const index_range block = shard_block(total, {i, count});
        EXPECT_EQ(block.begin, next) << total << " " << i << "/" << count;
        next = block.end;
        smallest = std::min(smallest, block.size());
        largest = std::max(largest, block.size());
      }
      EXPECT_EQ(next, total);
      EXPECT_LE(largest - smallest, 1);
    }
}

TEST(ShardBlock, HandExamples) {
  EXPECT_EQ(shard_block(40, {0, 2}), (index_range{0, 20}));
  EXPECT_EQ(shard_block(40, {1, 2}), (index_range{20, 40}));
  EXPECT_EQ(shard_block(10, {0, 3}), (index_range{0, 4}));  // 4 + 3 + 3
  EXPECT_EQ(shard_block(10, {1, 3}), (index_range{4, 7}));
  EXPECT_EQ(shard_block(10, {2, 3}), (index_range{7, 10}));
  EXPECT_EQ(shard_block(2, {4, 5}), (index_range{2, 2}));  // more shards than units: empty blocks
  // No overflow of total·i for the largest sizes.
  EXPECT_EQ(shard_block(INT64_MAX, {1, 2}).end, INT64_MAX);
}

TEST(ShardBlock, RefusesShardsOutsideTheirCount) {
  EXPECT_THROW(shard_block(10, {0, 0}), std::invalid_argument);
  EXPECT_THROW(shard_block(10, {2, 2}), std::invalid_argument);
  EXPECT_THROW(shard_block(10, {-1, 2}), std::invalid_argument);
  EXPECT_THROW(shard_block(-1, {0, 1}), std::invalid_argument);
}
