// The couplings of the steering learner and their initialisation (spec steering-learning §1.2).
// Blocks are stored separately (never the reference's (L+1)×H×3H tensor with its zero blocks,
// pitfall P11); a coupling whose strength λ is 0 is stored empty and never multiplied.
#pragma once

#include <vector>

#include "numerics/learning/panel_product.hpp"
#include "solvers/learning/steering_parameters.hpp"

namespace steer::solvers {

using numerics::matrix_f;
using vector_f = Eigen::Matrix<float, Eigen::Dynamic, 1>;

// Coupling between neighbouring hidden layers: one_to_one·I, plus a learned dense matrix (which
// then holds the diagonal too) when fc_left / fc_right is set.
struct inter_layer_coupling {
  float one_to_one = 0.0F;
  matrix_f dense;  // empty unless learned
  bool learned() const { return dense.size() != 0; }
};

struct hidden_layer {
  matrix_f internal;    // J^l (H × H), diagonal λ_internal·J_D, never learned
  float diagonal = 0.0F;
  matrix_f input_skip;  // W_in^l (H × N); empty when λ_input_skip = 0
  inter_layer_coupling forward;   // F^l from layer l-1 (layers ≥ 2 only)
  inter_layer_coupling backward;  // Bk^l from layer l+1 (layers ≤ L-1 only)
  matrix_f wback_skip;   // H × C, readout → this lower layer; empty for the last layer or λ = 0
  matrix_f wforth_skip;  // C × H, this lower layer → readout; empty for the last layer or λ = 0
  vector_f bias;         // empty when bias_std = 0
};

struct steering_network {
  steering_parameters parameters;
  std::vector<hidden_layer> layers;
  matrix_f w_back;   // H × C, fixed (P6)
  matrix_f w_forth;  // C × H, learned

  // Draws every coupling from the streams (seed, matrix id, learning_couplings), so each matrix
  // is independent of the others' sizes. Validates the parameters first.
  explicit steering_network(const steering_parameters& p);
};

}  // namespace steer::solvers
