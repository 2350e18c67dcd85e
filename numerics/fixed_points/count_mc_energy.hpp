// E(s) = number of unstable units (spec fixed-points-theory §6: the energy of simulated annealing,
// here the macrostate of the Monte Carlo count, count_mc.hpp), kept up to date under single flips.
//
// Exact integer fields (spec §8: incremental float fields drift). Row i's couplings are rounded
// once to integers at a power-of-two scale S_i = 2^{k_i}, the largest with
// Σ_j |round(S_i J_ij)| < 2^61, so every update is an exact int64 add. Unit i is unstable iff
// s_i h̃_i + round(S_i J_ii) ≤ 0 with h̃_i = Σ_{j≠i} round(S_i J_ij) s_j (strict fixed-point
// condition, eq. 1). The rounding moves a margin by at most (N+1)/2 units of 1/S_i, i.e. ~N·2^-61
// of the row's Σ_j |J_ij|: a unit is misjudged only if its exact margin is that close to 0
// (probability ~1e-16 per unit and state for Gaussian couplings), unlike the enumeration, which
// decides such states exactly — a count estimated to ±1 % does not need that.
//
// A flip of s_k changes every field by one column: h̃_i ← h̃_i − 2 s_k round(S_i J_ik), O(N).
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics {

// The integer image of a coupling matrix; any N ≥ 2.
class integer_couplings {
 public:
  explicit integer_couplings(const coupling_matrix& couplings);

  int size() const { return n_; }
  // 2 round(S_i J_ik) at [k·N + i]: the change of h̃_i when s_k goes −1 → +1 (0 for i = k).
  const std::int64_t* column_step(int k) const { return column_step_.data() + static_cast<std::size_t>(k) * n_; }
  // round(S_i J_ii).
  const std::vector<std::int64_t>& threshold() const { return threshold_; }
  // round(S_i J_ij) (0 on the diagonal), for recomputing fields from scratch.
  std::int64_t entry(int i, int j) const { return column_step_[static_cast<std::size_t>(j) * n_ + i] / 2; }

 private:
  int n_;
  std::vector<std::int64_t> column_step_;
  std::vector<std::int64_t> threshold_;
};

// A state with its integer fields and its energy.
class unstable_units {
 public:
  // Throws std::invalid_argument if the state's length is not N or an entry is not ±1.
  unstable_units(const integer_couplings& couplings, const spin_vector& state);

  int energy() const { return energy_; }
  // E after flipping s_k, without changing anything: one pass over column k, O(N).
  int energy_after_flip(int k) const;
  // Flips s_k and updates every field and E, O(N).
  void flip(int k);
  // E of the current state from fields recomputed from scratch, O(N²): the naive baseline
  // (bench) and the check of the incremental update (tests).
  int recompute_energy() const;
  spin_vector state() const;

 private:
  const integer_couplings& couplings_;
  int n_;
  // −1 where s_i = −1, 0 where s_i = +1: s_i x = (x ^ mask_i) − mask_i without a multiply, so the
  // loops vectorise with AVX2/AVX-512 integer ops (their 64-bit compares have no SSE2 form: the
  // two O(N) passes are multiversioned, numerics/vector_clones.hpp).
  std::vector<std::int64_t> negative_mask_;
  std::vector<std::int64_t> field_;
  int energy_ = 0;
};

}  // namespace steer::numerics
