// Saved report points: a point round-trips exactly, and every malformed or mismatched file is
// refused with a reason (never trusted, never a crash) — issue 7 item 12.
#include "validation/fixed_points/saved_point.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "numerics/atomic_file.hpp"

using namespace steer;

namespace {

const validation::point_key key{3, 0.5, 4, 7, "0.1.0"};

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
  std::filesystem::path file;
  void SetUp() override {
    std::filesystem::create_directories(dir);
    file = validation::saved_point_file(dir, key);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  // Writes the valid point with `from` replaced by `to` and returns the refusal reason.
  std::string refusal(const std::string& from, const std::string& to) {
    std::string text = validation::saved_point_text(key, example());
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    numerics::write_file_atomically(file, text);
    std::string reason;
    EXPECT_FALSE(validation::load_saved_point(file, key, reason).has_value()) << text;
    EXPECT_FALSE(reason.empty()) << text;
    return reason;
  }
};

}  // namespace

TEST_F(SavedPoint, RoundTripsExactly) {
  EXPECT_EQ(file.filename(), "n3_jd0.5_m4_seed7.json");
  numerics::write_file_atomically(file, validation::saved_point_text(key, example()));
  std::string reason = "x";
  const auto loaded = validation::load_saved_point(file, key, reason);
  ASSERT_TRUE(loaded.has_value()) << reason;
  EXPECT_TRUE(reason.empty());
  EXPECT_EQ(loaded->count.mean, 2.0);
  EXPECT_EQ(loaded->count.sem, example().count.sem);
  ASSERT_EQ(loaded->pairs.size(), 4u);
  EXPECT_EQ(loaded->pairs[1].mean, 0.5);
  EXPECT_EQ(loaded->count_distribution, example().count_distribution);
}

TEST_F(SavedPoint, MissingFileIsNoteless) {
  std::string reason = "x";
  EXPECT_FALSE(validation::load_saved_point(dir / "absent.json", key, reason).has_value());
  EXPECT_TRUE(reason.empty());
}

TEST_F(SavedPoint, OtherParametersOrVersionAreNotReused) {
  numerics::write_file_atomically(file, validation::saved_point_text(key, example()));
  for (validation::point_key other : {validation::point_key{3, 0.25, 4, 7, "0.1.0"}, validation::point_key{3, 0.5, 5, 7, "0.1.0"},
                                      validation::point_key{3, 0.5, 4, 8, "0.1.0"}, validation::point_key{3, 0.5, 4, 7, "0.2.0"}}) {
    std::string reason;
    EXPECT_FALSE(validation::load_saved_point(file, other, reason).has_value());
    EXPECT_FALSE(reason.empty());
  }
}

TEST_F(SavedPoint, MalformedFieldsAreRefusedWithAReason) {
  EXPECT_NE(refusal("\"count\":[2.0,0.816496580927726]", "\"count\":[]").find("count"), std::string::npos);
  refusal("\"count\":[2.0,0.816496580927726]", "\"count\":null");
  refusal("\"count\":[2.0,0.816496580927726]", "\"count\":[\"2\",0.5]");
  refusal("\"count\":[2.0,0.816496580927726]", "\"count\":[-2.0,0.5]");
  refusal("\"count\":[2.0,0.816496580927726]", "\"count\":[3.0,0.5]");  // disagrees with its distribution
  refusal("\"count\":[2.0,0.816496580927726],", "");                    // missing key
  refusal("[[0,1],[2,2],[4,1]]", "[[0,1],[2,2]]");                       // covers 3 of 4 networks
  refusal("[[0,1],[2,2],[4,1]]", "[[0,1],[2,2],[2,1]]");                 // duplicate #FP
  refusal("[[0,1],[2,2],[4,1]]", "[[0,1],[2,2],[4,-1]]");
  refusal("[[0,1],[2,2],[4,1]]", "{}");
  refusal("\"pairs\":[[2.0", "\"pairs\":[[2.0,1.0],[2.0");              // N + 2 entries
  refusal("\"format\":2", "\"format\":1");
  refusal("\"seed\":7", "\"seed\":123456789012345678901234567890");
  refusal("\"seed\":7", "\"seed\":7.5");
  refusal("\"n\":3", "\"n\":\"3\"");
  refusal("\"steer_version\":\"0.1.0\"", "\"steer_version\":null");
  refusal("{", "[");
  refusal("{", "");
}
