// The multi-step schedule (spec steering-learning §4.6, §7.2; the reference's
// multi_step_train.py): which couplings learn in each phase, W_back's changes at the phase
// boundaries, and a run resumed from saved couplings at a boundary equals an uninterrupted one.
#include <gtest/gtest.h>

#include <cmath>

#include "learning_fixture.hpp"
#include "numerics/learning/synthetic_tasks.hpp"
#include "solvers/learning/plasticity.hpp"
#include "solvers/learning/relaxation.hpp"
#include "solvers/learning/training_schedule.hpp"

namespace steer::solvers {
namespace {

steering_parameters two_layers() {
  steering_parameters p = test::two_layer_parameters(12, 30, 2);
  p.lambda_wback = 2.0;
  return p;
}

// One epoch of the schedule on a fixed batch: enter the epoch, steer, learn.
void epoch(steering_network& net, const steering_parameters& configured, const training_schedule& s, int e,
           const numerics::labelled_set& set) {
  enter_schedule_epoch(net, configured, s, e);
  batch_state state = zero_state(net, set.inputs, set.labels.data(), {0, 1, 2, 3, 4, 5});
  field_set f;
  steer_dynamics(net, state, f);
  apply_plasticity(net, state, f);
}

TEST(TrainingSchedule, PhasesFreezeTheirCouplingsAndSwitchTheFeedback) {
  const steering_parameters p = two_layers();
  const training_schedule s{1, 1, 1, 1};
  EXPECT_EQ(phase_of_epoch(s, 1), schedule_phase::warmup);
  EXPECT_EQ(phase_of_epoch(s, 2), schedule_phase::couplings);
  EXPECT_EQ(phase_of_epoch(s, 3), schedule_phase::full);
  EXPECT_EQ(phase_of_epoch(s, 4), schedule_phase::tuning);
  EXPECT_THROW(phase_of_epoch(s, 5), std::invalid_argument);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 3, 1, 0.3, 5);
  steering_network net(p);
  // Warm-up: W_back = 0 throughout, only the readout (and the readout skip) learns.
  const steering_network before = net;
  epoch(net, p, s, 1, task.train);
  EXPECT_TRUE((net.w_back.array() == 0.0F).all());
  EXPECT_EQ(net.layers[0].internal, before.layers[0].internal);
  EXPECT_EQ(net.layers[1].forward.dense, before.layers[1].forward.dense);
  EXPECT_EQ(net.layers[0].input_skip, before.layers[0].input_skip);
  EXPECT_NE(net.w_forth, before.w_forth);
  EXPECT_NE(net.layers[0].wforth_skip, before.layers[0].wforth_skip);
  EXPECT_EQ(net.layers[0].wback_skip, before.layers[0].wback_skip);
  // Couplings: on entry W_back = W_forthᵀ·√H·λ_wback/(√C·λ_wforth) = W_forthᵀ·√30·2/√2; W_forth frozen.
  const steering_network warm = net;
  enter_schedule_epoch(net, p, s, 2);
  const float scale = static_cast<float>(std::sqrt(30.0) * 2.0 / std::sqrt(2.0));
  EXPECT_TRUE(net.w_back.isApprox(scale * warm.w_forth.transpose(), 1e-6F));
  epoch(net, p, s, 2, task.train);
  EXPECT_EQ(net.w_forth, warm.w_forth);
  EXPECT_NE(net.layers[0].internal, warm.layers[0].internal);
  EXPECT_NE(net.layers[0].input_skip, warm.layers[0].input_skip);
  EXPECT_TRUE(net.w_back.isApprox(scale * warm.w_forth.transpose(), 1e-6F));  // fixed (symmetric_W off)
  // Full: everything learns, W_back kept.
  const steering_network coupled = net;
  epoch(net, p, s, 3, task.train);
  EXPECT_NE(net.w_forth, coupled.w_forth);
  EXPECT_NE(net.layers[1].internal, coupled.layers[1].internal);
  EXPECT_EQ(net.w_back, coupled.w_back);
  // Tuning: W_back = 0 again, hidden couplings and input skips frozen.
  const steering_network full = net;
  epoch(net, p, s, 4, task.train);
  EXPECT_TRUE((net.w_back.array() == 0.0F).all());
  EXPECT_EQ(net.layers[0].internal, full.layers[0].internal);
  EXPECT_EQ(net.layers[0].input_skip, full.layers[0].input_skip);
  EXPECT_NE(net.w_forth, full.w_forth);
}

TEST(TrainingSchedule, WithoutWarmupOrCouplingsTheFeedbackIsTiedAtTheStart) {
  // baseline_2layer_largeP: 0 warm-up, full, tuning — the reference still copies W_forth into W_back.
  const steering_parameters p = two_layers();
  steering_network net(p);
  const matrix_f w_forth = net.w_forth;
  enter_schedule_epoch(net, p, training_schedule{0, 0, 2, 1}, 1);
  const float scale = static_cast<float>(std::sqrt(30.0) * 2.0 / std::sqrt(2.0));
  EXPECT_TRUE(net.w_back.isApprox(scale * w_forth.transpose(), 1e-6F));
  const steering_network inactive(p);
  steering_network same = inactive;
  enter_schedule_epoch(same, p, training_schedule{}, 1);  // no schedule: nothing changes
  EXPECT_EQ(same.w_back, inactive.w_back);
  EXPECT_EQ(same.parameters.lr_J, p.lr_J);
}

TEST(TrainingSchedule, ResumingAtAPhaseBoundaryEqualsAnUninterruptedRun) {
  const steering_parameters p = two_layers();
  const training_schedule s{2, 1, 0, 2};
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 3, 1, 0.3, 9);
  steering_network whole(p);
  for (int e = 1; e <= s.epochs(); ++e) epoch(whole, p, s, e, task.train);
  for (const int stop : {1, 2, 3}) {
    steering_network first(p);
    for (int e = 1; e <= stop; ++e) epoch(first, p, s, e, task.train);
    steering_network resumed(p);  // a fresh network with the saved couplings, as read_model_file does
    resumed.layers = first.layers;
    resumed.w_back = first.w_back;
    resumed.w_forth = first.w_forth;
    for (int e = stop + 1; e <= s.epochs(); ++e) epoch(resumed, p, s, e, task.train);
    EXPECT_EQ(resumed.w_forth, whole.w_forth) << stop;
    EXPECT_EQ(resumed.w_back, whole.w_back) << stop;
    EXPECT_EQ(resumed.layers[0].internal, whole.layers[0].internal) << stop;
  }
}

}  // namespace
}  // namespace steer::solvers
