// Asynchronous (random-sequential) sweeps: a hand-computed trajectory on the §2.1 network, the
// visiting order is a uniform permutation from the sample's stream, incremental fields equal the
// fields recomputed from scratch through every coupling type, a symmetric network reaches a
// fixed point (Hopfield energy argument), and results do not depend on the thread count.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "learning_fixture.hpp"
#include "numerics/learning/synthetic_tasks.hpp"
#include "solvers/learning/asynchronous_sweep.hpp"
#include "solvers/learning/plasticity.hpp"
#include "solvers/learning/relaxation.hpp"

namespace steer::solvers {
namespace {

TEST(AsynchronousSweep, FollowsTheHandComputedTrajectory) {
  const steering_network net = test::hand_network(false, true);
  batch_state s = test::hand_state(net);  // x = (1, −1), label class 0
  s.hidden[0] = (matrix_f(3, 1) << -1, 1, 1).finished();
  s.readout = matrix_f::Zero(2, 1);
  field_set f;
  compute_fields(net, s, field_mode_of(0), f);
  // Mode 0 from s = (−1, 1, 1), ŷ = (0, 0): J s = (−0.2, 0.7, 1.1), W_in x = (1, −1, 2), so
  // h = (0.8, −0.3, 3.1); readout h = W_forth s + 1000 y = (−2 + 1000, 0.5 − 1000).
  // A synchronous sweep would give s = (1, −1, 1). Order: ŷ0, s1, s0, ŷ1, s2 (units 3, 1, 0, 4, 2).
  // ŷ0 ← sign(998) = 1: φ 0 → √2/2, h += 0.70711·W_back[:,0] = (0.14142, 0, 0.07071) → (0.94142, −0.3, 3.17071).
  // s1 ← sign(−0.3) = −1 (Δ = −2): h −= 2·J[:,1] = (1, 1, 0.4) → (−0.05858, −1.3, 2.77071);
  //      readout −= 2·W_forth[:,1] = (0, 1) → (998, −1000.5).
  // s0 ← sign(−0.05858) = −1: unchanged (the synchronous sweep flips it from h = 0.8).
  // ŷ1 ← sign(−1000.5) = −1: φ 0 → −0.5, h −= 0.5·W_back[:,1] = (−0.05, 0.15, 0.05) → (−0.00858, −1.45, 2.72071).
  // s2 ← sign(2.72071) = 1: unchanged.
  update_in_order(net, s, f, field_mode_of(0), 0, {3, 1, 0, 4, 2}, nullptr);
  EXPECT_EQ(s.hidden[0], (matrix_f(3, 1) << -1, -1, 1).finished());
  EXPECT_EQ(s.readout, (matrix_f(2, 1) << 1, -1).finished());
  EXPECT_TRUE(f.hidden[0].isApprox((matrix_f(3, 1) << -0.0085786F, -1.45F, 2.7207107F).finished(), 1e-5F)) << f.hidden[0];
  EXPECT_TRUE(f.readout.isApprox((matrix_f(2, 1) << 998.0F, -1000.5F).finished(), 1e-6F)) << f.readout;
}

TEST(AsynchronousSweep, OrderIsAUniformPermutationFromTheSampleStream) {
  // 6000 orders of 3 units: each of the 6 permutations 1000 ± 4σ times (σ = √(6000·(1/6)(5/6)) = 28.9).
  numerics::rng_stream stream(5, 0, numerics::stream_purpose::learning_sweep_order);
  std::map<std::vector<std::uint32_t>, int> counts;
  for (int k = 0; k < 6000; ++k) ++counts[random_sweep_order(stream, 3)];
  ASSERT_EQ(counts.size(), 6U);
  for (const auto& [order, count] : counts) EXPECT_NEAR(count, 1000.0, 4.0 * 28.87);
  // A sweep of column b uses the order drawn from (seed, sample id b, learning_sweep_order).
  const steering_network net = test::hand_network(false, true);
  batch_state a = test::hand_state(net);
  batch_state b = test::hand_state(net);
  a.hidden[0] = b.hidden[0] = (matrix_f(3, 1) << -1, 1, 1).finished();
  a.readout = b.readout = matrix_f::Zero(2, 1);
  field_set fa, fb;
  asynchronous_sweep(net, a, fa, field_mode_of(0));
  numerics::rng_stream same(net.parameters.seed, 0, numerics::stream_purpose::learning_sweep_order);
  compute_fields(net, b, field_mode_of(0), fb);
  update_in_order(net, b, fb, field_mode_of(0), 0, random_sweep_order(same, 5), nullptr);
  EXPECT_EQ(a.hidden[0], b.hidden[0]);
  EXPECT_EQ(a.readout, b.readout);
}

// Two layers with every coupling kind: learned forward F, one-to-one backward Bk, both skips.
steering_parameters two_layer_parameters(double p_update) {
  steering_parameters p = test::two_layer_parameters(30, 70, 3);
  p.asynchronous_sweeps = true;
  p.p_update = p_update;
  p.lambda_l = p.lambda_r = 0.7;
  p.inference_ignore_right = 4;
  return p;
}

TEST(AsynchronousSweep, IncrementalFieldsEqualRecomputedFields) {
  const steering_network net(two_layer_parameters(1.0));
  const auto& p = net.parameters;
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 2, 1, 0.3, 8);
  for (const int mode : {0, 1, 3, 4}) {
    batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), {0, 1, 2, 3, 4, 5});
    field_set incremental, fresh;
    for (int t = 0; t < 3; ++t) sweep(net, s, incremental, field_mode_of(mode));
    compute_fields(net, s, field_mode_of(mode), fresh);
    for (std::size_t l = 0; l < 2; ++l) {
      EXPECT_LT((incremental.hidden[l] - fresh.hidden[l]).cwiseAbs().maxCoeff(), 1e-4F) << "mode " << mode;
    }
    EXPECT_LT((incremental.readout - fresh.readout).cwiseAbs().maxCoeff(), 1e-3F) << "mode " << mode;  // λ_y = 1000
  }
}

TEST(AsynchronousSweep, SymmetricNetworkReachesAFixedPoint) {
  // With J symmetric and diag(J) = J_D ≥ 0, each change of a unit lowers the energy
  // E = −½ sᵀJs − sᵀ W_in x strictly, so asynchronous dynamics must stop at a fixed point of
  // sign(J s + W_in x); a synchronous sweep can cycle instead (period 2).
  steering_parameters p = test::small_parameters(20, 60, 2);
  p.asynchronous_sweeps = true;
  p.symmetric_J_init = true;
  p.lambda_internal = {3.0};  // strong recurrence: far from the input-driven state
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 4, 1, 0.3, 3);
  std::vector<std::uint64_t> ids(8);
  for (std::size_t k = 0; k < ids.size(); ++k) ids[k] = k;
  batch_state s = zero_state(net, task.train.inputs, nullptr, ids);
  field_set f;
  for (int t = 0; t < 60; ++t) sweep(net, s, f, field_mode_of(1));
  compute_fields(net, s, field_mode_of(1), f);
  EXPECT_EQ(s.hidden[0], f.hidden[0].unaryExpr(&sign0));
  EXPECT_EQ(s.readout, f.readout.unaryExpr(&sign0));
  EXPECT_TRUE((s.hidden[0].array() != 0.0F).all());
}

matrix_f trained_couplings(int threads, double p_update) {
  omp_set_num_threads(threads);
  steering_network net(two_layer_parameters(p_update));
  const auto& p = net.parameters;
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 3, 1, 0.3, 4);
  std::vector<std::uint64_t> ids(9);
  for (std::size_t k = 0; k < ids.size(); ++k) ids[k] = 100 + k;
  field_set f;
  for (int step = 0; step < 3; ++step) {
    batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), ids);
    steer_dynamics(net, s, f);
    apply_plasticity(net, s, f);
  }
  matrix_f all(p.hidden, 2 * p.hidden + p.classes);
  all << net.layers[0].internal, net.layers[1].internal, net.w_forth.transpose();
  return all;
}

std::vector<int> predictions(int threads) {
  omp_set_num_threads(threads);
  // 1100 samples: a chunk of 1024 columns, large enough for the columns to run in parallel
  // (batch·units·H = 1024·322·320 ≥ 1e8), and a serial chunk of 76.
  steering_parameters p = test::small_parameters(20, 320, 2);
  p.asynchronous_sweeps = true;
  p.p_update = 0.9;
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 550, 1, 0.3, 12);
  return predict(net, task.train.inputs);
}

TEST(AsynchronousSweep, IdenticalForAnyThreadCount) {
  const int threads = omp_get_max_threads();
  for (const double p_update : {1.0, 0.8}) {  // training batches (serial columns)
    const matrix_f one = trained_couplings(1, p_update);
    EXPECT_EQ(one, trained_couplings(2, p_update));
    EXPECT_EQ(one, trained_couplings(3, p_update));
  }
  const std::vector<int> one = predictions(1);  // inference chunks (parallel columns)
  EXPECT_EQ(one, predictions(2));
  EXPECT_EQ(one, predictions(3));
  omp_set_num_threads(threads);
}

TEST(AsynchronousSweep, UpdateMaskSkipsAFractionOneMinusPOfTheVisits) {
  // From zero each visited unit becomes ±1 (random fields are never 0), a skipped one stays 0.
  steering_parameters p = test::small_parameters(40, 400, 2);
  p.asynchronous_sweeps = true;
  p.p_update = 0.8;
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 5, 1, 0.3, 4);
  batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  field_set f;
  sweep(net, s, f, field_mode_of(1));
  const double n = double(s.hidden[0].size());
  const double updated = double((s.hidden[0].array() != 0.0F).count()) / n;
  EXPECT_NEAR(updated, 0.8, 4.0 * std::sqrt(0.8 * 0.2 / n));
}

TEST(AsynchronousSweep, RefusesAStateWithoutOrderStreams) {
  steering_parameters p = test::small_parameters(4, 6, 2);  // asynchronous_sweeps false: no order streams
  const steering_network net(p);
  const numerics::learning_task task = numerics::prototype_task(p.inputs, p.classes, 2, 1, 0.3, 4);
  batch_state s = zero_state(net, task.train.inputs, task.train.labels.data(), {0, 1, 2, 3});
  ASSERT_TRUE(s.order_streams.empty());
  field_set f;
  try {
    asynchronous_sweep(net, s, f, field_mode_of(1));
    FAIL() << "no exception";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("0 order stream(s) and 0 update stream(s) for 4 column(s)"), std::string::npos) << e.what();
  }
}

TEST(AsynchronousSweep, RefusesReferenceQuirks) {
  steering_parameters p = test::small_parameters();
  p.asynchronous_sweeps = true;
  p.reference_quirks = true;
  EXPECT_THROW(p.validate(), std::invalid_argument);
}

}  // namespace
}  // namespace steer::solvers
