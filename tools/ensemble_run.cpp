#include "tools/ensemble_run.hpp"

#include <fmt/format.h>

#include <map>

#include "tools/build_info.hpp"
#include "tools/strict_parse.hpp"
#include "validation/ensemble/shard_file.hpp"

namespace steer::tools {
namespace {

using nlohmann::json;

// 10^6 shards of a job array is far beyond any scheduler's array limit: the bound catches typos.
constexpr std::int64_t max_shards = 1000000;

std::map<std::string, shard_merger>& mergers() {
  static std::map<std::string, shard_merger> registry;
  return registry;
}

}  // namespace

validation::shard_spec parse_shard(std::string_view text, std::string_view option) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos)
    throw std::invalid_argument(fmt::format("{}: expected i/n (shard i of n, 0 <= i < n), got '{}'", option, text));
  const std::int64_t count = parse_integer(text.substr(slash + 1), fmt::format("{} (n of i/n)", option), 1, max_shards);
  const std::int64_t index = parse_integer(text.substr(0, slash), fmt::format("{} (i of i/n)", option), 0, count - 1);
  return {index, count};
}

CLI::Option* add_shard_option(CLI::App& command, std::optional<validation::shard_spec>& target) {
  auto* option = command.add_option_function<std::string>(
      "--shard", [&target](const std::string& text) { target = parse_shard(text, "--shard"); },
      "Compute only shard i of n (0 <= i < n; a contiguous block of the networks) and write <--out>/<command>-shard-i-of-n.json; "
      "`steer merge` combines the n shard files into the outputs of the unsharded run");
  return option->type_name("i/n");
}

std::string steer_build_version() { return validation::build_version(build_info::version, build_info::git_hash); }

validation::unit_key ensemble_key(const std::string& command, json parameters) {
  return {command, steer_build_version(), std::move(parameters)};
}

ensemble_role start_ensemble(std::int64_t units, const std::optional<validation::shard_spec>& shard,
                             const common_options& common, bool progress) {
  ensemble_role role;
  role.group = validation::world_process_group();
  role.shard = shard;
  role.units = units;
  if (shard) {
    if (role.group.size > 1) throw std::invalid_argument("--shard: not under MPI with several ranks (ranks are shards already)");
    if (common.out.empty()) throw std::invalid_argument("--shard: needs --out DIR for the shard file");
  }
  role.range = validation::shard_block(units, shard ? *shard : validation::shard_spec{role.group.rank, role.group.size});
  role.writes_outputs = !shard && role.group.root();
  role.progress = progress && role.group.root();
  if (!common.out.empty()) role.out = prepare_output_on_root(common.out);
  return role;
}

std::filesystem::path prepare_output_on_root(const std::string& dir) {
  std::filesystem::path out;
  validation::run_on_root_and_agree([&] { out = prepare_output_directory(dir); });
  return out;
}

std::optional<std::vector<json>> collect_units(const ensemble_role& role, const validation::unit_key& key,
                                               std::vector<json> mine, const common_options& common) {
  if (role.shard) {
    const auto file = validation::write_shard(role.out, {key, role.units, *role.shard, role.range}, mine);
    if (common.json) {
      print_json({{"shard", fmt::format("{}/{}", role.shard->index, role.shard->count)},
                  {"first_unit", role.range.begin}, {"end_unit", role.range.end}, {"shard_file", file.string()}});
    } else if (!common.quiet) {
      fmt::print("steer {}: shard {}/{} (units {} to {} of {}) written to {}; combine the {} shards with steer merge\n",
                 key.command, role.shard->index, role.shard->count, role.range.begin, role.range.end - 1, role.units,
                 file.string(), role.shard->count);
    }
    return std::nullopt;
  }
  return validation::gather_blocks_to_root(role.units, std::move(mine));
}

void note_resumed_networks(const std::string& command, std::int64_t resumed, std::int64_t computed,
                           const std::filesystem::path& dir, const common_options& common) {
  if (resumed > 0 && !common.quiet)
    fmt::print(stderr, "steer: note: {}: {} of the {} networks computed here were resumed from {}\n", command, resumed,
               computed, dir.string());
}

void register_shard_merger(const std::string& command, shard_merger merger) { mergers()[command] = std::move(merger); }

void check_merged_unit_count(const std::vector<nlohmann::json>& units, std::int64_t expected) {
  if (static_cast<std::int64_t>(units.size()) != expected)
    throw std::invalid_argument(fmt::format("merge: the shards hold {} units, but the run's parameters describe {}",
                                            units.size(), expected));
}

const shard_merger& shard_merger_for(const std::string& command) {
  const auto it = mergers().find(command);
  if (it == mergers().end()) throw std::invalid_argument(fmt::format("merge: steer {} has no shards to merge", command));
  return it->second;
}

}  // namespace steer::tools
