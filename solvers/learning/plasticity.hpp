// The plasticity rule of the steering learner (spec steering-learning §4): a perceptron rule with
// margin, gated on each unit's stability under the free field (no feedback, no label), summed
// over the batch and divided by √B (pitfall P5), with weight decay on every learnable entry.
#pragma once

#include <vector>

#include "solvers/learning/local_fields.hpp"

namespace steer::solvers {

// Per layer (L hidden layers, then the readout): sums over units and samples of the gate
// (1 = unstable) and of the stability h_i·S_i, and how many unit-samples were summed.
struct stability_sums {
  std::vector<double> unstable;
  std::vector<double> stability;
  std::vector<double> count;
  void add(const stability_sums& other);
};

// The gate of §4.1: [h·S ≤ θ] (hard) or 1 − sigmoid(β_ce·(h·S − θ)) (use_local_ce).
float stability_gate(const steering_parameters& p, float stability, double threshold);

// One update from the state the dynamics left (§4.2-4.3). J's diagonal, the F/Bk diagonals and
// W_back never change (§1.2) except through the ties of §4.5, applied after the update
// (coupling_ties.hpp); J's update may be symmetrised (§4.5). Under reference_quirks the readout
// state used as S_c is the doubly re-mapped one (+2.5 / −0.79 for C = 10, §4.4). Returns the
// batch's stability sums.
stability_sums apply_plasticity(steering_network& net, batch_state& state, field_set& fields);

}  // namespace steer::solvers
