// An ensemble computed by every process of the group together and known to all of them afterwards
// (docs/scaling.md, "The report"): for a composite command such as `steer report`, which runs one
// ensemble after another and needs each one's full result before the next. Rank r computes block r
// of the units (shard_block), rank 0 gathers the blocks in rank order and broadcasts them, and every
// rank returns the ordered list. Units are a function of their index alone (streams keyed by
// (seed, index, purpose)) and JSON round-trips them bit for bit (unit_json.hpp), so the list, and
// whatever is summarised from it, is the same as one process's. With one process nothing is
// encoded: compute(0..M) is the result.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "validation/ensemble/process_group.hpp"
#include "validation/ensemble/saved_unit.hpp"
#include "validation/ensemble/shard_range.hpp"
#include "validation/ensemble/unit_json.hpp"

namespace steer::validation {

// Collective: every rank's encoded block (rank r: block r of [0, units)) → all units in index
// order on rank 0, nullopt on the others. Throws std::runtime_error if a block has the wrong size.
std::optional<std::vector<nlohmann::json>> gather_blocks_to_root(std::int64_t units, std::vector<nlohmann::json> mine);

// Collective: gather_blocks_to_root, then rank 0's list broadcast to every rank.
std::vector<nlohmann::json> all_blocks_on_every_rank(std::int64_t units, std::vector<nlohmann::json> mine);

// Units [0, units) in index order on every rank; `compute(range)` returns the units of `range` in
// order (an empty range is possible with more ranks than units). A unit type with a `resumed`
// member (loaded from a saved unit rather than computed; not part of its codec) keeps the flag
// across the gather, so that every rank counts the same reused units.
template <class Unit>
std::vector<Unit> compute_on_group(std::int64_t units, const unit_codec<Unit>& codec,
                                   const std::function<std::vector<Unit>(index_range)>& compute) {
  const process_group group = world_process_group();
  if (group.size == 1) return compute({0, units});
  std::vector<Unit> mine;
  std::exception_ptr failure;
  try {
    mine = compute(shard_block(units, {group.rank, group.size}));
  } catch (...) {
    failure = std::current_exception();
  }
  agree_on_failure(failure);
  std::vector<nlohmann::json> encoded = encode_units(codec, mine);
  if constexpr (requires(Unit u) { u.resumed = true; })
    for (std::size_t k = 0; k < mine.size(); ++k) encoded[k] = {{"unit", encoded[k]}, {"resumed", mine[k].resumed}};
  std::vector<nlohmann::json> all = all_blocks_on_every_rank(units, std::move(encoded));
  if constexpr (requires(Unit u) { u.resumed = true; }) {
    std::vector<nlohmann::json> inner;
    for (const auto& wrapped : all) inner.push_back(wrapped.at("unit"));
    std::vector<Unit> decoded = decode_units(codec, inner);
    for (std::size_t k = 0; k < decoded.size(); ++k) decoded[k].resumed = all[k].at("resumed").get<bool>();
    return decoded;
  } else {
    return decode_units(codec, all);
  }
}

// A point saved as unit 0 of `saved` (a summary), or computed when it is not there: rank 0 loads it
// (a rejected file gets note_recomputing) and tells every rank whether it found it, with its JSON,
// so all ranks take the same branch; `compute()` runs on every rank (it may use compute_on_group)
// and rank 0 alone saves its result. `reused` says whether the saved point was used.
template <class Point>
Point load_or_compute_on_group(const saved_unit_store& saved, const unit_codec<Point>& codec, bool& reused,
                               const std::function<Point()>& compute) {
  const process_group group = world_process_group();
  std::optional<Point> loaded;
  if (group.root()) {
    std::string reason;
    loaded = saved.load(0, codec, reason);
    if (!loaded) note_recomputing(saved.file(0), reason);
  }
  if (group.size > 1) {
    // An encoded point is never the empty text, which therefore means "not saved".
    const std::string text = broadcast_text_from_root(loaded ? codec.encode(*loaded).dump() : std::string());
    if (!group.root() && !text.empty()) loaded = codec.decode(nlohmann::json::parse(text));
  }
  reused = loaded.has_value();
  if (loaded) return std::move(*loaded);
  Point point = compute();
  if (group.root()) saved.save(0, codec, point);
  return point;
}

}  // namespace steer::validation
