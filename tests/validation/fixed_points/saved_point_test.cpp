// Saved report points (issue 7 item 12) in the saved-unit format: a point round-trips exactly,
// and every malformed or mismatched file is refused with a reason (never trusted, never a crash).
#include "validation/fixed_points/saved_point.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "numerics/atomic_file.hpp"
#include "tests/support/scratch_files.hpp"

using namespace steer;
using steer_test::read_text;

namespace {

const validation::point_key key{3, 0.5, 4, 7, "0.1.0+abc"};

// A consistent summary of 4 networks with 2, 2, 4, 0 fixed points (mean 2).
numerics::ensemble_summary example() {
  numerics::ensemble_summary s;
  s.networks = 4;
  s.count = {2.0, 0.8164965809277260};
  s.pairs = {{2.0, 0.8164965809277260}, {0.5, 0.5}, {1.0, 0.5}, {2.0, 0.8164965809277260}};
  s.count_distribution = {{0, 1}, {2, 2}, {4, 1}};
  return s;
}

class SavedPoint : public ::testing::Test {
 protected:
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("steer-saved-point-" + std::to_string(::getpid()));
  validation::saved_unit_store store = validation::saved_point_store(dir, key);
  validation::unit_codec<numerics::ensemble_summary> codec = validation::ensemble_summary_codec(3, 4);
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }
  // Saves the valid point, replaces `from` by `to` in its file and returns the refusal reason.
  std::string refusal(const std::string& from, const std::string& to) {
    store.save(0, codec, example());
    std::string text = read_text(store.file(0));
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from << " in " << text;
    if (at == std::string::npos) return {};
    text.replace(at, from.size(), to);
    numerics::write_file_atomically(store.file(0), text);
    std::string reason;
    EXPECT_FALSE(store.load(0, codec, reason).has_value()) << text;
    EXPECT_FALSE(reason.empty()) << text;
    return reason;
  }
};

}  // namespace

TEST_F(SavedPoint, RoundTripsExactly) {
  EXPECT_EQ(store.file(0).filename(), "n3_jd0.5_m4_seed7_unit0.json");
  store.save(0, codec, example());
  std::string reason = "x";
  const auto loaded = store.load(0, codec, reason);
  ASSERT_TRUE(loaded.has_value()) << reason;
  EXPECT_TRUE(reason.empty());
  EXPECT_EQ(loaded->networks, 4);
  EXPECT_EQ(loaded->count.mean, 2.0);
  EXPECT_EQ(loaded->count.sem, example().count.sem);
  ASSERT_EQ(loaded->pairs.size(), 4u);
  EXPECT_EQ(loaded->pairs[1].mean, 0.5);
  EXPECT_EQ(loaded->count_distribution, example().count_distribution);
}

TEST_F(SavedPoint, MissingFileIsNoteless) {
  std::string reason = "x";
  EXPECT_FALSE(store.load(0, codec, reason).has_value());
  EXPECT_TRUE(reason.empty());
}

// The store's file name holds N, J_D, networks and seed, so another point's store looks at another
// file; the key inside is checked too (a file copied under another name is refused).
TEST_F(SavedPoint, OtherParametersOrVersionAreNotReused) {
  store.save(0, codec, example());
  const std::pair<validation::point_key, std::string> others[] = {
      {{3, 0.25, 4, 7, "0.1.0+abc"}, "has self_coupling 0.5 (this run: 0.25)"},
      {{3, 0.5, 5, 7, "0.1.0+abc"}, "has networks 4 (this run: 5)"},
      {{3, 0.5, 4, 8, "0.1.0+abc"}, "has seed 7 (this run: 8)"},
      {{3, 0.5, 4, 7, "0.1.0+def"}, "was made by steer 0.1.0+abc (this run: 0.1.0+def)"}};
  for (const auto& [other, expected] : others) {
    const auto other_store = validation::saved_point_store(dir, other);
    if (other_store.file(0) != store.file(0))  // the version is not in the name
      std::filesystem::copy_file(store.file(0), other_store.file(0), std::filesystem::copy_options::overwrite_existing);
    std::string reason;
    EXPECT_FALSE(other_store.load(0, codec, reason).has_value());
    EXPECT_NE(reason.find(expected), std::string::npos) << reason;
  }
}

TEST_F(SavedPoint, MalformedFieldsAreRefusedWithAReason) {
  EXPECT_NE(refusal("\"count\":[2.0,0.816496580927726]", "\"count\":[]").find("count"), std::string::npos);
  refusal("\"count\":[2.0,0.816496580927726]", "\"count\":null");
  refusal("\"count\":[2.0,0.816496580927726]", "\"count\":[\"2\",0.5]");
  refusal("\"count\":[2.0,0.816496580927726]", "\"count\":[-2.0,0.5]");
  EXPECT_NE(refusal("\"count\":[2.0,0.816496580927726]", "\"count\":[3.0,0.5]").find("disagrees with its distribution"),
            std::string::npos);
  refusal("\"count\":[2.0,0.816496580927726],", "");                    // missing field
  EXPECT_NE(refusal("[[0,1],[2,2],[4,1]]", "[[0,1],[2,2]]").find("covers 3 networks, not 4"), std::string::npos);
  EXPECT_NE(refusal("[[0,1],[2,2],[4,1]]", "[[0,1],[2,2],[2,1]]").find("twice"), std::string::npos);
  refusal("[[0,1],[2,2],[4,1]]", "[[0,1],[2,2],[4,-1]]");
  refusal("[[0,1],[2,2],[4,1]]", "{}");
  EXPECT_NE(refusal("\"pairs\":[[2.0", "\"pairs\":[[2.0,1.0],[2.0").find("N + 1 = 4"), std::string::npos);
  refusal("\"format\":1", "\"format\":2");
  refusal("\"seed\":7", "\"seed\":123456789012345678901234567890");
  refusal("\"seed\":7", "\"seed\":7.5");
  refusal("\"n\":3", "\"n\":\"3\"");
  refusal("\"steer_version\":\"0.1.0+abc\"", "\"steer_version\":null");
  refusal("{", "[");
  refusal("{", "");
}
