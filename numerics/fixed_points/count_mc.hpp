// ln #FP of one network beyond enumeration: Wang–Landau estimate of the density of states g(E) of
// E(s) = number of unstable units, with the 1/t refinement of Belardinelli & Pereyra
// (Phys. Rev. E 75, 046701, 2007). ln #FP = ln g(0) with Σ g = 2^N. Method, error bar and
// calibration: docs/numerics/fixed_points/count_mc.md.
//
// Macrostates: E = 0, 1, …, top − 1 and one bin "E ≥ top" that lumps the bulk of the states
// (top = the expected E of a uniformly random state, count_mc_top_energy). A flat-histogram walk
// over these bins is still a walk over states with stationary weight ∝ 1/g(bin), so
//   ln #FP = N ln 2 + ln g̃(0) − ln Σ_b g̃(b)
// needs no normalisation run: the lumped bin holds about half of all 2^N states and is visited
// as often as the others.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "numerics/fixed_points/couplings.hpp"
#include "numerics/sample_statistics.hpp"

namespace steer::numerics {

struct count_mc_options {
  int runs = 8;                    // independent walks; the error bar is their SEM
  double final_log_f = 1e-6;       // a walk stops when ln f (= bins/t in the 1/t phase) falls below this
  double flatness = 0.8;           // phase 1 halves ln f when min H ≥ flatness · mean H over visited bins
  std::int64_t max_sweeps = 10000000;  // 0: no cap; else a walk stops unconverged after this many sweeps (N proposals)
  std::uint64_t seed = 1;
  std::uint64_t network = 0;       // run r draws from stream (seed, network·2^20 + r, count_mc)
  bool progress = false;

  // Throws std::invalid_argument naming the field.
  void validate() const;
};

inline constexpr int max_count_mc_runs = 1 << 20;

struct count_mc_run {
  double log_fixed_points = 0.0;   // −inf when the walk never visited E = 0
  bool visited_zero = false;
  bool converged = false;          // reached final_log_f within max_sweeps
  int lowest_energy = 0;
  std::uint64_t proposals = 0;
  std::uint64_t accepted = 0;
  int late_bins = 0;               // bins first visited after phase 1 had ended (walk sent back to phase 1)
};

struct count_mc_result {
  int n = 0;
  int top_energy = 0;                        // bins 0..top−1 and "≥ top"
  std::vector<count_mc_run> runs;
  int runs_visiting_zero = 0;
  // Mean ± SEM over runs of ln #FP, when every run visited E = 0 and converged (≥ 2 runs).
  std::optional<mean_with_error> log_fixed_points;
};

// The lumping bin: max(1, floor(Σ_i Φ(−J_ii/σ_i))), σ_i² = Σ_{j≠i} J_ij², the expected number of
// unstable units of a uniformly random state in the Gaussian (central-limit) approximation of h_i.
int count_mc_top_energy(const coupling_matrix& couplings);

// Sets runs_visiting_zero and log_fixed_points from `runs` (also for results read back from a file).
void summarise_runs(count_mc_result& result);

// Runs `runs` independent walks, OpenMP over runs; the result is the same for any thread count.
count_mc_result estimate_log_fixed_points(const coupling_matrix& couplings, const count_mc_options& options);

}  // namespace steer::numerics
