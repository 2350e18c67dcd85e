// `steer thresholds` (issue 9 item 6, issue 12): the JSON contract, the step-curve error, resume
// through --out (notes on stderr, identical outputs), several sizes with the extrapolation, and
// `--shard i/n` + `steer merge` reproducing the unsharded stdout (JSON and text) and files byte
// for byte — shards cut across N and J_D boundaries; solver settings in the units' keys.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/cli_checks.hpp"

using steer_test::expect_same_output_files;
using steer_test::run;
using steer_test::run_json;
using steer_test::scratch;

namespace {

std::filesystem::path fresh(const std::string& name) { return steer_test::fresh_scratch("thresholds_" + name); }

const std::vector<std::string> output_files = {"thresholds.csv", "thresholds_curve.csv", "thresholds.json"};

}  // namespace

// A step-like curve (0 % at J_D = 0, 100 % at 1): every bootstrap replicate interpolates the same
// midpoint, so the error must come from the grid step (1/√12), not the bootstrap's ~1e−16; and the
// drift fit over two such sizes must be finite.
TEST(ThresholdsCli, StepCurveErrorIsTheGridResolution) {
  const auto one = run_json("thresholds --n 100 --self-couplings 0,1 --networks 20 --bootstrap 40 --json --threads 1");
  EXPECT_DOUBLE_EQ(one["threshold"].get<double>(), 0.5);
  EXPECT_NEAR(one["threshold_error"].get<double>(), 1.0 / std::sqrt(12.0), 1e-12);
  EXPECT_EQ(one["bootstrap_undefined_fraction"], 0.0);
  EXPECT_EQ(one["threshold_flagged"], false);
  const auto two = run_json("thresholds --n 50,100 --self-couplings 0,1 --networks 20 --bootstrap 40 --json --threads 1");
  EXPECT_EQ(two["extrapolation"]["method"], "drift fit");
  EXPECT_EQ(two["extrapolation"]["crossings"][0]["status"], "the curves do not cross");
  EXPECT_TRUE(two["extrapolation"]["estimate"].is_number()) << two["extrapolation"].dump();
  EXPECT_TRUE(two["extrapolation"]["estimate_error"].is_number()) << two["extrapolation"].dump();
}

TEST(ThresholdsCli, JsonContractResumeAndThreads) {
  const auto dir = fresh("resume");
  const std::string args = "thresholds --algorithm async --n 60 --self-couplings 0:1:6 --networks 8 --bootstrap 40 --json "
                           "--out " + dir.string() + " --threads ";
  const auto first = run(args + "1");
  ASSERT_EQ(first.status, 0) << first.err;
  const auto j = nlohmann::json::parse(first.out);
  for (const char* key : {"algorithm", "n", "threshold", "threshold_error", "max_sweeps", "curve", "verdict",
                          "bootstrap_undefined_fraction", "threshold_flagged"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["max_sweeps"], 1000);
  EXPECT_EQ(j["curve"]["self_coupling"].size(), 6u);
  EXPECT_EQ(j["curve"]["success"].size(), 6u);
  EXPECT_EQ(j["curve"]["networks"][0], 8);
  EXPECT_EQ(j["curve"]["design_effect"][0], 1.0);  // one restart: no clustering
  EXPECT_EQ(first.err.find("resumed"), std::string::npos) << first.err;
  // One saved unit per (J_D, network); the rerun with 2 threads resumes all 48 and prints the same.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "points"), {}), 48);
  const auto again = run(args + "2");
  ASSERT_EQ(again.status, 0) << again.err;
  EXPECT_NE(again.err.find("48 of the 48 networks computed here were resumed"), std::string::npos) << again.err;
  EXPECT_EQ(again.out, first.out);
  const auto without_out = run_json("thresholds --n 60 --self-couplings 0:1:6 --networks 8 --bootstrap 40 --json --threads 2");
  EXPECT_EQ(without_out.dump() + "\n", first.out);
  EXPECT_TRUE(std::filesystem::exists(dir / "thresholds_curve.csv"));
}

TEST(ThresholdsCli, SeveralSizesGiveAnExtrapolationAndLocalDensity) {
  const auto j = run_json("thresholds --n 40,80 --self-couplings 0:1.2:7 --networks 6 --bootstrap 20 --local-density "
                          "--radius 1 --json");
  ASSERT_EQ(j["per_n"].size(), 2u);
  EXPECT_EQ(j["per_n"][1]["n"], 80);
  EXPECT_TRUE(j["extrapolation"].contains("method"));
  ASSERT_EQ(j["extrapolation"]["crossings"].size(), 1u);
  for (const char* key : {"accepted", "status", "error", "z_below", "z_above", "bootstrap_undefined_fraction"})
    EXPECT_TRUE(j["extrapolation"]["crossings"][0].contains(key)) << key;
  EXPECT_EQ(j["per_n"][0]["local_density"]["typical_at_distance"].size(), 7u);
}

// Two sizes × 4 J_D × 5 networks = 40 units in 3 shards (14, 13, 13): the blocks cut across a
// J_D and the N boundary. Restarts 2 exercise the clustered intervals.
TEST(ThresholdsCli, ShardsMergedEqualTheUnshardedRun) {
  const std::string args = "thresholds --n 30,50 --self-couplings 0:1.2:4 --networks 5 --restarts 2 --max-sweeps 200 "
                           "--bootstrap 30 --local-density --radius 1 --seed 5";
  const auto whole = fresh("whole"), merged = fresh("merged");
  const auto unsharded = run(args + " --json --out " + whole.string());
  ASSERT_EQ(unsharded.status, 0) << unsharded.err;
  const auto text = run(args);
  ASSERT_EQ(text.status, 0) << text.err;
  std::string shard_dirs;
  for (int i = 0; i < 3; ++i) {
    const auto dir = fresh("shard" + std::to_string(i));
    const auto r = run(args + " --quiet --shard " + std::to_string(i) + "/3 --out " + dir.string());
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    shard_dirs += " " + dir.string();
  }
  const auto merge = run("merge" + shard_dirs + " --json --out " + merged.string());
  ASSERT_EQ(merge.status, 0) << merge.err;
  EXPECT_EQ(merge.out, unsharded.out);
  expect_same_output_files(whole, merged, output_files);
  const auto merge_text = run("merge" + shard_dirs);
  ASSERT_EQ(merge_text.status, 0) << merge_text.err;
  EXPECT_EQ(merge_text.out, text.out);
  // Two of the three shards: merge refuses (one line, exit 2).
  const auto missing =
      run("merge " + (scratch() / "thresholds_shard0").string() + " " + (scratch() / "thresholds_shard2").string());
  EXPECT_EQ(missing.status, 2) << missing.err;
}

// Solver settings (--beta-initial etc.) are part of every unit's key and file name: a default run in
// the same directory resumes none of them, a rerun with the same settings all; the JSON reports
// them; shards of a run with settings merge into its unsharded outputs; a setting of another
// algorithm is refused with one line and exit 2 before any work.
TEST(ThresholdsCli, SolverSettingsKeyTheUnits) {
  const auto dir = fresh("settings");
  const std::string grid = " --n 30 --self-couplings 0.2,0.6 --networks 3 --max-sweeps 50 --bootstrap 10 --threads 1";
  const std::string tuned = "thresholds --algorithm anneal --beta-initial 3 --schedule linear" + grid;
  const auto first = run(tuned + " --json --out " + dir.string());
  ASSERT_EQ(first.status, 0) << first.err;
  const auto j = nlohmann::json::parse(first.out);
  EXPECT_EQ(j["solver_settings"], nlohmann::json({{"beta_initial", 3.0}, {"schedule", "linear"}}));
  EXPECT_TRUE(std::filesystem::exists(dir / "points" /
                                      "threshold_anneal_beta_initial3_schedulelinear_n30_jd0.2_r1_sweeps50_ball0_seed1_unit2.json"));
  const auto defaults = run("thresholds --algorithm anneal --json --out " + dir.string() + grid);
  ASSERT_EQ(defaults.status, 0) << defaults.err;
  EXPECT_EQ(defaults.err.find("resumed"), std::string::npos) << defaults.err;
  EXPECT_EQ(nlohmann::json::parse(defaults.out)["solver_settings"], nlohmann::json::object());
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir / "points"), {}), 12);
  // A default run keeps the file name and key it had before solver settings existed (so earlier
  // runs resume); the key's version is the build's, git hash included, as for every other command.
  const auto unit = nlohmann::json::parse(
      steer_test::read_text(dir / "points" / "threshold_anneal_n30_jd0.2_r1_sweeps50_ball0_seed1_unit2.json"));
  EXPECT_EQ(unit["key"]["parameters"], nlohmann::json({{"algorithm", "anneal"}, {"n", 30}, {"self_coupling", 0.2},
                                                       {"restarts", 1}, {"max_sweeps", 50}, {"radius", 0}, {"seed", 1}}));
  const auto metadata = nlohmann::json::parse(steer_test::read_text(dir / "thresholds.json"))["metadata"];
  const std::string hash = metadata["git_hash"], version = metadata["steer_version"];
  EXPECT_EQ(unit["key"]["steer_version"], hash == "unknown" ? version : version + "+" + hash);
  const auto again = run(tuned + " --json --out " + dir.string());
  EXPECT_NE(again.err.find("6 of the 6 networks computed here were resumed"), std::string::npos) << again.err;
  EXPECT_EQ(again.out, first.out);

  std::string shard_dirs;
  for (int i = 0; i < 2; ++i) {
    const auto shard = fresh("settings_shard" + std::to_string(i));
    const auto r = run(tuned + " --quiet --shard " + std::to_string(i) + "/2 --out " + shard.string());
    ASSERT_EQ(r.status, 0) << r.err;
    shard_dirs += " " + shard.string();
  }
  const auto merge = run("merge" + shard_dirs + " --json");
  ASSERT_EQ(merge.status, 0) << merge.err;
  EXPECT_EQ(merge.out, first.out);

  const auto wrong = run("thresholds --algorithm sync --gamma-final 2" + grid);
  EXPECT_EQ(wrong.status, 2);
  EXPECT_EQ(wrong.err, "steer: error: --gamma-final is not a parameter of --algorithm sync (it has none besides --max-sweeps)\n");
}

// Sizes are ordered (the crossing and the drift fit compare smaller with larger N): a descending or
// repeated --n is refused with one line, before any work.
TEST(ThresholdsCli, SizesMustBeStrictlyIncreasing) {
  for (const std::string sizes : {"200,100", "100,100"}) {
    const auto r = run("thresholds --n " + sizes + " --self-couplings 0:0.8:3 --networks 2");
    EXPECT_EQ(r.status, 2) << sizes;
    EXPECT_NE(r.err.find("--n: sizes must be strictly increasing, got 100 after"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}
