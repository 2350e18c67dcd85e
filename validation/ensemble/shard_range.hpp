// Which network (sample) indices one worker of an ensemble computes (DESIGN.md, Parallelism): the
// index range [0, total) split into `count` contiguous blocks, block `index` for shard i/n
// (`--shard i/n`) or for MPI rank i of n. Every unit's result is a function of its index alone
// (streams keyed by (seed, index, purpose)), so the blocks can be computed anywhere and
// concatenated in block order to give the unsharded list.
#pragma once

#include <cstdint>

namespace steer::validation {

struct shard_spec {
  std::int64_t index = 0;  // 0 ≤ index < count
  std::int64_t count = 1;
  bool operator==(const shard_spec&) const = default;
};

struct index_range {
  std::int64_t begin = 0;
  std::int64_t end = 0;  // exclusive
  std::int64_t size() const { return end - begin; }
  bool operator==(const index_range&) const = default;
};

// Block `shard.index` of `shard.count`: the first total mod count blocks hold ⌊total/count⌋ + 1
// indices, the others ⌊total/count⌋ (empty when count > total). Blocks tile [0, total) in order.
// Throws std::invalid_argument for total < 0 or a shard outside 0 ≤ index < count.
index_range shard_block(std::int64_t total, const shard_spec& shard);

}  // namespace steer::validation
