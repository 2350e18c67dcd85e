// Theory against exhaustive enumeration at one (N, J_D): the mean number of fixed points
// (spec eq. 2) and the mean number of ordered fixed-point pairs at each Hamming distance
// (eq. 4), averaged over sampled networks, each with a z-score and a PASS/FAIL verdict.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "numerics/ensemble_enumeration.hpp"

namespace steer::validation {

struct count_check_config {
  int n = 12;
  double self_coupling = 0.5;
  std::int64_t networks = 1000;
  std::uint64_t seed = 1;
  bool progress = false;
};

struct count_check {
  count_check_config config;
  // #FP: theory mean and exact standard deviation (Var = E[#FP²] − E[#FP]², eq. 4 summed),
  // so the z-score needs no estimated variance and stays defined when every network has 0.
  double theory_mean = 0.0;
  double theory_sd = 0.0;
  numerics::mean_with_error measured;
  double z = 0.0;
  bool pass = false;
  // Pairs at distance d = 0..N.
  std::vector<double> theory_pairs;
  std::vector<numerics::mean_with_error> measured_pairs;
  std::vector<double> pair_z;
  double pair_z_threshold = 0.0;
  bool pairs_pass = false;
  std::map<std::uint64_t, std::uint64_t> count_distribution;
};

// Two-sided threshold of a single count test: |z| < 4 (spec §7 recommendation).
inline constexpr double count_z_threshold = 4.0;

// Threshold for the max |z| over the N/2 + 1 distinct distances of one pair profile (d and
// N − d are equal network by network), Šidák-corrected so that the whole profile has the
// false-alarm rate 2Φ(−4) ≈ 6.3e−5 of one 4σ test.
double pair_profile_z_threshold(int n);

// z-score of a pair count: (mean − theory)/se with se = max(sample SEM, √(u·theory/M)), where
// u = 2 for d ∈ {0, N} and 4 otherwise is the number of ordered pairs one unordered
// {±s, ±s'} contributes. The floor keeps rare pairs (all-zero samples) from giving se = 0.
double pair_z_score(const numerics::mean_with_error& measured, double theory, int d, int n, std::int64_t networks);

count_check run_count_check(const count_check_config& config);

// Verdict from already-enumerated networks (used when resuming a sweep).
count_check evaluate_count_check(const count_check_config& config, const numerics::ensemble_summary& summary);

}  // namespace steer::validation
