// Training runs on tiny synthetic data: learning happens (accuracy well above chance), results do
// not depend on the thread count, a run stopped after k epochs and resumed ends with the same
// model bytes as an uninterrupted one, a corrupt model file is refused, and a directory holding
// another config is not overwritten.
#include <gtest/gtest.h>
#include <omp.h>

#include <fstream>
#include <iterator>

#include "validation/learning/model_file.hpp"
#include "validation/learning/training_run.hpp"

namespace steer::validation {
namespace {

std::filesystem::path fresh_dir(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("steer_training_" + name + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

std::string bytes_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

training_config tiny(int epochs, double p_update = 1.0) {
  training_config c;
  for (const std::string s : {"data.dataset=synthetic", "N=40", "H=70", "data.P=40", "data.P_eval=20",
                              "data.synthetic.C=3", "data.synthetic.p=0.3", "batch_size=8", "max_steps_train=4"}) {
    apply_setting(c, s);
  }
  apply_setting(c, "num_epochs=" + std::to_string(epochs));
  apply_setting(c, "p_update=" + std::to_string(p_update));
  finalize_config(c);
  return c;
}

const run_display quiet{false, false};

TEST(TrainingRun, LearnsThePrototypeTask) {
  const run_outcome out = run_training(tiny(3), fresh_dir("learns"), quiet);
  ASSERT_EQ(out.epochs.size(), 3U);
  EXPECT_GT(out.epochs.back().train_accuracy, 0.8);  // chance is 1/3
  EXPECT_GT(out.epochs.back().eval_accuracy, 0.6);
  EXPECT_LT(out.epochs.back().unstable_fraction[0], out.epochs.front().unstable_fraction[0] + 1e-12);
}

TEST(TrainingRun, ResumedRunEndsWithTheSameBytes) {
  for (const double p_update : {1.0, 0.85}) {
    const auto straight = fresh_dir("straight"), resumed = fresh_dir("resumed");
    const run_outcome a = run_training(tiny(3, p_update), straight, quiet);
    const run_outcome first = run_training(tiny(1, p_update), resumed, quiet);
    EXPECT_EQ(first.epochs.size(), 1U);
    const run_outcome b = run_training(tiny(3, p_update), resumed, quiet);
    EXPECT_EQ(b.resumed_epochs, 1);
    EXPECT_EQ(bytes_of(a.model_file), bytes_of(b.model_file));
    EXPECT_EQ(a.model_file.filename(), "model_epoch_0003.bin");
    EXPECT_FALSE(std::filesystem::exists(resumed / "model_epoch_0001.bin"));  // superseded checkpoints go
    EXPECT_EQ(a.epochs.back().eval_accuracy, b.epochs.back().eval_accuracy);
    const run_outcome again = run_training(tiny(3, p_update), resumed, quiet);  // nothing left to do
    EXPECT_EQ(again.resumed_epochs, 3);
  }
}

TEST(TrainingRun, IdenticalForAnyThreadCount) {
  const int threads = omp_get_max_threads();
  omp_set_num_threads(1);
  const run_outcome one = run_training(tiny(2, 0.9), fresh_dir("t1"), quiet);
  omp_set_num_threads(2);
  const run_outcome two = run_training(tiny(2, 0.9), fresh_dir("t2"), quiet);
  omp_set_num_threads(threads);
  EXPECT_EQ(bytes_of(one.model_file), bytes_of(two.model_file));
}

TEST(TrainingRun, RefusesAnotherConfigAndCorruptFiles) {
  const auto dir = fresh_dir("refuse");
  run_training(tiny(1), dir, quiet);
  training_config other = tiny(2);
  apply_setting(other, "lr_J=0.01");
  finalize_config(other);
  try {
    run_training(other, dir, quiet);
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("holds a run with another value of lr_J"), std::string::npos) << e.what();
  }
  const auto model = dir / "model_epoch_0001.bin";
  const std::string bytes = bytes_of(model);
  const loaded_model loaded = read_model_file(model);
  EXPECT_EQ(model_bytes(loaded.config, loaded.network), bytes);  // read ∘ write = identity
  std::ofstream(model, std::ios::binary) << bytes.substr(0, bytes.size() - 3);
  EXPECT_THROW(read_model_file(model), std::invalid_argument);
  std::ofstream(model, std::ios::binary) << "not a model";
  EXPECT_THROW(read_model_file(model), std::invalid_argument);
}

}  // namespace
}  // namespace steer::validation
