// Training runs on tiny synthetic data: learning happens (accuracy well above chance), results do
// not depend on the thread count, a run stopped after k epochs and resumed ends with the same
// model bytes as an uninterrupted one, a corrupt model file is refused, and a directory holding
// another config is not overwritten.
#include <gtest/gtest.h>
#include <omp.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

// A run trained in slices (stop_after_epochs, as a time-limited batch job does) ends with the
// bytes of one uninterrupted run for every option that carries state across epochs: a multi-step
// schedule whose slices end inside a phase and exactly at phase boundaries (W_back re-tied on
// entering a phase), asynchronous sweeps, a tied feedback, a random update mask with double
// dynamics, and several layers with a symmetrised internal update.
TEST(TrainingRun, SlicedRunEndsWithTheBytesOfOneRunForEveryStatefulOption) {
  const std::vector<std::vector<std::string>> variants = {
      {"num_epochs=5", "num_epochs_warmup=1", "num_epochs_couplings=1", "num_epochs_full=2", "num_epochs_tuning=1"},
      {"num_epochs=4", "asynchronous_sweeps=true"},
      {"num_epochs=4", "symmetric_W=true", "p_update=0.9"},
      {"num_epochs=4", "double_dynamics=true", "double_update=true", "p_update=0.9"},
      {"num_epochs=4", "num_layers=2", "lambda_wback_skip=[0.5]", "lambda_wforth_skip=[0.5]", "lambda_l=1", "threshold=[0.9,0.9,3]",
       "symmetric_update_internal_couplings=true"},
      {"num_epochs=4", "begin_curriculum=0.25", "p_curriculum=0.8", "p_update=0.9"},
      {"num_epochs=4", "init_mode=noisy_zeros", "init_noise=0.3"},
  };
  for (const auto& settings : variants) {
    training_config c = tiny(1);
    for (const std::string& s : settings) apply_setting(c, s);
    finalize_config(c);
    SCOPED_TRACE(settings.front() + " " + settings.back());
    const auto straight = fresh_dir("slice_straight"), sliced = fresh_dir("slice_sliced");
    const run_outcome a = run_training(c, straight, quiet);
    // Slices of 1, 2, then the rest: with the schedule they end in the warm-up's last epoch,
    // inside the full phase, and at the end.
    const run_outcome s1 = run_training(c, sliced, quiet, 1);
    ASSERT_EQ(s1.epochs.size(), 1U);
    const run_outcome s2 = run_training(c, sliced, quiet, 2);
    ASSERT_EQ(s2.epochs.size(), 3U);
    EXPECT_EQ(s2.resumed_epochs, 1);
    const run_outcome b = run_training(c, sliced, quiet);
    EXPECT_EQ(b.resumed_epochs, 3);
    ASSERT_EQ(b.epochs.size(), a.epochs.size());
    EXPECT_TRUE(bytes_of(a.model_file) == bytes_of(b.model_file)) << "the final model files differ";
    for (std::size_t e = 0; e < a.epochs.size(); ++e) {
      EXPECT_EQ(a.epochs[e].train_accuracy, b.epochs[e].train_accuracy) << "epoch " << e + 1;
      EXPECT_EQ(a.epochs[e].eval_accuracy, b.epochs[e].eval_accuracy) << "epoch " << e + 1;
      EXPECT_EQ(a.epochs[e].unstable_fraction, b.epochs[e].unstable_fraction) << "epoch " << e + 1;
    }
  }
}

TEST(TrainingRun, IdenticalForAnyThreadCount) {
  const int threads = omp_get_max_threads();
  for (const std::vector<std::string>& settings :
       std::vector<std::vector<std::string>>{{}, {"begin_curriculum=0", "init_mode=noisy_zeros", "init_noise=0.4"}}) {
    training_config c = tiny(2, 0.9);
    for (const std::string& s : settings) apply_setting(c, s);
    finalize_config(c);
    omp_set_num_threads(1);
    const run_outcome one = run_training(c, fresh_dir("t1"), quiet);
    omp_set_num_threads(2);
    const run_outcome two = run_training(c, fresh_dir("t2"), quiet);
    omp_set_num_threads(3);
    const run_outcome three = run_training(c, fresh_dir("t3"), quiet);
    EXPECT_EQ(bytes_of(one.model_file), bytes_of(two.model_file)) << settings.size();
    EXPECT_EQ(bytes_of(one.model_file), bytes_of(three.model_file)) << settings.size();
  }
  omp_set_num_threads(threads);
}

// The keys' defaults are today's run: begin_curriculum = 1 (any p_curriculum) and noisy_zeros with
// init_noise = 0 train the bytes of the plain run.
TEST(TrainingRun, CurriculumOffAndNoiselessStartGiveThePlainBytes) {
  const run_outcome plain = run_training(tiny(2, 0.9), fresh_dir("plain"), quiet);
  for (const std::vector<std::string>& settings : std::vector<std::vector<std::string>>{
           {"begin_curriculum=1", "p_curriculum=0.9"}, {"init_mode=noisy_zeros", "init_noise=0"}}) {
    training_config c = tiny(2, 0.9);
    for (const std::string& s : settings) apply_setting(c, s);
    finalize_config(c);
    const run_outcome other = run_training(c, fresh_dir("other"), quiet);
    // The model file holds the config, so the other run's couplings are written with the plain config.
    const loaded_model b = read_model_file(other.model_file);
    EXPECT_TRUE(model_bytes(tiny(2, 0.9), b.network) == bytes_of(plain.model_file)) << settings.front();
    EXPECT_EQ(plain.epochs.back().unstable_fraction, other.epochs.back().unstable_fraction) << settings.front();
  }
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
