// `steer clusters` (issue 8 item 5): JSON contract, a hand-checkable matrix, the cluster listing,
// thread-count independence and bad input (one line, exit 2).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/cli_checks.hpp"
#include "tests/support/coupling_files.hpp"

using steer_test::expect_bad_input;
using steer_test::run_json;
using steer_test::diagonal_matrix;
using steer_test::scratch;

TEST(ClustersCli, JsonHasTheIssueKeysWithTheirErrors) {
  const auto j = run_json("clusters --n 10 --self-coupling 0.5 --networks 300 --max-distance 3 --json");
  EXPECT_TRUE(j["mean_fixed_points"].is_number());
  EXPECT_TRUE(j["sem_fixed_points"].is_number());
  for (const char* key : {"largest_component_fraction", "fraction_with_neighbor_at_distance_1"}) {
    EXPECT_TRUE(j[key].is_number()) << key;
    EXPECT_TRUE(j[std::string("sem_") + key].is_number()) << key;
  }
  EXPECT_EQ(j["mean_neighbors_at_distance"].size(), 3u);
  EXPECT_EQ(j["sem_neighbors_at_distance"].size(), 3u);
  EXPECT_EQ(j["theory_mean_neighbors_at_distance"].size(), 3u);
  EXPECT_EQ(j["neighbors_verdict"], "confirmed");
  // Theory at N = 10, J_D = 0.5, d = 1: E[P_10(1)]/E[#FP] (theory/neighbour_count), > 0.
  EXPECT_GT(j["theory_mean_neighbors_at_distance"][0].get<double>(), 0.5);
}

// Zero off-diagonal couplings and J_D = 1: every one of the 2^4 states is a fixed point, the set is
// the whole hypercube (one component; 4 neighbours at d = 1, 6 at d = 2, 4 at d = 3, nearest at 1).
// J_D = −1: no fixed point at all.
TEST(ClustersCli, HandCheckedMatrices) {
  const auto all = run_json("clusters --couplings " + diagonal_matrix(4, 1.0, "all.csv") + " --json");
  EXPECT_EQ(all["mean_fixed_points"], 16);
  EXPECT_TRUE(all["sem_fixed_points"].is_null());
  EXPECT_EQ(all["largest_component_fraction"], 1.0);
  EXPECT_EQ(all["fraction_with_neighbor_at_distance_1"], 1.0);
  EXPECT_EQ(all["mean_neighbors_at_distance"], nlohmann::json({4.0, 6.0, 4.0}));
  EXPECT_NEAR(all["local_entropy"][0].get<double>(), std::log(5.0) / 4, 1e-15);
  EXPECT_EQ(all["nearest_neighbor_distance_distribution"]["distance"], nlohmann::json({1}));
  EXPECT_EQ(all["nearest_neighbor_distance_distribution"]["fixed_points"], nlohmann::json({16}));
  EXPECT_EQ(all["neighbors_verdict"], "no prediction");
  const auto none = run_json("clusters --couplings " + diagonal_matrix(4, -1.0, "none.csv") + " --json");
  EXPECT_EQ(none["mean_fixed_points"], 0);
  EXPECT_TRUE(none["largest_component_fraction"].is_null());
  // Theory predicts, but a network without fixed points (J_D = −3 at N = 6) has nothing to compare.
  const auto empty = run_json("clusters --n 6 --self-coupling -3 --networks 20 --json");
  EXPECT_EQ(empty["mean_fixed_points"], 0.0);
  EXPECT_EQ(empty["neighbors_verdict"], "inconclusive");
}

TEST(ClustersCli, ListingGivesEveryFixedPointItsComponent) {
  const auto file = scratch() / "clusters.csv";
  const auto j = run_json("clusters --n 9 --self-coupling 1 --networks 5 --max-flips 2 --json --list-clusters " +
                          file.string());
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "network,state,component,component_max_flips");
  int rows = 0;
  while (std::getline(in, line)) {
    std::stringstream cells(line);
    long network = 0, state = 0, single = 0, multi = 0;
    char comma = 0;
    cells >> network >> comma >> state >> comma >> single >> comma >> multi;
    EXPECT_TRUE(network >= 0 && network < 5 && state >= 0 && state < 512 && single >= 0 && multi >= 0 && multi <= single) << line;
    ++rows;
  }
  EXPECT_EQ(rows, static_cast<int>(std::lround(j["mean_fixed_points"].get<double>() * 5)));
}

// The modular variant against its exact per-distance theory (theory/modular_pair_count.hpp): 4σ
// per distance over 300 networks, as for the fully connected ensemble; V_ann (fully connected
// only) is absent.
TEST(ClustersCli, ModularNeighboursAgainstTheirTheory) {
  const auto j = run_json("clusters --n 5 --modules 3 --self-coupling 0.2 --inter-module-coupling 0.6 --networks 300 "
                          "--max-distance 4 --json");
  ASSERT_EQ(j["theory_mean_neighbors_at_distance"].size(), 4u);
  EXPECT_EQ(j["neighbors_verdict"], "confirmed") << j["z_neighbors_at_distance"].dump();
  EXPECT_TRUE(j["annealed_local_entropy"].empty());
  // Beyond the affordable exact sum (M = 10 modules of 2): measurements without theory.
  const auto big = run_json("clusters --n 2 --modules 10 --inter-module-coupling 0.5 --networks 3 --json");
  EXPECT_TRUE(big["theory_mean_neighbors_at_distance"].empty());
  EXPECT_EQ(big["neighbors_verdict"], "no prediction");
}

TEST(ClustersCli, ResultsDoNotDependOnTheThreadCount) {
  const std::string args = "clusters --n 12 --self-coupling 0.5 --networks 40 --max-flips 2 --json --threads ";
  EXPECT_EQ(run_json(args + "1").dump(), run_json(args + "2").dump());
  const std::string modular = "clusters --n 4 --modules 3 --inter-module-coupling 0.5 --networks 40 --json --threads ";
  EXPECT_EQ(run_json(modular + "1").dump(), run_json(modular + "2").dump());
}

TEST(ClustersCli, BadInputIsOneLineAndExitCode2) {
  expect_bad_input("clusters --n 10 --max-distance 11", "--max-distance");
  expect_bad_input("clusters --n 11 --modules 3", "must be <= 32");
  expect_bad_input("clusters --n 33", "--n");
  expect_bad_input("clusters --couplings /nonexistent/J.csv", "/nonexistent/J.csv");
  expect_bad_input("clusters --n 10 --list-clusters /nonexistent/dir/c.csv", "--list-clusters");
  expect_bad_input("clusters --n 10 --inter-module-coupling 1", "--modules");
  expect_bad_input("clusters --couplings J.csv --n 5", "excludes");
}
