// Shard files: written and read back, combined in index order whatever the order given, and
// refused (std::invalid_argument, one line) when shards are missing, duplicated, from another
// run (parameters, command, version, count) or damaged.
#include "validation/ensemble/shard_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "numerics/atomic_file.hpp"

namespace validation = steer::validation;
using nlohmann::json;

namespace {

validation::unit_key key(std::uint64_t seed = 9, std::string command = "enumerate", std::string version = "1.0") {
  return {std::move(command), std::move(version), {{"n", 12}, {"seed", seed}}};
}

std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("steer_shard_file_test_" + std::to_string(getpid())) / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// Shard i/n of 7 units whose unit k is {"k": k}.
validation::shard_contents shard(std::int64_t i, std::int64_t n, const validation::unit_key& k = key()) {
  const auto range = validation::shard_block(7, {i, n});
  std::vector<json> units;
  for (std::int64_t u = range.begin; u < range.end; ++u) units.push_back({{"k", u}});
  const auto file = validation::write_shard(scratch(k.command + std::to_string(i) + "of" + std::to_string(n)),
                                            {k, 7, {i, n}, range}, units);
  return validation::read_shard(file);
}

std::string refusal(std::vector<validation::shard_contents> shards) {
  try {
    validation::combine_shards(std::move(shards), "1.0");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST(ShardFile, CombinesInIndexOrder) {
  const auto s0 = shard(0, 3), s1 = shard(1, 3), s2 = shard(2, 3);
  EXPECT_EQ(s1.file.filename(), "enumerate-shard-1-of-3.json");  // named after its command
  EXPECT_EQ(s1.header.range, (validation::index_range{3, 5}));
  const auto units = validation::combine_shards({s2, s0, s1}, "1.0");
  ASSERT_EQ(units.size(), 7u);
  for (std::size_t k = 0; k < units.size(); ++k) EXPECT_EQ(units[k]["k"], k);
}

TEST(ShardFile, RefusesMissingDuplicatedAndForeignShards) {
  EXPECT_EQ(refusal({shard(0, 3), shard(2, 3)}), "shard 1/3 is missing");
  EXPECT_EQ(refusal({shard(0, 3), shard(1, 3)}), "shard 2/3 is missing");
  EXPECT_NE(refusal({shard(0, 2), shard(0, 2), shard(1, 2)}).find("shard 0/2 appears twice"), std::string::npos);
  EXPECT_NE(refusal({shard(0, 2), shard(1, 2, key(10))}).find("it has seed 10 ("), std::string::npos);
  EXPECT_NE(refusal({shard(0, 2), shard(1, 2, key(9, "clusters"))}).find("belongs to steer clusters"), std::string::npos);
  EXPECT_NE(refusal({shard(0, 2), shard(1, 2, key(9, "enumerate", "0.9"))}).find("was made by steer 0.9"),
            std::string::npos);
  EXPECT_NE(refusal({shard(0, 2), shard(1, 3)}).find("is shard 1/3 of 7 units"), std::string::npos);
  // Made by another version than the merging program.
  EXPECT_NE(refusal({shard(0, 1, key(9, "enumerate", "0.9"))}).find("merge with the steer that made it"),
            std::string::npos);
}

TEST(ShardFile, RefusesDamagedFiles) {
  const auto s = shard(1, 2);
  json saved = json::parse(std::ifstream(s.file));
  saved["units"].erase(0);
  steer::numerics::write_file_atomically(s.file, saved.dump());
  EXPECT_THROW(validation::read_shard(s.file), std::invalid_argument);
  saved["range"]["begin"] = 2;  // not block 1/2 of 7 units
  steer::numerics::write_file_atomically(s.file, saved.dump());
  try {
    validation::read_shard(s.file);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("is not block 1/2 of 7 units"), std::string::npos) << e.what();
  }
  steer::numerics::write_file_atomically(s.file, "not json");
  EXPECT_THROW(validation::read_shard(s.file), std::invalid_argument);
  EXPECT_THROW(validation::shard_files_in(scratch("empty")), std::invalid_argument);
}

// A directory's shard files are its *-shard-*.json files, whatever the command, sorted by name;
// other files are not shards.
TEST(ShardFile, FindsTheShardFilesOfADirectory) {
  const auto dir = scratch("mixed");
  const auto units = std::vector<json>{{{"k", 0}}, {{"k", 1}}, {{"k", 2}}, {{"k", 3}}};
  const auto a = validation::write_shard(dir, {key(9, "local-density"), 7, {1, 2}, {4, 7}}, {units.begin(), units.end() - 1});
  const auto b = validation::write_shard(dir, {key(9, "count-mc"), 7, {0, 2}, {0, 4}}, units);
  std::ofstream(dir / "notes.json") << "{}";
  std::ofstream(dir / "count-mc.json") << "{}";
  EXPECT_EQ(a.filename(), "local-density-shard-1-of-2.json");
  EXPECT_EQ(validation::shard_files_in(dir), (std::vector<std::filesystem::path>{b, a}));
  EXPECT_EQ(validation::shard_files_in(a), std::vector<std::filesystem::path>{a});
}
