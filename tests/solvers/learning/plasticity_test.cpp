// The plasticity rule (spec steering-learning §4) against closed forms: the stability gate of
// the §2.1 example (T4), one Hebbian step's exact change of stability with weight decay (T5),
// fixed J diagonal and W_back (T6), sum/√B batch scaling (T8), and a repeated pattern becoming a
// fixed point of the free dynamics (T7).
#include <gtest/gtest.h>

#include <cmath>

#include "learning_fixture.hpp"
#include "numerics/learning/synthetic_tasks.hpp"
#include "solvers/learning/plasticity.hpp"
#include "solvers/learning/relaxation.hpp"

namespace steer::solvers {
namespace {

TEST(Plasticity, StabilityGateOfTheHandExample) {
  steering_network net = test::hand_network();
  batch_state s = test::hand_state(net);
  field_set f;
  compute_fields(net, s, field_mode_of(1), f);
  const double theta = net.parameters.hidden_threshold(0);
  EXPECT_DOUBLE_EQ(theta, 1.4);
  std::vector<float> gates;
  for (Eigen::Index i = 0; i < 3; ++i) gates.push_back(stability_gate(net.parameters, f.hidden[0](i, 0) * s.hidden[0](i, 0), theta));
  EXPECT_EQ(gates, (std::vector<float>{1.0F, 1.0F, 0.0F}));
  const stability_sums sums = apply_plasticity(net, s, f);
  EXPECT_EQ(sums.unstable[0], 2.0);
  EXPECT_NEAR(sums.stability[0], 0.8 + 1.1 + 1.9, 1e-5);
  // Soft gate: 1 − sigmoid(β (h s − θ)), 0.5 exactly at the margin.
  net.parameters.use_local_ce = true;
  EXPECT_FLOAT_EQ(stability_gate(net.parameters, 1.4F, 1.4), 0.5F);
}

// The soft gate in float32 as the reference computes it: with β(hS − θ) = 20, exp(−20) ≈ 2.06e-9 is
// below half an ulp of 1 in float (2⁻²⁴ ≈ 5.96e-8), so 1 + exp(−20) rounds to 1 and the gate is exactly
// 0; in double it is ≈ exp(−20) ≈ 2.06e-9. At β(hS − θ) = 10 the gate is ≈ exp(−10) ≈ 4.54e-5 in both,
// up to float rounding of 1/(1 + e) (≈ 6e-8 absolute).
TEST(Plasticity, SoftGateSaturatesInFloatLikeTheReference) {
  steering_parameters p = test::small_parameters();
  p.use_local_ce = true;
  p.beta_ce = 10.0;
  const double in_double = 1.0 - 1.0 / (1.0 + std::exp(-20.0));
  EXPECT_GT(in_double, 2e-9);                           // the double evaluation keeps the unit
  EXPECT_EQ(stability_gate(p, 3.0F, 1.0), 0.0F);        // β(hS − θ) = 20: saturated, exactly 0
  EXPECT_NEAR(stability_gate(p, 2.0F, 1.0), std::exp(-10.0), 1e-7);  // β(hS − θ) = 10
  EXPECT_NEAR(stability_gate(p, 0.0F, 1.0), 1.0 - 4.5397868702e-5, 1e-7);  // 1 − 1/(1 + e¹⁰)
}

// A random state of a small network (no zero units), B columns that are copies of one sample.
batch_state random_state(const steering_network& net, int copies, std::uint64_t seed) {
  const auto& p = net.parameters;
  numerics::rng_stream stream(seed, 0, numerics::stream_purpose::state_sampling);
  auto random_signs = [&](Eigen::Index n) {
    matrix_f v(n, 1);
    for (Eigen::Index i = 0; i < n; ++i) v(i, 0) = (stream.next_u64() >> 63) ? 1.0F : -1.0F;
    return v;
  };
  const matrix_f x = random_signs(p.inputs), h = random_signs(p.hidden);
  const int label = 1;
  std::vector<int> labels(static_cast<std::size_t>(copies), label);
  batch_state s = zero_state(net, x.replicate(1, copies), labels.data(), std::vector<std::uint64_t>(copies, 0));
  s.hidden[0] = h.replicate(1, copies);
  s.readout = s.label;
  s.hidden_silent = false;
  return s;
}

TEST(Plasticity, OneHebbianStepRaisesStabilityByTheClosedForm) {
  steering_parameters p = test::small_parameters(20, 50, 2);
  p.threshold = {1e6, 3.0};  // every hidden unit unstable
  p.weight_decay_J = 0.5;      // large decays, so their terms are well above float rounding
  p.weight_decay_input_skip = 0.3;
  steering_network net(p);
  batch_state s = random_state(net, 1, 11);
  field_set f;
  compute_fields(net, s, field_mode_of(1), f);
  const matrix_f drive = net.layers[0].input_skip * s.input;  // (W_in x)_i
  const matrix_f before = f.hidden[0];
  apply_plasticity(net, s, f);
  batch_state same = random_state(net, 1, 11);  // the same state, its input drive from the new W_in
  compute_fields(net, same, field_mode_of(1), f);
  const double lr_j = p.lr_J / std::sqrt(50.0), lr_in = p.lr_input_skip * 4.0 / std::sqrt(20.0);
  for (Eigen::Index i = 0; i < 50; ++i) {
    const double si = s.hidden[0](i, 0);
    const double j_part = (before(i, 0) - drive(i, 0)) * si;  // (J s)_i s_i, self term included
    const double expected = lr_j * 49 + lr_in * 20 - p.weight_decay_J * lr_j * (j_part - p.self_coupling) -
                            p.weight_decay_input_skip * lr_in * drive(i, 0) * si;
    EXPECT_NEAR((f.hidden[0](i, 0) - before(i, 0)) * si, expected, 2e-5) << i;
  }
  EXPECT_TRUE((net.layers[0].internal.diagonal().array() == 0.5F).all());  // J_D unchanged
}

TEST(Plasticity, DiagonalAndFeedbackNeverChange) {
  steering_parameters p = test::small_parameters(20, 50, 3);
  steering_network net(p);
  const matrix_f w_back = net.w_back;
  const numerics::learning_task task = numerics::prototype_task(20, 3, 20, 1, 0.3, 5);
  field_set f;
  for (int b = 0; b + 4 <= task.train.size(); b += 4) {
    batch_state s = zero_state(net, task.train.inputs.middleCols(b, 4), task.train.labels.data() + b, {0, 1, 2, 3});
    steer_dynamics(net, s, f);
    apply_plasticity(net, s, f);
  }
  EXPECT_TRUE((net.layers[0].internal.diagonal().array() == 0.5F).all());
  EXPECT_EQ(net.w_back, w_back);
  EXPECT_NE(net.w_forth, steering_network(p).w_forth);  // something did learn
}

TEST(Plasticity, BatchUpdateIsSumOverRootB) {
  steering_parameters p = test::small_parameters(20, 50, 2);
  p.threshold = {1e6, 1e6};
  p.weight_decay_J = p.weight_decay_W = 0.0;
  const steering_network initial(p);
  steering_network one = initial, two = initial;
  field_set f;
  batch_state s1 = random_state(one, 1, 12), s2 = random_state(two, 2, 12);
  apply_plasticity(one, s1, f);
  apply_plasticity(two, s2, f);
  const matrix_f d1 = one.layers[0].internal - initial.layers[0].internal;
  const matrix_f d2 = two.layers[0].internal - initial.layers[0].internal;
  EXPECT_TRUE(d2.isApprox(std::sqrt(2.0F) * d1, 1e-4F));
  EXPECT_TRUE((two.w_forth - initial.w_forth).isApprox(std::sqrt(2.0F) * (one.w_forth - initial.w_forth), 1e-4F));
}

TEST(Plasticity, RepeatedPatternBecomesAFixedPointOfTheFreeDynamics) {
  const steering_parameters p = test::small_parameters(20, 50, 2);  // J_D = 0.5, θ = 0.9
  steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(20, 2, 1, 1, 0.0, 6);
  const int label = task.train.labels[1];
  const matrix_f x = task.train.inputs.col(1);
  field_set f;
  int steps = 0;
  batch_state s;
  for (; steps < 1000; ++steps) {
    s = zero_state(net, x, &label, {0});
    steer_dynamics(net, s, f);
    const stability_sums sums = apply_plasticity(net, s, f);
    if (sums.unstable[0] == 0.0 && sums.unstable[1] == 0.0) break;
  }
  ASSERT_LT(steps, 1000) << "no fixed point after 1000 updates";
  // Every hidden unit stable with margin under the free field: one free sweep returns S.
  compute_fields(net, s, field_mode_of(1), f);
  EXPECT_EQ(f.hidden[0].unaryExpr(&sign0), s.hidden[0]);
  EXPECT_GT((f.hidden[0].array() * s.hidden[0].array()).minCoeff(), 1.4F);
  EXPECT_EQ(predict(net, x), std::vector<int>{label});
  RecordProperty("updates_until_fixed_point", steps);
}

}  // namespace
}  // namespace steer::solvers
