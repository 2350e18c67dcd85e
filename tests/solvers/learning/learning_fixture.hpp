// Shared by the steering-learner tests: the hand-checkable 3-neuron network of spec
// steering-learning §2.1, and a small random network in a given state.
#pragma once

#include <vector>

#include "solvers/learning/local_fields.hpp"

namespace steer::solvers::test {

// L = 1, N = 2, H = 3, C = 2, J_D = 0.5, λ_y = 1000, matrices of §2.1 (λ already folded in).
inline steering_network hand_network(bool quirks = false, bool asynchronous = false) {
  steering_parameters p;
  p.asynchronous_sweeps = asynchronous;
  p.inputs = 2;
  p.hidden = 3;
  p.classes = 2;
  p.self_coupling = 0.5;
  p.lambda_input_skip = {1.0};
  p.reference_quirks = quirks;
  steering_network net(p);
  net.layers[0].internal = (matrix_f(3, 3) << 0.5F, 0.5F, -0.2F, 0.1F, 0.5F, 0.3F, -0.4F, 0.2F, 0.5F).finished();
  net.layers[0].input_skip = (matrix_f(3, 2) << 1, 0, 0, 1, 1, -1).finished();
  net.w_back = (matrix_f(3, 2) << 0.2F, -0.1F, 0.0F, 0.3F, 0.1F, 0.1F).finished();
  net.w_forth = (matrix_f(2, 3) << 1, 0, -1, 0.5F, 0.5F, 0.5F).finished();
  return net;
}

// The §2.1 state: x = (1, −1), s = (1, −1, 1), ŷ = (1, −1), y = class 0.
inline batch_state hand_state(const steering_network& net) {
  const matrix_f x = (matrix_f(2, 1) << 1, -1).finished();
  const int label = 0;
  batch_state s = zero_state(net, x, &label, {0});
  s.hidden[0] = (matrix_f(3, 1) << 1, -1, 1).finished();
  s.readout = (matrix_f(2, 1) << 1, -1).finished();
  s.hidden_silent = false;
  return s;
}

// Small parameters for the fast tests.
inline steering_parameters small_parameters(int n = 20, int h = 50, int c = 2) {
  steering_parameters p;
  p.inputs = n;
  p.hidden = h;
  p.classes = c;
  p.steps_train = p.steps_eval = 5;
  return p;
}

// Two hidden layers with learned dense forward couplings and both readout skips.
inline steering_parameters two_layer_parameters(int n, int h, int c) {
  steering_parameters p = small_parameters(n, h, c);
  p.layers = 2;
  p.fc_left = true;
  p.zero_fc_init = false;
  p.lambda_wback_skip = {0.5};
  p.lambda_wforth_skip = {1.0};
  p.threshold = {0.9, 0.9, 3.0};
  return p;
}

}  // namespace steer::solvers::test
