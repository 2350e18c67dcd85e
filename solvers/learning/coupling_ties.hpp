// The symmetrisation options of the steering learner (spec steering-learning §4.5), all off in
// the reference's baselines: ties applied at initialisation and after every plasticity step (the
// reference calls its symmetrize_couplings in both places).
#pragma once

#include "solvers/learning/steering_network.hpp"

namespace steer::solvers {

// symmetric_W: W_back (and each Wback_skip^l) from W_forth (Wforth_skip^l):
//   transpose: W_back ← W_forthᵀ·√H·λ_wback/(√C·λ_wforth)   (buggy: the same / 100)
//   normalize: column c of W_back ← row c of W_forth / its norm × the mean column norm of W_back
// symmetrize_fc: Bk^l ← (F^{l+1})ᵀ (λ_fc^l/λ_fc^{l+1} = 1: one λ_fc for all layers).
// symmetrize_internal_couplings: J^l ← (J^l + J^lᵀ)/2.
void apply_coupling_ties(steering_network& net);

// W_back ← W_forthᵀ·√H·λ_wback/(√C·λ_wforth) once (the reference's wforth2wback).
void tie_feedback_transposed(steering_network& net);

}  // namespace steer::solvers
