#include "validation/ensemble/shard_range.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace steer::validation {

index_range shard_block(std::int64_t total, const shard_spec& shard) {
  if (total < 0) throw std::invalid_argument(fmt::format("index range size must be >= 0, got {}", total));
  if (shard.count < 1 || shard.index < 0 || shard.index >= shard.count)
    throw std::invalid_argument(fmt::format("shard {}/{} must satisfy 0 <= i < n", shard.index, shard.count));
  // i·q + min(i, r) instead of ⌊total·i/n⌋: the same blocks without the overflow of total·i.
  const std::int64_t q = total / shard.count, r = total % shard.count;
  const std::int64_t begin = shard.index * q + std::min(shard.index, r);
  return {begin, begin + q + (shard.index < r ? 1 : 0)};
}

}  // namespace steer::validation
