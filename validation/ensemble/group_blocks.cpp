#include "validation/ensemble/group_blocks.hpp"

#include <fmt/format.h>

namespace steer::validation {

using nlohmann::json;

std::optional<std::vector<json>> gather_blocks_to_root(std::int64_t units, std::vector<json> mine) {
  const process_group group = world_process_group();
  json block = json::array();
  for (auto& unit : mine) block.push_back(std::move(unit));
  const std::vector<std::string> texts = gather_text_to_root(block.dump());
  if (!group.root()) return std::nullopt;
  std::vector<json> all;
  for (std::size_t r = 0; r < texts.size(); ++r) {
    json units_of_rank = json::parse(texts[r]);  // written by this same program a moment ago
    const auto expected = shard_block(units, {static_cast<std::int64_t>(r), group.size});
    if (!units_of_rank.is_array() || static_cast<std::int64_t>(units_of_rank.size()) != expected.size())
      throw std::runtime_error(fmt::format("MPI rank {} sent {} units, not {}", r, units_of_rank.size(), expected.size()));
    for (auto& unit : units_of_rank) all.push_back(std::move(unit));
  }
  return all;
}

std::vector<json> all_blocks_on_every_rank(std::int64_t units, std::vector<json> mine) {
  const auto all = gather_blocks_to_root(units, std::move(mine));
  return json::parse(broadcast_text_from_root(all ? json(*all).dump() : std::string())).get<std::vector<json>>();
}

}  // namespace steer::validation
