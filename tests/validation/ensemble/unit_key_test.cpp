// Unit keys: the build version they carry (version + git hash, plain version without a hash) and
// the first difference between a saved key and this run's, named with both values.
#include "validation/ensemble/unit_key.hpp"

#include <gtest/gtest.h>

namespace validation = steer::validation;

TEST(UnitKey, BuildVersionCarriesTheGitHashWhenThereIsOne) {
  EXPECT_EQ(validation::build_version("0.1.0", "3f2a9c1"), "0.1.0+3f2a9c1");
  // A build from a source tarball (no .git): CMake says "unknown"; the plain version still keys units.
  EXPECT_EQ(validation::build_version("0.1.0", "unknown"), "0.1.0");
  EXPECT_EQ(validation::build_version("0.1.0", ""), "0.1.0");
}

TEST(UnitKey, DifferenceNamesBothVersionsAndBothValues) {
  const validation::unit_key mine{"count-mc", "0.1.0+bbbbbbb", {{"n", 20}, {"seed", 1}}};
  auto saved = mine.to_json();
  EXPECT_EQ(validation::key_difference(saved, mine), "");
  saved["steer_version"] = "0.1.0+aaaaaaa";
  EXPECT_EQ(validation::key_difference(saved, mine), "was made by steer 0.1.0+aaaaaaa (this run: 0.1.0+bbbbbbb)");
  saved = mine.to_json();
  saved["command"] = "enumerate";
  EXPECT_EQ(validation::key_difference(saved, mine, "x.json"), "belongs to steer enumerate (x.json: steer count-mc)");
  saved = mine.to_json();
  saved["parameters"]["seed"] = 2;
  EXPECT_EQ(validation::key_difference(saved, mine), "has seed 2 (this run: 1)");
  saved["parameters"].erase("seed");
  EXPECT_EQ(validation::key_difference(saved, mine), "has no parameter seed");
  saved = mine.to_json();
  saved["parameters"]["radius"] = 2;
  EXPECT_EQ(validation::key_difference(saved, mine), "has an unknown parameter radius");
  EXPECT_NE(validation::key_difference(nlohmann::json::array(), mine).find("has no valid key"), std::string::npos);
}
