// The accessibility section of `steer report` (issue 9, Outputs: "steer report gains an
// accessibility section (curves, thresholds, MC counts vs annealed)"; spec fixed-points-theory
// §5–§6, §8):
//
//  (a) success curves of asynchronous sign dynamics vs J_D at a few N (accessibility_threshold):
//      per N, "a threshold exists" by threshold_existence.hpp (PASS when the monotone success
//      crosses 50 % inside the grid, fails (Wilson upper < 0.5) at some J_D > 0 and succeeds
//      (Wilson lower > 0.5) somewhere; FAIL when it succeeds at every J_D > 0 of the grid), printed
//      with the threshold ± its error and the budget in sweeps. The papers give no number for any
//      threshold (spec §5, §9): the thresholds, their drift with N and the extrapolation are
//      measurements (with 2-3 sizes the extrapolation's error is conditional on the 1/ln N form).
//  (b) the Monte Carlo count (count_mc_calibration) against exhaustive enumeration at small N: PASS
//      when every network's |z| is below the family-wise Student-t threshold (accessibility_rules.hpp);
//      the calibration fractions (within 1σ, 2σ) are reported.
//  (c) the quenched ⟨ln #FP⟩/N of count-mc at a modest N vs the annealed entropy ln 2 + ln Φ(a),
//      a = J_D √(N/(N−1)) (= ln E[#FP]/N exactly, spec eq. 2; its N → ∞ limit s(J_D), eq. 3, is
//      printed beside it): PASS (confirmed) within 4σ of the band [annealed − Δ, annealed], Δ the
//      log-normal estimate of Jensen's gap (accessibility_rules.hpp), FAIL (not confirmed) outside,
//      inconclusive when any network gave no estimate (they are counted, never dropped).
//
// Resumable through the libraries' own saved units (validation/ensemble/saved_unit.hpp), keyed by
// every parameter that changes them and the program version: one per (N, J_D, network) of the
// curves under <out>/points/, one per count-mc network under <out>/points/ (quenched) and
// <out>/points/count_mc_exact/ (with enumeration).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/fixed_points/accessibility_threshold.hpp"
#include "validation/fixed_points/count_mc_calibration.hpp"

namespace steer::validation {

// Largest N of the quenched count-mc point: each walk costs ~bins/final_log_f proposals of O(N), so
// beyond this a report would take hours.
inline constexpr int max_accessibility_count_mc_neurons = 1000;

struct accessibility_report_config {
  // (a) asynchronous dynamics (random-sequential order, random start, 1 restart per network).
  std::vector<int> threshold_sizes{50, 100, 200};  // strictly increasing (the extrapolation assumes it)
  std::vector<double> threshold_self_couplings;  // strictly increasing; default 0:0.8:17
  std::int64_t threshold_networks = 40;
  std::int64_t max_sweeps = 1000;
  // (b) count-mc vs enumeration, every size × J_D.
  std::vector<int> exact_sizes{16, 20, 24};
  std::vector<double> exact_self_couplings{0.5};
  std::int64_t exact_networks = 4;
  // (c) quenched vs annealed at one N.
  int quenched_size = 40;
  std::vector<double> quenched_self_couplings{0.25, 0.5, 1.0};
  std::int64_t quenched_networks = 8;
  // The count-mc estimator (its seed is `seed`).
  int walks = 8;
  double final_log_f = 1e-5;
  std::uint64_t seed = 1;
  bool progress = false;
  std::filesystem::path out;
  std::string program_version = "unknown";

  accessibility_report_config();  // fills the default J_D grid
  void validate() const;           // throws std::invalid_argument naming the bad parameter
};

// "PASS" / "FAIL" / "inconclusive" where the papers or theory predict, "measurement" otherwise.
struct accessibility_verdict {
  std::string what;
  std::string verdict;
  std::string numbers;
};

struct count_mc_point {
  int n = 0;
  double self_coupling = 0.0;
  count_mc_ensemble result;
  std::string verdict;  // PASS, FAIL or inconclusive (accessibility_report::verdicts says why)
};

struct accessibility_report {
  std::vector<threshold_result> curves;  // per threshold size
  std::optional<threshold_extrapolation> extrapolation;  // with ≥ 2 sizes
  std::vector<count_mc_point> exact;     // exact_sizes outer, exact_self_couplings inner
  std::vector<count_mc_point> quenched;  // per quenched J_D
  std::vector<accessibility_verdict> verdicts;
  int reused_units = 0;  // (N, J_D) curve points with every network reused, and reused count-mc networks
  int passed() const;
  int failed() const;
  int predictions() const;  // verdicts PASS or FAIL
};

// Runs (or resumes) the section and writes accessibility_*.csv into config.out. Collective under
// MPI, as run_count_report (each curve's and count-mc point's units spread over the ranks; rank 0
// alone writes).
accessibility_report run_accessibility_report(const accessibility_report_config& config);

// Removes the section's CSV files left in `out` by an earlier run (a run with --no-accessibility must
// not plot them).
void remove_accessibility_tables(const std::filesystem::path& out);

// The section of report.md and of report.json.
std::string accessibility_markdown(const accessibility_report_config& config, const accessibility_report& report);
nlohmann::json accessibility_json(const accessibility_report_config& config, const accessibility_report& report);

}  // namespace steer::validation
