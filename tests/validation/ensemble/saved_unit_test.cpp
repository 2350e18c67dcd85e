// saved_unit_store: a saved unit is reused only under the same key and index and when the codec
// accepts it; every rejection says why; doubles come back bit for bit (unit_json.hpp).
#include "validation/ensemble/saved_unit.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <bit>
#include <cmath>
#include <fstream>
#include <random>

#include "numerics/atomic_file.hpp"

namespace validation = steer::validation;
using nlohmann::json;

namespace {

struct unit {
  std::uint64_t count = 0;
  std::vector<double> values;
};

validation::unit_codec<unit> codec() {
  return {[](const unit& u) { return json{{"count", u.count}, {"values", u.values}}; },
          [](const json& j) {
            return unit{validation::unsigned_field(j, "count"), validation::finite_list(j, "values")};
          }};
}

validation::unit_key key(double self_coupling = 0.5, std::string version = "1.0") {
  return {"test", std::move(version), {{"n", 10}, {"self_coupling", self_coupling}, {"seed", 9}}};
}

std::filesystem::path scratch() {
  auto dir = std::filesystem::temp_directory_path() / ("steer_saved_unit_test_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

TEST(SavedUnit, RoundTripsDoublesBitForBit) {
  const validation::saved_unit_store store(scratch(), "p", key());
  std::mt19937_64 bits(7);
  unit u{42, {}};
  for (int i = 0; i < 2000; ++i) {
    const double x = std::bit_cast<double>(bits());
    if (std::isfinite(x)) u.values.push_back(x);
  }
  u.values.insert(u.values.end(), {0.1, 1.0 / 3.0, -0.0, 5e-324, 1.7976931348623157e308});
  store.save(3, codec(), u);
  std::string reason;
  const auto loaded = store.load(3, codec(), reason);
  ASSERT_TRUE(loaded.has_value()) << reason;
  EXPECT_EQ(loaded->count, 42u);
  ASSERT_EQ(loaded->values.size(), u.values.size());
  for (std::size_t i = 0; i < u.values.size(); ++i)
    EXPECT_EQ(std::bit_cast<std::uint64_t>(loaded->values[i]), std::bit_cast<std::uint64_t>(u.values[i])) << u.values[i];
}

TEST(SavedUnit, RejectsOtherKeysIndicesAndDamagedFilesWithAReason) {
  const auto dir = scratch();
  const validation::saved_unit_store store(dir, "p", key());
  store.save(0, codec(), unit{1, {0.25}});
  std::string reason;
  EXPECT_FALSE(store.load(1, codec(), reason).has_value());
  EXPECT_EQ(reason, "");  // no file: nothing to say
  const auto expect_rejected = [&](const validation::saved_unit_store& other, const std::string& needle) {
    EXPECT_FALSE(other.load(0, codec(), reason).has_value());
    EXPECT_NE(reason.find(needle), std::string::npos) << reason;
  };
  expect_rejected(validation::saved_unit_store(dir, "p", key(0.75)), "has self_coupling 0.5 (this run: 0.75)");
  expect_rejected(validation::saved_unit_store(dir, "p", key(0.5, "2.0")), "was made by steer 1.0 (this run: 2.0)");
  // The same file under another index (renamed by hand).
  std::filesystem::copy_file(store.file(0), store.file(5));
  EXPECT_FALSE(store.load(5, codec(), reason).has_value());
  EXPECT_NE(reason.find("holds unit 0 instead of 5"), std::string::npos) << reason;
  // A result the codec refuses, and a file that is not JSON.
  json saved = json::parse(std::ifstream(store.file(0)));
  saved["result"]["values"] = {"x"};
  steer::numerics::write_file_atomically(store.file(0), saved.dump());
  expect_rejected(store, "'values' must hold finite numbers");
  steer::numerics::write_file_atomically(store.file(0), "{\"format\": 1, \"key\"");
  expect_rejected(store, "not a JSON object");
}

TEST(SavedUnit, DisabledStoreNeitherLoadsNorSaves) {
  const validation::saved_unit_store store({}, "p", key());
  EXPECT_FALSE(store.enabled());
  store.save(0, codec(), unit{1, {}});
  std::string reason;
  EXPECT_FALSE(store.load(0, codec(), reason).has_value());
  EXPECT_EQ(reason, "");
}
