// Theory against exhaustive enumeration at one (N, J_D): the mean number of fixed points
// (spec eq. 2) and the mean number of ordered fixed-point pairs at each Hamming distance
// (eq. 4), averaged over sampled networks, each with a z-score and a PASS/FAIL verdict.
//
// Every z-score is a number or ±inf, never NaN: theory is carried in the log domain, so counts
// that underflow (J_D ≪ 0) and predictions with (numerically) zero variance (J_D ≫ 1, where
// every state is fixed) get a definite verdict.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "numerics/fixed_points/ensemble_enumeration.hpp"
#include "validation/ensemble/shard_range.hpp"

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
  // The logs stay finite where the values underflow to 0.
  double theory_log_mean = 0.0;
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

// Relative accuracy claimed for the theory values (docs/theory: ≲ 1e−14). A prediction whose
// sampling error is below it (J_D ≫ 1: every network has all 2^N states fixed) is compared
// at this precision instead of with a zero standard error.
inline constexpr double theory_relative_accuracy = 1e-13;

// Threshold for the max |z| over the N/2 + 1 distinct distances of one pair profile (d and
// N − d are equal network by network), Šidák-corrected so that the whole profile has the
// false-alarm rate 2Φ(−4) ≈ 6.3e−5 of one 4σ test.
double pair_profile_z_threshold(int n);

// z = (mean − E[#FP]) / (σ/√M) with ln E[#FP] and ln E[#FP²] given, σ² = E[#FP²] − E[#FP]²,
// and σ/√M floored at theory_relative_accuracy · E[#FP]. Finite or ±inf, never NaN: 0 when
// theory and measurement are both 0; +inf when fixed points were found where theory has none.
double count_z_score(double measured_mean, double log_theory_mean, double log_theory_second_moment,
                     std::int64_t networks);

// Ordered pairs that one unordered set {±s, ±s'} at distance d contributes to distance d:
// 2 for d ∈ {0, N} (s' = ±s), 8 at d = N/2 (−s' is at distance N/2 too), 4 otherwise.
int pair_multiplicity(int d, int n);

// z-score of a pair count: (mean − theory)/se with se = max(sample SEM, √(u·theory/M),
// theory_relative_accuracy · theory), u = pair_multiplicity(d, n). The Poisson-like floor keeps
// rare pairs (all-zero samples) from giving se = 0.
double pair_z_score(const numerics::mean_with_error& measured, double theory, int d, int n, std::int64_t networks);

// What each enumerated network keeps besides its count: its pair histogram (count checks), its
// sorted fixed points (cluster geometry) or nothing.
enum class enumeration_keeps { pair_histograms, fixed_points, count_only };

// The enumeration options of every validation sweep over sampled networks (count checks, the
// report's points, cluster checks): networks [networks.begin, networks.end) of the streams keyed by
// `seed` — all of them ({0, M}) in one process, a rank's block under MPI.
numerics::ensemble_options ensemble_options_for(std::uint64_t seed, index_range networks, bool progress,
                                                enumeration_keeps keeps);

// Networks 0..networks−1 of `source` enumerated with their pair histograms, each rank of the
// process group a block of them (validation/ensemble/group_blocks.hpp): all of them in network
// order on every rank, as one process would enumerate them.
std::vector<numerics::network_fixed_points> enumerate_on_group(const numerics::network_source& source, std::uint64_t seed,
                                                               std::int64_t networks, bool progress);

// A pair profile d = 0..N judged against theory: z_d = pair_z_score, PASS iff every |z_d| is below
// pair_profile_z_threshold(n).
struct pair_profile {
  std::vector<double> theory;
  std::vector<numerics::mean_with_error> measured;
  std::vector<double> z;
  double z_threshold = 0.0;
  bool pass = false;
  double max_abs_z() const;
};
pair_profile judge_pair_profile(std::vector<double> theory, std::vector<numerics::mean_with_error> measured, int n,
                                std::int64_t networks);

count_check run_count_check(const count_check_config& config);

// Verdict from already-enumerated networks (used when resuming a sweep).
count_check evaluate_count_check(const count_check_config& config, const numerics::ensemble_summary& summary);

}  // namespace steer::validation
