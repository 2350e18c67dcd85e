// `--shard i/n` + `steer merge` against the unsharded run, for every shardable command: the same
// stdout JSON, the same CSV bytes and the same sidecar results (its metadata — finish time, wall
// time, threads — legitimately differs). Then every refusal of merge and of --shard: one line,
// exit code 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/cli_checks.hpp"

using steer_test::expect_bad_input;
using steer_test::expect_same_output_files;
using steer_test::read_text;
using steer_test::run;
using steer_test::scratch;

namespace {

std::filesystem::path fresh(const std::string& name) {
  const auto dir = scratch() / name;
  std::filesystem::remove_all(dir);
  return dir;
}

// Runs `arguments` whole and as `shards` shards, merges, and compares every output file. With
// `resume_shards`, each shard runs twice in its directory, the second run resuming its saved
// networks: the merge must not depend on that history.
void expect_merge_equals_unsharded(const std::string& name, const std::string& arguments, int shards,
                                   const std::vector<std::string>& files, bool resume_shards = false) {
  const std::string command = arguments.substr(0, arguments.find(' '));
  const auto whole = fresh(name + "_whole"), merged = fresh(name + "_merged");
  const auto unsharded = run(arguments + " --json --out " + whole.string());
  ASSERT_EQ(unsharded.status, 0) << unsharded.err;
  std::string shard_dirs;
  for (int i = 0; i < shards; ++i) {
    const auto dir = fresh(name + "_shard" + std::to_string(i));
    const std::string shard = arguments + " --shard " + std::to_string(i) + "/" + std::to_string(shards) + " --out " + dir.string();
    if (resume_shards) {
      ASSERT_EQ(run(shard + " --quiet").status, 0);
      EXPECT_NE(run(shard).err.find("were resumed from"), std::string::npos);
    }
    const auto r = run(shard + " --quiet");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;  // --quiet: no line about the shard file
    EXPECT_TRUE(std::filesystem::exists(
        dir / (command + "-shard-" + std::to_string(i) + "-of-" + std::to_string(shards) + ".json")));
    shard_dirs += " " + dir.string();
  }
  const auto merge = run("merge" + shard_dirs + " --json --out " + merged.string());
  ASSERT_EQ(merge.status, 0) << merge.err;
  EXPECT_EQ(merge.out, unsharded.out);
  expect_same_output_files(whole, merged, files);
}

}  // namespace

TEST(ShardMergeCli, EnumerateMergedEqualsUnsharded) {
  expect_merge_equals_unsharded("enumerate", "enumerate --n 12 --self-coupling 0.5 --networks 40 --seed 9", 3,
                                {"enumerate_networks.csv", "enumerate_pairs.csv", "enumerate.json"});
}

TEST(ShardMergeCli, ClustersMergedEqualsUnsharded) {
  expect_merge_equals_unsharded("clusters", "clusters --n 12 --self-coupling 0.5 --networks 12 --max-flips 2 --seed 3", 2,
                                {"clusters_distances.csv", "clusters_component_sizes.csv",
                                 "clusters_nearest_distance.csv", "clusters.json"});
}

TEST(ShardMergeCli, LocalDensityMergedEqualsUnsharded) {
  // Two J_D of 3 networks in 4 shards: shard blocks cut across the J_D boundary.
  expect_merge_equals_unsharded("local_density",
                                "local-density --n 60 --self-couplings 0.5,1 --networks 3 --starts 3 --radius 2 --seed 4", 4,
                                {"local_density.csv", "local_density.json"});
}

TEST(ShardMergeCli, MergeOfResumedShardsEqualsUnsharded) {
  expect_merge_equals_unsharded("local_density_resumed",
                                "local-density --n 60 --self-couplings 0.5,1 --networks 2 --starts 3 --radius 2 --seed 4", 2,
                                {"local_density.csv", "local_density.json"}, true);
  expect_merge_equals_unsharded("count_mc_resumed", "count-mc --n 14 --networks 3 --runs 2 --final-log-f 1e-3 --seed 6", 2,
                                {"count_mc.csv", "count_mc.json"}, true);
}

TEST(ShardMergeCli, CountMcMergedEqualsUnsharded) {
  // 5 networks from --network 2 in 3 shards, with --exact (the calibration summary merges too).
  expect_merge_equals_unsharded("count_mc",
                                "count-mc --n 16 --self-coupling 0.5 --network 2 --networks 5 --runs 2 --final-log-f 1e-3 "
                                "--exact --seed 6",
                                3, {"count_mc.csv", "count_mc.json"});
}

TEST(ShardMergeCli, MergeRefusesForeignMissingAndDuplicatedShards) {
  const std::string base = "enumerate --n 8 --networks 6 --quiet";
  const auto a0 = fresh("refuse_a0"), a1 = fresh("refuse_a1"), b1 = fresh("refuse_b1"), c1 = fresh("refuse_c1"),
             d1 = fresh("refuse_d1");
  ASSERT_EQ(run(base + " --seed 1 --shard 0/2 --out " + a0.string()).status, 0);
  ASSERT_EQ(run(base + " --seed 1 --shard 1/2 --out " + a1.string()).status, 0);
  ASSERT_EQ(run(base + " --seed 2 --shard 1/2 --out " + b1.string()).status, 0);
  ASSERT_EQ(run("clusters --n 8 --networks 6 --quiet --seed 1 --shard 1/2 --out " + c1.string()).status, 0);
  ASSERT_EQ(run(base + " --seed 1 --shard 1/3 --out " + d1.string()).status, 0);
  expect_bad_input("merge " + a0.string() + " " + b1.string(), "has seed 2 (");
  expect_bad_input("merge " + a0.string() + " " + c1.string(), "belongs to steer clusters");
  // Shards of two commands in one directory: their names keep them apart, merge refuses the mixture.
  const auto mixed = fresh("refuse_mixed");
  ASSERT_EQ(run(base + " --seed 1 --shard 0/2 --out " + mixed.string()).status, 0);
  ASSERT_EQ(run("clusters --n 8 --networks 6 --quiet --seed 1 --shard 1/2 --out " + mixed.string()).status, 0);
  EXPECT_TRUE(std::filesystem::exists(mixed / "clusters-shard-1-of-2.json"));
  expect_bad_input("merge " + mixed.string(), "belongs to steer enumerate");
  expect_bad_input("merge " + a0.string() + " " + d1.string(), "is shard 1/3");
  expect_bad_input("merge " + a0.string(), "shard 1/2 is missing");
  expect_bad_input("merge " + a0.string() + " " + a1.string() + " " + a1.string(), "shard 1/2 appears twice");
  const auto empty = fresh("refuse_empty");
  std::filesystem::create_directories(empty);
  expect_bad_input("merge " + empty.string(), "no shard files");
  expect_bad_input("merge " + (empty / "absent").string(), "No such file or directory");
  // A shard made by another steer version.
  const auto file = a1 / "enumerate-shard-1-of-2.json";
  auto shard = nlohmann::json::parse(read_text(file));
  shard["key"]["steer_version"] = "0.0.1";
  const auto e1 = fresh("refuse_e1");
  std::filesystem::create_directories(e1);
  std::ofstream(e1 / "enumerate-shard-1-of-2.json") << shard.dump();
  // The shards' version is the build's version and git hash (as in a sidecar's metadata), and the
  // refusal names both versions.
  const auto whole = fresh("refuse_whole");
  ASSERT_EQ(run(base + " --seed 1 --out " + whole.string()).status, 0);
  const auto metadata = nlohmann::json::parse(read_text(whole / "enumerate.json"))["metadata"];
  const std::string hash = metadata["git_hash"], version = metadata["steer_version"];
  const std::string build = hash == "unknown" ? version : version + "+" + hash;
  EXPECT_EQ(nlohmann::json::parse(read_text(file))["key"]["steer_version"], build);
  expect_bad_input("merge " + a0.string() + " " + e1.string(), "was made by steer 0.0.1");
  expect_bad_input("merge " + e1.string() + " " + a0.string(), "was made by steer 0.0.1 (this is " + build + ")");
  // A damaged unit.
  shard = nlohmann::json::parse(read_text(file));
  shard["units"][0]["count"] = -1;
  std::ofstream(e1 / "enumerate-shard-1-of-2.json") << shard.dump();
  expect_bad_input("merge " + a0.string() + " " + e1.string(), "'count' must be a non-negative integer");
  // A shard set consistent with itself (2 units in all) under a key that says 6 networks: the
  // parameters, not the headers, decide how many units the outputs are built from.
  const auto f0 = fresh("refuse_f0");
  ASSERT_EQ(run("enumerate --n 8 --networks 2 --quiet --seed 1 --shard 0/1 --out " + f0.string()).status, 0);
  shard = nlohmann::json::parse(read_text(f0 / "enumerate-shard-0-of-1.json"));
  shard["key"]["parameters"]["networks"] = 6;
  std::ofstream(f0 / "enumerate-shard-0-of-1.json") << shard.dump();
  expect_bad_input("merge " + f0.string(), "the shards hold 2 units, but the run's parameters describe 6");
}

TEST(ShardMergeCli, BadShardIsOneLineAndExitCode2) {
  const std::string out = " --out " + fresh("bad_shard").string();
  expect_bad_input("enumerate --n 8 --networks 4 --shard 0/0" + out, "--shard");
  expect_bad_input("enumerate --n 8 --networks 4 --shard 2/2" + out, "--shard");
  expect_bad_input("enumerate --n 8 --networks 4 --shard 1/x" + out, "--shard");
  expect_bad_input("enumerate --n 8 --networks 4 --shard -1/2" + out, "--shard");
  expect_bad_input("enumerate --n 8 --networks 4 --shard 1" + out, "--shard");
  expect_bad_input("enumerate --n 8 --networks 4 --shard 0/2", "--shard: needs --out");
  expect_bad_input("clusters --n 8 --networks 4 --shard 0/2 --list-clusters x.csv" + out, "excludes");
  expect_bad_input("local-density --n 20 --networks 2 --shard 3/2" + out, "--shard");
}
