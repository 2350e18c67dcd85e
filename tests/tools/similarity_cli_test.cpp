// `steer similarity` (issue 11, item 6): the pairwise distance, the noise floor of the shipped
// Hatsopoulos data, a model comparison, thread independence and bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "numerics/similarity/activity_io.hpp"
#include "numerics/similarity/hatsopoulos.hpp"
#include "tests/support/cli_checks.hpp"

namespace {

using steer_test::expect_bad_input;
using steer_test::run_json;
using steer_test::scratch;

const std::filesystem::path shipped = std::filesystem::path(STEER_SOURCE_DIR) / "data" / "hatsopoulos2007";
const std::string rates = (shipped / "firing_rates.csv").string();

TEST(SimilarityCli, NoiseFloorOnTheShippedDataByDefault) {
  const auto j = run_json("similarity noise-floor --splits 20 --seed 3 --json --threads 1");
  EXPECT_EQ(j["metric"], "procrustes");
  EXPECT_EQ(j["splits"], 20);
  EXPECT_EQ(j["split_size"], 70);
  EXPECT_EQ(j["neurons"], 141);
  EXPECT_GT(j["noise_floor"].get<double>(), 0.0);
  EXPECT_LT(j["noise_floor"].get<double>(), 1.0);
  EXPECT_EQ(j["noise_floor"], j["d1"]["mean"]);
  EXPECT_GT(j["sd"].get<double>(), 0.0);
  EXPECT_GT(j["condition_average_baseline"].get<double>(), 0.0);
  // Same numbers for another thread count.
  const auto two = run_json("similarity noise-floor --splits 20 --seed 3 --json --threads 2");
  EXPECT_EQ(two["noise_floor"], j["noise_floor"]);
  EXPECT_EQ(two["d3"], j["d3"]);
}

TEST(SimilarityCli, PairOfArraysAndTheRotation) {
  const auto data = steer::numerics::load_hatsopoulos_rates(shipped);
  const auto dir = scratch() / "pair";
  std::filesystem::create_directories(dir);
  steer::numerics::write_activity_npy(data, dir / "data.npy");
  // The same array as tidy CSV and as .npy: distance 0 for every metric.
  for (const char* metric : {"procrustes", "cka", "cca"}) {
    const auto j = run_json(std::string("similarity --metric ") + metric + " --json " + rates + " " +
                            (dir / "data.npy").string());
    EXPECT_LT(j["distance"].get<double>(), 1e-10) << metric;
    EXPECT_EQ(j["conditions"], 8);
  }
  const auto out = scratch() / "rotation_run";
  const auto j = run_json("similarity --json --out " + out.string() + " " + rates + " " + rates);
  EXPECT_TRUE(std::filesystem::exists(out / "rotation.npy"));
  EXPECT_TRUE(std::filesystem::exists(out / "similarity.json"));
  EXPECT_EQ(std::filesystem::file_size(out / "rotation.npy"), 128u + 141u * 141u * 8u);
}

// .npz members (the archives NumPy wrote from tools/reference/activity_npz.py) and DSA's
// convergence flag: y = x + 0.5 in another dtype and order, the same shape and dynamics.
TEST(SimilarityCli, NpzMembersAndDsaConvergence) {
  const std::string npz = (std::filesystem::path(STEER_SOURCE_DIR) / "tests/numerics/similarity/data").string();
  const auto j = run_json("similarity --json " + npz + "/stored.npz:x " + npz + "/deflated.npz:y");
  EXPECT_LT(j["distance"].get<double>(), 1e-10);
  EXPECT_EQ(j["conditions"], 2);
  EXPECT_EQ(j["units_b"], 4);
  const auto dsa = run_json("similarity --metric dsa --dsa-components 4 --dsa-delays 1 --dsa-rank 4 --json " + rates +
                            " " + rates);
  EXPECT_EQ(dsa["converged"], true);
  EXPECT_LT(dsa["gradient_norm"].get<double>(), 1e-9);
  EXPECT_LT(dsa["distance"].get<double>(), 1e-6);
}

TEST(SimilarityCli, CompareAModel) {
  // A "model" of 100 units: the data's first 100 neurons scaled (the split subsets differ).
  const auto data = steer::numerics::load_hatsopoulos_rates(shipped);
  std::vector<int> units;
  for (int u = 0; u < 100; ++u) units.push_back(u);
  const auto model_file = scratch() / "model.npy";
  steer::numerics::write_activity_npy(data.select_units(units), model_file);
  const auto j = run_json("similarity compare --model " + model_file.string() + " --splits 10 --json");
  for (const char* key : {"d1", "d2", "d3", "d2_hat", "d3_hat"}) {
    EXPECT_TRUE(j[key].contains("mean")) << key;
    EXPECT_TRUE(j[key].contains("sd")) << key;
  }
  EXPECT_EQ(j["units"], 100);
  EXPECT_TRUE(j.contains("d2_vs_d1_paired_t"));
  EXPECT_DOUBLE_EQ(j["d1"]["mean"].get<double>(),
                   run_json("similarity noise-floor --splits 10 --json")["noise_floor"].get<double>());
}

TEST(SimilarityCli, BadInputIsOneLine) {
  expect_bad_input("similarity --metric euclid " + rates + " " + rates, "metric must be procrustes, cca, cka or dsa");
  expect_bad_input("similarity " + rates, "give two activity files");
  expect_bad_input("similarity compare --model /nonexistent/m.npy", "does not exist");
  expect_bad_input("similarity compare --splits 2", "--model is required");
  const auto small = scratch() / "small.npy";
  steer::numerics::write_activity_npy({2, 3, Eigen::MatrixXd::Ones(6, 80)}, small);
  expect_bad_input("similarity compare --model " + small.string(), "model has 2 conditions x 3 times but data has 8 x 121");
  expect_bad_input("similarity noise-floor --data /nonexistent", "firing_rates.csv: does not exist");
  const auto truncated = scratch() / "truncated";
  std::filesystem::create_directories(truncated);
  std::ifstream in(rates);
  std::ofstream cut(truncated / "firing_rates.csv");
  std::string line;
  for (int k = 0; k < 1000 && std::getline(in, line); ++k) cut << line << '\n';
  cut.close();
  expect_bad_input("similarity noise-floor --data " + truncated.string(), "has 999 data rows, expected 136488");
  expect_bad_input("similarity noise-floor --splits -1", "--splits");
  const auto broken = scratch() / "broken.npz";
  std::ofstream(broken) << "PK\x03\x04 not really a zip";
  expect_bad_input("similarity " + broken.string() + " " + rates, "not a readable .npz (ZIP) archive");
}

}  // namespace
