// Annealed local entropy (Franz–Parisi potential) around a reference fixed point, spec
// fixed-points-theory §4.2: V(δ) = (1/N) ln E[#fixed points at distance δN from the reference],
// for a typical reference (V_ann) and for a reference with stability margin κ (V_κ, eq. 9).
// Both are ln of an expectation: upper bounds (Jensen) of the quenched local entropy.
#pragma once

#include <optional>

namespace steer::theory {

// V_ann(δ) = S2(1 − 2δ) − s(J_D), δ ∈ [0, 1] (spec §4.2; S2 of eq. 6, s of eq. 3).
double annealed_local_entropy(double delta, double self_coupling);

// V_κ(δ), eq. (9): the reference obeys λ_i > −J_D + κ (a fixed point of the network with
// self-coupling J_D − κ), its partners λ_i > −J_D:
//   V_κ = H(δ) + (1−δ) ln[Φ2(J_D−κ, J_D; 1−2δ)/Φ(J_D−κ)] + δ ln[Φ2(J_D−κ, J_D; −(1−2δ))/Φ(J_D−κ)].
// κ = 0 gives V_ann (evaluated by annealed_local_entropy). δ ∈ [0, 1], κ ≥ 0 and finite. Throws
// std::underflow_error naming itself where Φ2 underflows double (only possible when
// J_D − κ ≤ −J_D, where no single flip is allowed).
double margin_local_entropy(double delta, double self_coupling, double margin);

// Extrema of V on δ ∈ (0, 1/2] (V(δ) = V(1 − δ) for κ = 0):
//  * minimum and argmin: a grid in log δ from 1e−12 and uniform up to 1/2, refined by Boost.Math
//    brent_find_minima in log δ on the bracket of the best grid point (minimum to ~1e−15
//    absolute; the minimum is flat, so the argmin is good to ~1e−5 relative). If V > 0 on the whole grid and smallest at its first
//    point, the infimum is V(0) = 0 at δ = 0 (no negative region; V_κ for κ > 0, spec §4.2): then
//    minimum = 0, argmin = 0.
//  * root δ0: the first δ above the argmin where V turns from negative to positive (spec §4.2's
//    "first positive point"), by Boost.Math toms748_solve on the bracketing grid cell, to ~1e−15
//    relative; empty when V never turns positive after a negative minimum or has none.
struct local_entropy_extrema {
  double minimum;
  double argmin_delta;
  std::optional<double> root_delta;
};
local_entropy_extrema find_local_entropy_extrema(double self_coupling, double margin = 0.0);

}  // namespace steer::theory
