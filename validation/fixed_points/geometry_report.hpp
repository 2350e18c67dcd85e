// The geometry section of `steer report` (issue 8, Outputs: "steer report gains a geometry
// section"; spec fixed-points-theory §3.3–§4.3): where the fixed points sit, from theory and from
// networks on the same axes.
//
//  * pair entropy: (1/N) ln of the enumerated mean number of ordered pairs at distance d (the count
//    sweep's pair profiles) beside the exact finite-N (1/N) ln E[P_N(d)] (eq. 4) and the large-N
//    S2(q) (eq. 6). Its test is the sweep's pair verdict (the same numbers on a log scale).
//  * annealed local entropy V_ann(δ) and V_κ(δ) (§4.2, eq. 9): theory curves with their extrema.
//  * clusters of enumerated networks (validation/fixed_points/cluster_check): mean number of
//    fixed points at distance d = 1..D from a fixed point vs E[P_N(d)]/E[#FP] (PASS if every
//    |z| < 4), the pooled local entropy ⟨ln(1 + N_loc)⟩/N below its Jensen bound (PASS/FAIL);
//    the largest-component fraction and the fraction with a neighbour at distance 1 are
//    measurements (no theory predicts them).
//  * local density around fixed points found by asynchronous dynamics in large networks
//    (validation/fixed_points/local_density): a measurement beside the typical annealed value,
//    no verdict (dynamics does not sample fixed points uniformly; the annealed value is an upper
//    bound, spec §4.2).
//  * the modular variant's mean count vs the exact transfer-matrix count (theory/modular_count),
//    PASS if |z| < 4, and its pair profile vs theory/modular_pair_count (Šidák-corrected 4σ).
//
// Resumable: each cluster point, modular point and local-density network is saved atomically
// under <out>/points/ with every parameter of its result and the program version, and reused only
// when all of them match and every field validates.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validation/fixed_points/cluster_check.hpp"
#include "validation/fixed_points/count_report.hpp"
#include "validation/fixed_points/local_density.hpp"

namespace steer::validation {

struct modular_point {
  int modules = 2;
  int module_size = 6;
  double self_coupling = 0.0;
  double inter_module_coupling = 0.5;
  bool ring = false;
};

struct geometry_report_config {
  // Enumerated cluster points (N × J_D).
  std::vector<int> cluster_sizes{12, 16, 20};
  std::vector<double> cluster_self_couplings{0.25, 0.5, 1.0};
  std::int64_t cluster_networks = 20;
  int max_distance = 3;  // D
  // Local density around dynamically found fixed points (N × J_D).
  std::vector<int> density_sizes{200};
  std::vector<double> density_self_couplings{0.5, 1.0};
  std::int64_t density_networks = 4;
  std::int64_t density_starts = 4;
  std::int64_t max_sweeps = 1000;
  int density_radius = 2;
  // Modular variant.
  std::vector<modular_point> modular_points{{2, 6, 0.0, 0.5, false}, {3, 4, 0.25, 0.3, true}, {2, 6, 0.5, 0.0, false}};
  std::int64_t modular_networks = 2000;
  // Theory curves: V_κ margins (J_D of the curves: the cluster J_Ds).
  std::vector<double> margins{0.25, 0.5};
  std::uint64_t seed = 1;
  bool progress = false;
  std::filesystem::path out;
  std::string program_version = "unknown";

  void validate() const;  // throws std::invalid_argument naming the bad parameter
};

// "PASS" / "FAIL" where theory predicts, "inconclusive" where it predicts but nothing could be
// measured, "measurement" where no theory predicts.
struct geometry_verdict {
  std::string what;  // e.g. "neighbours N=12 J_D=0.5"
  std::string verdict;
  std::string numbers;  // the numbers the verdict rests on
};

struct modular_result {
  modular_point point;
  std::int64_t networks = 0;
  double theory_mean = 0.0;
  numerics::mean_with_error measured;
  double z = 0.0;
  bool pass = false;
  // Ordered pairs at d = 0..N vs theory/modular_pair_count, judged as the count check's profiles.
  pair_profile pairs;
};

struct geometry_report {
  std::vector<cluster_check> clusters;  // cluster_sizes outer, cluster_self_couplings inner
  std::vector<double> cluster_self_coupling;  // J_D of each entry of `clusters`
  std::vector<local_density> densities;       // density_sizes outer, density_self_couplings inner
  std::vector<modular_result> modular;
  std::vector<geometry_verdict> verdicts;
  int reused_units = 0;  // cluster and modular points, and local-density networks
  int passed() const;
  int failed() const;
  int predictions() const;  // verdicts PASS or FAIL
};

// Runs (or resumes) the section and writes geometry_*.csv beside the count sweep's files. The
// pair-entropy table comes from `counts` (its pair profiles and verdicts). Collective under MPI,
// as run_count_report (each point's networks spread over the ranks; rank 0 alone writes).
geometry_report run_geometry_report(const geometry_report_config& config, const count_report& counts);

// The section of report.md and of report.json.
std::string geometry_markdown(const geometry_report_config& config, const geometry_report& report);
nlohmann::json geometry_json(const geometry_report_config& config, const geometry_report& report);

}  // namespace steer::validation
