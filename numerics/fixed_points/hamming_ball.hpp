// Exact count of the fixed points in the Hamming ball of radius r around a fixed point of a large
// network (issue 8 item 6; spec fixed-points-theory §4.1: N_loc(s*, d) for d = 1..r).
//
// Flipping a set S of spins of a fixed point s changes the margins m_i = s_i Σ_{j≠i} J_ij s_j + J_ii
// (eq. 1: s is fixed iff every m_i > 0) by
//   i ∉ S:  m'_i = m_i − 2 Σ_{j∈S} A_ij,      i ∈ S:  m'_i = 2 J_ii − m_i + 2 Σ_{k∈S∖i} A_ik,
// with A_ij = s_i s_j J_ij. So a ball state costs O(|S|) per neuron checked instead of O(N), the
// flipped neurons are checked first (most flips break their own stability at once: a neuron
// stays flipped only if |h_i| < J_ii), the others in increasing order of m_i (the nearly
// unstable ones fail first), and a whole subtree of flip sets is skipped when a member cannot be
// made stable by any further flip (|A_ij| ≤ max_k |J_ik|). Margins are doubles with a rigorous
// error bound per row; a margin within its bound is settled by the exact check of
// fixed_point.hpp, so the count is exact for the given couplings.
#pragma once

#include <cstdint>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/fixed_points/spin_state.hpp"

namespace steer::numerics {

inline constexpr int max_ball_radius = 3;

struct ball_count {
  std::vector<std::uint64_t> fixed_points_at_distance;  // d = 1..r (the centre excluded)
  std::uint64_t states_checked = 0;                       // Σ_{d=1..r} C(N, d): every ball state decided
  std::uint64_t decided_exactly = 0;                      // states whose margins needed the exact check
};

class hamming_ball_counter {
 public:
  // Keeps the transposed couplings (N² doubles), row bounds and maxima, and a reference to
  // `couplings`, which must outlive the counter.
  explicit hamming_ball_counter(const coupling_matrix& couplings);

  // `centre` must be a fixed point (checked exactly; throws std::invalid_argument otherwise or for
  // a wrong length) and 1 ≤ radius ≤ max_ball_radius.
  ball_count count(const spin_vector& centre, int radius) const;

 private:
  const coupling_matrix& couplings_;
  int n_;
  std::vector<double> transposed_;  // transposed_[j·N + i] = J_ij: column j contiguous
  std::vector<double> row_max_;     // max_{k≠i} |J_ik|
  std::vector<double> tolerance_;   // bound on the rounding error of any margin of row i
};

// The baseline of `steer bench local-density`: each ball state built and all its fields
// recomputed from scratch (O(N) per neuron, neurons in index order, stopping at the first
// unstable one). Visits the first `max_states` states of the ball in the counter's order and
// returns what it found among them.
ball_count count_ball_naively(const coupling_matrix& couplings, const spin_vector& centre, int radius,
                              std::uint64_t max_states);

}  // namespace steer::numerics
