// A classification data set as the learner consumes it: ±1 inputs, one column per sample, and
// integer labels 0..classes-1 (spec steering-learning §6: float32 features).
#pragma once

#include <vector>

#include "numerics/learning/panel_product.hpp"

namespace steer::numerics {

struct labelled_set {
  matrix_f inputs;          // features × samples, entries ±1 (0 only for an exactly zero projection)
  std::vector<int> labels;  // one per column
  int classes = 0;

  Eigen::Index size() const { return inputs.cols(); }
  Eigen::Index features() const { return inputs.rows(); }
};

// The train and evaluation sets of one task.
struct learning_task {
  labelled_set train;
  labelled_set eval;
};

}  // namespace steer::numerics
