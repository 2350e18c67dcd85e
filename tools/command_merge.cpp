// `steer merge DIR...`: combines the shard files of a sharded run (`--shard i/n` on an ensemble
// command; tools/ensemble_run.hpp) into exactly the outputs the unsharded run writes. Refuses
// shards of different commands, parameters, seeds or steer versions, and missing or duplicated
// shards, with one line and exit code 2.
#include <fmt/format.h>

#include <memory>
#include <stdexcept>

#include "tools/cli_support.hpp"
#include "tools/commands.hpp"
#include "tools/ensemble_run.hpp"
#include "validation/ensemble/shard_file.hpp"

namespace steer::tools {
namespace {

struct merge_options {
  std::vector<std::string> inputs;
  common_options common;
};

void run_merge(const merge_options& o) {
  std::vector<validation::shard_contents> shards;
  for (const auto& input : o.inputs)
    for (const auto& file : validation::shard_files_in(input)) shards.push_back(validation::read_shard(file));
  const validation::unit_key key = shards.front().header.key;
  const shard_merger& merger = shard_merger_for(key.command);
  std::vector<nlohmann::json> units;
  try {
    units = validation::combine_shards(std::move(shards), steer_build_version());
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("merge: {}", e.what()));
  }
  const auto out = o.common.out.empty() ? std::filesystem::path{} : prepare_output_directory(o.common.out);
  try {
    merger(key.parameters, units, o.common, out);
  } catch (const validation::malformed_unit& e) {
    throw std::invalid_argument(fmt::format("merge: a shard of steer {} holds a bad {}", key.command, e.what()));
  }
}

}  // namespace

void register_merge(CLI::App& app) {
  auto o = std::make_shared<merge_options>();
  auto* command = app.add_subcommand(
      "merge", "Combine the shard files of a run split with --shard i/n into the outputs of the unsharded run");
  command->add_option("inputs", o->inputs, "Directories holding COMMAND-shard-i-of-n.json files (or the files themselves)")
      ->required()
      ->type_name("DIR");
  add_text_option(*command, "--out", o->common.out, "Directory for the merged outputs (the files of the unsharded run)");
  command->add_flag("--json", o->common.json, "Print the unsharded run's JSON on stdout");
  command->add_flag("--quiet", o->common.quiet, "No notes on stderr");
  command->callback([o] { run_merge(*o); });
}

}  // namespace steer::tools
