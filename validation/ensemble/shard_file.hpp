// A shard file: the results of one contiguous block of an ensemble's units (`--shard i/n`),
// with the key of the run (unit_key.hpp), the shard's place (i/n) and its index range, so that
// `steer merge` can check that its inputs are the n blocks of one run and concatenate their
// units in index order: merged = unsharded, bit for bit (unit_json.hpp).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "validation/ensemble/shard_range.hpp"
#include "validation/ensemble/unit_key.hpp"

namespace steer::validation {

struct shard_header {
  unit_key key;
  std::int64_t units = 0;  // size of the whole index range [0, units)
  shard_spec shard;
  index_range range;       // shard_block(units, shard)
};

struct shard_contents {
  std::filesystem::path file;
  shard_header header;
  std::vector<nlohmann::json> units;  // one per index of header.range, in order
};

// "<command>-shard-<i>-of-<n>.json": shards of different commands written to one directory keep
// apart (and `steer merge` of such a directory refuses the mixture).
std::string shard_file_name(const std::string& command, const shard_spec& shard);

// Writes <dir>/<command>-shard-<i>-of-<n>.json (command of header.key) atomically; returns its path.
std::filesystem::path write_shard(const std::filesystem::path& dir, const shard_header& header,
                                  const std::vector<nlohmann::json>& units);

// Reads and checks one shard file (well-formed, range = the shard's block, one unit per index);
// throws std::invalid_argument "FILE: reason".
shard_contents read_shard(const std::filesystem::path& file);

// Every *-shard-*.json in `dir` (or `dir` itself if it is a file), sorted by name; throws
// std::invalid_argument when there is none.
std::vector<std::filesystem::path> shard_files_in(const std::filesystem::path& dir);

// The units of all shards in index order, after checking that the shards are the n blocks of one
// run made by `steer_version`: same command, version, parameters and n; each of 0..n−1 exactly
// once. Throws std::invalid_argument with one line naming the files and the difference.
std::vector<nlohmann::json> combine_shards(std::vector<shard_contents> shards, const std::string& steer_version);

}  // namespace steer::validation
