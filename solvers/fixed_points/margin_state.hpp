// A ±1 state with its margins m_i = s_i Σ_{j≠i} J_ij s_j + J_ii (spec fixed-points-theory eq. 1)
// kept up to date under single flips, and E(s) = #{i : m_i ≤ 0}, the number of unstable units.
// Shared by simulated annealing and replicated Monte Carlo (issue 9 items 2 and 4).
//
// Cost: flipping k changes every other margin by −2 s_i s_k J_ik, so both the energy change of a
// proposed flip (delta_energy) and an accepted flip (flip) cost O(N) — one pass over column k of
// J, stored transposed so the pass reads contiguous memory (margin_passes.hpp: vectorised per CPU). Doubles drift over many flips;
// refresh() recomputes the margins from scratch (O(N²)), and the searches decide convergence
// only through the exact check of numerics/fixed_points/fixed_point.hpp.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"
#include "solvers/fixed_points/margin_passes.hpp"

namespace steer::solvers {

// The searches recompute margins from scratch this often (in sweeps) to bound the drift of the
// incremental sums.
inline constexpr std::int64_t margin_refresh_sweeps = 100;

// Column-major copy of J (entry k·N + i is J_ik), shared read-only by every margin_state of a run.
std::vector<double> transposed_couplings(const numerics::coupling_matrix& couplings);

class margin_state {
 public:
  // `couplings` and `transposed` (transposed_couplings(couplings)) must outlive the state. `isa`:
  // the passes' instruction set (the same results either way; baseline only for benchmarks).
  margin_state(const numerics::coupling_matrix& couplings, const std::vector<double>& transposed,
               const numerics::spin_vector& start, margin_isa isa = margin_isa::best);

  int energy() const { return energy_; }
  int spin(int k) const { return spins_[static_cast<std::size_t>(k)] > 0.0 ? 1 : -1; }
  double margin(int i) const { return margins_[static_cast<std::size_t>(i)]; }

  // E(s with s_k flipped) − E(s), O(N).
  int delta_energy(int k) const;
  // Flips s_k and updates every margin and the energy, O(N).
  void flip(int k);
  // Recomputes margins and energy from the couplings (O(N²)), removing accumulated rounding.
  void refresh();

  numerics::spin_vector state() const;

  // True iff E = 0 in the incremental margins and the state passes the exact check of
  // fixed_point.hpp; if E = 0 but the exact check fails (drift misled the margins), refreshes them.
  bool reached_fixed_point();

 private:
  const numerics::coupling_matrix& couplings_;
  const std::vector<double>& transposed_;
  const margin_passes& passes_;
  int n_;
  std::vector<double> spins_;    // ±1.0, so the O(N) passes vectorise
  std::vector<double> margins_;
  int energy_ = 0;
};

}  // namespace steer::solvers
