// Sweeps from the zero state (T3 of spec steering-learning §12), sign(0) = 0, inference as
// the hand-derived sequence of sign updates, and determinism: identical states for the same
// seed (T10), for any thread count, and with p_update < 1 (the fix of P1).
#include <gtest/gtest.h>
#include <omp.h>

#include "learning_fixture.hpp"
#include "numerics/learning/synthetic_tasks.hpp"
#include "solvers/learning/relaxation.hpp"

namespace steer::solvers {
namespace {

matrix_f signs(const matrix_f& m) { return m.unaryExpr(&sign0); }

TEST(Relaxation, FirstSweepsFromZero) {
  const steering_parameters p = test::small_parameters();
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 2, 1, 0.2, 1);
  const matrix_f x = task.train.inputs.leftCols(4);
  const int labels[4] = {0, 0, 1, 1};
  batch_state s = zero_state(net, x, labels, {0, 1, 2, 3});
  field_set f;
  sweep(net, s, f, field_mode_of(1));  // sweep 0: s = sign(W_in x), ŷ = sign(0) = 0
  EXPECT_EQ(s.hidden[0], signs(net.layers[0].input_skip * x));
  EXPECT_TRUE((s.readout.array() == 0.0F).all());
  const matrix_f s0 = s.hidden[0];
  sweep(net, s, f, field_mode_of(0));  // sweep 1: ŷ = label; the feedback of ŷ = 0 is zero
  EXPECT_EQ(s.hidden[0], signs(net.layers[0].internal * s0 + net.layers[0].input_skip * x));
  EXPECT_EQ(s.readout, s.label);
  EXPECT_EQ(sign0(0.0F), 0.0F);
  EXPECT_EQ(sign0(-0.0F), 0.0F);
}

TEST(Relaxation, InferenceIsTheFreeDynamicsAndArgmax) {
  const steering_parameters p = test::small_parameters();
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 5, 1, 0.2, 2);
  const matrix_f& x = task.train.inputs;
  // Spec §5: s ← sign(W_in x), then T−1 times s ← sign(J s + W_in x); logits = W_forth s.
  matrix_f s = signs(net.layers[0].input_skip * x);
  for (int t = 1; t < p.steps_eval; ++t) s = signs(net.layers[0].internal * s + net.layers[0].input_skip * x);
  const matrix_f logits = net.w_forth * s;
  const matrix_f ours = inference_logits(net, x, std::vector<std::uint64_t>(10, 0));
  EXPECT_TRUE(ours.isApprox(logits, 1e-5F));
  EXPECT_EQ(predict(net, x), argmax_columns(logits));
  EXPECT_EQ(argmax_columns((matrix_f(3, 2) << 1, 2, 1, 2, 0, 1).finished()), (std::vector<int>{0, 0}));  // first index on ties
}

matrix_f trained_state(int threads, double p_update) {
  omp_set_num_threads(threads);
  steering_parameters p = test::small_parameters(40, 130, 3);  // 130 rows: three panels, one partial
  p.p_update = p_update;
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 3, 1, 0.3, 4);
  std::vector<std::uint64_t> ids(9);
  for (std::size_t k = 0; k < ids.size(); ++k) ids[k] = 100 + k;
  batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), ids);
  field_set f;
  steer_dynamics(net, s, f);
  matrix_f all(s.hidden[0].rows() + s.readout.rows(), s.hidden[0].cols());
  all << s.hidden[0], s.readout;
  return all;
}

TEST(Relaxation, DeterministicForAnyThreadCountAndWithTheUpdateMask) {
  const int threads = omp_get_max_threads();
  for (const double p_update : {1.0, 0.8}) {
    const matrix_f one = trained_state(1, p_update);
    EXPECT_EQ(one, trained_state(1, p_update));
    EXPECT_EQ(one, trained_state(2, p_update));
    EXPECT_EQ(one, trained_state(3, p_update));
  }
  EXPECT_NE(trained_state(1, 1.0), trained_state(1, 0.8));
  omp_set_num_threads(threads);
}

TEST(Relaxation, UpdateMaskUpdatesAboutAFractionP) {
  steering_parameters p = test::small_parameters(40, 400, 2);
  p.p_update = 0.8;
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 5, 1, 0.3, 4);
  batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  field_set f;
  sweep(net, s, f, field_mode_of(1));  // from zero, an updated unit becomes ±1 (fields are never 0)
  const double n = double(s.hidden[0].size());
  const double updated = double((s.hidden[0].array() != 0.0F).count()) / n;
  EXPECT_NEAR(updated, 0.8, 4.0 * std::sqrt(0.8 * 0.2 / n));
}

}  // namespace
}  // namespace steer::solvers
