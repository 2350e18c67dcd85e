// The running figures of steer train's progress line (training_run.hpp, running_epoch): watching
// an epoch never changes the trained couplings (with and without update masks), the running
// accuracy is the inference accuracy of the checked batches with the couplings just before their
// update, the checked batches are the first and every 16th after it, and the line shows them.
#include <gtest/gtest.h>

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
