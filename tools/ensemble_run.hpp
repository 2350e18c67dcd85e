// Running an ensemble command in pieces (DESIGN.md, Parallelism; docs/scaling.md): one process,
// one shard of a job array (`--shard i/n`, merged later by `steer merge`), or the ranks of an MPI
// job. The command supplies its key (the parameters that change results), a codec for one unit
// (validation/ensemble/unit_json.hpp), a function computing the units of an index range, and the
// code that turns the ordered list of all units into its outputs; this file does the rest, so
// that 1 process, n shards merged and K ranks write the same bytes.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "tools/cli_support.hpp"
#include "validation/ensemble/group_blocks.hpp"
#include "validation/ensemble/process_group.hpp"
#include "validation/ensemble/shard_range.hpp"
#include "validation/ensemble/unit_json.hpp"
#include "validation/ensemble/unit_key.hpp"

namespace steer::tools {

// "i/n", 0 ≤ i < n ≤ 10^6, plain decimal; throws std::invalid_argument naming `option`.
validation::shard_spec parse_shard(std::string_view text, std::string_view option);

// --shard i/n: compute only block i of n of the units and write <out>/<command>-shard-i-of-n.json.
CLI::Option* add_shard_option(CLI::App& command, std::optional<validation::shard_spec>& target);

// The version written into every unit key (saved units, shard files): what identifies this build.
std::string steer_build_version();

// The key of a run of `command` made by this steer.
validation::unit_key ensemble_key(const std::string& command, nlohmann::json parameters);

// This process's part in a run over units [0, units).
struct ensemble_role {
  validation::process_group group;
  std::optional<validation::shard_spec> shard;
  std::int64_t units = 0;         // the whole run: units [0, units)
  validation::index_range range;  // the units this process computes
  std::filesystem::path out;      // the prepared --out (empty on MPI ranks other than 0, or without --out)
  bool writes_outputs = true;     // the final outputs: the only process or MPI rank 0, never a shard
  bool progress = false;          // progress lines: only one process of a job prints them
};

// Call before any work. Places this process (its shard, its MPI rank's block, or everything),
// claims --out on the one process that writes there (prepare_output_directory) and, under MPI,
// stops every rank if that failed. --shard needs --out, and cannot be combined with MPI ranks.
ensemble_role start_ensemble(std::int64_t units, const std::optional<validation::shard_spec>& shard,
                             const common_options& common, bool progress);

// `dir` prepared (prepare_output_directory: created, checked writable, claimed) by MPI rank 0
// alone, as the others would find it locked by rank 0; if that failed, rank 0 throws its error and
// the others validation::failed_on_another_rank (run_on_root_and_agree). Returns the path on
// rank 0 (the only process without MPI), an empty path on the other ranks.
std::filesystem::path prepare_output_on_root(const std::string& dir);

// After the computation: a shard writes its shard file (and says so) and gets nullopt; MPI ranks
// send their units to rank 0, which gets all of them in index order (the others nullopt).
std::optional<std::vector<nlohmann::json>> collect_units(const ensemble_role& role, const validation::unit_key& key,
                                                         std::vector<nlohmann::json> mine, const common_options& common);

// The units of [0, units) in index order for the process that writes the outputs; nullopt for a
// shard (its file written) and for MPI ranks other than 0. `compute(range, progress)` returns the
// units of `range` in order.
template <class Unit>
std::optional<std::vector<Unit>> run_ensemble_units(
    const ensemble_role& role, const validation::unit_key& key, const validation::unit_codec<Unit>& codec,
    const common_options& common, const std::function<std::vector<Unit>(validation::index_range, bool)>& compute) {
  std::vector<Unit> mine;
  std::exception_ptr failure;
  try {
    mine = compute(role.range, role.progress);
  } catch (...) {
    failure = std::current_exception();
  }
  validation::agree_on_failure(failure);
  if (role.group.size == 1 && !role.shard) return mine;
  auto all = collect_units(role, key, validation::encode_units(codec, mine), common);
  if (!all) return std::nullopt;
  return validation::decode_units(codec, *all);
}

// After computing `computed` networks of which `resumed` were reused from `dir` (saved units): a
// note on stderr (not with --quiet, not when none was resumed). Resume history is reported here
// and never in the outputs, which depend on the parameters alone (merged = unsharded, byte for byte).
void note_resumed_networks(const std::string& command, std::int64_t resumed, std::int64_t computed,
                           const std::filesystem::path& dir, const common_options& common);

// What `steer merge` calls for the shards of one command: the command's output code, given the
// run's parameters (from the shards' key), the units in index order, merge's --json/--quiet and
// the prepared --out (empty without --out).
using shard_merger = std::function<void(const nlohmann::json& parameters, const std::vector<nlohmann::json>& units,
                                        const common_options& output, const std::filesystem::path& out)>;

// Called by each shardable command's register_<name>.
void register_shard_merger(const std::string& command, shard_merger merger);

// For a merger: the shards' headers say how many units they cover, but only the run's parameters
// say how many there must be; a merger calls this before indexing units by those parameters.
// Throws std::invalid_argument "merge: …" when the counts differ.
void check_merged_unit_count(const std::vector<nlohmann::json>& units, std::int64_t expected);

// Throws std::invalid_argument when `command` has none.
const shard_merger& shard_merger_for(const std::string& command);

}  // namespace steer::tools
