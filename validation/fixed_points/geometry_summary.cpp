// report.md's and report.json's geometry section (geometry_report.hpp).
#include <fmt/format.h>

#include "theory/local_entropy.hpp"
#include "validation/fixed_points/geometry_report.hpp"

namespace steer::validation {

nlohmann::json geometry_json(const geometry_report_config& config, const geometry_report& report) {
  nlohmann::json verdicts = nlohmann::json::array();
  for (const auto& v : report.verdicts) verdicts.push_back({{"what", v.what}, {"verdict", v.verdict}, {"numbers", v.numbers}});
  nlohmann::json modular = nlohmann::json::array();
  for (const auto& p : config.modular_points)
    modular.push_back({{"modules", p.modules}, {"module_size", p.module_size}, {"self_coupling", p.self_coupling},
                       {"inter_module_coupling", p.inter_module_coupling}, {"ring", p.ring}});
  return {{"parameters",
           {{"cluster_sizes", config.cluster_sizes}, {"cluster_self_couplings", config.cluster_self_couplings},
            {"cluster_networks", config.cluster_networks}, {"max_distance", config.max_distance},
            {"density_sizes", config.density_sizes}, {"density_self_couplings", config.density_self_couplings},
            {"density_networks", config.density_networks}, {"density_starts", config.density_starts},
            {"max_sweeps", config.max_sweeps}, {"density_radius", config.density_radius},
            {"modular_points", modular}, {"modular_networks", config.modular_networks}, {"margins", config.margins}}},
          {"verdicts", verdicts}, {"passed", report.passed()}, {"failed", report.failed()},
          {"predictions", report.predictions()}, {"reused_units", report.reused_units}};
}

std::string geometry_markdown(const geometry_report_config& config, const geometry_report& report) {
  std::string md = fmt::format(
      "## Geometry of the fixed-point set\n\n"
      "**{} of {} geometry predictions pass**; measurements are listed without a verdict.\n\n"
      "* **pair entropy** (`geometry_pair_entropy.csv`, plot `geometry_pair_entropy.png`): (1/N) ln of the enumerated "
      "mean number of ordered pairs at distance d, beside (1/N) ln E[P_N(d)] (exact finite N, spec eq. 4) and "
      "the large-N S2(q) (eq. 6). Prediction: its verdict is the pair verdict of the table above (the same numbers "
      "on a log scale), not counted again.\n"
      "* **V_ann, V_κ** (`geometry_curves.csv`, `geometry_local_entropy.png`): annealed local entropy (spec §4.2, "
      "eq. 9) for κ ∈ {{{}}}; theory only.\n"
      "* **neighbours at d = 1..{}** ({} networks per point): mean number of fixed points at distance d from a fixed "
      "point vs E[P_N(d)]/E[#FP]; prediction, PASS if every |z| < {}. **Local entropy** ⟨ln(1 + N_loc(d))⟩/N vs its "
      "Jensen bound ln(1 + E[P_N(d)]/E[#FP])/N: prediction (an inequality), PASS if below the bound + 4 SEM.\n"
      "* **largest-component fraction** (single flips) and **fraction with a neighbour at distance 1**: measurements "
      "(no theory predicts them) (`geometry_clusters.csv`, `geometry_clusters.png`).\n"
      "* **local density** of fixed points found by asynchronous dynamics ({} networks × {} starts, ≤ {} sweeps, "
      "radius {}): measurement beside the annealed value for a *typical* fixed point — no verdict, because dynamics "
      "does not sample fixed points uniformly and the annealed value is only an upper bound at large N "
      "(`geometry_local_density.csv`).\n"
      "* **modular variant** ({} networks per point): mean count vs the exact transfer-matrix count "
      "(theory/modular_count), PASS if |z| < {}; and the mean number of ordered fixed-point pairs at each distance "
      "vs the exact modular pair count (theory/modular_pair_count), PASS if max_d |z| is below the Šidák threshold "
      "as for the pairs above (`geometry_modular.csv`, `geometry_modular_pairs.csv`, `geometry_modular.png`).\n\n",
      report.passed(), report.predictions(), fmt::join(config.margins, ", "), config.max_distance,
      config.cluster_networks, cluster_z_threshold, config.density_networks, config.density_starts, config.max_sweeps,
      config.density_radius, config.modular_networks, count_z_threshold);
  md += "| J_D | min V_ann | at δ | root δ0 |\n|---|---|---|---|\n";
  for (const double jd : config.cluster_self_couplings) {
    if (jd <= 0.0) continue;  // V_ann has no negative dip to locate (spec §4.2 is for J_D > 0)
    const auto e = theory::find_local_entropy_extrema(jd);
    md += fmt::format("| {} | {:.5g} | {:.3g} | {} |\n", jd, e.minimum, e.argmin_delta,
                      e.root_delta ? fmt::format("{:.7g}", *e.root_delta) : "none");
  }
  md += "\n| what | verdict | numbers |\n|---|---|---|\n";
  for (const auto& v : report.verdicts) md += fmt::format("| {} | {} | {} |\n", v.what, v.verdict, v.numbers);
  return md + "\n";
}

}  // namespace steer::validation
