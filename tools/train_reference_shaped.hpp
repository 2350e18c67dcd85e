// The work the reference PyTorch code does per training batch (spec steering-learning §1.1,
// §11, pitfall P11), for `steer bench train` to measure against in the same run: one dense
// (L+1)·H × 3H coupling tensor multiplied with the whole stacked state (zero blocks, readout and
// padding included) plus W_in·x at every one of the 2T + 3 field evaluations, and a dense outer
// product over the whole tensor and W_in at the update. It reproduces the cost, not the
// learning: the values are never read.
#pragma once

#include "numerics/learning/labelled_set.hpp"
#include "solvers/learning/steering_parameters.hpp"

namespace steer::tools {

class reference_shaped_trainer {
 public:
  explicit reference_shaped_trainer(const solvers::steering_parameters& p);
  // One training batch of the columns [first, first + B) of `inputs`.
  void train_batch(const numerics::matrix_f& inputs, Eigen::Index first, Eigen::Index batch);

 private:
  solvers::steering_parameters p_;
  numerics::matrix_f couplings_;  // (L+1)·H × 3H, as the reference stores it
  numerics::matrix_f input_skip_; // H × N
};

}  // namespace steer::tools
