// The symmetrisation options of spec steering-learning §4.5 and the double_update / init_mode
// options of §3, on the hand network of §2.1 (values derived by hand in the comments) and small
// random networks.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "learning_fixture.hpp"
#include "solvers/learning/coupling_ties.hpp"
#include "solvers/learning/plasticity.hpp"
#include "solvers/learning/relaxation.hpp"
#include "numerics/learning/synthetic_tasks.hpp"

namespace steer::solvers {
namespace {

// Two samples of the §2.1 network, x = (1, −1), label 0, under the free field (mode 1,
// θ = 0.9 + J_D = 1.4). A: s = (1, 1, 1), h = (1.8, −0.1, 2.3), gates (0, 1, 0), g = (0, 1, 0).
// B: s = (1, −1, −1), h = (1.2, −1.7, 0.9), h·s = (1.2, 1.7, −0.9), gates (1, 0, 1), g = (1, 0, −1).
// Σ_b g sᵀ = [[1, −1, −1], [1, 1, 1], [−1, 1, 1]] (row 0 and 2 from B, row 1 from A).
batch_state two_samples(const steering_network& net) {
  const matrix_f x = (matrix_f(2, 2) << 1, 1, -1, -1).finished();
  const int labels[2] = {0, 0};
  batch_state s = zero_state(net, x, labels, {0, 1});
  s.hidden[0] = (matrix_f(3, 2) << 1, 1, 1, -1, 1, -1).finished();
  s.readout = (matrix_f(2, 2) << 1, 1, -1, -1).finished();
  s.hidden_silent = false;
  return s;
}

// J after one step: 0.95·J + c·D off the diagonal, c = lr_J/√H/√B = 0.1/√2, decay 1 − wd·lr_eff =
// 1 − 0.5·0.1 = 0.95, the diagonal J_D = 0.5 kept.
matrix_f updated_internal(void (*configure)(steering_parameters&)) {
  steering_network net = test::hand_network();
  net.parameters.lr_J = 0.1 * std::sqrt(3.0);
  net.parameters.weight_decay_J = 0.5;
  configure(net.parameters);
  batch_state s = two_samples(net);
  field_set f;
  apply_plasticity(net, s, f);
  return net.layers[0].internal;
}

matrix_f expected_internal(const matrix_f& d) {
  const matrix_f j = test::hand_network().layers[0].internal;
  matrix_f out = 0.95F * j + static_cast<float>(0.1 / std::sqrt(2.0)) * d;
  out.diagonal().setConstant(0.5F);
  return out;
}

TEST(CouplingTies, PlainAndSymmetrisedUpdatesOfJ) {
  const matrix_f plain = updated_internal([](steering_parameters&) {});
  EXPECT_TRUE(plain.isApprox(expected_internal((matrix_f(3, 3) << 0, -1, -1, 1, 0, 1, -1, 1, 0).finished()), 1e-6F)) << plain;
  // (ΔJ + ΔJᵀ)/2: D_01 = (−1 + 1)/2 = 0, D_02 = (−1 − 1)/2 = −1, D_12 = (1 + 1)/2 = 1.
  const matrix_f update = updated_internal([](steering_parameters& p) { p.symmetric_update_internal_couplings = true; });
  EXPECT_TRUE(update.isApprox(expected_internal((matrix_f(3, 3) << 0, 0, -1, 0, 0, 1, -1, 1, 0).finished()), 1e-6F)) << update;
  // Per sample, both directions non-zero only where both units are unstable: in B, units 0 and 2
  // (ΔJ_02 = g_0 s_2 = −1, ΔJ_20 = g_2 s_0 = −1, mean −1); in A only unit 1 is, so nothing.
  // (A batch-level test would instead keep the pair (1, 2), whose summed entries are both +1.)
  for (const bool also_update : {false, true}) {  // the threshold variant takes precedence
    const matrix_f threshold = updated_internal(also_update ? +[](steering_parameters& p) {
      p.symmetric_threshold_internal_couplings = p.symmetric_update_internal_couplings = true;
    } : +[](steering_parameters& p) { p.symmetric_threshold_internal_couplings = true; });
    EXPECT_TRUE(threshold.isApprox(expected_internal((matrix_f(3, 3) << 0, 0, -1, 0, 0, 0, -1, 0, 0).finished()), 1e-6F))
        << threshold;
  }
}

TEST(CouplingTies, SymmetrizedInternalCouplings) {
  // (J' + J'ᵀ)/2 of J' = 0.95·J + c·D_plain, c = 0.0707107: J_01 = 0.95·(0.5 + 0.1)/2 + c·(−1 + 1)/2 = 0.285,
  // J_02 = 0.95·(−0.2 − 0.4)/2 + c·(−1 − 1)/2 = −0.285 − c, J_12 = 0.95·(0.3 + 0.2)/2 + c·(1 + 1)/2 = 0.2375 + c.
  const matrix_f j = updated_internal([](steering_parameters& p) { p.symmetrize_internal_couplings = true; });
  const float c = 0.0707107F;
  const matrix_f expected = (matrix_f(3, 3) << 0.5F, 0.285F, -0.285F - c, 0.285F, 0.5F, 0.2375F + c, -0.285F - c,
                             0.2375F + c, 0.5F).finished();
  EXPECT_TRUE(j.isApprox(expected, 1e-6F)) << j;
  steering_parameters p = test::small_parameters(10, 40, 2);
  p.symmetrize_internal_couplings = true;
  const steering_network net(p);  // tied from the start too
  EXPECT_EQ(net.layers[0].internal, net.layers[0].internal.transpose());
}

TEST(CouplingTies, FeedbackTiedToTheReadout) {
  steering_network net = test::hand_network();  // λ_wback = 0.9, λ_wforth = 1, H = 3, C = 2
  // true: W_back = W_forthᵀ·√3·0.9/√2 = W_forthᵀ·1.1022704.
  net.parameters.symmetric_W = feedback_tie::transpose;
  apply_coupling_ties(net);
  const float a = 1.1022704F;
  EXPECT_TRUE(net.w_back.isApprox((matrix_f(3, 2) << a, 0.5F * a, 0, 0.5F * a, -a, 0.5F * a).finished(), 1e-6F)) << net.w_back;
  net.parameters.symmetric_W = feedback_tie::transpose_over_100;
  apply_coupling_ties(net);
  EXPECT_NEAR(net.w_back(0, 0), a / 100.0F, 1e-7F);
  // normalize: mean column norm of the §2.1 W_back = (√0.05 + √0.11)/2 = 0.2776346; columns are
  // the W_forth rows (1, 0, −1)/√2 and (1, 1, 1)/√3 times it.
  steering_network norm = test::hand_network();
  norm.parameters.symmetric_W = feedback_tie::normalize;
  apply_coupling_ties(norm);
  const float u = 0.1963154F, v = 0.1602924F;
  EXPECT_TRUE(norm.w_back.isApprox((matrix_f(3, 2) << u, v, 0, v, -u, v).finished(), 1e-5F)) << norm.w_back;
  // After a plasticity step the feedback follows the updated readout.
  steering_network trained = test::hand_network();
  trained.parameters.symmetric_W = feedback_tie::transpose;
  batch_state s = two_samples(trained);
  field_set f;
  apply_plasticity(trained, s, f);
  EXPECT_FALSE(trained.w_forth.isApprox(test::hand_network().w_forth, 1e-6F));
  EXPECT_TRUE(trained.w_back.isApprox(a * trained.w_forth.transpose(), 1e-6F));
}

// The message of p.validate()'s std::invalid_argument ("" when it accepts p).
std::string refusal(const steering_parameters& p) {
  try {
    p.validate();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(CouplingTies, NormalizeRefusesAZeroReadoutAndMixedSkips) {
  steering_parameters p = test::small_parameters();
  p.symmetric_W = feedback_tie::normalize;
  EXPECT_EQ(refusal(p), "");
  p.lambda_wforth = 0.0;  // zero W_forth rows: W_back would be 0/0
  EXPECT_EQ(refusal(p), "lambda_wforth must be non-zero with symmetric_W normalize, got 0");
  steering_parameters three = test::two_layer_parameters(12, 30, 2);
  three.layers = 3;
  three.threshold = {0.9, 0.9, 0.9, 3.0};
  three.lambda_wback_skip = {0.5, 0.5};
  three.lambda_wforth_skip = {1.0, 1.0};
  three.symmetric_W = feedback_tie::normalize;
  EXPECT_EQ(refusal(three), "");
  three.lambda_wforth_skip = {0.0, 0.0};  // no skip readouts: no skip ties, as the reference
  EXPECT_EQ(refusal(three), "");
  three.lambda_wforth_skip = {1.0, 0.0};  // the reference asserts on a mix
  EXPECT_EQ(refusal(three), "lambda_wforth_skip must be all zero or all non-zero with symmetric_W normalize, got 0");
}

steering_parameters two_layer_fc() { return test::two_layer_parameters(12, 30, 2); }

TEST(CouplingTies, BackwardCouplingsFollowTheForwardOnes) {
  steering_parameters p = two_layer_fc();
  p.symmetrize_fc = true;
  p.symmetric_W = feedback_tie::transpose;
  steering_network net(p);
  EXPECT_EQ(net.layers[0].backward.dense, net.layers[1].forward.dense.transpose());
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 3, 1, 0.3, 6);
  batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), {0, 1, 2, 3, 4, 5});
  field_set f;
  steer_dynamics(net, s, f);
  const matrix_f forward_before = net.layers[1].forward.dense;
  apply_plasticity(net, s, f);
  EXPECT_NE(net.layers[1].forward.dense, forward_before);
  EXPECT_EQ(net.layers[0].backward.dense, net.layers[1].forward.dense.transpose());
  // The skip feedback follows the skip readout: √H·λ_wback_skip/(√C·λ_wforth_skip) = √30·0.5/√2.
  const float scale = static_cast<float>(std::sqrt(30.0) * 0.5 / std::sqrt(2.0));
  EXPECT_TRUE(net.layers[0].wback_skip.isApprox(scale * net.layers[0].wforth_skip.transpose(), 1e-6F));
  p.fc_left = false;
  EXPECT_THROW(p.validate(), std::invalid_argument);  // nothing learned to copy
  steering_parameters zero_skip = two_layer_fc();
  zero_skip.symmetric_W = feedback_tie::transpose;
  zero_skip.lambda_wforth_skip = {0.0};  // the reference divides by λ_wforth_skip = 0 here
  EXPECT_THROW(zero_skip.validate(), std::invalid_argument);
}

TEST(DoubleUpdate, HiddenCouplingsLearnFromPhaseOneReadoutFromTheEnd) {
  steering_parameters p = two_layer_fc();
  p.double_update = true;
  const steering_network start(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 3, 1, 0.3, 7);
  const std::vector<std::uint64_t> ids{0, 1, 2, 3, 4, 5};
  steering_network net = start;
  batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), ids);
  field_set f;
  steer_dynamics(net, s, f);
  // The snapshot is the state after relax(T, 0), before the feedback-off phase.
  batch_state phase_one = zero_state(start, task.train.inputs, task.train.labels.data(), ids);
  relax(start, phase_one, f, p.steps_train, 0);
  ASSERT_EQ(s.first_phase_hidden, phase_one.hidden);
  ASSERT_NE(s.first_phase_hidden, s.hidden);
  apply_plasticity(net, s, f);
  // Plain updates on each state separately (double_update off) give the two halves.
  steering_parameters plain = p;
  plain.double_update = false;
  steering_network from_first = start, from_end = start;
  from_first.parameters = from_end.parameters = plain;
  apply_plasticity(from_first, phase_one, f);
  batch_state end = s;
  apply_plasticity(from_end, end, f);
  for (std::size_t l = 0; l < 2; ++l) {
    EXPECT_EQ(net.layers[l].internal, from_first.layers[l].internal) << l;
    EXPECT_EQ(net.layers[l].input_skip, from_first.layers[l].input_skip) << l;
  }
  EXPECT_EQ(net.layers[1].forward.dense, from_first.layers[1].forward.dense);
  EXPECT_EQ(net.w_forth, from_end.w_forth);
  EXPECT_EQ(net.layers[0].wforth_skip, from_end.layers[0].wforth_skip);
  p.double_dynamics = false;
  EXPECT_THROW(p.validate(), std::invalid_argument);
}

TEST(InitMode, InputCopiesXIntoEveryLayerAndTheOneHotLabel) {
  steering_parameters p = two_layer_fc();
  p.init_mode = initial_state_mode::input;
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 2, 1, 0.3, 2);
  const batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), {0, 1, 2, 3});
  for (const matrix_f& layer : s.hidden) {
    EXPECT_EQ(layer.topRows(p.inputs), task.train.inputs);
    EXPECT_TRUE((layer.bottomRows(p.hidden - p.inputs).array() == 0.0F).all());
  }
  for (Eigen::Index b = 0; b < 4; ++b) {  // 0/1 one-hot (P9), not ±1
    EXPECT_EQ(s.readout(task.train.labels[b], b), 1.0F);
    EXPECT_EQ(s.readout(1 - task.train.labels[b], b), 0.0F);
  }
  EXPECT_FALSE(s.hidden_silent);
  const batch_state inference = zero_state(net, task.train.inputs, nullptr, {0, 1, 2, 3});
  EXPECT_TRUE((inference.readout.array() == 0.0F).all());
  p.inputs = p.hidden + 1;
  EXPECT_THROW(p.validate(), std::invalid_argument);
}

}  // namespace
}  // namespace steer::solvers
