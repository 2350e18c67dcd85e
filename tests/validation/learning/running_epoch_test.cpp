// The running figures of steer train's progress line (training_run.hpp, running_epoch): watching
// an epoch never changes the trained couplings (with and without update masks), the running
// accuracy is the inference accuracy of the checked batches with the couplings just before their
// update, the checked batches are the first and every 16th after it, and the line shows them.
// The curriculum (spec §4.6): which samples it keeps, that a batch with none kept changes
// nothing, the kept fraction at p_curriculum = 0.5, and the epoch it starts at.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "validation/learning/model_file.hpp"
#include "validation/learning/training_run.hpp"

namespace steer::validation {
namespace {

training_config tiny(int batch_size, double p_update = 1.0) {
  training_config c;
  for (const std::string s : {"data.dataset=synthetic", "N=40", "H=70", "data.P=40", "data.P_eval=20",
                              "data.synthetic.C=3", "data.synthetic.p=0.3", "max_steps_train=4"}) {
    apply_setting(c, s);
  }
  apply_setting(c, "batch_size=" + std::to_string(batch_size));
  apply_setting(c, "p_update=" + std::to_string(p_update));
  finalize_config(c);
  return c;
}

TEST(RunningEpoch, WatchingDoesNotChangeTheTrainedBytes) {
  for (const double p_update : {1.0, 0.9}) {
    const training_config c = tiny(8, p_update);
    const numerics::learning_task task = load_task(c);
    solvers::steering_network unwatched(c.model), watched(c.model);
    running_epoch last;
    for (int epoch = 1; epoch <= 2; ++epoch) {
      train_epoch(unwatched, task.train, c.batch_size, epoch, {});
      train_epoch(watched, task.train, c.batch_size, epoch, [&](const running_epoch& r) { last = r; });
    }
    EXPECT_EQ(model_bytes(c, unwatched), model_bytes(c, watched)) << "p_update " << p_update;
    EXPECT_EQ(last.checked, 8U);  // 15 batches: only the first is checked
  }
}

TEST(RunningEpoch, AccuracyIsInferenceBeforeTheUpdate) {
  // One batch per epoch (the whole training set), so each epoch checks every sample with the
  // couplings it starts from; with p_update = 1 inference does not depend on the sample order.
  const training_config c = tiny(120);
  const numerics::learning_task task = load_task(c);
  solvers::steering_network net(c.model);
  for (int epoch = 1; epoch <= 3; ++epoch) {
    const double before = accuracy(net, task.train);
    running_epoch last;
    train_epoch(net, task.train, c.batch_size, epoch, [&](const running_epoch& r) { last = r; });
    ASSERT_EQ(last.checked, 120U);
    EXPECT_EQ(static_cast<double>(last.correct) / 120.0, before) << "epoch " << epoch;
  }
  EXPECT_GT(accuracy(net, task.train), 0.5);  // it learned, so the three checks saw different couplings
}

TEST(RunningEpoch, ChecksTheFirstAndEvery16thBatchAndSumsTheGates) {
  const training_config c = tiny(2);  // 60 batches: batches 1, 17, 33 and 49 are checked
  const numerics::learning_task task = load_task(c);
  solvers::steering_network net(c.model);
  std::vector<std::uint64_t> checked_after;
  running_epoch last;
  const solvers::stability_sums sums = train_epoch(net, task.train, c.batch_size, 1, [&](const running_epoch& r) {
    checked_after.push_back(r.checked);
    last = r;
  });
  ASSERT_EQ(checked_after.size(), 60U);
  for (std::size_t k = 0; k < 60; ++k) EXPECT_EQ(checked_after[k], 2 * (k / 16 + 1)) << "batch " << k + 1;
  EXPECT_EQ(last.batches, 60U);
  EXPECT_EQ(last.sums.unstable, sums.unstable);
  EXPECT_EQ(last.sums.count, sums.count);
  EXPECT_EQ(sums.count[0], 60.0 * 2 * 70);  // hidden unit-samples of the epoch
}

// Samples trained in an epoch: every trained sample adds H = 70 hidden unit-samples to the sums.
double trained_samples(const solvers::stability_sums& sums) { return sums.count[0] / 70.0; }

TEST(Curriculum, PCurriculumOneTrainsExactlyTheMisclassifiedSamples) {
  // One batch per epoch and p_update = 1: the batch's inference equals accuracy() on the whole
  // set, so with p_curriculum = 1 exactly the misclassified samples train, with 0 the right ones.
  const training_config c = tiny(120);
  const numerics::learning_task task = load_task(c);
  for (const double p : {1.0, 0.0}) {
    solvers::steering_network net(c.model);
    for (int epoch = 1; epoch <= 4; ++epoch) {
      const double wrong = std::round((1.0 - accuracy(net, task.train)) * 120.0);
      if (epoch == 1) EXPECT_GT(wrong, 0.0);  // the untrained network errs, so p = 1 trains something
      const std::string before = model_bytes(c, net);
      const solvers::stability_sums sums = train_epoch(net, task.train, c.batch_size, epoch, {}, p);
      EXPECT_EQ(trained_samples(sums), p == 1.0 ? wrong : 120.0 - wrong) << "p " << p << ", epoch " << epoch;
      // A batch with nothing kept is skipped: the couplings (weight decay included) stay as they were.
      EXPECT_EQ(trained_samples(sums) == 0.0, model_bytes(c, net) == before) << "p " << p << ", epoch " << epoch;
    }
  }
}

TEST(Curriculum, AllRightBatchLeavesTheCouplingsUnchangedAtPOne) {
  training_config c = tiny(8);
  apply_setting(c, "data.synthetic.p=0.1");  // a task learned to 100% within a few epochs
  finalize_config(c);
  const numerics::learning_task task = load_task(c);
  solvers::steering_network net(c.model);
  int epoch = 1;
  for (; epoch <= 30 && accuracy(net, task.train) < 1.0; ++epoch) train_epoch(net, task.train, c.batch_size, epoch, {});
  ASSERT_EQ(accuracy(net, task.train), 1.0) << "the prototype task is learned within 30 epochs";
  const std::string before = model_bytes(c, net);
  EXPECT_EQ(trained_samples(train_epoch(net, task.train, c.batch_size, epoch, {}, 1.0)), 0.0);
  EXPECT_EQ(model_bytes(c, net), before);
  EXPECT_EQ(trained_samples(train_epoch(net, task.train, c.batch_size, epoch + 1, {}, 0.0)), 120.0);  // p = 0 keeps them all
  EXPECT_NE(model_bytes(c, net), before);
}

TEST(Curriculum, HalfProbabilityKeepsHalfTheSamples) {
  const training_config c = tiny(8);
  const numerics::learning_task task = load_task(c);
  solvers::steering_network net(c.model);
  double kept = 0.0;
  const int epochs = 10;  // 1200 sample draws
  for (int epoch = 1; epoch <= epochs; ++epoch) kept += trained_samples(train_epoch(net, task.train, c.batch_size, epoch, {}, 0.5));
  const double n = 120.0 * epochs;
  EXPECT_NEAR(kept / n, 0.5, 4.0 * std::sqrt(0.25 / n));  // 4σ = 0.058; whatever the error rate
  EXPECT_NE(kept, n);
}

TEST(Curriculum, StartsAtTheFirstEpochWithThatFractionDone) {
  const auto on_epochs = [](double begin, int epochs) {
    training_config c = tiny(8);
    apply_setting(c, "begin_curriculum=" + std::to_string(begin));
    apply_setting(c, "num_epochs=" + std::to_string(epochs));
    finalize_config(c);
    std::vector<int> on;
    for (int e = 1; e <= epochs; ++e) {
      if (curriculum_of_epoch(c, e)) on.push_back(e);
    }
    return on;
  };
  EXPECT_EQ(on_epochs(0.3, 10), (std::vector<int>{4, 5, 6, 7, 8, 9, 10}));  // 0.3·10 = 3 epochs done first
  EXPECT_EQ(on_epochs(0.25, 4), (std::vector<int>{2, 3, 4}));
  EXPECT_EQ(on_epochs(0.3, 4), (std::vector<int>{3, 4}));                   // ⌈1.2⌉ = 2 epochs done first
  EXPECT_EQ(on_epochs(0.0, 3), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(on_epochs(0.99, 3), (std::vector<int>{}));
  EXPECT_EQ(on_epochs(1.0, 3), (std::vector<int>{}));
}

TEST(RunningEpoch, NoteShowsBatchAccuracyAndUnstableFractions) {
  running_epoch r;
  r.batches = 3;
  r.sums = {{5.0, 1.0}, {0.0, 0.0}, {10.0, 4.0}};
  EXPECT_EQ(running_note(r, 10), "batch 3/10, running train accuracy - (0 samples), unstable hidden 0.500, readout 0.250");
  r.checked = 16;
  r.correct = 12;
  r.sums = {{5.0, 2.0, 1.0}, {0.0, 0.0, 0.0}, {10.0, 10.0, 4.0}};  // two hidden layers pooled
  EXPECT_EQ(running_note(r, 10), "batch 3/10, running train accuracy 0.750 (16 samples), unstable hidden 0.350, readout 0.250");
}

}  // namespace
}  // namespace steer::validation
