// Data sets that need no download (spec steering-learning §6): noisy copies of random ±1 class
// prototypes (the reference's "synthetic" data, flip probability p = 0.35 by default) and random
// hetero-association (random ±1 patterns with random labels: pure memorisation). Both are tiny
// and fast, so the fast test suite runs on them.
#pragma once

#include <cstdint>

#include "numerics/learning/labelled_set.hpp"

namespace steer::numerics {

// C prototypes ξ^c ∈ {±1}^n (stream (seed, 0, learning_data)); sample k of class c copies ξ^c
// with each bit flipped with probability `flip` (stream (seed, 1 + sample id, learning_data)).
// p_per_class training and p_eval_per_class evaluation samples per class, sorted by label.
learning_task prototype_task(int n, int classes, int p_per_class, int p_eval_per_class, double flip, std::uint64_t seed);

// p_per_class·C random ±1 patterns with labels drawn uniformly from 0..C-1; the evaluation set
// is the training set itself (memorisation is the task).
learning_task hetero_association_task(int n, int classes, int p_per_class, std::uint64_t seed);

}  // namespace steer::numerics
